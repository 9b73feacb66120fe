package io.carbonx.server;

import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.reports.Reports;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A closed day's report is remembered once built and equals one built afresh after later days were journaled; the
 * open day's is never remembered.
 */
class ReportCacheTest
{
    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    @TempDir
    Path folder;

    @Test
    void aCachedClosedDayReportEqualsAFreshOne() throws Exception
    {
        final ExchangeConfig config = TestExchange.demo(folder, true);
        final ApiClient api = running.start(folder, config).api();
        assertEquals(200, api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"5.00\"}")
            .status());
        assertEquals(200, api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"2026-11-20\"}")
            .status());
        final Path journal = folder.resolve("data").resolve("journal");
        final EngineSetup setup = new EngineSetup(config);
        final Reports reports =
            new Reports(journal, setup.settings(), new Instruments(setup.instruments()), setup.userNames(),
                Map.of());

        assertNull(reports.cached("registry-log", 20261120, 0));
        final Reports.Result built = reports.build("registry-log", 20261120, 0);
        assertNotNull(built.table());
        assertFalse(built.table().rows().isEmpty(), "the day has registry operations");
        assertSame(built, reports.cached("registry-log", 20261120, 0), "a closed day's report is remembered");
        reports.build("registry-log", 0, 0);
        assertNull(reports.cached("registry-log", 0, 0), "the open day's report is not");

        // later commands, and another day closed: the remembered day's report still equals a fresh build
        assertEquals(200, api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"7.00\"}")
            .status());
        final Answer next = api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"2026-11-23\"}");
        assertEquals(200, next.status(), next.body());
        final Reports fresh =
            new Reports(journal, setup.settings(), new Instruments(setup.instruments()), setup.userNames(),
                Map.of());
        assertEquals(fresh.build("registry-log", 20261120, 0).table().toCsv(),
            reports.cached("registry-log", 20261120, 0).table().toCsv());

        // and over HTTP, the first answer builds it, the second is remembered: both the same
        final Answer first = api.get(REGULATOR, "/reports/registry-log?date=2026-11-20&format=csv");
        assertEquals(200, first.status(), first.body());
        assertEquals(first.body(), api.get(REGULATOR, "/reports/registry-log?date=2026-11-20&format=csv").body());
        assertEquals(fresh.build("registry-log", 20261120, 0).table().toCsv(), first.body());
    }
}
