package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.CrossID;
import quickfix.field.CrossPrioritization;
import quickfix.field.CrossType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderCross;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history of single tonnes over the real server: a listed trade and a block trade over FIX, a primary auction and
 * a compliance surrender over HTTP, then {@code GET /serials/{instrument}/{serial}} for a tonne each of them moved.
 * The serials expected are derived from the demo's genesis holdings and the rule that units leave a holding oldest
 * first.
 */
class SerialHistoryHttpTest
{
    private static final String CEA = "CEA-2025";

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
    void aTonnesHistoryFollowsItThroughTradesBlockTradesAuctionsAndSurrender() throws Exception
    {
        // Genesis: 1001's CEA-2025 is one block, 8001's (the auction account) another.
        final long first1001 = onlyBlock(HUANENG, 1001)[0];
        final long first8001 = onlyBlock(REGULATOR, 8001)[0];
        final int ceaId = holding(HUANENG, 1001).get("instrumentId").asInt();

        // A listed trade: 1001 sells 100 t to 3001, its 100 oldest serials.
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");
        broker.send(TestExchange.limitOrder("S-1", "1001", CEA, '2', 100, "92.00", '1'));
        assertEquals('0', broker.next("8", WAIT).getChar(150));
        citic.send(TestExchange.limitOrder("B-1", "3001", CEA, '1', 100, "92.00", '1'));
        assertEquals('0', citic.next("8", WAIT).getChar(150));
        assertEquals('F', citic.next("8", WAIT).getChar(150));
        assertEquals('F', broker.next("8", WAIT).getChar(150));

        // A block trade: 1001 sells 100,000 t to 1002, the next 100,000 serials.
        broker.send(cross("1002", "1001", 100_000, "93.00"));
        for (int i = 0; i < 2; i++)
        {
            final Message report = broker.next("8", WAIT);
            assertEquals('F', report.getChar(150), report.toString());
        }

        // An auction: 1002 wins 1,000 t of 8001's, its oldest.
        final Instant end = Instant.now().plusMillis(1_500);
        ok(REGULATOR, "open-auction", "{\"auctionId\":7,\"instrument\":\"CEA-2025\",\"auctionAccount\":8001," +
            "\"volume\":1000,\"reservePrice\":\"80.00\",\"maxShareBps\":10000,\"bidWindowStart\":\"" +
            Instant.now().minusSeconds(1) + "\",\"bidWindowEnd\":\"" + end + "\"}");
        ok(BROKER1, "submit-auction-bid",
            "{\"auctionId\":7,\"bidId\":1,\"account\":1002,\"price\":\"85.00\",\"quantity\":1000}");
        final Answer closed = await("the bid window ends").atMost(Duration.between(Instant.now(), end).plusSeconds(10))
            .until(() -> api.post(REGULATOR, "/commands/close-auction", "{\"auctionId\":7}"),
                sent -> !"AUCTION_WINDOW_NOT_ENDED".equals(sent.error()));
        assertEquals(200, closed.status(), closed.body());

        // The day ends (bought units become available); 1002 surrenders its 50,000 genesis tonnes and 20 more: the
        // first 20 it received in the block trade.
        final LocalDate day = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusDays(1);
        ok(REGULATOR, "end-of-trading-day", "{\"tradingDate\":\"" + day + "\"}");
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" + Instant.now().plusSeconds(3_600) +
            "\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1002,\"emissions\":60000}");
        final JsonNode surrendered = ok(BROKER1, "surrender-units",
            "{\"year\":2025,\"account\":1002,\"instrument\":\"CEA-2025\",\"quantity\":50020}");
        final List<String> surrenderedBlocks = new ArrayList<>();
        for (final JsonNode event : surrendered.get("events"))
        {
            for (final JsonNode block : event.path("blocks"))
            {
                surrenderedBlocks.add(block.get("first").asLong() + "-" + block.get("last").asLong());
            }
        }
        final long blockFirst = first1001 + 100;
        assertEquals(2, surrenderedBlocks.size(), "the genesis block and the block trade's first 20: " +
            surrenderedBlocks);
        assertEquals(blockFirst + "-" + (blockFirst + 19), surrenderedBlocks.get(1));

        // A tonne of the listed trade: issued to 1001, traded to 3001, held there.
        final long traded = first1001 + 49;
        final JsonNode tradedHistory = history(CITIC, CEA, traded);
        final JsonNode listedTrade = api.get(CITIC, "/trades?account=3001&date=" + day).json().get("trades").get(0);
        assertMovements(tradedHistory, List.of("ISSUE 0>1001", "TRADE 1001>3001"));
        assertBlock(tradedHistory.get("movements").get(1), first1001, first1001 + 99);
        assertEquals(listedTrade.get("tradeId").asLong(), tradedHistory.get("movements").get(1).get("tradeId")
            .asLong());
        assertEquals("92.00", tradedHistory.get("movements").get(1).get("price").asText());
        assertTrue(tradedHistory.get("movements").get(1).get("time").asText().endsWith("+08:00"),
            "times in the scheme's zone (the demo's calendar is Asia/Shanghai): " + tradedHistory);
        assertEquals("HELD", tradedHistory.get("current").get("state").asText());
        assertEquals(3001, tradedHistory.get("current").get("account").asLong());

        // A tonne of the block trade: issued to 1001, block-traded to 1002, surrendered.
        final long blockTraded = blockFirst + 10;
        final JsonNode blockHistory = history(REGULATOR, CEA, blockTraded);
        assertMovements(blockHistory, List.of("ISSUE 0>1001", "BLOCK_TRADE 1001>1002", "SURRENDER 1002>0"));
        assertBlock(blockHistory.get("movements").get(1), blockFirst, blockFirst + 99_999);
        assertEquals("93.00", blockHistory.get("movements").get(1).get("price").asText());
        assertBlock(blockHistory.get("movements").get(2), blockFirst, blockFirst + 19);
        assertEquals(2025, blockHistory.get("movements").get(2).get("year").asInt());
        assertEquals("SURRENDERED", blockHistory.get("current").get("state").asText());
        assertEquals(blockHistory, history(HUANENG, CEA, blockTraded), "1001 held it");
        final Answer notTheirs = api.get(CITIC, "/serials/CEA-2025/" + blockTraded);
        assertEquals(403, notTheirs.status(), notTheirs.body());
        assertTrue(notTheirs.error().contains("no account it may act for held serial " + blockTraded),
            notTheirs.error());

        // A tonne of the auction, by instrument id: issued to 8001, delivered to 1002, held there.
        final long auctioned = first8001 + 5;
        final JsonNode auctionHistory = history(BROKER1, Integer.toString(ceaId), auctioned);
        assertMovements(auctionHistory, List.of("ISSUE 0>8001", "AUCTION_DELIVERY 8001>1002"));
        assertBlock(auctionHistory.get("movements").get(1), first8001, first8001 + 999);
        assertEquals(7, auctionHistory.get("movements").get(1).get("auctionId").asLong());
        assertEquals("85.00", auctionHistory.get("movements").get(1).get("price").asText());
        assertEquals(1002, auctionHistory.get("current").get("account").asLong());
        assertEquals(CEA, auctionHistory.get("instrument").asText());

        // Serials and instruments that are not there.
        final Answer never = api.get(REGULATOR, "/serials/CEA-2025/999999999999");
        assertEquals(404, never.status());
        assertTrue(never.error().startsWith("serial 999999999999 of CEA-2025 was never issued; issued so far: 1.."),
            never.error());
        assertEquals(404, api.get(REGULATOR, "/serials/CEA-1999/1").status());
        assertEquals(400, api.get(REGULATOR, "/serials/CEA-2025/abc").status());
        assertEquals(400, api.get(REGULATOR, "/serials/CEA-2025/0").status());
    }

    /**
     * 1001 pledges all but 100 of its one genesis block: those exact serials stay with it while a transfer takes the
     * unpledged rest, and the history shows each tonne's PLEDGE and RELEASE.
     */
    @Test
    void aPledgedTonneStaysWithItsHolderUntilReleased() throws Exception
    {
        final long[] block = onlyBlock(HUANENG, 1001);
        final long first = block[0];
        final long last = block[1];
        final long pledged = last - first + 1 - 100;
        final String pledge = "{\"account\":1001,\"instrument\":\"" + CEA + "\",\"quantity\":";
        ok(BROKER1, "pledge-units", pledge + pledged + "}");
        assertEquals(List.of(first, first + pledged - 1), blocks(holding(HUANENG, 1001).get("pledgedBlocks")));

        final String transfer = "{\"fromAccount\":1001,\"toAccount\":3001,\"instrument\":\"" + CEA +
            "\",\"quantity\":";
        final Answer tooMany = api.post(HUANENG, "/commands/transfer-units", transfer + "101}");
        assertEquals(422, tooMany.status(), tooMany.body());
        assertEquals("INSUFFICIENT_UNITS", tooMany.error());
        ok(HUANENG, "transfer-units", transfer + "100}");
        assertEquals(List.of(), blocks(holding(HUANENG, 1001).get("serialBlocks")));

        ok(BROKER1, "unpledge-units", pledge + "10}");
        final JsonNode holding = holding(HUANENG, 1001);
        assertEquals(List.of(first + 10, first + pledged - 1), blocks(holding.get("pledgedBlocks")));
        assertEquals(List.of(first, first + 9), blocks(holding.get("serialBlocks")));

        final JsonNode stillPledged = history(HUANENG, CEA, first + 10);
        assertMovements(stillPledged, List.of("ISSUE 0>1001", "PLEDGE 1001>1001"));
        assertBlock(stillPledged.get("movements").get(1), first, first + pledged - 1);
        assertEquals(1001, stillPledged.get("current").get("account").asLong());
        assertTrue(stillPledged.get("current").get("pledged").asBoolean(), stillPledged.toString());

        final JsonNode released = history(HUANENG, CEA, first + 5);
        assertMovements(released, List.of("ISSUE 0>1001", "PLEDGE 1001>1001", "RELEASE 1001>1001"));
        assertBlock(released.get("movements").get(2), first, first + 9);
        assertEquals(false, released.get("current").get("pledged").asBoolean(), released.toString());

        final JsonNode transferred = history(CITIC, CEA, last);
        assertMovements(transferred, List.of("ISSUE 0>1001", "TRANSFER 1001>3001"));
        assertBlock(transferred.get("movements").get(1), last - 99, last);
    }

    private static List<Long> blocks(final JsonNode blocks)
    {
        final List<Long> bounds = new ArrayList<>();
        for (final JsonNode block : blocks)
        {
            bounds.add(block.get("start").asLong());
            bounds.add(block.get("end").asLong());
        }
        return bounds;
    }

    private JsonNode history(final String token, final String instrument, final long serial) throws Exception
    {
        final Answer answer = api.get(token, "/serials/" + instrument + "/" + serial);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(serial, answer.json().get("serial").asLong());
        return answer.json();
    }

    private static void assertMovements(final JsonNode history, final List<String> expected)
    {
        final List<String> movements = new ArrayList<>();
        long sequence = 0;
        for (final JsonNode movement : history.get("movements"))
        {
            movements.add(movement.get("operation").asText() + " " + movement.get("from").asLong() + ">" +
                movement.get("to").asLong());
            assertTrue(movement.get("sequence").asLong() > sequence, "in command order: " + history);
            sequence = movement.get("sequence").asLong();
        }
        assertEquals(expected, movements, history.toString());
    }

    private static void assertBlock(final JsonNode movement, final long first, final long last)
    {
        assertEquals(first, movement.get("block").get("first").asLong(), movement.toString());
        assertEquals(last, movement.get("block").get("last").asLong(), movement.toString());
    }

    private JsonNode holding(final String token, final long account) throws Exception
    {
        for (final JsonNode holding : api.get(token, "/accounts/" + account + "/holdings").json().get("holdings"))
        {
            if (holding.get("instrument").asText().equals(CEA))
            {
                return holding;
            }
        }
        throw new AssertionError("account " + account + " holds no " + CEA);
    }

    private long[] onlyBlock(final String token, final long account) throws Exception
    {
        final JsonNode blocks = holding(token, account).get("serialBlocks");
        assertEquals(1, blocks.size(), "the demo issues each genesis holding as one block: " + blocks);
        return new long[] {blocks.get(0).get("start").asLong(), blocks.get(0).get("end").asLong()};
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + ": " + answer.body());
        return answer.json();
    }

    private static NewOrderCross cross(final String buyer, final String seller, final long quantity, final String price)
    {
        final NewOrderCross cross = new NewOrderCross(new CrossID("BLK-1"), new CrossType(1),
            new CrossPrioritization(CrossPrioritization.NONE), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
        cross.set(new Symbol(CEA));
        cross.set(new Price(Double.parseDouble(price)));
        cross.addGroup(side('1', "BB-1", buyer, quantity));
        cross.addGroup(side('2', "BS-1", seller, quantity));
        return cross;
    }

    private static NewOrderCross.NoSides side(final char side, final String clOrdId, final String account,
        final long quantity)
    {
        final NewOrderCross.NoSides group = new NewOrderCross.NoSides();
        group.set(new quickfix.field.Side(side));
        group.set(new ClOrdID(clOrdId));
        group.set(new Account(account));
        group.set(new OrderQty(quantity));
        return group;
    }
}
