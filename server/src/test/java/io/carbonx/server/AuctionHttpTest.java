package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A primary auction run over the HTTP API against the real server: the regulator opens and closes it, bidders submit,
 * amend and withdraw bids for their accounts, and the auctions and settlement reports show what moved.
 */
class AuctionHttpTest
{
    @TempDir
    Path folder;

    private TestExchange exchange;
    private ApiClient api;

    @BeforeEach
    void startServer() throws Exception
    {
        exchange = TestExchange.http(folder);
        api = exchange.api();
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    @Test
    void uniformPriceAuctionClearsAndSettles() throws Exception
    {
        final Instant end = Instant.now().plusMillis(1_500);
        final String open = "{\"auctionId\":1,\"instrument\":\"CEA-2025\",\"auctionAccount\":8001,\"volume\":10000," +
            "\"reservePrice\":\"80.00\",\"maxShareBps\":6000,\"bidWindowStart\":\"" + Instant.now().minusSeconds(1) +
            "\",\"bidWindowEnd\":\"" + end + "\"}";
        assertEquals(403, api.post(HUANENG, "/commands/open-auction", open).status());
        final JsonNode opened = ok(REGULATOR, "open-auction", open).get("events").get(0);
        assertEquals("AuctionOpened", opened.get("type").asText());
        assertEquals(6_000, opened.get("maxBidderQuantity").asLong());

        ok(HUANENG, "submit-auction-bid", bid(1, 1001, "90.00", 6_000));
        assertEquals("BIDDER_CAP_EXCEEDED",
            api.post(HUANENG, "/commands/submit-auction-bid", bid(2, 1001, "90.00", 1)).error());
        assertEquals(403, api.post(HUANENG, "/commands/submit-auction-bid", bid(3, 1002, "90.00", 1)).status());
        ok(BROKER1, "submit-auction-bid", bid(3, 1002, "88.00", 5_000));
        final JsonNode amended = ok(BROKER1, "amend-auction-bid", bid(3, 1002, "89.00", 5_000)).get("events").get(0);
        assertEquals("AuctionBidAmended", amended.get("type").asText());
        assertEquals("445000.00", amended.get("reservedAmount").asText());
        ok(CITIC, "submit-auction-bid", bid(4, 3001, "85.00", 3_000));
        final JsonNode withdrawn = ok(CITIC, "withdraw-auction-bid", "{\"auctionId\":1,\"bidId\":4,\"account\":3001}")
            .get("events").get(0);
        assertEquals("255000.00", withdrawn.get("releasedAmount").asText());
        assertEquals("AUCTION_WINDOW_NOT_ENDED", api.post(REGULATOR, "/commands/close-auction", "{\"auctionId\":1}")
            .error());

        // A refused close changes nothing: send it until the window has ended on the exchange's clock.
        final Answer closed = await("the bid window ends").atMost(Duration.between(Instant.now(), end).plusSeconds(10))
            .until(() -> api.post(REGULATOR, "/commands/close-auction", "{\"auctionId\":1}"),
                sent -> !"AUCTION_WINDOW_NOT_ENDED".equals(sent.error()));
        assertEquals(200, closed.status(), closed.body());
        final JsonNode events = closed.json().get("events");
        final JsonNode result = events.get(events.size() - 1);
        assertEquals("AuctionResult", result.get("type").asText());
        assertEquals("89.00", result.get("clearingPrice").asText());
        assertEquals(10_000, result.get("volumeSold").asLong());
        assertEquals("890000.00", result.get("proceeds").asText());

        final JsonNode report = api.get(REGULATOR, "/reports/auctions?date=open").json().get("rows");
        final List<String> lines = new ArrayList<>();
        long allocated = 0;
        for (final JsonNode row : report)
        {
            lines.add(row.get("line").asText());
            if (row.get("line").asText().equals("ALLOCATION"))
            {
                allocated += row.get("quantity").asLong();
            }
        }
        assertEquals(List.of("ALLOCATION", "ALLOCATION", "RESULT"), lines);
        assertEquals(10_000, allocated);

        final JsonNode statements = api.get(REGULATOR, "/reports/settlement?date=open").json().get("rows");
        BigDecimal auctionCash = BigDecimal.ZERO;
        for (final JsonNode row : statements)
        {
            if (row.get("line").asText().equals("CLOSING"))
            {
                assertEquals("ok", row.get("check").asText(), row.toString());
            }
            if (row.get("account").asLong() == 8001 && row.get("line").asText().equals("AUCTION_SALE"))
            {
                auctionCash = auctionCash.add(new BigDecimal(row.get("cash").asText()));
                assertEquals(-10_000, row.get("units").asLong());
            }
        }
        assertEquals(new BigDecimal("890000.00"), auctionCash);
        assertEquals("890000.00", api.get(REGULATOR, "/accounts/8001").json().get("cash").get("total").asText());
        final Answer log = api.get(REGULATOR, "/reports/registry-log?date=open");
        assertTrue(log.body().contains("AUCTION_DELIVERY"), log.body());
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + " " + body + ": " + answer.body());
        return answer.json();
    }

    private static String bid(final long bidId, final long account, final String price, final long quantity)
    {
        return "{\"auctionId\":1,\"bidId\":" + bidId + ",\"account\":" + account + ",\"price\":\"" + price +
            "\",\"quantity\":" + quantity + "}";
    }
}
