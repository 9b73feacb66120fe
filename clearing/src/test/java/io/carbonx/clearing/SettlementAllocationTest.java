package io.carbonx.clearing;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The trading cycle, reserve, settle, release, allocates nothing in steady state.
 */
class SettlementAllocationTest
{
    private static final int MEASURED_CYCLES = 10;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void settlingTradesDoesNotAllocate()
    {
        final Registry registry = new Registry(1, HoldingLimits.uniform(100_000_000), 2);
        final FeeSchedule fees = new FeeSchedule(FeeRate.basisPoints(3), FeeRate.perTonne(1));
        final TradeSettlement settlement = new TradeSettlement(registry, fees);
        final BuyOrderReservation reservation = new BuyOrderReservation(fees);
        for (long accountId = 10; accountId < 14; accountId++)
        {
            assertNull(registry.openAccount(accountId, AccountType.TRADING));
            assertNull(registry.depositCash(accountId, 1_000_000_000_000L));
            assertNull(registry.issue(accountId, 2, 1_000_000));
        }

        final Runnable cycle = () ->
        {
            for (int i = 0; i < 1_000; i++)
            {
                final long seller = 10 + (i & 3);
                final long buyer = 10 + ((i + 1) & 3);
                final long limitPrice = 5_000 + (i % 7);
                final long quantity = 10 + (i % 5);
                final long cash = reservation.cashFor(limitPrice, quantity);
                registry.reserveUnits(seller, 2, quantity);
                registry.reserveForBuy(buyer, 2, quantity, cash);
                final long fill = quantity - 3;
                settlement.settle(buyer, seller, 2, limitPrice - 1, fill,
                    reservation.releasedOnFill(limitPrice, quantity, fill));
                registry.releaseForBuy(buyer, 2, 3, reservation.cashFor(limitPrice, 3));
                registry.releaseUnits(seller, 2, 3);
                if (i % 100 == 0)
                {
                    registry.unlockAll();
                }
            }
        };

        for (int warmUp = 0; warmUp < 20; warmUp++)
        {
            cycle.run();
        }

        // A cycle that allocates may still be running code the JIT has not yet compiled with escape analysis (on a
        // loaded machine, C2 can lag the warm-up): a steady state is a cycle of 1,000 trades that allocates nothing,
        // which an allocation per trade would never reach, however many cycles are measured.
        final List<Long> allocated = new ArrayList<>();
        THREADS.getCurrentThreadAllocatedBytes();
        for (int attempt = 0; attempt < MEASURED_CYCLES; attempt++)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            cycle.run();
            allocated.add(THREADS.getCurrentThreadAllocatedBytes() - before);
            if (allocated.get(attempt) == 0)
            {
                break;
            }
        }
        assertEquals(0L, allocated.get(allocated.size() - 1), "bytes allocated by each measured cycle: " + allocated);
        assertEquals(0, registry.account(10).cashReserved());
    }
}
