package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members trade over FIX against the real server and the regulator reads the surveillance alerts over HTTP: a trade
 * near the band, a round trip between two accounts of broker 1, a self-trade prevented, and large orders cancelled at
 * once; the alerts are back after a restart, and only a regulator may read them.
 * <p>
 * The demo's CEA-2025 has its reference at 92.00 and a band of 1000 bps: 82.80 to 101.20; within 50 bps (0.46) of
 * 101.20 is 100.74 and up. Layering here is two orders of 1000 t or more cancelled within 60 s.
 */
class SurveillanceHttpTest
{
    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private static final ObjectMapper JSON = new ObjectMapper();

    private int clOrdIds;

    /**
     * The regulator's live channel: an order that meets its own account's order arrives as an {@code alert} event with
     * the alert's JSON as {@code GET /surveillance/alerts} gives it; a stream opened later with {@code since=} that
     * alert's sequence starts with the next one; an enterprise is refused.
     */
    @Test
    void aRegulatorFollowsTheAlertsLiveOverServerSentEvents() throws Exception
    {
        final TestExchange exchange = running.start(folder, withSurveillance());
        final ApiClient api = exchange.api();
        final int port = exchange.server().httpPort();
        final Answer enterprise = api.get(CITIC, "/surveillance/stream");
        assertEquals(403, enterprise.status(), enterprise.body());
        assertEquals("only a regulator may follow surveillance alerts; user 'citic' is ENTERPRISE", enterprise.error());
        assertEquals(400, api.get(REGULATOR, "/surveillance/stream?since=-1").status());

        final FixClient broker = exchange.connect("BROKER1");
        try (Socket live = new Socket("127.0.0.1", port); BufferedReader events = stream(live, ""))
        {
            // a stream that stops sending fails the test rather than hanging it
            final JsonNode first = assertTimeoutPreemptively(Duration.ofSeconds(40), () ->
            {
                broker.send(order("1001", '2', 10, "95.00"));
                broker.send(order("1001", '1', 10, "95.00"));
                return nextAlert(events);
            });
            assertEquals("WASH_TRADE_ATTEMPT", first.get("kind").asText());
            assertEquals("[1001]", first.get("accounts").toString());
            assertEquals(alerts(api, "").get(0), first, "the same JSON as GET /surveillance/alerts");

            final JsonNode second = assertTimeoutPreemptively(Duration.ofSeconds(40), () ->
            {
                // the prevention cancelled the incoming buy: 1001's sale still rests, and meets its buy again
                broker.send(order("1001", '1', 5, "95.00"));
                return nextAlert(events);
            });
            assertEquals("WASH_TRADE_ATTEMPT", second.get("kind").asText());
            assertEquals("[1001]", second.get("accounts").toString());
            assertTrue(second.get("sequence").asLong() > first.get("sequence").asLong());

            // an alert is handed on once committed to the analytic store: both are rows already, readable with SQL
            final Answer rows = api.post(REGULATOR, "/sql",
                "SELECT sequence, alert, kind, accounts, broker, figures FROM alerts ORDER BY sequence, alert");
            assertEquals(200, rows.status(), rows.body());
            assertEquals(List.of(storeRow(first), storeRow(second)), List.of(rows.json().get("rows").get(0).toString(),
                rows.json().get("rows").get(1).toString()));
            assertEquals(2, rows.json().get("rowCount").asLong());
            final HttpResponse<byte[]> parquet = api.raw(REGULATOR, "GET", "/export/alerts?format=parquet", null);
            assertEquals(200, parquet.statusCode());
            assertEquals("application/vnd.apache.parquet", parquet.headers().firstValue("Content-Type").orElseThrow());

            // resuming after the first: the second comes first, from the book, with nothing before it
            try (Socket resumed = new Socket("127.0.0.1", port);
                BufferedReader again = stream(resumed, "?since=" + first.get("sequence").asLong()))
            {
                assertEquals(second, assertTimeoutPreemptively(Duration.ofSeconds(40), () -> nextAlert(again)));
            }
            // and from the start: both, in order
            try (Socket socket = new Socket("127.0.0.1", port); BufferedReader all = stream(socket, ""))
            {
                assertEquals(List.of(first, second), assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> List.of(nextAlert(all), nextAlert(all))));
            }
        }
    }

    /**
     * @return the store's row of a self-trade alert, from its JSON: figures are fixed-point integers.
     */
    private static String storeRow(final JsonNode alert)
    {
        final String figures = "{\"incomingOrderId\":" + alert.get("incomingOrderId").asLong() +
            ",\"restingOrderId\":" + alert.get("restingOrderId").asLong() + "}";
        return JSON.createArrayNode().add(alert.get("sequence").asLong()).add(0).add("WASH_TRADE_ATTEMPT").add("[1001]")
            .addNull().add(figures).toString();
    }

    /**
     * Ask for the stream over a plain socket and read its head: 200, an event stream, chunked (each event one chunk;
     * {@link #nextAlert} skips the chunk-size lines).
     */
    private static BufferedReader stream(final Socket socket, final String query) throws Exception
    {
        socket.setSoTimeout(40_000);
        socket.getOutputStream().write(("GET /surveillance/stream" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Authorization: Bearer " + REGULATOR + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        final BufferedReader reader =
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("HTTP/1.1 200 OK", reader.readLine());
        final List<String> head = new ArrayList<>();
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine())
        {
            head.add(line.toLowerCase(java.util.Locale.ROOT));
        }
        assertTrue(head.contains("content-type: text/event-stream; charset=utf-8"), head.toString());
        assertTrue(head.contains("transfer-encoding: chunked"), head.toString());
        return reader;
    }

    /**
     * @return the data of the next {@code alert} event, skipping comments (heartbeats).
     */
    private static JsonNode nextAlert(final BufferedReader events) throws Exception
    {
        String event = null;
        for (String line = events.readLine(); line != null; line = events.readLine())
        {
            if (line.startsWith("event: "))
            {
                event = line.substring("event: ".length());
            }
            else if (line.startsWith("data: ") && "alert".equals(event))
            {
                return JSON.readTree(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    void membersTradingOverFixRaiseAlertsTheRegulatorReadsAndARestartKeeps() throws Exception
    {
        final ExchangeConfig config = withSurveillance();
        final TestExchange exchange = running.start(folder, config);
        final ApiClient api = exchange.api();
        final List<FixClient> members = exchange.connectAll("BROKER1", "CITIC");
        final FixClient broker = members.get(0);
        final FixClient citic = members.get(1);

        // 1001 sells to 1002 at 101.00, 0.20 from the upper edge; then 1002 sells back to 1001: both are broker 1's
        broker.send(order("1001", '2', 100, "101.00"));
        broker.send(order("1002", '1', 100, "101.00"));
        broker.send(order("1002", '2', 100, "101.00"));
        broker.send(order("1001", '1', 100, "101.00"));
        // 1001 meets its own order
        broker.send(order("1001", '2', 10, "95.00"));
        broker.send(order("1001", '1', 10, "95.00"));
        // (two FIX sessions do not order each other's orders: broker 1's alerts first)
        awaitAlerts(api, 3);
        // CITIC places 1000 t twice and cancels each at once
        for (int i = 0; i < 2; i++)
        {
            final Message placed = order("3001", '1', 1_000, "85.00");
            citic.send(placed);
            citic.send(cancel(placed));
        }

        final JsonNode alerts = awaitAlerts(api, 4);
        assertEquals(List.of("PRICE_NEAR_BAND", "WASH_TRADE_ATTEMPT", "WASH_TRADE_ATTEMPT", "LAYERING"),
            kinds(alerts), alerts.toString());

        final JsonNode nearBand = alerts.get(0);
        assertEquals("CEA-2025", nearBand.get("instrument").asText());
        assertEquals("101.00", nearBand.get("price").asText());
        assertEquals("92.00", nearBand.get("referencePrice").asText());
        assertEquals("82.80", nearBand.get("lowestPrice").asText());
        assertEquals("101.20", nearBand.get("highestPrice").asText());
        assertEquals(21, nearBand.get("distanceBps").asLong(), "0.20 of 92.00 is 21.7 bps, rounded down");
        assertEquals("[1002,1001]", nearBand.get("accounts").toString(), "buyer, seller");
        assertTrue(nearBand.get("time").asText().endsWith("+08:00"), "in the scheme's zone: " + nearBand);

        final JsonNode roundTrip = alerts.get(1);
        assertEquals("[1002,1001]", roundTrip.get("accounts").toString(), "seller, buyer of the trade back");
        assertEquals(1, roundTrip.get("broker").asInt());
        assertEquals(100, roundTrip.get("quantity").asLong());
        assertEquals("101.00", roundTrip.get("price").asText());
        assertTrue(roundTrip.get("sequence").asLong() > nearBand.get("sequence").asLong());

        final JsonNode selfTrade = alerts.get(2);
        assertEquals("[1001]", selfTrade.get("accounts").toString());
        assertFalse(selfTrade.has("broker"));
        assertTrue(selfTrade.get("detail").asText().contains("self-trade prevention"), selfTrade.toString());

        final JsonNode layering = alerts.get(3);
        assertEquals("[3001]", layering.get("accounts").toString());
        assertEquals(2, layering.get("cancels").asLong());
        assertEquals(2_000, layering.get("cancelledQuantity").asLong());

        // filters and pages
        assertEquals(List.of("LAYERING"), kinds(alerts(api, "?kind=LAYERING")));
        final long selfTradeSequence = selfTrade.get("sequence").asLong();
        assertEquals(List.of("LAYERING"), kinds(alerts(api, "?since=" + selfTradeSequence)));
        assertEquals(List.of("PRICE_NEAR_BAND", "WASH_TRADE_ATTEMPT"), kinds(alerts(api, "?limit=2")));

        // regulators only; bad parameters are named
        final Answer enterprise = api.get(CITIC, "/surveillance/alerts");
        assertEquals(403, enterprise.status(), enterprise.body());
        assertEquals("only a regulator may read surveillance alerts; user 'citic' is ENTERPRISE", enterprise.error());
        assertBadRequest(api, "?kind=SPOOFING", "query parameter 'kind': must be one of [WASH_TRADE_ATTEMPT, " +
            "LAYERING, CONCENTRATION, PRICE_NEAR_BAND], was 'SPOOFING'");
        assertBadRequest(api, "?since=yesterday", "query parameter 'since': expected an integer, was 'yesterday'");
        assertBadRequest(api, "?since=-1", "query parameter 'since': expected a journal sequence, 0 or more, was -1");
        assertBadRequest(api, "?limit=0", "query parameter 'limit': must be 1 to 1000, was 0");

        // one more quick cancel before a restart; the restart replays the journal: the same alerts, and the monitor
        // remembers that cancel, so one more after the restart makes two
        final Message before = order("3001", '1', 1_000, "84.00");
        citic.send(before);
        citic.send(cancel(before));
        assertEquals('0', nextReport(citic, before), "placed");
        assertEquals('4', nextReport(citic, before), "cancelled");
        running.stop();
        final TestExchange restarted = running.start(folder, config);
        final ApiClient again = restarted.api();
        assertEquals(alerts, awaitAlerts(again, 4));
        final FixClient citicAgain = restarted.connect("CITIC");
        final Message after = order("3001", '1', 1_000, "84.00");
        citicAgain.send(after);
        citicAgain.send(cancel(after));
        final JsonNode five = awaitAlerts(again, 5);
        assertEquals(alerts, withoutLast(five), "the alerts before the restart stay first");
        final JsonNode spanning = five.get(4);
        assertEquals("LAYERING", spanning.get("kind").asText());
        assertEquals(2, spanning.get("cancels").asLong(), "one cancel before the restart, one after");
        assertTrue(spanning.get("firstOrderId").asLong() < spanning.get("lastOrderId").asLong());
    }

    /**
     * @return the OrdStatus (39) of the next ExecutionReport for this order's ClOrdID (its own or a cancel's).
     */
    private static char nextReport(final FixClient client, final Message order) throws Exception
    {
        while (true)
        {
            final Message report = client.next("8", TestExchange.WAIT);
            assertNotNull(report, "no report for " + order.getString(11));
            final String origin = report.isSetField(41) ? report.getString(41) : report.getString(11);
            if (origin.equals(order.getString(11)))
            {
                return report.getChar(39);
            }
        }
    }

    private static JsonNode withoutLast(final JsonNode alerts)
    {
        final ArrayNode copy = alerts.deepCopy();
        copy.remove(copy.size() - 1);
        return copy;
    }

    private static JsonNode awaitAlerts(final ApiClient api, final int count)
    {
        final JsonNode[] alerts = new JsonNode[1];
        await("" + count + " alerts").atMost(Duration.ofSeconds(20)).until(() ->
        {
            alerts[0] = alerts(api, "");
            return alerts[0].size() >= count;
        });
        assertEquals(count, alerts[0].size(), alerts[0].toString());
        return alerts[0];
    }

    private static JsonNode alerts(final ApiClient api, final String query) throws Exception
    {
        final Answer answer = api.get(REGULATOR, "/surveillance/alerts" + query);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("alerts");
    }

    private static void assertBadRequest(final ApiClient api, final String query, final String error)
        throws Exception
    {
        final Answer answer = api.get(REGULATOR, "/surveillance/alerts" + query);
        assertEquals(400, answer.status(), answer.body());
        assertEquals(error, answer.error());
    }

    private static List<String> kinds(final JsonNode alerts)
    {
        final List<String> kinds = new ArrayList<>();
        alerts.forEach(alert -> kinds.add(alert.get("kind").asText()));
        return kinds;
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("S-" + ++clOrdIds, account, "CEA-2025", side, quantity, price, '1');
    }

    private Message cancel(final Message placed) throws Exception
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, "S-" + ++clOrdIds);
        cancel.setString(41, placed.getString(11));
        cancel.setString(1, placed.getString(1));
        cancel.setString(55, placed.getString(55));
        cancel.setChar(54, placed.getChar(54));
        cancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        return cancel;
    }

    /**
     * The demo with layering at two orders of 1000 t cancelled within 60 s, over 10 minutes.
     */
    private ExchangeConfig withSurveillance()
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.SchemeConfig changed = new ExchangeConfig.SchemeConfig(scheme.name(),
            scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(),
            scheme.blockThreshold(), scheme.blockPriceBandBps(), scheme.blockTradesInClose(), scheme.preset(),
            scheme.compliance(), scheme.calendar(), scheme.referencePriceWindow(), scheme.fourEyes(),
            new ExchangeConfig.SurveillanceConfig(null, null, 1_000L, 60_000L, 2, 600L, null, null, null, null));
        return new ExchangeConfig(demo.server(), changed, demo.instruments(), demo.accounts(), demo.sessions(),
            demo.apiUsers(), demo.http()).validate();
    }
}
