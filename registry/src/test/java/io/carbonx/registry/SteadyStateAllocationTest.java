package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order reservations, transfers and pledges allocate nothing once holdings exist, even while their serial ranges keep
 * fragmenting, as long as the ranges fit in the pool the registry was given.
 */
class SteadyStateAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void hotPathOperationsDoNotAllocate()
    {
        final Registry registry = new Registry(1, HoldingLimits.uniform(1_000_000), 8);
        for (long accountId = 10; accountId < 20; accountId++)
        {
            assertNull(registry.openAccount(accountId, AccountType.TRADING));
            assertNull(registry.depositCash(accountId, 1_000_000));
            assertNull(registry.issue(accountId, 3, 1_000));
        }

        final Runnable cycle = () ->
        {
            for (int i = 0; i < 2_000; i++)
            {
                final long a = 10 + (i % 10);
                final long b = 10 + ((i * 7 + 3) % 10);
                registry.reserveUnits(a, 3, 5);
                registry.reserveCash(b, 500);
                registry.reservePendingBuy(b, 3, 5);
                registry.transfer(a, b, 3, 1 + (i % 4));
                registry.pledge(b, 3, 2);
                registry.unpledge(b, 3, 2);
                registry.releasePendingBuy(b, 3, 5);
                registry.releaseCash(b, 500);
                registry.releaseUnits(a, 3, 5);
                registry.isPermitted(0, a);
            }
        };

        for (int warmUp = 0; warmUp < 20; warmUp++)
        {
            cycle.run();
        }

        assertEquals(0, allocatedBytes(cycle));
    }

    @Test
    void fragmentingHoldingsGrowIntoThePoolWithoutAllocating()
    {
        final Registry registry = new Registry(1, HoldingLimits.unlimited(), 8, 100_000);
        for (long accountId = 10; accountId < 20; accountId++)
        {
            assertNull(registry.openAccount(accountId, AccountType.TRADING));
            assertNull(registry.issue(accountId, 3, 1_000_000));
        }

        // Each account sends to every other in turn, so what one receives rarely continues its last range.
        final int[] step = {0};
        final Runnable cycle = () ->
        {
            for (int i = 0; i < 5_000; i++)
            {
                final int n = step[0]++;
                final long from = 10 + (n % 10);
                final long to = 10 + ((n % 10) + 1 + (n / 10) % 9) % 10;
                registry.transfer(from, to, 3, 1 + (n % 4));
            }
        };

        for (int warmUp = 0; warmUp < 4; warmUp++)
        {
            cycle.run();
        }
        final long rangesBefore = rangeCount(registry);
        final long allocated = allocatedBytes(cycle);
        final long rangesAfter = rangeCount(registry);

        assertTrue(rangesAfter - rangesBefore > 3_000, rangesBefore + " ranges, then " + rangesAfter);
        assertEquals(0, allocated);
        assertEquals(0, registry.serialRangeChunksAllocatedBeyondCapacity());
    }

    private static long rangeCount(final Registry registry)
    {
        long ranges = 0;
        for (long accountId = 10; accountId < 20; accountId++)
        {
            ranges += registry.holding(accountId, 3).serials().rangeCount();
        }

        return ranges;
    }

    static long allocatedBytes(final Runnable work)
    {
        // Call once outside the measurement, in case the first call allocates.
        THREADS.getCurrentThreadAllocatedBytes();
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();

        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
