package io.carbonx.registry;

/**
 * The exact serial blocks the registry's last unit movement concerned, in the order they moved: a reusable scratch
 * the {@link Registry} clears and fills on every issue, transfer, settlement, pledge, release, retirement, surrender
 * and cancellation, so the engine can publish every block moved rather than the first and last serial.
 * <p>
 * Preallocated for a number of blocks at construction; a movement of more blocks doubles it, which
 * {@link #growths()} counts, so steady-state trading allocates nothing. A block that continues the previous one is
 * merged into it. Valid until the registry's next movement. Written only by the {@link Registry}'s thread.
 */
public final class MovedSerials implements SerialRanges
{
    /**
     * Blocks preallocated by default: a movement rarely spans more.
     */
    public static final int DEFAULT_CAPACITY = 256;

    private long[] blocks;
    private int count;
    private long unitCount;
    private int growths;

    MovedSerials(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        blocks = new long[capacity << 1];
    }

    @Override
    public int rangeCount()
    {
        return count;
    }

    @Override
    public long rangeStart(final int index)
    {
        checkIndex(index);
        return blocks[index << 1];
    }

    @Override
    public long rangeEnd(final int index)
    {
        checkIndex(index);
        return blocks[(index << 1) + 1];
    }

    @Override
    public long unitCount()
    {
        return unitCount;
    }

    /**
     * @return how often a movement spanned more blocks than there was room for, over the registry's life.
     */
    public int growths()
    {
        return growths;
    }

    void clear()
    {
        count = 0;
        unitCount = 0;
    }

    void add(final long first, final long last)
    {
        if (count > 0 && blocks[(count << 1) - 1] + 1 == first)
        {
            blocks[(count << 1) - 1] = last;
        }
        else
        {
            if (count << 1 == blocks.length)
            {
                final long[] grown = new long[blocks.length << 1];
                System.arraycopy(blocks, 0, grown, 0, blocks.length);
                blocks = grown;
                growths++;
            }
            blocks[count << 1] = first;
            blocks[(count << 1) + 1] = last;
            count++;
        }
        unitCount += last - first + 1;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("block " + index + " of " + count);
        }
    }

    public String toString()
    {
        final StringBuilder builder = new StringBuilder("MovedSerials{");
        for (int i = 0; i < count; i++)
        {
            builder.append(0 == i ? "" : ",").append(blocks[i << 1]).append('-').append(blocks[(i << 1) + 1]);
        }
        return builder.append('}').toString();
    }
}
