package io.carbonx.engine.book;

import io.carbonx.protocol.sbe.Side;

/**
 * The price levels of one side of a book, kept in a sorted array with the best price at the end.
 * <p>
 * Nearly all activity is at or near the top of the book, so keeping the best level last makes the common insertions
 * and removals shift few elements, and the search runs over a primitive key array that stays in cache. Keys are the
 * price for bids and the negated price for asks, so that "better" is always "greater key" and one implementation
 * serves both sides. A level holds at least one order, so a pool of as many levels as the book has orders never
 * runs dry.
 */
final class BookSide
{
    private final Side side;
    private final PriceLevel[] pool;
    private int pooled;
    private long[] keys;
    private PriceLevel[] levels;
    private int count;

    BookSide(final Side side, final int levelCapacity)
    {
        this.side = side;
        this.pool = new PriceLevel[levelCapacity];
        for (int i = 0; i < levelCapacity; i++)
        {
            pool[i] = new PriceLevel();
        }
        this.pooled = levelCapacity;
        this.keys = new long[levelCapacity];
        this.levels = new PriceLevel[levelCapacity];
    }

    Side side()
    {
        return side;
    }

    int levelCount()
    {
        return count;
    }

    PriceLevel best()
    {
        return count == 0 ? null : levels[count - 1];
    }

    /**
     * @param depth 0 for the best level, 1 for the next, ...
     */
    PriceLevel levelAt(final int depth)
    {
        return levels[count - 1 - depth];
    }

    /**
     * @return true when an order of the opposite side at the given price would trade with this side's best level.
     */
    boolean crossesBest(final long price)
    {
        return count != 0 && isReachable(levels[count - 1].price, price);
    }

    /**
     * @return true when a resting price of this side is reachable by an opposite order limited at {@code limit}.
     */
    boolean isReachable(final long restingPrice, final long limit)
    {
        return side == Side.BUY ? restingPrice >= limit : restingPrice <= limit;
    }

    PriceLevel findOrCreate(final long price)
    {
        final long key = key(price);
        final int index = search(key);
        if (index >= 0)
        {
            return levels[index];
        }
        final int insertAt = -index - 1;
        final PriceLevel level = pool[--pooled];
        pool[pooled] = null;
        level.init(price);
        System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
        System.arraycopy(levels, insertAt, levels, insertAt + 1, count - insertAt);
        keys[insertAt] = key;
        levels[insertAt] = level;
        count++;
        return level;
    }

    void remove(final PriceLevel level)
    {
        final int last = count - 1;
        final int index = levels[last] == level ? last : search(key(level.price));
        System.arraycopy(keys, index + 1, keys, index, last - index);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        levels[last] = null;
        count = last;
        pool[pooled++] = level;
    }

    private long key(final long price)
    {
        return side == Side.BUY ? price : -price;
    }

    private int search(final long key)
    {
        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midKey = keys[mid];
            if (midKey < key)
            {
                low = mid + 1;
            }
            else if (midKey > key)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }
}
