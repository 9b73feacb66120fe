package io.carbonx.registry;

import java.util.Arrays;

/**
 * The serial ranges of one holding, oldest first: units leave from the front and arrive at the back.
 * <p>
 * Held in two parallel {@code long} arrays (starts and ends). A small queue is one ring whose capacity doubles up to
 * the chunk size, which is all most holdings ever need. A queue that outgrows it turns into a list of fixed-size
 * chunks: a new chunk is added when the back fills, and a chunk emptied at the front goes round to the back to be
 * filled again. So a long queue grows by one chunk at a time instead of copying itself into arrays twice its size,
 * leaves no garbage behind, and a queue that sends and receives at the same rate allocates nothing at all.
 * <p>
 * A range arriving right after the last one is merged into it, which keeps a holding that sends and receives the same
 * units from fragmenting. Written only by the {@link Registry}'s thread.
 */
final class SerialRangeQueue implements SerialRanges
{
    /**
     * Ranges per chunk: 1 KiB of starts and ends together, allocated when a long queue needs more room.
     */
    static final int DEFAULT_CHUNK_SIZE = 64;

    private static final long[] EMPTY = new long[0];
    private static final long[][] NO_CHUNKS = new long[0][];
    private static final int INITIAL_CAPACITY = 4;

    private final int chunkShift;
    private final int chunkMask;

    // Ring mode, while the queue has never held more than a chunk's worth of ranges.
    private long[] starts = EMPTY;
    private long[] ends = EMPTY;

    // Chunk mode: range i is at position head + i, in chunk position >> chunkShift, slot position & chunkMask.
    // Every chunk in the list is allocated; those past the last range are empty and ready for the next ones.
    private long[][] startChunks = NO_CHUNKS;
    private long[][] endChunks = NO_CHUNKS;
    private int chunkCount;

    private int head;
    private int count;
    private long unitCount;

    SerialRangeQueue()
    {
        this(DEFAULT_CHUNK_SIZE);
    }

    /**
     * @param chunkSize ranges per chunk, a power of two >= 4; tests use a small one to reach chunk mode quickly.
     */
    SerialRangeQueue(final int chunkSize)
    {
        if (chunkSize < INITIAL_CAPACITY || Integer.bitCount(chunkSize) != 1)
        {
            throw new IllegalArgumentException("chunk size must be a power of two >= 4: " + chunkSize);
        }

        this.chunkShift = Integer.numberOfTrailingZeros(chunkSize);
        this.chunkMask = chunkSize - 1;
    }

    public int rangeCount()
    {
        return count;
    }

    public long rangeStart(final int index)
    {
        checkIndex(index);
        return start(head + index);
    }

    public long rangeEnd(final int index)
    {
        checkIndex(index);
        return end(head + index);
    }

    public long unitCount()
    {
        return unitCount;
    }

    /**
     * Append a range at the back, merging it into the last range when it continues it.
     */
    void append(final long start, final long end)
    {
        if (count > 0)
        {
            final int last = head + count - 1;
            if (end(last) + 1 == start)
            {
                setEnd(last, end);
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

        if (0 == chunkCount && count == starts.length)
        {
            growRing();
        }
        // After growing, which moves the front to slot 0.
        final int tail = head + count;
        if (0 == chunkCount)
        {
            final int slot = tail & (starts.length - 1);
            starts[slot] = start;
            ends[slot] = end;
            count++;
            unitCount += end - start + 1;
            return;
        }

        if (tail >>> chunkShift == chunkCount)
        {
            addChunk();
        }
        startChunks[tail >>> chunkShift][tail & chunkMask] = start;
        endChunks[tail >>> chunkShift][tail & chunkMask] = end;
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
            final long start = start(head);
            final long end = end(head);
            final long size = end - start + 1;
            if (size <= remaining)
            {
                destination.append(start, end);
                removeFront();
                remaining -= size;
            }
            else
            {
                final long splitEnd = start + remaining - 1;
                destination.append(start, splitEnd);
                setStart(head, splitEnd + 1);
                remaining = 0;
            }
        }

        unitCount -= quantity;
    }

    /**
     * Forget every range, keeping the arrays for reuse.
     */
    void clear()
    {
        head = 0;
        count = 0;
        unitCount = 0;
    }

    private long start(final int position)
    {
        return 0 == chunkCount ?
            starts[position & (starts.length - 1)] : startChunks[position >>> chunkShift][position & chunkMask];
    }

    private long end(final int position)
    {
        return 0 == chunkCount ?
            ends[position & (ends.length - 1)] : endChunks[position >>> chunkShift][position & chunkMask];
    }

    private void setStart(final int position, final long start)
    {
        if (0 == chunkCount)
        {
            starts[position & (starts.length - 1)] = start;
        }
        else
        {
            startChunks[position >>> chunkShift][position & chunkMask] = start;
        }
    }

    private void setEnd(final int position, final long end)
    {
        if (0 == chunkCount)
        {
            ends[position & (ends.length - 1)] = end;
        }
        else
        {
            endChunks[position >>> chunkShift][position & chunkMask] = end;
        }
    }

    private void removeFront()
    {
        count--;
        if (0 == count)
        {
            head = 0;
        }
        else if (0 == chunkCount)
        {
            head = (head + 1) & (starts.length - 1);
        }
        else if (++head > chunkMask)
        {
            // The front chunk is empty: send it round to the back, where it waits for new ranges.
            rotateFrontChunkToBack();
            head = 0;
        }
    }

    private void rotateFrontChunkToBack()
    {
        final long[] startChunk = startChunks[0];
        final long[] endChunk = endChunks[0];
        System.arraycopy(startChunks, 1, startChunks, 0, chunkCount - 1);
        System.arraycopy(endChunks, 1, endChunks, 0, chunkCount - 1);
        startChunks[chunkCount - 1] = startChunk;
        endChunks[chunkCount - 1] = endChunk;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("range " + index + " of " + count);
        }
    }

    /**
     * The ring is full: double it, or, once it has a chunk's worth, turn it into chunks.
     */
    private void growRing()
    {
        final int chunkSize = chunkMask + 1;
        final int capacity = 0 == starts.length ? INITIAL_CAPACITY : starts.length << 1;
        final long[] newStarts = new long[Math.min(capacity, chunkSize)];
        final long[] newEnds = new long[newStarts.length];

        // Unwrap the ring so that the front lands at slot 0.
        final int firstPart = Math.min(count, starts.length - head);
        System.arraycopy(starts, head, newStarts, 0, firstPart);
        System.arraycopy(ends, head, newEnds, 0, firstPart);
        System.arraycopy(starts, 0, newStarts, firstPart, count - firstPart);
        System.arraycopy(ends, 0, newEnds, firstPart, count - firstPart);

        if (capacity <= chunkSize)
        {
            starts = newStarts;
            ends = newEnds;
        }
        else
        {
            // The full ring, now unwrapped into a new chunk, and the old ring's arrays as the empty next chunk.
            startChunks = new long[][]{newStarts, starts, null, null};
            endChunks = new long[][]{newEnds, ends, null, null};
            chunkCount = 2;
            starts = EMPTY;
            ends = EMPTY;
        }
        head = 0;
    }

    private void addChunk()
    {
        if (chunkCount == startChunks.length)
        {
            startChunks = Arrays.copyOf(startChunks, chunkCount << 1);
            endChunks = Arrays.copyOf(endChunks, chunkCount << 1);
        }

        startChunks[chunkCount] = new long[chunkMask + 1];
        endChunks[chunkCount] = new long[chunkMask + 1];
        chunkCount++;
    }
}
