package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic store through the real HTTP API: reports state the sequence and state hash they reflect, the console's
 * bars, a regulator's read-only SQL with its row and time limits, and Parquet exports read back with DuckDB.
 */
class AnalyticsHttpTest
{
    private static final String DAY = "2026-11-20";

    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private int clOrdIds;

    @Test
    void reportsBarsSqlAndExportsComeFromTheStore() throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig config = demo.withServer(demo.server()
            .withAnalytics(new ExchangeConfig.AnalyticsConfig(null, null, 1, 1)));
        final TestExchange exchange = running.start(folder, config);
        final ApiClient api = exchange.api();

        // two trades: 60 t at 92.00 (the resting sell's price), then 50 t at 91.80
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
        assertEquals('F', broker.next("8", WAIT).getChar(150));

        // the open day's report reflects both trades at once: acknowledged commands are waited for
        final JsonNode open = api.get(REGULATOR, "/reports/market?date=open").json();
        assertEquals(2, row(open, "CEA-2025").get("trades").asInt(), open.toString());

        final Answer closed = api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"" + DAY + "\"}");
        assertEquals(200, closed.status(), closed.body());
        final long closeSequence = closed.json().get("sequence").asLong();

        final JsonNode day = api.get(REGULATOR, "/reports/market?date=" + DAY).json();
        assertEquals(closeSequence, day.get("sequence").asLong(), "a closed day's report reflects its close");
        final String hash = day.get("stateHash").asText();
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        final JsonNode cea = row(day, "CEA-2025");
        assertEquals("92.00", cea.get("open").asText());
        assertEquals("91.80", cea.get("low").asText());
        assertEquals(110, cea.get("volume").asLong());
        assertEquals("10110.00", cea.get("turnover").asText(), "60 x 92.00 + 50 x 91.80");

        // nothing since the close: the open day reflects the same command, so the same state
        final JsonNode after = api.get(REGULATOR, "/reports/market?date=open").json();
        assertEquals(closeSequence, after.get("sequence").asLong());
        assertEquals(hash, after.get("stateHash").asText());
        final HttpResponse<byte[]> csv = api.raw(REGULATOR, "GET", "/reports/market?date=" + DAY + "&format=csv", null);
        assertEquals(200, csv.statusCode());
        assertEquals(Long.toString(closeSequence), csv.headers().firstValue("X-Carbonx-Sequence").orElseThrow());
        assertEquals(hash, csv.headers().firstValue("X-Carbonx-State-Hash").orElseThrow());

        // the console's bars, for any signed-in user
        final Answer bars = api.get(CITIC, "/analytics/bars?instrument=CEA-2025&interval=day");
        assertEquals(200, bars.status(), bars.body());
        assertEquals("{\"instrument\":\"CEA-2025\",\"interval\":\"day\",\"bars\":[{\"time\":\"2026-11-20\"," +
            "\"open\":\"92.00\",\"high\":\"92.00\",\"low\":\"91.80\",\"close\":\"91.80\",\"volume\":110," +
            "\"turnover\":\"10110.00\"}]}", bars.body());
        final JsonNode minutes = api.get(CITIC, "/analytics/bars?instrument=CEA-2025&interval=minute").json();
        long volume = 0;
        for (final JsonNode bar : minutes.get("bars"))
        {
            assertTrue(bar.get("time").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z"), bar.toString());
            volume += bar.get("volume").asLong();
        }
        assertEquals(110, volume);
        assertEquals(400, api.get(CITIC, "/analytics/bars?instrument=NOPE&interval=day").status());
        assertEquals(400, api.get(CITIC, "/analytics/bars?instrument=CEA-2025&interval=hour").status());

        // read-only SQL for regulators: one SELECT, capped at the configured row (1 here), bounded in time
        final Answer sum =
            api.post(REGULATOR, "/sql", "SELECT count(*) AS trades, sum(quantity) AS volume FROM trades");
        assertEquals(200, sum.status(), sum.body());
        assertEquals("{\"columns\":[\"trades\",\"volume\"],\"rows\":[[2,110]],\"rowCount\":1,\"truncated\":false," +
            "\"maxRows\":1}", sum.body());
        final JsonNode capped = api.post(REGULATOR, "/sql", "SELECT price FROM trades ORDER BY sequence").json();
        assertEquals("[[9200]]", capped.get("rows").toString());
        assertTrue(capped.get("truncated").asBoolean());
        final Answer delete = api.post(REGULATOR, "/sql", "DELETE FROM trades");
        assertEquals(400, delete.status());
        assertEquals("NOT_A_SELECT", delete.json().get("kind").asText());
        assertEquals("INVALID", api.post(REGULATOR, "/sql", "SELECT * FROM nowhere").json().get("kind").asText());
        final Answer slow = api.post(REGULATOR, "/sql", "SELECT count(*) FROM range(1000000000000)");
        assertEquals(400, slow.status(), slow.body());
        assertEquals("TIMEOUT", slow.json().get("kind").asText());
        assertEquals(403, api.post(CITIC, "/sql", "SELECT 1").status());
        assertEquals(2, api.post(REGULATOR, "/sql", "SELECT count(*) FROM trades").json().get("rows").get(0).get(0)
            .asLong(), "the refused statement changed nothing");

        // Parquet export, read back with DuckDB
        final HttpResponse<byte[]> parquet = api.raw(REGULATOR, "GET", "/export/trades?format=parquet", null);
        assertEquals(200, parquet.statusCode());
        assertEquals("application/vnd.apache.parquet", parquet.headers().firstValue("Content-Type").orElseThrow());
        final Path file = folder.resolve("trades.parquet");
        Files.write(file, parquet.body());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
            Statement statement = duckdb.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*), sum(quantity), min(price) FROM '" + file + "'"))
        {
            rows.next();
            assertEquals(2, rows.getLong(1));
            assertEquals(110, rows.getLong(2));
            assertEquals(9180, rows.getLong(3));
        }

        // a report as Parquet: the JSON report's rows, typed (volume a number, money as its formatted text)
        final HttpResponse<byte[]> report =
            api.raw(REGULATOR, "GET", "/reports/market?date=" + DAY + "&format=parquet", null);
        assertEquals(200, report.statusCode());
        assertEquals(hash, report.headers().firstValue("X-Carbonx-State-Hash").orElseThrow());
        final Path market = folder.resolve("market.parquet");
        Files.write(market, report.body());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
            Statement statement = duckdb.createStatement();
            ResultSet rows = statement.executeQuery(
                "SELECT volume, turnover, open, (SELECT count(*) FROM '" + market + "') FROM '" + market +
                "' WHERE instrument = 'CEA-2025'"))
        {
            assertTrue(rows.next());
            assertEquals(cea.get("volume").asLong(), rows.getLong(1));
            assertEquals(cea.get("turnover").asText(), rows.getString(2));
            assertEquals(cea.get("open").asText(), rows.getString(3));
            assertEquals(day.get("rows").size(), rows.getLong(4));
        }
        assertEquals(400, api.raw(REGULATOR, "GET", "/reports/market?date=" + DAY + "&format=xml", null).statusCode());
        assertEquals(404, api.raw(REGULATOR, "GET", "/export/users?format=parquet", null).statusCode());
        assertEquals(403, api.raw(CITIC, "GET", "/export/trades?format=parquet", null).statusCode());
    }

    private static JsonNode row(final JsonNode report, final String instrument)
    {
        for (final JsonNode row : report.get("rows"))
        {
            if (row.get("instrument").asText().equals(instrument))
            {
                return row;
            }
        }
        throw new AssertionError("no row for " + instrument + " in " + report);
    }

    private Message order(final String account, final char side, final long quantity, final String price)
    {
        return TestExchange.limitOrder("A-" + ++clOrdIds, account, "CEA-2025", side, quantity, price, '1');
    }
}
