package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's holdings grow their serial ranges into chunks of one shared pool and give them back.
 */
class SerialRangePoolTest
{
    private static final int CEA = 1;
    private static final long A = 10;
    private static final long B = 11;
    private static final long C = 12;

    @Test
    void aChunkFreedByOneHoldingIsReusedByAnother()
    {
        final Registry registry = registry(2 * SerialRangeChunkPool.DEFAULT_CHUNK_SIZE);
        assertEquals(2, registry.serialRangeChunksFree());

        // Alternate issues, so that neither holding's blocks continue each other: six ranges each, past the ring.
        issueAlternately(registry, A, B, 6);
        assertEquals(6, ranges(registry, A).rangeCount());
        assertEquals(6, ranges(registry, B).rangeCount());
        assertEquals(0, registry.serialRangeChunksFree(), "each holding took a chunk");

        // A sends everything to B, whose chunk has room for it all, and gives its chunk back.
        assertNull(registry.transfer(A, B, CEA, 60));
        assertEquals(12, ranges(registry, B).rangeCount());
        assertEquals(1, registry.serialRangeChunksFree());

        // C grows past its ring into A's old chunk.
        issueAlternately(registry, C, B, 6);
        assertEquals(6, ranges(registry, C).rangeCount());
        assertEquals(0, registry.serialRangeChunksFree());
        assertEquals(0, registry.serialRangeChunksAllocatedBeyondCapacity());
        for (int i = 0; i < 6; i++)
        {
            assertEquals(121 + 20L * i, ranges(registry, C).rangeStart(i));
            assertEquals(130 + 20L * i, ranges(registry, C).rangeEnd(i));
        }
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    @Test
    void anExhaustedPoolAllocatesAndCountsIt()
    {
        final Registry registry = registry(SerialRangeChunkPool.DEFAULT_CHUNK_SIZE);
        issueAlternately(registry, A, B, 6);
        assertEquals(1, registry.serialRangeChunksAllocatedBeyondCapacity(), "B found the pool empty");
        assertEquals(0, registry.serialRangeChunksFree());
        for (int i = 0; i < 6; i++)
        {
            assertEquals(11 + 20L * i, ranges(registry, B).rangeStart(i));
            assertEquals(20 + 20L * i, ranges(registry, B).rangeEnd(i));
        }

        // A sends everything to B and gives its chunk back; B sends everything to C, which grows into that chunk,
        // and gives back the chunk allocated past the capacity, which stays in the pool.
        assertNull(registry.transfer(A, B, CEA, 60));
        assertNull(registry.transfer(B, C, CEA, 120));
        assertEquals(12, ranges(registry, C).rangeCount());
        assertEquals(1, registry.serialRangeChunksFree());
        assertEquals(1, registry.serialRangeChunksAllocatedBeyondCapacity());

        issueAlternately(registry, A, B, 6);
        assertEquals(0, registry.serialRangeChunksFree());
        assertEquals(2, registry.serialRangeChunksAllocatedBeyondCapacity(), "A took the pool's chunk, B found none");
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    @Test
    void retiringFragmentedUnitsLeavesThePoolAsItWas()
    {
        final Registry registry = registry(2 * SerialRangeChunkPool.DEFAULT_CHUNK_SIZE);
        issueAlternately(registry, A, B, 6);
        assertNull(registry.transfer(B, A, CEA, 60));
        assertEquals(12, ranges(registry, A).rangeCount());

        assertNull(registry.retire(A, CEA, 120, "beneficiary", "reason"));
        assertEquals(12, registry.removals().get(0).rangeCount());
        assertEquals(2, registry.serialRangeChunksFree(), "the holding and the removal scratch gave theirs back");
        assertEquals(0, registry.serialRangeChunksAllocatedBeyondCapacity());
    }

    @Test
    void refusesANegativeCapacity()
    {
        assertThrows(IllegalArgumentException.class, () -> registry(-1));
    }

    private static Registry registry(final long serialRangeCapacity)
    {
        final Registry registry = new Registry(1, HoldingLimits.unlimited(), 2, serialRangeCapacity);
        for (long account = A; account <= C; account++)
        {
            assertNull(registry.openAccount(account, AccountType.TRADING));
        }

        return registry;
    }

    /**
     * Issue ten units to {@code first}, then ten to {@code second}, {@code times} times.
     */
    private static void issueAlternately(final Registry registry, final long first, final long second, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            assertNull(registry.issue(first, CEA, 10));
            assertNull(registry.issue(second, CEA, 10));
        }
    }

    private static SerialRanges ranges(final Registry registry, final long accountId)
    {
        return registry.holding(accountId, CEA).serials();
    }
}
