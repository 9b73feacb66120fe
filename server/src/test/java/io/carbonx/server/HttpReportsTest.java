package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carbonx.reports.Reports;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members trade over FIX (QuickFIX/J against the real server), the regulator closes the day over HTTP, and the
 * reports built from the journal agree with the trades and with the registry.
 */
class HttpReportsTest
{
    private static final String DAY = "2026-11-20";

    @TempDir
    Path folder;

    private TestExchange exchange;
    private ApiClient api;
    private int clOrdIds;

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
    void statementsReconcileWithTheRegistryAndTheMarketReportMatchesTheTrades() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");
        broker.send(order("1001", '2', 100, "92.00"));
        assertEquals('0', broker.next("8", WAIT).getChar(150));
        citic.send(order("3001", '1', 60, "92.50"));
        assertEquals('0', citic.next("8", WAIT).getChar(150));
        assertEquals('F', citic.next("8", WAIT).getChar(150));
        assertEquals('F', broker.next("8", WAIT).getChar(150), "the sell's partial fill");
        broker.send(order("1001", '2', 50, "91.80"));
        assertEquals('0', broker.next("8", WAIT).getChar(150));
        citic.send(order("3001", '1', 50, "91.80"));
        assertEquals('0', citic.next("8", WAIT).getChar(150));
        assertEquals('F', citic.next("8", WAIT).getChar(150));
        assertEquals('F', broker.next("8", WAIT).getChar(150), "the second sell filled");

        final JsonNode openTrades = awaitTrades(2);
        final JsonNode working = api.get(BROKER1, "/accounts/1001/orders").json().get("orders");
        assertEquals(1, working.size(), "the first sell's remainder still works: " + working);
        assertEquals(40, working.get(0).get("leaves").asLong());
        assertEquals("92.00", working.get(0).get("price").asText());
        assertEquals("CEA-2025", working.get(0).get("instrument").asText(), "a working order names its symbol");
        assertEquals(2, working.get(0).get("instrumentId").asInt(), "and the instrument's id");
        assertEquals(List.of("orderId", "instrument", "instrumentId", "side"),
            fieldNames(working.get(0)).subList(0, 4));

        final Answer closed = api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"" + DAY + "\"}");
        assertEquals(200, closed.status(), closed.body());
        String close = null;
        for (final JsonNode event : closed.json().get("events"))
        {
            if (event.get("instrumentId").asInt() == 2)
            {
                close = event.get("closingPrice").asText();
            }
        }
        assertNotNull(close);
        assertEquals(0, api.get(CITIC, "/trades?account=3001").json().get("trades").size(),
            "the open day has no trades");
        final JsonNode trades = api.get(CITIC, "/trades?account=3001&date=" + DAY).json().get("trades");
        assertEquals(openTrades, withoutDate(trades), "the open day's trades, now dated");
        for (final JsonNode trade : trades)
        {
            assertEquals("CEA-2025", trade.get("instrument").asText(), "a trade names its symbol");
            assertEquals(2, trade.get("instrumentId").asInt(), "and the instrument's id");
            assertEquals(List.of("tradeId", "tradingDate", "instrument", "instrumentId", "price"),
                fieldNames(trade).subList(0, 5));
        }

        // the market report: from the trades as the API lists them, and the engine's close
        final JsonNode market = report(REGULATOR, "market", "");
        final JsonNode cea2025 = row(market, "instrument", "CEA-2025");
        long volume = 0;
        BigDecimal turnover = BigDecimal.ZERO;
        BigDecimal high = null;
        BigDecimal low = null;
        for (final JsonNode trade : trades)
        {
            final BigDecimal price = new BigDecimal(trade.get("price").asText());
            volume += trade.get("quantity").asLong();
            turnover = turnover.add(price.multiply(BigDecimal.valueOf(trade.get("quantity").asLong())));
            high = high == null || price.compareTo(high) > 0 ? price : high;
            low = low == null || price.compareTo(low) < 0 ? price : low;
        }
        assertEquals(trades.get(0).get("price").asText(), cea2025.get("open").asText());
        assertEquals("92.00", cea2025.get("open").asText());
        assertEquals(high.toPlainString(), cea2025.get("high").asText());
        assertEquals(low.toPlainString(), cea2025.get("low").asText());
        assertEquals(close, cea2025.get("close").asText());
        assertEquals(110, volume);
        assertEquals(volume, cea2025.get("volume").asLong());
        assertEquals(turnover.setScale(2).toPlainString(), cea2025.get("turnover").asText());
        assertEquals(2, cea2025.get("trades").asInt());
        assertEquals(0, row(market, "instrument", "CCER").get("volume").asLong());

        // settlement statements: opening + movements = closing, and closing = the registry
        final JsonNode statements = report(REGULATOR, "settlement", "");
        for (final long account : new long[] {1001, 3001, 9000})
        {
            StatementChecks.assertReconciles(api, statements.get("rows"), account, 1);
        }
        final JsonNode citicStatement = report(CITIC, "settlement", "&account=3001");
        for (final JsonNode row : citicStatement.get("rows"))
        {
            assertEquals(3001, row.get("account").asLong(), "an enterprise sees only its own statement");
        }
        assertEquals(400, api.get(CITIC, "/reports/settlement?date=" + DAY).status());
        final Answer csv = api.get(CITIC, "/reports/settlement?date=" + DAY + "&account=3001&format=csv");
        assertEquals(200, csv.status());
        assertTrue(
            csv.body().startsWith("date,account,line,reference,instrument,price,units,cash,fee,check,user\r\n"),
            csv.body());
        assertTrue(csv.body().contains("TRADE_BUY"), csv.body());
        for (final String line : csv.body().split("\r\n"))
        {
            if (line.contains("TRADE_BUY"))
            {
                assertTrue(line.endsWith(",fix:CITIC"), "CITIC's FIX session bought, as the aggressor: " + line);
            }
        }

        // the registry log carries the exact blocks of issuance and of each trade; large holders from the closing
        // balances
        final JsonNode log = report(REGULATOR, "registry-log", "");
        int issues = 0;
        long tradedUnits = 0;
        for (final JsonNode row : log.get("rows"))
        {
            final String operation = row.get("operation").asText();
            if (operation.equals("ISSUE") || operation.equals("TRADE"))
            {
                assertEquals(row.get("quantity").asLong(), row.get("last").asLong() - row.get("first").asLong() + 1);
            }
            issues += operation.equals("ISSUE") ? 1 : 0;
            if (operation.equals("TRADE"))
            {
                assertEquals(1001, row.get("from").asLong(), row.toString());
                assertEquals(3001, row.get("to").asLong(), row.toString());
                tradedUnits += row.get("quantity").asLong();
            }
        }
        assertEquals(6, issues, "the demo's six genesis holdings");
        assertEquals(volume, tradedUnits, "the trades' blocks are in the registry log");
        final JsonNode large = report(REGULATOR, "large-holders", "&threshold=150000");
        assertEquals(1, large.get("rows").size(), large.toString());
        assertEquals("CEA-2024", large.get("rows").get(0).get("instrument").asText());
        assertEquals(1001, large.get("rows").get(0).get("account").asLong());

        final Answer unknownDay = api.get(REGULATOR, "/reports/market?date=2020-01-01");
        assertEquals(404, unknownDay.status());
        assertEquals("no trading day 2020-01-01 in the journal; days: " + DAY + ", open", unknownDay.error());
        assertEquals(404, api.get(REGULATOR, "/reports/nothing").status());
        // what may be asked for: the kinds and the days, for anyone
        final JsonNode index = api.get(CITIC, "/reports").json();
        assertEquals("[\"" + DAY + "\",\"open\"]", index.get("days").toString());
        assertEquals(Reports.KINDS.size(), index.get("reports").size());

        // the same reports from the command line, into files
        final Path out = folder.resolve("reports");
        final int exit = new CommandLine(new CarbonxServer()).execute(
            "report", "--data", folder.resolve("data").toString(), "--date", DAY, "--out", out.toString());
        assertEquals(0, exit);
        final String marketCsv = Files.readString(out.resolve("market-" + DAY + ".csv"));
        assertTrue(
            marketCsv.contains(DAY + ",CEA-2025,92.00," + high.toPlainString() + "," + low.toPlainString() + "," +
                close +
            ",110," + turnover.setScale(2).toPlainString() + ",2"), marketCsv);
        for (final String kind : List.of("settlement", "registry-log", "large-holders"))
        {
            assertTrue(Files.size(out.resolve(kind + "-" + DAY + ".json")) > 0, kind);
        }
    }

    private JsonNode report(final String token, final String kind, final String extra) throws Exception
    {
        final Answer answer = api.get(token, "/reports/" + kind + "?date=" + DAY + extra);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(DAY, answer.json().get("date").asText());
        return answer.json();
    }

    private static JsonNode row(final JsonNode report, final String column, final String value)
    {
        for (final JsonNode row : report.get("rows"))
        {
            if (row.get(column).asText().equals(value))
            {
                return row;
            }
        }
        throw new AssertionError("no row with " + column + "=" + value + " in " + report);
    }

    /**
     * The dated trades, with the tradingDate the open listing did not have yet, for comparing with it.
     */
    private static JsonNode withoutDate(final JsonNode dated)
    {
        final ArrayNode copy = dated.deepCopy();
        for (final JsonNode trade : copy)
        {
            assertEquals(DAY, trade.get("tradingDate").asText());
            ((ObjectNode)trade).putNull("tradingDate");
        }
        return copy;
    }

    private static List<String> fieldNames(final JsonNode row)
    {
        final List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode awaitTrades(final int count) throws Exception
    {
        final JsonNode trades = await().atMost(WAIT, TimeUnit.MILLISECONDS)
            .until(() -> api.get(CITIC, "/trades?account=3001").json().get("trades"), listed -> listed.size() >= count);
        assertEquals(count, trades.size(), trades.toString());
        return trades;
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("R-" + ++clOrdIds, account, "CEA-2025", side, quantity, price, '1');
    }
}
