package io.carbonx.reports;

import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.protocol.UserNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.E_EMISSIONS;
import static io.carbonx.reports.ReportScenario.E_SURRENDERED;
import static io.carbonx.reports.ReportScenario.F;
import static io.carbonx.reports.ReportScenario.FIRST_PRICE;
import static io.carbonx.reports.ReportScenario.FIRST_QUANTITY;
import static io.carbonx.reports.ReportScenario.F_EMISSIONS;
import static io.carbonx.reports.ReportScenario.F_OFFSETS;
import static io.carbonx.reports.ReportScenario.F_SURRENDERED;
import static io.carbonx.reports.ReportScenario.SECOND_PRICE;
import static io.carbonx.reports.ReportScenario.SECOND_QUANTITY;
import static io.carbonx.reports.ReportScenario.YEAR;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The compliance report of the scenario's 2025 year under the China rules (the test settings' scheme): E surrenders
 * 500 t against 600 t of emissions and is fined five times January's average allowance price per tonne short (the
 * deadline is in February; January's trades were 100 t at 90.00 and 100 t at 92.00), with the shortfall withheld
 * from next year's allocation; F covers its 200 t with 190 t of allowances and 10 t of offsets, within the 5% cap.
 */
class ComplianceReportTest
{
    private final ComplianceReport report = new ComplianceReport(Map.of(E, "Enterprise E"), "CNY",
        UserNames.NONE);

    @Test
    void aClosedYearListsEachEnterprisesAssessmentAndATotal()
    {
        ReportScenario.run(report);

        final long referencePrice = (FIRST_QUANTITY * FIRST_PRICE + SECOND_QUANTITY * SECOND_PRICE) /
            (FIRST_QUANTITY + SECOND_QUANTITY);
        final long multiple = SchemePreset.CHINA_NATIONAL.rules().penalty().priceMultiple();
        final long shortfall = E_EMISSIONS - E_SURRENDERED;
        final long penalty = shortfall * multiple * referencePrice;
        assertEquals(List.of(
            row(YEAR, E, "Enterprise E", "CNY", E_EMISSIONS, 0, E_EMISSIONS, E_SURRENDERED, 0, 0, shortfall,
                "INCOMPLETE", 3, money(penalty), "DUE", money(referencePrice), shortfall, 0),
            row(YEAR, F, "", "CNY", F_EMISSIONS, 0, F_EMISSIONS, F_SURRENDERED, F_OFFSETS, 0, 0, "COMPLETE", 1,
                money(0), "", money(referencePrice), 0, 0),
            row(YEAR, "TOTAL", "2 enterprises", "CNY", E_EMISSIONS + F_EMISSIONS, 0, E_EMISSIONS + F_EMISSIONS,
                E_SURRENDERED + F_SURRENDERED, F_OFFSETS, 0, shortfall, "COMPLETE 1 INCOMPLETE 1", 3, money(penalty),
                "DUE 1", money(referencePrice), shortfall, 0)),
            text(report.table(YEAR)));
    }

    @Test
    void theReportIsKeyedByComplianceYearNotByTradingDay()
    {
        ReportScenario.run(report);

        assertNull(report.table(DAY_1));
        assertNull(report.table(0));
        assertNull(report.table(YEAR + 1), "2026 was never closed");
    }
}
