package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.AUCTION_VOLUME;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.BUYER_BID;
import static io.carbonx.reports.ReportScenario.BUYER_BID_PRICE;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.E_BID;
import static io.carbonx.reports.ReportScenario.E_BID_PRICE;
import static io.carbonx.reports.ReportScenario.F;
import static io.carbonx.reports.ReportScenario.F_BID;
import static io.carbonx.reports.ReportScenario.F_BID_PRICE;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The auction report of the scenario's auction: 1,000 t offered, bids of 600 t at 90.00, 300 t at 88.00 and 400 t at
 * 85.00. Filled from the highest price down, the last bid gets the 100 t left and sets the uniform clearing price.
 */
class AuctionReportTest
{
    private static final String CEA = "CEA-2025";

    private final AuctionReport report = new AuctionReport(INSTRUMENTS);

    @Test
    void aClosedAuctionListsEveryBidInClearingOrderThenItsResult()
    {
        ReportScenario.run(report);

        final long clearing = F_BID_PRICE;
        final long lastFill = AUCTION_VOLUME - BUYER_BID - E_BID;
        final List<List<String>> rows = text(report.table(DAY_2));
        assertEquals(4, rows.size());
        assertEquals(List.of(
            row("2025-01-03", 1, "ALLOCATION", CEA, BUYER, 1, money(BUYER_BID_PRICE), BUYER_BID, BUYER_BID,
                money(clearing), money(BUYER_BID * clearing), "", "", "", "", "", "", ""),
            row("2025-01-03", 1, "ALLOCATION", CEA, E, 2, money(E_BID_PRICE), E_BID, E_BID, money(clearing),
                money(E_BID * clearing), "", "", "", "", "", "", ""),
            row("2025-01-03", 1, "ALLOCATION", CEA, F, 3, money(F_BID_PRICE), F_BID, lastFill, money(clearing),
                money(lastFill * clearing), "", "", "", "", "", "", "")),
            rows.subList(0, 3), "the exact blocks delivered are in the registry log");
        final long bidQuantity = BUYER_BID + E_BID + F_BID;
        assertEquals(row("2025-01-03", 1, "RESULT", CEA, AUCTION, "", "", "", AUCTION_VOLUME, money(clearing),
            money(AUCTION_VOLUME * clearing), AUCTION_VOLUME, AUCTION_VOLUME, 3, 3, 3,
            bidQuantity * 10_000 / AUCTION_VOLUME, ""), rows.get(3));
    }

    @Test
    void daysWithoutAuctionOutcomesHaveEmptyReports()
    {
        ReportScenario.run(report);

        assertEquals(List.of(), report.table(DAY_1).rows());
        assertEquals(List.of(), report.table(0).rows());
    }
}
