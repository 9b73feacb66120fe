package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.AUCTION_ISSUED;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.BUYER_BID;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.E_ALLOCATED;
import static io.carbonx.reports.ReportScenario.E_SURRENDERED;
import static io.carbonx.reports.ReportScenario.F;
import static io.carbonx.reports.ReportScenario.FIRST_QUANTITY;
import static io.carbonx.reports.ReportScenario.F_ALLOCATED;
import static io.carbonx.reports.ReportScenario.F_OFFSETS;
import static io.carbonx.reports.ReportScenario.F_SURRENDERED;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static io.carbonx.reports.ReportScenario.RETIRED;
import static io.carbonx.reports.ReportScenario.SECOND_QUANTITY;
import static io.carbonx.reports.ReportScenario.SELLER;
import static io.carbonx.reports.ReportScenario.SELLER_ISSUED;
import static io.carbonx.reports.ReportScenario.TRANSFERRED;
import static io.carbonx.reports.ReportScenario.percent;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Large holders at each close of the scenario: accounts holding at least the threshold, with their share of the units
 * outstanding (issued and allocated, less retired and surrendered).
 */
class LargeHoldersTest
{
    private static final String CEA = "CEA-2025";

    @Test
    void holdingsAtOrAboveTheThresholdAreListedWithTheirShareOfWhatIsOutstanding()
    {
        final LargeHolders report = new LargeHolders(INSTRUMENTS, 750);
        ReportScenario.run(report);

        final long outstanding1 = SELLER_ISSUED + AUCTION_ISSUED;
        final long seller1 = SELLER_ISSUED - FIRST_QUANTITY - SECOND_QUANTITY;
        assertEquals(List.of(
            row("2025-01-02", CEA, AUCTION, "AUCTION", AUCTION_ISSUED, outstanding1,
                percent(AUCTION_ISSUED, outstanding1)),
            row("2025-01-02", CEA, SELLER, "TRADING", seller1, outstanding1, percent(seller1, outstanding1))),
            text(report.table(DAY_1)));

        final long outstanding2 = outstanding1 + E_ALLOCATED + F_ALLOCATED - RETIRED - E_SURRENDERED - F_SURRENDERED;
        final long seller2 = seller1 - TRANSFERRED;
        final long buyer2 = FIRST_QUANTITY + SECOND_QUANTITY + TRANSFERRED - RETIRED + BUYER_BID;
        assertEquals(List.of(
            row("2025-01-03", CEA, SELLER, "TRADING", seller2, outstanding2, percent(seller2, outstanding2)),
            row("2025-01-03", CEA, BUYER, "TRADING", buyer2, outstanding2, percent(buyer2, outstanding2))),
            text(report.table(DAY_2)), "exactly at the threshold counts");
    }

    @Test
    void aLowThresholdListsEveryHolderOfEveryInstrument()
    {
        final LargeHolders report = new LargeHolders(INSTRUMENTS, 1);
        ReportScenario.run(report);

        final long outstanding = SELLER_ISSUED + AUCTION_ISSUED;
        final long seller = SELLER_ISSUED - FIRST_QUANTITY - SECOND_QUANTITY;
        final long buyer = FIRST_QUANTITY + SECOND_QUANTITY;
        assertEquals(List.of(
            row("2025-01-02", CEA, AUCTION, "AUCTION", AUCTION_ISSUED, outstanding,
                percent(AUCTION_ISSUED, outstanding)),
            row("2025-01-02", CEA, SELLER, "TRADING", seller, outstanding, percent(seller, outstanding)),
            row("2025-01-02", CEA, BUYER, "TRADING", buyer, outstanding, percent(buyer, outstanding)),
            row("2025-01-02", "CCER", F, "COMPLIANCE", F_OFFSETS, F_OFFSETS, percent(F_OFFSETS, F_OFFSETS))),
            text(report.table(DAY_1)));
    }
}
