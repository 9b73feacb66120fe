package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.carbonx.server.AnswerJson.event;
import static io.carbonx.server.AnswerJson.reportRow;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Late surrender per scheme and the regulator's decisions, end to end through the HTTP API of a real server: the EU
 * fine on every tonne not surrendered by the deadline, California's fourfold untimely obligation with a quarter
 * payable in offsets, China's correction period, emission corrections, a per-enterprise multiple, payment, waiver,
 * OVERDUE, the breach list and a reopened assessment.
 */
class LateSurrenderAndFinesTest
{
    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private ApiClient api;

    @Test
    void euFinesEveryTonneSurrenderedAfterTheDeadline() throws Exception
    {
        start("EU_ETS", Map.of(2025, 12_500), null);
        final Instant deadline = openYear();
        ok(REGULATOR, "record-emissions", emissions(2025, 1001, 10_000));
        WallClock.awaitPassed(deadline);
        final JsonNode late = event(ok(HUANENG, "surrender-units", surrender(2025, 1001, "CEA-2025", 10_000)),
            "UnitsSurrendered");
        assertTrue(late.get("late").asBoolean());
        final JsonNode close = ok(REGULATOR, "close-compliance-year", "{\"year\":2025}");
        final JsonNode row = assessed(close, 1001);
        assertEquals("LATE", row.get("status").asText());
        assertEquals(0, row.get("shortfall").asLong());
        assertEquals("1250000.00", row.get("penalty").asText(), "10000 t x EUR 100.00 x 1.25");
        assertEquals(0, row.get("nextYearCarryForward").asLong(), "surrendered, so no longer owed");
        final JsonNode due = event(close, "FineDue");
        assertEquals("1250000.00", due.get("amount").asText());
        final JsonNode report = reportRow(api.get(REGULATOR, "/reports/compliance?year=2025").json(), "1001");
        assertEquals("EUR", report.get("currency").asText());
        assertEquals("Huaneng Power (demo)", report.get("name").asText());
        assertEquals("1250000.00", report.get("penalty").asText());
        assertEquals("DUE", report.get("fineStatus").asText());
    }

    @Test
    void euRefusesToCloseAYearWithoutItsPenaltyIndex() throws Exception
    {
        start("EU_ETS", null, null);
        final Instant deadline = openYear();
        ok(REGULATOR, "record-emissions", emissions(2025, 1001, 10_000));
        WallClock.awaitPassed(deadline);
        final Answer refused = api.post(REGULATOR, "/commands/close-compliance-year", "{\"year\":2025}");
        assertEquals(422, refused.status());
        assertEquals("PENALTY_INDEX_MISSING", refused.error());
    }

    @Test
    void californiaAddsFourTimesTheUntimelyTonnesAQuarterOfThemPayableInOffsets() throws Exception
    {
        start("CALIFORNIA", null, null);
        final Instant deadline = openYear();
        ok(REGULATOR, "record-emissions", emissions(2025, 1001, 100_000));
        ok(HUANENG, "surrender-units", surrender(2025, 1001, "CEA-2025", 80_000));
        WallClock.awaitPassed(deadline);
        ok(HUANENG, "surrender-units", surrender(2025, 1001, "CEA-2025", 20_000));
        final JsonNode row = assessed(ok(REGULATOR, "close-compliance-year", "{\"year\":2025}"), 1001);
        assertEquals("LATE", row.get("status").asText());
        assertEquals(0, row.get("shortfall").asLong());
        assertEquals(80_000, row.get("nextYearCarryForward").asLong(),
            "4 x the 20000 t not surrendered on time, though surrendered later");
        assertEquals("0.00", row.get("penalty").asText());

        ok(REGULATOR, "open-compliance-year", "{\"year\":2026,\"deadline\":\"2027-11-01\"}");
        final JsonNode next = event(ok(REGULATOR, "record-emissions", emissions(2026, 1001, 1_000)),
            "EmissionsRecorded");
        assertEquals(81_000, next.get("obligation").asLong());
        assertEquals(60 + 20_000, next.get("offsetCap").asLong(), "6% of 1000 t, plus a quarter of 80000 t");
        assertEquals("OFFSET_CAP_EXCEEDED", api.post(REGULATOR, "/commands/surrender-units",
            surrender(2026, 1001, "CCER", 20_061)).error());
        assertEquals("INSUFFICIENT_UNITS", api.post(REGULATOR, "/commands/surrender-units",
            surrender(2026, 1001, "CCER", 20_060)).error(), "within the cap: refused only for want of units");
    }

    @Test
    void chinaCorrectionPeriodDecisionsPaymentWaiverAndReopen() throws Exception
    {
        start(null, null, 0);
        final Instant deadline = openYear();
        ok(REGULATOR, "allocate-allowances", "{\"year\":2025,\"account\":1003,\"instrument\":\"CEA-2025\"," +
            "\"quantity\":6000}");
        ok(REGULATOR, "record-emissions", emissions(2025, 1002, 30_000));
        ok(REGULATOR, "record-emissions", emissions(2025, 1003, 10_000));

        // corrections before the close, each an event with its reason
        final JsonNode corrected = event(ok(REGULATOR, "correct-emissions", correction(1003, 11_000, "re-verified")),
            "EmissionsCorrected");
        assertEquals(10_000, corrected.get("previousEmissions").asLong());
        assertEquals(11_000, corrected.get("obligation").asLong());
        assertEquals(1, corrected.get("correction").asInt());
        assertEquals("re-verified", corrected.get("reason").asText());
        assertEquals(400, api.post(REGULATOR, "/commands/correct-emissions",
            "{\"year\":2025,\"account\":1003,\"emissions\":1,\"reason\":\"\"}").status(), "a reason is required");

        // the multiple is decided per enterprise, within 5..10
        assertEquals("PENALTY_MULTIPLE_OUT_OF_RANGE", api.post(REGULATOR, "/commands/set-penalty-multiple",
            multiple(1003, 11)).error());
        assertEquals(10, event(ok(REGULATOR, "set-penalty-multiple", multiple(1003, 10)), "PenaltyMultipleSet")
            .get("multiple").asLong());

        ok(REGULATOR, "surrender-units", surrender(2025, 1002, "CEA-2025", 20_000));
        ok(REGULATOR, "surrender-units", surrender(2025, 1003, "CEA-2025", 6_000));
        WallClock.awaitPassed(deadline);
        ok(REGULATOR, "surrender-units", surrender(2025, 1002, "CEA-2025", 10_000));

        final JsonNode close = ok(REGULATOR, "close-compliance-year", "{\"year\":2025}");
        final JsonNode lateRow = assessed(close, 1002);
        assertEquals("LATE", lateRow.get("status").asText());
        assertEquals(0, lateRow.get("nextYearDeduction").asLong(), "corrected within the correction period");
        assertEquals("0.00", lateRow.get("penalty").asText());
        final JsonNode shortRow = assessed(close, 1003);
        assertEquals(5_000, shortRow.get("shortfall").asLong());
        assertEquals(5_000, shortRow.get("nextYearDeduction").asLong());
        // no trades: the mean of the listed allowances' previous closes, (88.50 + 92.00 + 92.00) / 3
        assertEquals("90.83", shortRow.get("referencePrice").asText());
        assertEquals("4541500.00", shortRow.get("penalty").asText(), "10 x 90.83 x 5000 t");

        // fines are payables: OVERDUE once a later command's time passes the due date (fineDueDays 0)
        assertEquals("NO_FINE_DUE", api.post(REGULATOR, "/commands/record-fine-payment", payment(1002, "P-1"))
            .error());
        final JsonNode unpaid = api.get(REGULATOR, "/compliance/2025/unpaid-fines").json();
        assertEquals(1, unpaid.get("fines").size());
        assertEquals(1003, unpaid.get("fines").get(0).get("account").asLong());
        assertEquals("Datang Cement (demo)", unpaid.get("fines").get(0).get("name").asText());
        assertEquals("OVERDUE", unpaid.get("fines").get(0).get("fineStatus").asText());
        assertEquals(403, api.get(HUANENG, "/compliance/2025/unpaid-fines").status());
        final JsonNode breaches = api.get(HUANENG, "/compliance/2025/breaches").json().get("breaches");
        assertEquals(List.of(1002L, 1003L), accounts(breaches), "the published list: LATE and INCOMPLETE");
        assertEquals("Baosteel (demo)", breaches.get(0).get("name").asText(), "operators in breach are named");

        final JsonNode paid = event(ok(REGULATOR, "record-fine-payment", payment(1003, "PAY-2025-1003")),
            "FineSettled");
        assertEquals("PAID", paid.get("status").asText());
        assertEquals("PAY-2025-1003", paid.get("reference").asText());
        assertEquals("FINE_ALREADY_SETTLED", api.post(REGULATOR, "/commands/waive-fine",
            "{\"year\":2025,\"account\":1003,\"reason\":\"x\"}").error());
        assertEquals(0, api.get(REGULATOR, "/compliance/2025/unpaid-fines").json().get("fines").size());

        // an appeal upheld: reopen, correct, and the next close re-assesses by the same rules
        assertEquals("COMPLIANCE_YEAR_CLOSED", api.post(REGULATOR, "/commands/correct-emissions",
            correction(1003, 10_000, "too late")).error());
        final JsonNode reopened = event(ok(REGULATOR, "reopen-assessment",
            "{\"year\":2025,\"account\":1003,\"reason\":\"appeal upheld\"}"), "AssessmentReopened");
        assertEquals("INCOMPLETE", reopened.get("previousStatus").asText());
        ok(REGULATOR, "correct-emissions", correction(1003, 10_000, "appeal: verifier error"));
        assertEquals("COMPLIANCE_YEAR_CLOSED", api.post(REGULATOR, "/commands/correct-emissions",
            correction(1002, 1, "not reopened")).error());
        final JsonNode again = ok(REGULATOR, "close-compliance-year", "{\"year\":2025}");
        assertEquals(1, event(again, "ComplianceYearClosed").get("enterprises").asInt(), "only the reopened one");
        final JsonNode reassessed = assessed(again, 1003);
        assertEquals(4_000, reassessed.get("shortfall").asLong());
        assertEquals("90.83", reassessed.get("referencePrice").asText(), "the close's reference price again");
        assertEquals("3633200.00", reassessed.get("penalty").asText(), "10 x 90.83 x 4000 t");
        assertEquals(4_000, reassessed.get("nextYearDeduction").asLong());
        final JsonNode waived = event(ok(REGULATOR, "waive-fine",
            "{\"year\":2025,\"account\":1003,\"reason\":\"hardship\"}"), "FineSettled");
        assertEquals("WAIVED", waived.get("status").asText());

        // next year's cut is the re-assessed one
        ok(REGULATOR, "open-compliance-year", "{\"year\":2026,\"deadline\":\"2027-11-01\"}");
        final JsonNode allocated = event(ok(REGULATOR, "allocate-allowances",
            "{\"year\":2026,\"account\":1003,\"instrument\":\"CEA-2026\",\"quantity\":5000}"), "AllowancesAllocated");
        assertEquals(4_000, allocated.get("deductedQuantity").asLong());

        // the report: re-assessed row, names, currency, status codes, fine status and a full TOTAL row
        final JsonNode report = api.get(REGULATOR, "/reports/compliance?year=2025").json();
        final JsonNode row = reportRow(report, "1003");
        assertEquals("Datang Cement (demo)", row.get("name").asText());
        assertEquals("CNY", row.get("currency").asText());
        assertEquals("INCOMPLETE", row.get("status").asText());
        assertEquals(3, row.get("statusCode").asInt());
        assertEquals("3633200.00", row.get("penalty").asText());
        assertEquals("WAIVED", row.get("fineStatus").asText());
        final JsonNode total = reportRow(report, "TOTAL");
        assertEquals("2 enterprises", total.get("name").asText());
        assertEquals(40_000, total.get("emissions").asLong());
        assertEquals(36_000, total.get("allowancesSurrendered").asLong());
        assertEquals(10_000, total.get("surrenderedLate").asLong());
        assertEquals(4_000, total.get("shortfall").asLong());
        assertEquals("LATE 1 INCOMPLETE 1", total.get("status").asText());
        assertEquals("3633200.00", total.get("penalty").asText());
        assertEquals("WAIVED 1", total.get("fineStatus").asText());
        assertEquals(4_000, total.get("nextYearDeduction").asLong());
        assertEquals(new BigDecimal("90.83"), new BigDecimal(total.get("referencePrice").asText()));
    }

    private Instant openYear() throws Exception
    {
        final Instant deadline = Instant.now().plusMillis(2_500);
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"" + deadline + "\"}");
        return deadline;
    }

    private void start(final String preset, final Map<Integer, Integer> index, final Integer fineDueDays)
        throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.ComplianceConfig compliance = new ExchangeConfig.ComplianceConfig(null, null, null, null,
            null, null, null, null, null, index, null, null, null, null, null, null, null, fineDueDays, null, null,
            null);
        final ExchangeConfig.SchemeConfig changed = new ExchangeConfig.SchemeConfig(scheme.name(),
            scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(),
            scheme.blockThreshold(), scheme.blockPriceBandBps(), scheme.blockTradesInClose(), preset, compliance);
        api = running.start(folder, new ExchangeConfig(demo.server(), changed,
            DemoComplianceYear.withNextVintage(demo.instruments()),
            demo.accounts(), demo.sessions(), demo.apiUsers()).validate()).api();
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + " " + body + ": " + answer.body());
        return answer.json();
    }

    private static JsonNode assessed(final JsonNode answer, final long account)
    {
        for (final JsonNode event : answer.get("events"))
        {
            if (event.get("type").asText().equals("ComplianceAssessed") && event.get("accountId").asLong() == account)
            {
                return event;
            }
        }
        throw new AssertionError("no ComplianceAssessed of " + account + " in " + answer);
    }

    private static List<Long> accounts(final JsonNode rows)
    {
        final List<Long> accounts = new ArrayList<>();
        for (final JsonNode row : rows)
        {
            accounts.add(row.get("account").asLong());
        }
        return accounts;
    }

    private static String emissions(final int year, final long account, final long tonnes)
    {
        return "{\"year\":" + year + ",\"account\":" + account + ",\"emissions\":" + tonnes + "}";
    }

    private static String correction(final long account, final long tonnes, final String reason)
    {
        return "{\"year\":2025,\"account\":" + account + ",\"emissions\":" + tonnes + ",\"reason\":\"" + reason +
            "\"}";
    }

    private static String multiple(final long account, final long multiple)
    {
        return "{\"year\":2025,\"account\":" + account + ",\"multiple\":" + multiple + ",\"reason\":\"repeat\"}";
    }

    private static String payment(final long account, final String reference)
    {
        return "{\"year\":2025,\"account\":" + account + ",\"reference\":\"" + reference + "\"}";
    }

    private static String surrender(final int year, final long account, final String instrument, final long quantity)
    {
        return "{\"year\":" + year + ",\"account\":" + account + ",\"instrument\":\"" + instrument +
            "\",\"quantity\":" + quantity + "}";
    }
}
