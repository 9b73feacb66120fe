package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.AnswerJson.event;
import static io.carbonx.server.AnswerJson.reportRow;
import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.TestExchange.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compliance cycle end to end against the real server: the regulator and enterprises over the HTTP API, members
 * trading over FIX (QuickFIX/J), a year closed with complete, late and incomplete enterprises, each preset's
 * penalties, China's deduction from next year's allocation, and the reports checked against the registry.
 */
class ComplianceCycleTest
{
    @TempDir
    Path folder;

    private TestExchange exchange;
    private ApiClient api;
    private int clOrdIds;

    @AfterEach
    void stop()
    {
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void chinaYearWithCompleteLateAndIncompleteEnterprisesReconcilesWithTheRegistry() throws Exception
    {
        start(null);
        // A trading day in the month before the deadline's: its allowance VWAP is the fine's reference price.
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        forest.send(order("2001", "CCER", '2', 6_000, "80.00"));
        broker.send(order("1001", "CCER", '1', 6_000, "80.00"));
        awaitFill(broker);
        broker.send(order("1001", "CEA-2025", '2', 1_000, "92.00"));
        citic.send(order("3001", "CEA-2025", '1', 1_000, "92.00"));
        awaitFill(citic);
        // the last trading day of last month, by the scheme's calendar (Shanghai, weekdays, holidays)
        final TradingCalendar calendar = new EngineSetup(TestExchange.demo(folder, true)).settings().calendar();
        final LocalDate tradingDay = calendar.previousTradingDay(LocalDate.now(calendar.zone()).withDayOfMonth(1));
        ok(REGULATOR, "end-of-trading-day", "{\"tradingDate\":\"" + tradingDay + "\"}");

        // Far enough ahead that the on-time steps below finish before it even on a slow, shared machine.
        final Instant deadline = Instant.now().plusSeconds(15);
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" + deadline + "\"}");
        final JsonNode allocationAnswer = ok(REGULATOR, "allocate-allowances", allocation(2025, 1001, 50_000));
        final JsonNode allocated = event(allocationAnswer, "AllowancesAllocated");
        assertEquals(50_000, allocated.get("quantity").asLong());
        assertEquals(0, allocated.get("deductedQuantity").asLong());
        final JsonNode allocatedBlocks = event(allocationAnswer, "SerialBlocks");
        assertEquals("ALLOCATE", allocatedBlocks.get("operation").asText());
        assertEquals(1, allocatedBlocks.get("blocks").size(), "a fresh block");
        final JsonNode block = allocatedBlocks.get("blocks").get(0);
        assertEquals(50_000, block.get("last").asLong() - block.get("first").asLong() + 1);
        assertEquals(150_000 - 1_000 + 50_000, StatementChecks.registryUnits(api, 1001, "CEA-2025"),
            "genesis - sold + allocated");
        ok(REGULATOR, "allocate-allowances", allocation(2025, 1002, 10_000));
        ok(REGULATOR, "allocate-allowances", allocation(2025, 1003, 15_000));
        final JsonNode recorded = event(ok(REGULATOR, "record-emissions", emissions(2025, 1001, 100_000)),
            "EmissionsRecorded");
        assertEquals(5_000, recorded.get("offsetCap").asLong(), "5% of 100000 t");
        ok(REGULATOR, "record-emissions", emissions(2025, 1002, 60_000));
        ok(REGULATOR, "record-emissions", emissions(2025, 1003, 20_000));

        // who may surrender
        assertEquals(403, api.post(HUANENG, "/commands/surrender-units", surrender(1002, "CEA-2025", 1)).status());
        final Answer missing = api.post(REGULATOR, "/commands/allocate-allowances", "{\"year\":2025}");
        assertEquals(400, missing.status());
        assertEquals("field 'account': required", missing.error());
        assertEquals("NOT_COVERED_ENTERPRISE", api.post(CITIC, "/commands/surrender-units",
            surrender(3001, "CEA-2025", 1)).error());

        // offsets at the cap are taken, one tonne above it is refused with the reason
        final JsonNode atCap =
            event(ok(HUANENG, "surrender-units", surrender(1001, "CCER", 5_000)), "UnitsSurrendered");
        assertEquals("OFFSET", atCap.get("kind").asText());
        assertEquals(false, atCap.get("late").asBoolean());
        final Answer aboveCap = api.post(HUANENG, "/commands/surrender-units", surrender(1001, "CCER", 1));
        assertEquals(422, aboveCap.status());
        assertEquals("OFFSET_CAP_EXCEEDED", aboveCap.error());
        assertEquals(1_000, StatementChecks.registryUnits(api, 1001, "CCER"), "the refused surrender moved nothing");

        ok(HUANENG, "surrender-units", surrender(1001, "CEA-2024", 95_000));
        ok(BROKER1, "surrender-units", surrender(1002, "CEA-2025", 50_000));
        ok(REGULATOR, "surrender-units", surrender(1003, "CEA-2025", 15_000));
        assertEquals("DEADLINE_NOT_REACHED",
            api.post(REGULATOR, "/commands/close-compliance-year", "{\"year\":2025}").error());

        WallClock.awaitPassed(deadline);
        final JsonNode late = event(ok(BROKER1, "surrender-units", surrender(1002, "CEA-2025", 10_000)),
            "UnitsSurrendered");
        assertTrue(late.get("late").asBoolean());
        assertEquals(1, late.get("brokerId").asInt(), "sent under the broker's id");

        final JsonNode close = ok(REGULATOR, "close-compliance-year", "{\"year\":2025}");
        final Map<Long, JsonNode> assessed = new HashMap<>();
        for (final JsonNode event : close.get("events"))
        {
            if (event.get("type").asText().equals("ComplianceAssessed"))
            {
                assessed.put(event.get("accountId").asLong(), event);
            }
        }
        assertEquals("COMPLETE", assessed.get(1001L).get("status").asText());
        assertEquals("LATE", assessed.get(1002L).get("status").asText());
        assertEquals(10_000, assessed.get(1002L).get("surrenderedLate").asLong());
        final JsonNode incomplete = assessed.get(1003L);
        assertEquals("INCOMPLETE", incomplete.get("status").asText());
        assertEquals(5_000, incomplete.get("shortfall").asLong());
        assertEquals("92.00", incomplete.get("referencePrice").asText(), "last month's allowance VWAP");
        assertEquals("2300000.00", incomplete.get("penalty").asText(), "5 x 92.00 x 5000 t");
        assertEquals(5_000, incomplete.get("nextYearDeduction").asLong());
        assertEquals("0.00", assessed.get(1002L).get("penalty").asText(), "late but met: no fine");
        final JsonNode closed = event(close, "ComplianceYearClosed");
        assertEquals("2300000.00", closed.get("totalPenalty").asText());

        // the compliance report's rows are the replica's ledger
        final JsonNode report = api.get(REGULATOR, "/reports/compliance?year=2025").json();
        final JsonNode years = api.get(HUANENG, "/compliance").json().get("years");
        // 2025, closed; 2026 not opened but holding the allocation cut of 2025's shortfall
        assertEquals("[{\"year\":2025,\"state\":\"CLOSED\",\"deadline\":" +
            api.get(REGULATOR, "/compliance/2025").json().get("deadline") + "},{\"year\":2026,\"state\":" +
            "\"NOT_OPENED\"}]", years.toString());
        final JsonNode ledger = api.get(REGULATOR, "/compliance/2025").json();
        assertEquals("CLOSED", ledger.get("state").asText());
        assertEquals(3, ledger.get("enterprises").size());
        for (final JsonNode enterprise : ledger.get("enterprises"))
        {
            final JsonNode row = reportRow(report, enterprise.get("account").asText());
            for (final String column : List.of("obligation", "allowancesSurrendered", "offsetsSurrendered",
                "surrenderedLate", "shortfall", "status", "penalty", "referencePrice", "nextYearDeduction"))
            {
                assertEquals(enterprise.get(column).asText(), row.get(column).asText(), column + " of " + enterprise);
            }
        }
        final JsonNode total = reportRow(report, "TOTAL");
        assertEquals(5_000, total.get("shortfall").asLong());
        assertEquals(100_000 + 60_000 + 20_000, total.get("obligation").asLong());
        final JsonNode own = api.get(HUANENG, "/compliance/2025").json().get("enterprises");
        assertEquals(1, own.size(), "an enterprise reads only its own row");
        assertEquals(1001, own.get(0).get("account").asLong());
        assertEquals(400, api.get(REGULATOR, "/reports/compliance").status(), "year= is required");

        // China: next year's allocation is cut by the shortfall
        ok(REGULATOR, "open-compliance-year", "{\"year\":2026,\"deadline\":\"2027-06-30\"}");
        assertEquals("WRONG_VINTAGE", api.post(REGULATOR, "/commands/allocate-allowances",
            allocation(2026, 1003, 8_000)).error(), "CEA-2025 is not 2026's allowance");
        final JsonNode next = event(ok(REGULATOR, "allocate-allowances", allocation(2026, 1003, 8_000, "CEA-2026")),
            "AllowancesAllocated");
        assertEquals(5_000, next.get("deductedQuantity").asLong());
        assertEquals(3_000, next.get("quantity").asLong());
        assertEquals(0, next.get("deductionOutstanding").asLong());

        // the registry log shows allocations and surrenders with their serial ranges; statements reconcile
        final JsonNode log = api.get(REGULATOR, "/reports/registry-log?date=open").json().get("rows");
        final java.util.Set<Long> surrenders = new java.util.TreeSet<>();
        for (final JsonNode row : log)
        {
            if (row.get("operation").asText().equals("SURRENDER"))
            {
                surrenders.add(row.get("sequence").asLong());
                assertTrue(row.get("first").asLong() > 0, row.toString());
                assertEquals(row.get("quantity").asLong(), row.get("last").asLong() - row.get("first").asLong() + 1,
                    "a row per exact block: " + row);
            }
        }
        assertEquals(5, surrenders.size(), "five surrender commands");
        final JsonNode statements = api.get(REGULATOR, "/reports/settlement?date=open").json().get("rows");
        for (final long account : new long[] {1001, 1002, 1003})
        {
            StatementChecks.assertReconciles(api, statements, account, 2);
        }
    }

    @Test
    void euEtsFinesPerTonneAndCarriesTheShortfallForward() throws Exception
    {
        start("EU_ETS", Map.of(2025, 12_500));
        final JsonNode row = yearWithShortfall();
        assertEquals("625000.00", row.get("penalty").asText(), "EUR 100.00 x 1.25 x 5000 t");
        assertEquals(5_000, row.get("nextYearCarryForward").asLong());
        assertEquals(0, row.get("nextYearDeduction").asLong());
        assertEquals(5_000 + 1_000, nextYearObligation(1_000));
        assertEquals("INSTRUMENT_NOT_ELIGIBLE", api.post(REGULATOR, "/commands/surrender-units",
            "{\"year\":2026,\"account\":1003,\"instrument\":\"CCER\",\"quantity\":1}").error(), "no offsets");
    }

    @Test
    void californiaTurnsTheUntimelyPortionIntoFourTimesTheObligation() throws Exception
    {
        start("CALIFORNIA");
        final JsonNode row = yearWithShortfall();
        assertEquals("0.00", row.get("penalty").asText());
        assertEquals(20_000, row.get("nextYearCarryForward").asLong(), "4 x 5000 t");
        assertEquals(20_000 + 1_000, nextYearObligation(1_000));
    }

    /**
     * 1003 is allocated 10000 t against 15000 t of emissions, surrenders them all, and the year closes.
     *
     * @return 1003's ComplianceAssessed event.
     */
    private JsonNode yearWithShortfall() throws Exception
    {
        final Instant deadline = Instant.now().plusMillis(1_500);
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" + deadline + "\"}");
        ok(REGULATOR, "allocate-allowances", allocation(2025, 1003, 10_000));
        ok(REGULATOR, "record-emissions", emissions(2025, 1003, 15_000));
        ok(REGULATOR, "surrender-units", surrender(1003, "CEA-2025", 10_000));
        final JsonNode close = okOnceTheDeadlinePassed("close-compliance-year", "{\"year\":2025}");
        JsonNode row = null;
        for (final JsonNode event : close.get("events"))
        {
            if (event.get("type").asText().equals("ComplianceAssessed") && event.get("accountId").asLong() == 1003)
            {
                row = event;
            }
        }
        assertNotNull(row);
        assertEquals("INCOMPLETE", row.get("status").asText());
        assertEquals(5_000, row.get("shortfall").asLong());
        final JsonNode reported = reportRow(api.get(REGULATOR, "/reports/compliance?year=2025").json(), "1003");
        assertEquals(row.get("penalty").asText(), reported.get("penalty").asText());
        assertEquals(row.get("nextYearCarryForward").asText(), reported.get("nextYearCarryForward").asText());
        return row;
    }

    private long nextYearObligation(final long emissions) throws Exception
    {
        ok(REGULATOR, "open-compliance-year", "{\"year\":2026,\"deadline\":\"2027-06-30\"}");
        final JsonNode recorded = event(ok(REGULATOR, "record-emissions", emissions(2026, 1003, emissions)),
            "EmissionsRecorded");
        return recorded.get("obligation").asLong();
    }

    private void start(final String preset) throws Exception
    {
        start(preset, null);
    }

    private void start(final String preset, final Map<Integer, Integer> penaltyIndexBps) throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.SchemeConfig changed = preset == null ? scheme : new ExchangeConfig.SchemeConfig(
            scheme.name(), scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(),
            scheme.blockThreshold(), scheme.blockPriceBandBps(), scheme.blockTradesInClose(), preset,
            penaltyIndexBps == null ? null : new ExchangeConfig.ComplianceConfig(null, null, null, null, null, null,
                null, null, null, penaltyIndexBps, null, null, null, null, null, null, null, null, null, null, null),
            scheme.calendar(), scheme.referencePriceWindow(), scheme.fourEyes());
        exchange = TestExchange.start(folder, new ExchangeConfig(demo.server(), changed,
            DemoComplianceYear.withNextVintage(demo.instruments()),
            demo.accounts(), demo.sessions(), demo.apiUsers()).validate()).awaitGenesis();
        api = exchange.api();
    }

    /**
     * Sends the regulator's command until the exchange stops refusing it as too early: a refused close changes nothing.
     */
    private JsonNode okOnceTheDeadlinePassed(final String command, final String body)
    {
        final Answer answer = await("the deadline passes").atMost(WAIT, TimeUnit.MILLISECONDS)
            .until(() -> api.post(REGULATOR, "/commands/" + command, body),
                sent -> !"DEADLINE_NOT_REACHED".equals(sent.error()));
        assertEquals(200, answer.status(), command + " " + body + ": " + answer.body());
        return answer.json();
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + " " + body + ": " + answer.body());
        return answer.json();
    }

    private static void awaitFill(final FixClient client) throws Exception
    {
        while (true)
        {
            final Message report = client.next("8", WAIT);
            assertNotNull(report, "no execution report");
            assertTrue(report.getChar(150) != '8', "rejected: " + report);
            if (report.getChar(39) == '2')
            {
                return;
            }
        }
    }

    private Message order(final String account, final String symbol, final char side, final long quantity,
        final String price)
    {
        return TestExchange.limitOrder("C-" + ++clOrdIds, account, symbol, side, quantity, price, '0');
    }

    private static String allocation(final int year, final long account, final long quantity)
    {
        return allocation(year, account, quantity, "CEA-2025");
    }

    private static String allocation(final int year, final long account, final long quantity, final String instrument)
    {
        return "{\"year\":" + year + ",\"account\":" + account + ",\"instrument\":\"" + instrument +
            "\",\"quantity\":" + quantity + "}";
    }

    private static String emissions(final int year, final long account, final long tonnes)
    {
        return "{\"year\":" + year + ",\"account\":" + account + ",\"emissions\":" + tonnes + "}";
    }

    private static String surrender(final long account, final String instrument, final long quantity)
    {
        return "{\"year\":2025,\"account\":" + account + ",\"instrument\":\"" + instrument + "\",\"quantity\":" +
            quantity + "}";
    }
}
