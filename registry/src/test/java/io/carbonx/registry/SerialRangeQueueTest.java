package io.carbonx.registry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SerialRangeQueueTest
{
    @Test
    void mergesARangeThatContinuesTheLastOne()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        queue.append(1, 10);
        queue.append(11, 15);

        assertRanges(queue, 1, 15);
        assertEquals(15, queue.unitCount());
    }

    @Test
    void keepsARangeAfterAGapSeparate()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        queue.append(1, 10);
        queue.append(12, 15);
        queue.append(5_000, 5_000);

        assertRanges(queue, 1, 10, 12, 15, 5_000, 5_000);
        assertEquals(15, queue.unitCount());
    }

    @Test
    void doesNotMergeARangeThatPrecedesTheLastOne()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        queue.append(11, 20);
        queue.append(1, 10);

        assertRanges(queue, 11, 20, 1, 10);
    }

    @Test
    void splitsTheFrontRangeWhenMovingPartOfIt()
    {
        final SerialRangeQueue from = new SerialRangeQueue();
        final SerialRangeQueue to = new SerialRangeQueue();
        from.append(1, 100);

        from.moveFrontTo(30, to);

        assertRanges(from, 31, 100);
        assertRanges(to, 1, 30);
        assertEquals(70, from.unitCount());
        assertEquals(30, to.unitCount());
    }

    @Test
    void movesWholeRangesOldestFirstThenSplitsTheLast()
    {
        final SerialRangeQueue from = new SerialRangeQueue();
        final SerialRangeQueue to = new SerialRangeQueue();
        from.append(1, 10);
        from.append(21, 30);
        from.append(41, 50);

        from.moveFrontTo(25, to);

        assertRanges(from, 46, 50);
        assertRanges(to, 1, 10, 21, 30, 41, 45);
    }

    @Test
    void mergesMovedRangesIntoTheReceiversLastRange()
    {
        final SerialRangeQueue from = new SerialRangeQueue();
        final SerialRangeQueue to = new SerialRangeQueue();
        to.append(1, 10);
        from.append(11, 20);
        from.append(31, 40);

        from.moveFrontTo(15, to);

        assertRanges(to, 1, 20, 31, 35);
        assertRanges(from, 36, 40);
    }

    @Test
    void keepsOrderWhenTheRingWrapsAndGrows()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        final SerialRangeQueue sink = new SerialRangeQueue();
        queue.append(1, 1);
        queue.append(3, 3);
        queue.append(5, 5);
        queue.moveFrontTo(2, sink); // head moves to the middle of the ring
        long serial = 7;
        for (int i = 0; i < 10; i++) // wraps, then grows twice
        {
            queue.append(serial, serial);
            serial += 2;
        }

        assertEquals(11, queue.rangeCount());
        long expected = 5;
        for (int i = 0; i < queue.rangeCount(); i++)
        {
            assertEquals(expected, queue.rangeStart(i));
            assertEquals(expected, queue.rangeEnd(i));
            expected += 2;
        }
    }

    @Test
    void refusesToMoveMoreThanItHoldsAndChangesNothing()
    {
        final SerialRangeQueue from = new SerialRangeQueue();
        final SerialRangeQueue to = new SerialRangeQueue();
        from.append(1, 10);

        assertThrows(IllegalStateException.class, () -> from.moveFrontTo(11, to));
        assertThrows(IllegalArgumentException.class, () -> from.moveFrontTo(1, from));

        assertRanges(from, 1, 10);
        assertEquals(0, to.rangeCount());
    }

    @Test
    void appendsUnmergedWhenRestoring()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        queue.appendUnmerged(1, 10);
        queue.appendUnmerged(11, 20);

        assertRanges(queue, 1, 10, 11, 20);
        assertThrows(IllegalArgumentException.class, () -> queue.appendUnmerged(30, 29));
    }

    @Test
    void rejectsIndexesOutsideTheQueue()
    {
        final SerialRangeQueue queue = new SerialRangeQueue();
        queue.append(1, 10);

        assertThrows(IndexOutOfBoundsException.class, () -> queue.rangeStart(1));
        assertThrows(IndexOutOfBoundsException.class, () -> queue.rangeEnd(-1));
    }

    /**
     * Against a model that keeps every serial number on its own: units leave in the order they arrived, and no two
     * neighbouring ranges are left adjacent.
     */
    @Property(tries = 300)
    void behavesAsAQueueOfSerialNumbers(
        @ForAll @Size(max = 60) final List<@IntRange(min = -8, max = 8) Integer> steps)
    {
        checkAgainstModel(steps, SerialRangeQueue.DEFAULT_CHUNK_SIZE);
    }

    /**
     * The same with chunks of four ranges, so that queues turn into chunks, take chunks from their shared pool and
     * give emptied ones back.
     */
    @Property(tries = 300)
    void behavesAsAQueueOfSerialNumbersInChunks(
        @ForAll @Size(max = 60) final List<@IntRange(min = -8, max = 8) Integer> steps)
    {
        checkAgainstModel(steps, 4);
    }

    @Test
    void growsChunkByChunkKeepingOrder()
    {
        final SerialRangeQueue queue = new SerialRangeQueue(4);
        final SerialRangeQueue sink = new SerialRangeQueue(4);
        for (long serial = 1; serial <= 99; serial += 2)
        {
            queue.append(serial, serial);
        }
        queue.moveFrontTo(11, sink); // the front chunks empty and go back to the pool
        for (long serial = 101; serial <= 139; serial += 2)
        {
            queue.append(serial, serial);
        }

        assertEquals(59, queue.rangeCount());
        assertEquals(59, queue.unitCount());
        for (int i = 0; i < queue.rangeCount(); i++)
        {
            assertEquals(23 + 2L * i, queue.rangeStart(i));
            assertEquals(23 + 2L * i, queue.rangeEnd(i));
        }
        assertEquals(11, sink.rangeCount());
        assertEquals(21, sink.rangeEnd(10));
        assertThrows(IndexOutOfBoundsException.class, () -> queue.rangeStart(59));
    }

    @Test
    void longQueuesSendingAndReceivingAtTheSameRateAllocateNothing()
    {
        final SerialRangeQueue a = new SerialRangeQueue();
        final SerialRangeQueue b = new SerialRangeQueue();
        // Odd serials only, one unit per range: no two ranges ever merge, so both queues stay long.
        for (long serial = 1; serial < 2_000; serial += 2)
        {
            a.append(serial, serial);
            b.append(serial + 100_000, serial + 100_000);
        }
        final Runnable cycle = () ->
        {
            for (int i = 0; i < 10_000; i++)
            {
                a.moveFrontTo(1, b);
                b.moveFrontTo(1, a);
            }
        };
        for (int warmUp = 0; warmUp < 10; warmUp++)
        {
            cycle.run();
        }

        assertEquals(0, SteadyStateAllocationTest.allocatedBytes(cycle));
        assertEquals(1_000, a.rangeCount());
        assertEquals(1_000, b.rangeCount());
    }

    @Test
    void anEmptiedQueueGivesEveryChunkBackAndIsARingAgain()
    {
        final SerialRangeChunkPool pool = new SerialRangeChunkPool(16, 4);
        final SerialRangeQueue queue = new SerialRangeQueue(pool);
        final SerialRangeQueue sink = new SerialRangeQueue(pool);
        for (long serial = 1; serial <= 25; serial += 2)
        {
            queue.append(serial, serial);
        }
        assertEquals(4, queue.chunkCount(), "13 ranges in chunks of 4");
        assertEquals(0, pool.freeChunks());

        queue.moveFrontTo(13, sink);
        assertEquals(0, queue.chunkCount());
        assertEquals(0, queue.rangeCount());
        assertEquals(4, sink.chunkCount());
        // The sink grew into the chunks the queue emptied, but for one: leaving its ring took two chunks at once.
        assertEquals(1, pool.chunksAllocatedBeyondCapacity());
        assertEquals(1, pool.freeChunks());

        sink.clear();
        assertEquals(5, pool.freeChunks());
        queue.append(100, 100);
        queue.append(102, 102);
        assertEquals(0, queue.chunkCount());
        assertRanges(queue, 100, 100, 102, 102);
    }

    @Test
    void refusesAChunkSizeThatIsNotAPowerOfTwoOfAtLeastFour()
    {
        assertThrows(IllegalArgumentException.class, () -> new SerialRangeQueue(2));
        assertThrows(IllegalArgumentException.class, () -> new SerialRangeQueue(48));
    }

    private static void checkAgainstModel(final List<Integer> steps, final int chunkSize)
    {
        // A pool too small for long queues, so they also allocate past it.
        final SerialRangeChunkPool pool = new SerialRangeChunkPool(2L * chunkSize, chunkSize);
        final SerialRangeQueue a = new SerialRangeQueue(pool);
        final SerialRangeQueue b = new SerialRangeQueue(pool);
        final ArrayDeque<Long> modelA = new ArrayDeque<>();
        final ArrayDeque<Long> modelB = new ArrayDeque<>();
        long nextSerial = 1;

        for (final int step : steps)
        {
            if (0 == step)
            {
                // A fresh block into a, as issuance does.
                for (int i = 0; i < 3; i++)
                {
                    modelA.addLast(nextSerial + i);
                }
                a.append(nextSerial, nextSerial + 2);
                nextSerial += 3;
            }
            else if (step > 0)
            {
                final int quantity = Math.min(step, modelA.size());
                if (quantity > 0)
                {
                    a.moveFrontTo(quantity, b);
                    moveModel(quantity, modelA, modelB);
                }
            }
            else
            {
                final int quantity = Math.min(-step, modelB.size());
                if (quantity > 0)
                {
                    b.moveFrontTo(quantity, a);
                    moveModel(quantity, modelB, modelA);
                }
            }

            assertEquals(new ArrayList<>(modelA), expand(a));
            assertEquals(new ArrayList<>(modelB), expand(b));
            assertNoAdjacentNeighbours(a);
            assertNoAdjacentNeighbours(b);
            assertEquals(pool.capacityChunks() + pool.chunksAllocatedBeyondCapacity(),
                pool.freeChunks() + a.chunkCount() + b.chunkCount(), "every chunk is in the pool or in one queue");
        }
    }

    private static void moveModel(final int quantity, final ArrayDeque<Long> from, final ArrayDeque<Long> to)
    {
        for (int i = 0; i < quantity; i++)
        {
            to.addLast(from.removeFirst());
        }
    }

    private static List<Long> expand(final SerialRanges ranges)
    {
        final List<Long> serials = new ArrayList<>();
        for (int i = 0; i < ranges.rangeCount(); i++)
        {
            for (long serial = ranges.rangeStart(i); serial <= ranges.rangeEnd(i); serial++)
            {
                serials.add(serial);
            }
        }
        assertEquals(serials.size(), ranges.unitCount());

        return serials;
    }

    private static void assertNoAdjacentNeighbours(final SerialRanges ranges)
    {
        for (int i = 1; i < ranges.rangeCount(); i++)
        {
            assertEquals(false, ranges.rangeEnd(i - 1) + 1 == ranges.rangeStart(i), "ranges left unmerged");
        }
    }

    static void assertRanges(final SerialRanges ranges, final long... startEndPairs)
    {
        assertEquals(startEndPairs.length / 2, ranges.rangeCount(), "range count");
        for (int i = 0; i < ranges.rangeCount(); i++)
        {
            assertEquals(startEndPairs[2 * i], ranges.rangeStart(i), "start of range " + i);
            assertEquals(startEndPairs[2 * i + 1], ranges.rangeEnd(i), "end of range " + i);
        }
    }
}
