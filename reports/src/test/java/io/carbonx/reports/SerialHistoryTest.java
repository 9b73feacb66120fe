package io.carbonx.reports;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.Side;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static io.carbonx.reports.ReportScenario.CEA;
import static io.carbonx.reports.ReportScenario.CEA_SPEC;
import static io.carbonx.reports.ReportScenario.INSTRUMENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The history of single tonnes over a short run: A is issued 1..100 and B 101..150; A pledges 30 (1..30, which stay
 * with A), transfers 40 to B (31..70, its oldest unpledged), releases 10 (1..10); B sells 60 to C (101..150, then
 * 31..40); C retires 5 (101..105); the regulator cancels 10 of B's (41..50).
 */
class SerialHistoryTest
{
    private static final long A = 1001;
    private static final long B = 2001;
    private static final long C = 3001;

    @Test
    void followsEachTonneThroughEveryMovementToItsState()
    {
        final SerialHistory pledgedAndReleased = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 10);
        final SerialHistory stillPledged = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 20);
        final SerialHistory transferredAndTraded = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 35);
        final SerialHistory tradedAndRetired = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 103);
        final SerialHistory cancelled = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 45);
        final SerialHistory neverIssued = new SerialHistory(INSTRUMENTS, ZoneOffset.UTC, CEA, 151);
        final ReportDriver driver = new ReportDriver()
            .folds(pledgedAndReleased, stillPledged, transferredAndTraded, tradedAndRetired, cancelled, neverIssued);
        driver.at("2025-01-02T01:00:00Z");
        driver.list(CEA_SPEC);
        driver.open(A, AccountType.COMPLIANCE);
        driver.open(B, AccountType.TRADING);
        driver.open(C, AccountType.TRADING);
        driver.issue(A, CEA, 100);
        driver.issue(B, CEA, 50);
        driver.deposit(C, 1_000_000_00L);
        driver.pledge(A, CEA, 30, false);
        driver.transfer(A, B, CEA, 40);
        driver.pledge(A, CEA, 10, true);
        driver.limit(1, B, CEA, Side.SELL, 60, 90_00);
        driver.limit(2, C, CEA, Side.BUY, 60, 90_00);
        driver.endOfDay(20250102);
        driver.retire(C, CEA, 5);
        driver.cancelUnits(B, CEA, 10);
        driver.finish();

        assertEquals(List.of("ISSUE 0>1001 1-100", "PLEDGE 1001>1001 1-30", "RELEASE 1001>1001 1-10"),
            lines(pledgedAndReleased));
        assertEquals(SerialHistory.State.HELD, pledgedAndReleased.state());
        assertEquals(A, pledgedAndReleased.holder());
        assertEquals(false, current(pledgedAndReleased).get("pledged"));

        // Pledged before the transfer and never released: the transfer and the sale took other serials.
        assertEquals(List.of("ISSUE 0>1001 1-100", "PLEDGE 1001>1001 1-30"), lines(stillPledged));
        assertEquals(A, stillPledged.holder());
        assertEquals(true, current(stillPledged).get("pledged"));

        assertEquals(List.of("ISSUE 0>1001 1-100", "TRANSFER 1001>2001 31-70", "TRADE 2001>3001 31-40"),
            lines(transferredAndTraded));
        assertEquals(SerialHistory.State.HELD, transferredAndTraded.state());
        assertEquals(C, transferredAndTraded.holder());
        assertEquals(new TreeSet<>(List.of(A, B, C)), transferredAndTraded.holders());
        assertEquals(false, current(transferredAndTraded).get("pledged"));

        assertEquals(List.of("ISSUE 0>2001 101-150", "TRADE 2001>3001 101-150", "RETIRE 3001>0 101-105"),
            lines(tradedAndRetired));
        assertEquals(SerialHistory.State.RETIRED, tradedAndRetired.state());
        assertEquals("90.00", tradedAndRetired.movements().get(1).get("price"));
        assertEquals(Map.of("state", "RETIRED"), current(tradedAndRetired));

        assertEquals(List.of("ISSUE 0>1001 1-100", "TRANSFER 1001>2001 31-70", "CANCEL 2001>0 41-50"),
            lines(cancelled));
        assertEquals(SerialHistory.State.CANCELLED, cancelled.state());
        final SortedSet<Long> holders = cancelled.holders();
        assertEquals(new TreeSet<>(List.of(A, B)), holders);

        assertEquals(SerialHistory.State.NEVER_ISSUED, neverIssued.state());
        assertEquals(150, neverIssued.issued());
        assertEquals(List.of(), neverIssued.movements());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(final SerialHistory history)
    {
        return (Map<String, Object>)history.toJson().get("current");
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(final SerialHistory history)
    {
        final List<String> lines = new ArrayList<>();
        for (final Map<String, Object> movement : history.movements())
        {
            final Map<String, Object> block = (Map<String, Object>)movement.get("block");
            lines.add(movement.get("operation") + " " + movement.get("from") + ">" + movement.get("to") + " " +
                block.get("first") + "-" + block.get("last"));
        }
        return lines;
    }
}
