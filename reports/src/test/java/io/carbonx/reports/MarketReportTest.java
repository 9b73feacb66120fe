package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.reports.ReportScenario.CCER_SPEC;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.FIRST_PRICE;
import static io.carbonx.reports.ReportScenario.FIRST_QUANTITY;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static io.carbonx.reports.ReportScenario.SECOND_PRICE;
import static io.carbonx.reports.ReportScenario.SECOND_QUANTITY;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The market report of the scenario's days: open, high, low and volume from the trades sent, the close from the day's
 * volume-weighted average price, and the previous close carried over for an instrument that did not trade.
 */
class MarketReportTest
{
    private final MarketReport report = new MarketReport(INSTRUMENTS);

    @Test
    void aTradingDayShowsItsTradesFiguresAndTheVolumeWeightedClose()
    {
        ReportScenario.run(report);

        final long volume = FIRST_QUANTITY + SECOND_QUANTITY;
        final long turnover = FIRST_QUANTITY * FIRST_PRICE + SECOND_QUANTITY * SECOND_PRICE;
        assertEquals(List.of("date", "instrument", "open", "high", "low", "close", "volume", "turnover", "trades"),
            report.table(DAY_1).columns());
        assertEquals(List.of(
            row("2025-01-02", "CEA-2025", money(FIRST_PRICE), money(SECOND_PRICE), money(FIRST_PRICE),
                money(turnover / volume), volume, money(turnover), 2),
            row("2025-01-02", "CCER", "", "", "", money(CCER_SPEC.referencePrice()), 0, money(0), 0)),
            text(report.table(DAY_1)));
    }

    @Test
    void aDayWithoutTradesCarriesThePreviousCloseAndTheOpenDayHasNoRowsYet()
    {
        ReportScenario.run(report);

        final long close = (FIRST_QUANTITY * FIRST_PRICE + SECOND_QUANTITY * SECOND_PRICE) /
            (FIRST_QUANTITY + SECOND_QUANTITY);
        assertEquals(List.of(
            row("2025-01-03", "CEA-2025", "", "", "", money(close), 0, money(0), 0),
            row("2025-01-03", "CCER", "", "", "", money(CCER_SPEC.referencePrice()), 0, money(0), 0)),
            text(report.table(DAY_2)), "auction sales are not market trades");
        assertEquals(List.of(), report.table(0).rows());
        assertNull(report.table(20250104), "no such day");
    }
}
