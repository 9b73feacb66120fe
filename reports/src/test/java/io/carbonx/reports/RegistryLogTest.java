package io.carbonx.reports;

import io.carbonx.protocol.UserNames;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.reports.ReportScenario.AUCTION;
import static io.carbonx.reports.ReportScenario.AUCTION_ISSUED;
import static io.carbonx.reports.ReportScenario.AUCTION_VOLUME;
import static io.carbonx.reports.ReportScenario.BUYER;
import static io.carbonx.reports.ReportScenario.BUYER_BID;
import static io.carbonx.reports.ReportScenario.BUYER_CASH;
import static io.carbonx.reports.ReportScenario.DAY_1;
import static io.carbonx.reports.ReportScenario.DAY_2;
import static io.carbonx.reports.ReportScenario.E;
import static io.carbonx.reports.ReportScenario.E_ALLOCATED;
import static io.carbonx.reports.ReportScenario.E_BID;
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
import static io.carbonx.reports.ReportScenario.WITHDRAWN;
import static io.carbonx.reports.ReportScenario.YEAR;
import static io.carbonx.reports.ReportScenario.money;
import static io.carbonx.reports.ReportScenario.row;
import static io.carbonx.reports.ReportScenario.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The registry transaction log of the scenario: a row per exact serial block of every unit movement (trades
 * included), and a row per operation that moves no units, in command order. The blocks are derived by hand from the
 * rule that units leave a holding oldest first.
 */
class RegistryLogTest
{
    private static final int OPERATION = 3;
    private static final String CEA = "CEA-2025";

    private final RegistryLog log = new RegistryLog(INSTRUMENTS, UserNames.NONE, ZoneOffset.UTC);

    @Test
    void theFirstDayLogsOpeningsIssuanceDepositsAndEachTradesExactBlocks()
    {
        final ReportScenario scenario = ReportScenario.run(log);

        final List<List<String>> rows = text(log.table(DAY_1));
        assertEquals(List.of("OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT", "OPEN_ACCOUNT",
            "ISSUE", "ISSUE", "ISSUE", "DEPOSIT", "DEPOSIT", "DEPOSIT", "TRADE", "TRADE"), operations(rows));
        assertEquals(List.of(
            row("2025-01-02", scenario.issueSequences.get(0), "2025-01-02T01:00:00Z", "ISSUE", 0, SELLER, CEA,
                SELLER_ISSUED, "", 0, 1, SELLER_ISSUED),
            row("2025-01-02", scenario.issueSequences.get(1), "2025-01-02T01:00:00Z", "ISSUE", 0, AUCTION, CEA,
                AUCTION_ISSUED, "", 0, SELLER_ISSUED + 1, SELLER_ISSUED + AUCTION_ISSUED),
            row("2025-01-02", scenario.issueSequences.get(2), "2025-01-02T01:00:00Z", "ISSUE", 0, F, "CCER",
                F_OFFSETS, "", 0, 1, F_OFFSETS)),
            rows.subList(5, 8), "each instrument numbers its units from 1");
        assertEquals(row("2025-01-02", scenario.buyerDepositSequence, "2025-01-02T01:00:00Z", "DEPOSIT", BUYER, 0, "",
            0, money(BUYER_CASH), 0, "", ""), rows.get(8));
        // BUYER's order takes SELLER's two asks in turn: trade 1 the oldest 100 serials, trade 2 the next 100.
        assertEquals(row("TRADE", SELLER, BUYER, CEA, FIRST_QUANTITY, "", 1, 1, FIRST_QUANTITY),
            rows.get(11).subList(OPERATION, 12));
        assertEquals(row("TRADE", SELLER, BUYER, CEA, SECOND_QUANTITY, "", 2, FIRST_QUANTITY + 1,
            FIRST_QUANTITY + SECOND_QUANTITY), rows.get(12).subList(OPERATION, 12));
    }

    @Test
    void timesAreInTheSchemesZone()
    {
        final RegistryLog shanghai = new RegistryLog(INSTRUMENTS, UserNames.NONE, ZoneId.of("Asia/Shanghai"));
        ReportScenario.run(shanghai);

        assertEquals("2025-01-02T09:00:00+08:00", text(shanghai.table(DAY_1)).get(5).get(2),
            "01:00 UTC is 09:00 in Shanghai");
    }

    @Test
    void theSecondDayLogsTransfersRetirementsCashAuctionDeliveriesAllocationsAndSurrendersBlockByBlock()
    {
        final ReportScenario scenario = ReportScenario.run(log);

        final List<List<String>> rows = text(log.table(DAY_2));
        assertEquals(List.of("TRANSFER", "RETIRE", "WITHDRAW", "AUCTION_DELIVERY", "AUCTION_DELIVERY",
            "AUCTION_DELIVERY", "ALLOCATE", "ALLOCATE", "SURRENDER", "SURRENDER", "SURRENDER", "SURRENDER",
            "SURRENDER"), operations(rows));

        // SELLER sold 1..200 on day 1 and keeps 201..1000; BUYER holds 1..250 after the transfer.
        assertEquals(row("2025-01-03", scenario.transferSequence, "2025-01-03T01:00:00Z", "TRANSFER", SELLER, BUYER,
            CEA, TRANSFERRED, "", 0, 201, 200 + TRANSFERRED), rows.get(0));
        assertEquals(row("2025-01-03", scenario.retireSequence, "2025-01-03T01:00:00Z", "RETIRE", BUYER, 0, CEA,
            RETIRED, "", 0, 1, RETIRED), rows.get(1));
        assertEquals(row("2025-01-03", scenario.withdrawSequence, "2025-01-03T01:00:00Z", "WITHDRAW", SELLER, 0, "", 0,
            money(WITHDRAWN), 0, "", ""), rows.get(2));

        // The auction account's 1001..2000 go out in clearing order: BUYER 600, E 300, F the last 100.
        final String closeTime = "2025-01-03T04:30:00Z";
        final long closeSequence = scenario.closeAuctionSequence;
        final long auctionFirst = SELLER_ISSUED + 1;
        final long lastWinner = AUCTION_VOLUME - BUYER_BID - E_BID;
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", AUCTION, BUYER, CEA, BUYER_BID,
            "", 1, auctionFirst, auctionFirst + BUYER_BID - 1), rows.get(3));
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", AUCTION, E, CEA, E_BID, "", 1,
            auctionFirst + BUYER_BID, auctionFirst + BUYER_BID + E_BID - 1), rows.get(4));
        assertEquals(row("2025-01-03", closeSequence, closeTime, "AUCTION_DELIVERY", AUCTION, F, CEA, lastWinner, "",
            1, auctionFirst + BUYER_BID + E_BID, SELLER_ISSUED + AUCTION_ISSUED), rows.get(5));

        final long firstAllocated = SELLER_ISSUED + AUCTION_ISSUED + 1;
        assertEquals(row("2025-01-03", scenario.allocateSequence, "2025-01-03T05:00:00Z", "ALLOCATE", 0, E, CEA,
            E_ALLOCATED, "", YEAR, firstAllocated, firstAllocated + E_ALLOCATED - 1), rows.get(6));
        assertEquals(row("2025-01-03", scenario.allocateSequence + 1, "2025-01-03T05:00:00Z", "ALLOCATE", 0, F, CEA,
            F_ALLOCATED, "", YEAR, firstAllocated + E_ALLOCATED, firstAllocated + E_ALLOCATED + F_ALLOCATED - 1),
            rows.get(7));

        // E surrenders its 300 auction units (1601..1900) and then 200 of its allocation: two blocks, not 1601..2200.
        final String surrenderTime = "2025-01-03T06:00:00Z";
        final long eFirst = auctionFirst + BUYER_BID;
        assertEquals(row("2025-01-03", scenario.surrenderSequence, surrenderTime, "SURRENDER", E, 0, CEA, E_BID, "",
            YEAR, eFirst, eFirst + E_BID - 1), rows.get(8));
        assertEquals(row("2025-01-03", scenario.surrenderSequence, surrenderTime, "SURRENDER", E, 0, CEA,
            E_SURRENDERED - E_BID, "", YEAR, firstAllocated, firstAllocated + E_SURRENDERED - E_BID - 1),
            rows.get(9));
        // F: its 100 auction units 1901..2000, then 90 of its allocation 2501..2700; then all its CCER.
        final long fAllocated = firstAllocated + E_ALLOCATED;
        assertEquals(row("2025-01-03", scenario.surrenderSequence + 1, surrenderTime, "SURRENDER", F, 0, CEA,
            lastWinner, "", YEAR, eFirst + E_BID, SELLER_ISSUED + AUCTION_ISSUED), rows.get(10));
        assertEquals(row("2025-01-03", scenario.surrenderSequence + 1, surrenderTime, "SURRENDER", F, 0, CEA,
            F_SURRENDERED - lastWinner, "", YEAR, fAllocated, fAllocated + F_SURRENDERED - lastWinner - 1),
            rows.get(11));
        assertEquals(row("2025-01-03", scenario.surrenderSequence + 2, surrenderTime, "SURRENDER", F, 0, "CCER",
            F_OFFSETS, "", YEAR, 1, F_OFFSETS), rows.get(12), "F surrenders every offset it was issued");
    }

    @Test
    void theOpenDayHasNoRegistryOperations()
    {
        ReportScenario.run(log);

        assertEquals(List.of(), log.table(0).rows(), "closing a compliance year moves no units");
    }

    private static List<String> operations(final List<List<String>> rows)
    {
        final List<String> operations = new ArrayList<>();
        rows.forEach(row -> operations.add(row.get(OPERATION)));
        return operations;
    }
}
