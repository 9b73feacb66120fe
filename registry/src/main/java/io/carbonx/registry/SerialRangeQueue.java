package io.carbonx.registry;

/**
 * The serial ranges of one holding, oldest first: units leave from the front and arrive at the back.
 * <p>
 * A ring of two parallel {@code long} arrays whose capacity is a power of two; it grows by doubling, so moving units
 * allocates nothing once the ring is large enough. A range arriving right after the last one is merged into it,
 * which keeps a holding that sends and receives the same units from fragmenting.
 */
final class SerialRangeQueue implements SerialRanges
{
    private static final long[] EMPTY = new long[0];
    private static final int INITIAL_CAPACITY = 4;

    private long[] starts = EMPTY;
    private long[] ends = EMPTY;
    private int head;
    private int count;
    private long unitCount;

    public int rangeCount()
    {
        return count;
    }

    public long rangeStart(final int index)
    {
        return starts[slot(index)];
    }

    public long rangeEnd(final int index)
    {
        return ends[slot(index)];
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
            final int last = (head + count - 1) & (starts.length - 1);
            if (ends[last] + 1 == start)
            {
                ends[last] = end;
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

        if (count == starts.length)
        {
            grow();
        }

        final int tail = (head + count) & (starts.length - 1);
        starts[tail] = start;
        ends[tail] = end;
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

        final int mask = starts.length - 1;
        long remaining = quantity;
        while (remaining > 0)
        {
            final long start = starts[head];
            final long end = ends[head];
            final long size = end - start + 1;
            if (size <= remaining)
            {
                destination.append(start, end);
                head = (head + 1) & mask;
                count--;
                remaining -= size;
            }
            else
            {
                final long splitEnd = start + remaining - 1;
                destination.append(start, splitEnd);
                starts[head] = splitEnd + 1;
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

    private int slot(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("range " + index + " of " + count);
        }

        return (head + index) & (starts.length - 1);
    }

    private void grow()
    {
        final int capacity = 0 == starts.length ? INITIAL_CAPACITY : starts.length << 1;
        final long[] newStarts = new long[capacity];
        final long[] newEnds = new long[capacity];

        // Unwrap the ring so that the front lands at slot 0.
        final int firstPart = Math.min(count, starts.length - head);
        System.arraycopy(starts, head, newStarts, 0, firstPart);
        System.arraycopy(ends, head, newEnds, 0, firstPart);
        System.arraycopy(starts, 0, newStarts, firstPart, count - firstPart);
        System.arraycopy(ends, 0, newEnds, firstPart, count - firstPart);

        starts = newStarts;
        ends = newEnds;
        head = 0;
    }
}
