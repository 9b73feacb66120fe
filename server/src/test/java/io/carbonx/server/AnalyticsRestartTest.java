package io.carbonx.server;

import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's analytic store resumes after a restart without writing a row twice, and a deleted store is rebuilt
 * from the journal to the same reports.
 */
class AnalyticsRestartTest
{
    private static final String DAY = "2026-11-20";
    private static final String DEPOSITS = "SELECT count(*) FROM registry_changes WHERE operation = 'DEPOSIT'";

    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    @Test
    void theStoreResumesAfterARestartAndIsRebuiltWhenDeleted() throws Exception
    {
        final ExchangeConfig config = TestExchange.demo(folder, true);
        ApiClient api = running.start(folder, config).api();
        final long genesisDeposits = count(api, DEPOSITS);
        assertEquals(200, api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"5.00\"}")
            .status());
        final Answer closed = api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"" + DAY + "\"}");
        assertEquals(200, closed.status(), closed.body());
        final String dayReport = api.get(REGULATOR, "/reports/registry-log?date=" + DAY).body();
        assertTrue(dayReport.contains("\"amount\":\"5.00\""), dayReport);
        assertEquals(genesisDeposits + 1, count(api, DEPOSITS));

        running.stop();
        api = running.start(folder, config).api();
        assertEquals(dayReport, api.get(REGULATOR, "/reports/registry-log?date=" + DAY).body(),
            "the same report, sequence and state hash after a restart");
        assertEquals(200, api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"7.00\"}")
            .status());
        assertEquals(genesisDeposits + 2, count(api, DEPOSITS), "each deposit once: nothing written twice");
        final String openReport = api.get(REGULATOR, "/reports/registry-log?date=open").body();
        assertTrue(openReport.contains("\"amount\":\"7.00\""), openReport);

        running.stop();
        final Path store = folder.resolve("data").resolve("analytics").resolve("carbonx.duckdb");
        assertTrue(Files.exists(store));
        Files.delete(store);
        Files.deleteIfExists(store.resolveSibling("carbonx.duckdb.wal"));
        api = running.start(folder, config).api();
        assertEquals(dayReport, api.get(REGULATOR, "/reports/registry-log?date=" + DAY).body(), "rebuilt");
        assertEquals(openReport, api.get(REGULATOR, "/reports/registry-log?date=open").body());
        assertEquals(genesisDeposits + 2, count(api, DEPOSITS));
    }

    private static long count(final ApiClient api, final String sql) throws Exception
    {
        final Answer answer = api.post(REGULATOR, "/sql", sql);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("rows").get(0).get(0).asLong();
    }
}
