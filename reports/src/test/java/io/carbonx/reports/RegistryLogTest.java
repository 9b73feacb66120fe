package io.carbonx.reports;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.AUCTION_ISSUED;
import static io.carbonx.reports.ReportScenario.AUCTION_VOLUME;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.BUYER_BID;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.E_ALLOCATED;
import static io.carbonx.reports.ReportScenario.E_BID;
import static io.carbonx.reports.ReportScenario.E_SURRENDERED;
import static io.carbonx.reports.ReportScenario.F;
import static io.carbonx.reports.ReportScenario.F_ALLOCATED;
import static io.carbonx.reports.ReportScenario.F_BID_PRICE;
import static io.carbonx.reports.ReportScenario.F_OFFSETS;
import static io.carbonx.reports.ReportScenario.F_SURRENDERED;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static io.carbonx.reports.ReportScenario.RETIRED;
import static io.carbonx.reports.ReportScenario.SELLER;
import static io.carbonx.reports.ReportScenario.SELLER_ISSUED;
import static io.carbonx.reports.ReportScenario.TRANSFERRED;
import static io.carbonx.reports.ReportScenario.WITHDRAWN;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry transaction log of the scenario: every registry operation of a day in command order, with the serial
 * ranges the units moved carry.
 */
class RegistryLogTest
{
    private static final int OPERATION = 3;
    private static final int SERIAL_START = 9;
    private static final int SERIAL_END = 10;
    private static final String CEA = "CEA-2025";

    private final RegistryLog log = new RegistryLog(INSTRUMENTS);

    @Test
    void theFirstDayLogsOpeningsIssuanceWithFreshSerialBlocksAndDeposits()
    {
        final ReportScenario scenario = ReportScenario.run(log);

        final List<List<String>> rows = text(log.table(DAY_1));
        final List<String> operations = new ArrayList<>();
        rows.forEach(row -> operations.add(row.get(OPERATION)));
        assertEquals(List.of("OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT",
            "ISSUE", "ISSUE", "ISSUE", "DEPOSIT", "DEPOSIT", "DEPOSIT"), operations,
            "trades are not registry operations");
        assertEquals(List.of(
            row("2025-01-02", scenario.issueSequences.get(0), "2025-01-02T01:00:00Z", "ISSUE", SELLER, 0, CEA,
                SELLER_ISSUED, money(0), 1, SELLER_ISSUED),
            row("2025-01-02", scenario.issueSequences.get(1), "2025-01-02T01:00:00Z", "ISSUE", AUCTION, 0, CEA,
                AUCTION_ISSUED, money(0), SELLER_ISSUED + 1, SELLER_ISSUED + AUCTION_ISSUED),
            row("2025-01-02", scenario.issueSequences.get(2), "2025-01-02T01:00:00Z", "ISSUE", F, 0, "CCER",
                F_OFFSETS, money(0), 1, F_OFFSETS)),
            rows.subList(5, 8), "each instrument numbers its units from 1");
    }

    @Test
    void timesAreInTheSchemesZone()
    {
        final RegistryLog shanghai = new RegistryLog(INSTRUMENTS, ZoneId.of("Asia/Shanghai"));
        ReportScenario.run(shanghai);

        assertEquals("2025-01-02T09:00:00+08:00", text(shanghai.table(DAY_1)).get(5).get(2),
            "01:00 UTC is 09:00 in Shanghai");
    }

    @Test
    void theSecondDayLogsTransfersRetirementsCashAuctionDeliveriesAllocationsAndSurrenders()
    {
        final ReportScenario scenario = ReportScenario.run(log);

        final List<List<String>> rows = text(log.table(DAY_2));
        final List<String> operations = new ArrayList<>();
        rows.forEach(row -> operations.add(row.get(OPERATION)));
        assertEquals(List.of("TRANSFER", "RETIRE", "WITHDRAW", "AUCTION_DELIVERY", "AUCTION_DELIVERY",
            "AUCTION_DELIVERY", "ALLOCATE", "ALLOCATE", "SURRENDER", "SURRENDER", "SURRENDER"), operations);

        assertEquals(row("2025-01-03", scenario.transferSequence, "2025-01-03T01:00:00Z", "TRANSFER", SELLER, BUYER,
            CEA, TRANSFERRED, money(0)), rows.get(0).subList(0, SERIAL_START));
        assertWithin(rows.get(0), 1, SELLER_ISSUED, TRANSFERRED);
        assertEquals(row("2025-01-03", scenario.retireSequence, "2025-01-03T01:00:00Z", "RETIRE", BUYER, 0, CEA,
            RETIRED, money(0)), rows.get(1).subList(0, SERIAL_START));
        assertEquals(row("2025-01-03", scenario.withdrawSequence, "2025-01-03T01:00:00Z", "WITHDRAW", SELLER, 0, "", 0,
            money(WITHDRAWN), 0, 0), rows.get(2));

        final String closeTime = "2025-01-03T04:30:00Z";
        final long closeSequence = scenario.closeAuctionSequence;
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", BUYER, 0, CEA, BUYER_BID,
            money(BUYER_BID * F_BID_PRICE)), rows.get(3).subList(0, SERIAL_START));
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", E, 0, CEA, E_BID,
            money(E_BID * F_BID_PRICE)), rows.get(4).subList(0, SERIAL_START));
        final long lastWinner = AUCTION_VOLUME - BUYER_BID - E_BID;
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", F, 0, CEA, lastWinner,
            money(lastWinner * F_BID_PRICE)), rows.get(5).subList(0, SERIAL_START));
        long delivered = 0;
        for (final List<String> delivery : rows.subList(3, 6))
        {
            delivered += assertWithin(delivery, SELLER_ISSUED + 1, SELLER_ISSUED + AUCTION_ISSUED,
                Long.parseLong(delivery.get(7)));
        }
        assertEquals(AUCTION_VOLUME, delivered, "the auction account's own serials, each delivered once");

        final long firstAllocated = SELLER_ISSUED + AUCTION_ISSUED + 1;
        assertEquals(row("2025-01-03", scenario.allocateSequence, "2025-01-03T05:00:00Z", "ALLOCATE", E, 0, CEA,
            E_ALLOCATED, money(0), firstAllocated, firstAllocated + E_ALLOCATED - 1), rows.get(6));
        assertEquals(row("2025-01-03", scenario.allocateSequence + 1, "2025-01-03T05:00:00Z", "ALLOCATE", F, 0, CEA,
            F_ALLOCATED, money(0), firstAllocated + E_ALLOCATED, firstAllocated + E_ALLOCATED + F_ALLOCATED - 1),
            rows.get(7));
        assertEquals(row("2025-01-03", scenario.surrenderSequence, "2025-01-03T06:00:00Z", "SURRENDER", E, 0, CEA,
            E_SURRENDERED, money(0)), rows.get(8).subList(0, SERIAL_START));
        assertEquals(row("2025-01-03", scenario.surrenderSequence + 1, "2025-01-03T06:00:00Z", "SURRENDER", F, 0, CEA,
            F_SURRENDERED, money(0)), rows.get(9).subList(0, SERIAL_START));
        assertEquals(row("2025-01-03", scenario.surrenderSequence + 2, "2025-01-03T06:00:00Z", "SURRENDER", F, 0,
            "CCER", F_OFFSETS, money(0), 1, F_OFFSETS), rows.get(10), "F surrenders every offset it was issued");
    }

    @Test
    void theOpenDayHasNoRegistryOperations()
    {
        ReportScenario.run(log);

        assertEquals(List.of(), log.table(0).rows(), "closing a compliance year moves no units");
    }

    /**
     * @return the units the row's serial range covers, after checking it lies in [first, last] and covers no more
     * than the quantity moved.
     */
    private static long assertWithin(final List<String> row, final long first, final long last, final long quantity)
    {
        final long start = Long.parseLong(row.get(SERIAL_START));
        final long end = Long.parseLong(row.get(SERIAL_END));
        assertTrue(first <= start && start <= end && end <= last, row + " within " + first + ".." + last);
        assertEquals(quantity, end - start + 1, "one contiguous block: " + row);
        return end - start + 1;
    }
}
