package io.carbonx.engine.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClosedOrdersTest
{
    @Test
    void remembersTheOutcomeOfEachRecentlyClosedOrder()
    {
        final ClosedOrders memory = new ClosedOrders(4);
        memory.record(10, ClosedOrders.FILLED);
        memory.record(11, ClosedOrders.CLOSED);

        assertEquals(ClosedOrders.FILLED, memory.outcome(10));
        assertEquals(ClosedOrders.CLOSED, memory.outcome(11));
        assertEquals(0, memory.outcome(12));
    }

    @Test
    void forgetsTheOldestOnceFullAndOnlyIt()
    {
        final ClosedOrders memory = new ClosedOrders(3);
        for (long id = 1; id <= 4; id++)
        {
            memory.record(id, ClosedOrders.CLOSED);
        }

        assertEquals(0, memory.outcome(1));
        assertEquals(ClosedOrders.CLOSED, memory.outcome(2));
        assertEquals(ClosedOrders.CLOSED, memory.outcome(4));
    }

    @Test
    void aForgottenIdClosedAgainIsRememberedWithItsNewOutcome()
    {
        final ClosedOrders memory = new ClosedOrders(2);
        memory.record(7, ClosedOrders.FILLED);
        memory.record(8, ClosedOrders.FILLED);
        memory.record(9, ClosedOrders.FILLED);
        assertEquals(0, memory.outcome(7));

        memory.record(7, ClosedOrders.CLOSED);

        assertEquals(ClosedOrders.CLOSED, memory.outcome(7));
        assertEquals(0, memory.outcome(8));
    }

    @Test
    void aMemoryOfNothingRemembersNothing()
    {
        final ClosedOrders memory = new ClosedOrders(0);
        memory.record(1, ClosedOrders.FILLED);

        assertEquals(0, memory.outcome(1));
        assertEquals(17, memory.hashInto(17));
    }

    /**
     * Long random runs, ids reused once forgotten and clustered so that they collide in the index, against a model
     * that keeps exactly the last {@code capacity} records.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 64, 1000, 4096})
    void agreesWithAModelOfTheLastRecords(final int capacity)
    {
        final ClosedOrders memory = new ClosedOrders(capacity);
        final ArrayDeque<Long> order = new ArrayDeque<>();
        final Map<Long, Long> model = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(capacity);
        final long idRange = capacity * 3L + 5;
        for (int i = 0; i < 200_000; i++)
        {
            final long id = random.nextInt(4) == 0 ? random.nextLong(idRange) << 20 : random.nextLong(idRange);
            if (model.containsKey(id))
            {
                assertEquals((long)model.get(id), memory.outcome(id), "record " + i + ", id " + id);
                continue;
            }
            assertEquals(0, memory.outcome(id), "record " + i + ", id " + id);
            final long outcome = random.nextBoolean() ? ClosedOrders.FILLED : ClosedOrders.CLOSED;
            memory.record(id, outcome);
            order.addLast(id);
            model.put(id, outcome);
            if (order.size() > capacity)
            {
                model.remove(order.removeFirst());
            }
        }
        for (long id = 0; id < idRange; id++)
        {
            assertEquals(model.getOrDefault(id, 0L), memory.outcome(id), "id " + id);
        }
        // Lookups are bounded by the longest run, which stays short because the index is at least four times the
        // records it holds.
        assertTrue(memory.longestRun() < 64, "longest run " + memory.longestRun());
    }

    /**
     * Ids as order entry hands them out: a session index in the high bits above counters that all sessions start
     * from the same clock-seeded value, so the sessions count through the same low bits at once.
     */
    @Test
    void sessionsCountingThroughTheSameNumbersKeepRunsShort()
    {
        final int capacity = 1 << 12;
        final ClosedOrders memory = new ClosedOrders(capacity);
        final ArrayDeque<Long> recorded = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(3);
        final long[] counters = new long[16];
        Arrays.fill(counters, 1_000_000L << 7);
        for (int i = 0; i < 200_000; i++)
        {
            final int session = random.nextInt(counters.length);
            final long id = ((session + 1L) << 47) | counters[session]++;
            assertEquals(0, memory.outcome(id));
            memory.record(id, ClosedOrders.FILLED);
            recorded.addLast(id);
            if (recorded.size() > capacity)
            {
                assertEquals(0, memory.outcome(recorded.removeFirst()));
            }
        }
        for (final long id : recorded)
        {
            assertEquals(ClosedOrders.FILLED, memory.outcome(id));
        }
        assertTrue(memory.longestRun() < 64, "longest run " + memory.longestRun());
    }

    @Test
    void aSnapshotRestoresTheSameMemoryHashAndBytes() throws IOException
    {
        final ClosedOrders memory = new ClosedOrders(100);
        final Set<Long> ids = new HashSet<>();
        for (long id = 1; id <= 250; id++)
        {
            memory.record(id * 31, id % 3 == 0 ? ClosedOrders.FILLED : ClosedOrders.CLOSED);
            ids.add(id * 31);
        }
        final byte[] written = write(memory);

        final ClosedOrders restored = new ClosedOrders(100);
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(written)));

        assertArrayEquals(written, write(restored));
        assertEquals(memory.hashInto(5), restored.hashInto(5));
        for (final long id : ids)
        {
            assertEquals(memory.outcome(id), restored.outcome(id), "id " + id);
        }
        assertEquals(0, restored.outcome(31));
        assertEquals(ClosedOrders.FILLED, restored.outcome(250 * 31 - 31));
    }

    private static byte[] write(final ClosedOrders memory) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        memory.writeSnapshot(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
