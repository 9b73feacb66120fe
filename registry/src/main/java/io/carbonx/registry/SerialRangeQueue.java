package io.carbonx.registry;

import io.carbonx.registry.SerialRangeChunkPool.Chunk;

/**
 * The serial ranges of one holding, oldest first: units leave from the front and arrive at the back.
 * <p>
 * A small queue is a ring of {@link #RING_CAPACITY} ranges, allocated with its first range, which is all most
 * holdings ever need. A queue that outgrows it turns into a linked list of fixed-size chunks taken from the
 * registry's {@link SerialRangeChunkPool}: a chunk is taken when the back fills, a chunk emptied at the front goes
 * back to the pool, and a queue that empties returns every chunk and is a ring again. So a long queue grows one
 * chunk at a time without copying itself, and growth draws on chunks allocated in advance rather than on the
 * allocator. The ring stays so that each of many small holdings costs 64 bytes of ranges rather than a chunk.
 * <p>
 * A range arriving right after the last one is merged into it, which keeps a holding that sends and receives the same
 * units from fragmenting. Reads by index walk the chunks from a cursor left by the last read, so reading front to
 * back is linear. Written only by the {@link Registry}'s thread.
 */
final class SerialRangeQueue implements SerialRanges
{
    /**
     * Ranges in the ring of a small queue.
     */
    static final int RING_CAPACITY = 4;

    /**
     * Ranges per chunk of a queue with a pool of its own.
     */
    static final int DEFAULT_CHUNK_SIZE = SerialRangeChunkPool.DEFAULT_CHUNK_SIZE;

    private static final long[] EMPTY = new long[0];
    private static final int RING_MASK = RING_CAPACITY - 1;

    private final SerialRangeChunkPool pool;
    private final int chunkShift;
    private final int chunkMask;

    // Ring mode, while first is null: range at position p has its start and end at 2(p & RING_MASK) and the next.
    private long[] ring = EMPTY;

    // Chunk mode: range i is at position head + i, in the chunk (position >> chunkShift) links after first, slot
    // position & chunkMask. The chunks hold exactly positions 0 to head + count - 1: last holds the back range.
    private Chunk first;
    private Chunk last;
    private int chunkCount;
    // The chunk numbered cursorNumber, where the last read by index ended; null when unknown.
    private Chunk cursor;
    private int cursorNumber;

    private int head;
    private int count;
    private long unitCount;

    /**
     * A queue with a pool of its own, for tests and scratch use.
     */
    SerialRangeQueue()
    {
        this(DEFAULT_CHUNK_SIZE);
    }

    /**
     * A queue with a pool of its own.
     *
     * @param chunkSize ranges per chunk, a power of two >= 4; tests use a small one to reach chunk mode quickly.
     */
    SerialRangeQueue(final int chunkSize)
    {
        this(new SerialRangeChunkPool(chunkSize));
    }

    /**
     * @param pool to take chunks from and give them back to, shared with the registry's other queues.
     */
    SerialRangeQueue(final SerialRangeChunkPool pool)
    {
        this.pool = pool;
        this.chunkShift = Integer.numberOfTrailingZeros(pool.chunkSize());
        this.chunkMask = pool.chunkSize() - 1;
    }

    public int rangeCount()
    {
        return count;
    }

    public long rangeStart(final int index)
    {
        checkIndex(index);
        return first == null ?
            ring[((head + index) & RING_MASK) << 1] : chunkAt((head + index) >>> chunkShift).ranges[slot(head + index)];
    }

    public long rangeEnd(final int index)
    {
        checkIndex(index);
        return first == null ? ring[(((head + index) & RING_MASK) << 1) + 1] :
            chunkAt((head + index) >>> chunkShift).ranges[slot(head + index) + 1];
    }

    public long unitCount()
    {
        return unitCount;
    }

    /**
     * @return chunks this queue holds from its pool; 0 in ring mode.
     */
    int chunkCount()
    {
        return chunkCount;
    }

    /**
     * Append a range at the back, merging it into the last range when it continues it.
     */
    void append(final long start, final long end)
    {
        if (count > 0)
        {
            final int back = head + count - 1;
            final long[] ranges = first == null ? ring : last.ranges;
            final int endIndex = (first == null ? (back & RING_MASK) << 1 : slot(back)) + 1;
            if (ranges[endIndex] + 1 == start)
            {
                ranges[endIndex] = end;
                unitCount += end - start + 1;
                return;
            }
        }

        appendUnmerged(start, end);
    }

    /**
     * Append a range at the back as it is; restoring a snapshot uses this to rebuild the queue range by range.
     */
    void appendUnmerged(final long start, final long end)
    {
        if (start > end)
        {
            throw new IllegalArgumentException("empty serial range: [" + start + ", " + end + "]");
        }

        if (first == null)
        {
            if (count < RING_CAPACITY)
            {
                if (ring == EMPTY)
                {
                    ring = new long[RING_CAPACITY << 1];
                }
                final int index = ((head + count) & RING_MASK) << 1;
                ring[index] = start;
                ring[index + 1] = end;
                count++;
                unitCount += end - start + 1;
                return;
            }
            ringToChunks();
        }

        final int tail = head + count;
        final int index = slot(tail);
        if (0 == index)
        {
            // The back chunk is full (a chunk mode queue is never empty, so tail > 0).
            final Chunk chunk = pool.take();
            last.next = chunk;
            last = chunk;
            chunkCount++;
        }
        last.ranges[index] = start;
        last.ranges[index + 1] = end;
        count++;
        unitCount += end - start + 1;
    }

    /**
     * Move units from the front of this queue to the back of another, splitting the last range moved if needed.
     *
     * @param quantity    of units to move, at most {@link #unitCount()}.
     * @param destination to append the ranges to; may be a scratch queue that collects what left.
     */
    void moveFrontTo(final long quantity, final SerialRangeQueue destination)
    {
        moveFrontTo(quantity, destination, null);
    }

    /**
     * {@link #moveFrontTo(long, SerialRangeQueue)}, also adding every block moved to a record of the movement.
     *
     * @param moved to add the blocks to, or null for none.
     */
    void moveFrontTo(final long quantity, final SerialRangeQueue destination, final MovedSerials moved)
    {
        if (destination == this)
        {
            throw new IllegalArgumentException("cannot move units to the same queue");
        }

        if (quantity > unitCount)
        {
            throw new IllegalStateException("cannot move " + quantity + " units out of " + unitCount);
        }

        long remaining = quantity;
        while (remaining > 0)
        {
            // The front range is in the ring or in the first chunk, at head.
            final long[] ranges = first == null ? ring : first.ranges;
            final int index = first == null ? head << 1 : slot(head);
            final long start = ranges[index];
            final long end = ranges[index + 1];
            final long size = end - start + 1;
            if (size <= remaining)
            {
                destination.append(start, end);
                if (moved != null)
                {
                    moved.add(start, end);
                }
                removeFront();
                remaining -= size;
            }
            else
            {
                final long splitEnd = start + remaining - 1;
                destination.append(start, splitEnd);
                if (moved != null)
                {
                    moved.add(start, splitEnd);
                }
                ranges[index] = splitEnd + 1;
                remaining = 0;
            }
        }

        unitCount -= quantity;
    }

    /**
     * Forget every range, giving every chunk back to the pool and keeping the ring for reuse.
     */
    void clear()
    {
        releaseChunks();
        head = 0;
        count = 0;
        unitCount = 0;
    }

    private int slot(final int position)
    {
        return (position & chunkMask) << 1;
    }

    private Chunk chunkAt(final int number)
    {
        // The front and the back, which a trade reads for the serials it moved, without a walk.
        if (0 == number)
        {
            return first;
        }
        if (number == chunkCount - 1)
        {
            return last;
        }

        Chunk chunk = first;
        int at = 0;
        if (cursor != null && cursorNumber <= number)
        {
            chunk = cursor;
            at = cursorNumber;
        }
        while (at < number)
        {
            chunk = chunk.next;
            at++;
        }

        cursor = chunk;
        cursorNumber = number;
        return chunk;
    }

    private void removeFront()
    {
        count--;
        if (0 == count)
        {
            releaseChunks();
            head = 0;
        }
        else if (first == null)
        {
            head = (head + 1) & RING_MASK;
        }
        else if (++head > chunkMask)
        {
            // The front chunk is empty: give it back for whichever queue grows next.
            final Chunk empty = first;
            first = empty.next;
            pool.give(empty);
            chunkCount--;
            cursor = null;
            head = 0;
        }
    }

    private void releaseChunks()
    {
        if (first != null)
        {
            pool.giveAll(first, last, chunkCount);
            first = null;
            last = null;
            chunkCount = 0;
            cursor = null;
        }
    }

    /**
     * The ring is full: copy it, front first, into a chunk from the pool.
     */
    private void ringToChunks()
    {
        final Chunk chunk = pool.take();
        for (int i = 0; i < count; i++)
        {
            final int from = ((head + i) & RING_MASK) << 1;
            chunk.ranges[i << 1] = ring[from];
            chunk.ranges[(i << 1) + 1] = ring[from + 1];
        }
        first = chunk;
        last = chunk;
        chunkCount = 1;
        head = 0;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("range " + index + " of " + count);
        }
    }
}
