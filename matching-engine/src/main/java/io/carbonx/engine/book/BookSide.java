package io.carbonx.engine.book;

import io.carbonx.engine.instrument.InstrumentView;
import io.carbonx.protocol.sbe.Side;

/**
 * The price levels of one side of a book, indexed by price.
 * <p>
 * Orders are accepted only inside the instrument's price band, so the prices a side can hold span a known, bounded
 * range of ticks. The side keeps one {@link PriceLevel} slot per tick of a window that covers the band (with a margin
 * so that a day roll rarely moves it) and an occupancy bitmap of long words over the window: finding a level is an
 * array index, and finding the best or the next level is a scan of bitmap words with
 * {@link Long#numberOfTrailingZeros}/{@link Long#numberOfLeadingZeros}, nearly always within the same word. A level
 * object is created the first time its tick is used and then kept for that tick, so steady-state trading allocates
 * nothing.
 * <p>
 * The band can move (the reference price changes at the day roll) while GTC and GTD orders rest at prices outside the
 * new band. A price outside the window therefore re-centres it over the new band and every resting level; that
 * allocates new arrays, once per band move. Should the needed window exceed {@link #MAX_INDEXED_TICKS} (a band far
 * wider than ticks can reasonably index), the side falls back to a sorted array of levels with the best at the end
 * and binary search, as correct as the index but slower; it returns to the index once the side is empty and the band
 * fits again.
 * <p>
 * Either way a level holds at least one order; an empty level leaves the side at once.
 */
final class BookSide
{
    /**
     * The widest window, in ticks, the index covers: 4 MB of level slots and 128 KB of bitmap per side at most.
     */
    static final int MAX_INDEXED_TICKS = 1 << 20;

    private final Side side;
    private final boolean bids;
    private final InstrumentView instrument;
    private final long tick;
    private final int tickShift;
    private final int levelCapacity;
    private int count;
    private boolean indexed;

    // The price index: slot i holds the level for price base + i * tick; bit i of occupied says whether it rests.
    private long base;
    private long windowPrices;
    private PriceLevel[] slots;
    private long[] occupied;
    private int bestSlot = -1;
    private int cachedDepth = -1;
    private PriceLevel cachedLevel;

    // The fallback: levels sorted by key (price for bids, negated price for asks), best last.
    private long[] keys;
    private PriceLevel[] sorted;
    private PriceLevel[] pool;
    private int pooled;

    /**
     * @param levelCapacity the most levels the side may hold: one per resting order at most.
     */
    BookSide(final Side side, final InstrumentView instrument, final int levelCapacity)
    {
        this.side = side;
        this.bids = side == Side.BUY;
        this.instrument = instrument;
        this.tick = instrument.spec().tickSize();
        this.tickShift = Long.bitCount(tick) == 1 ? Long.numberOfTrailingZeros(tick) : -1;
        this.levelCapacity = levelCapacity;
        if (!indexWindow(instrument.lowestPrice(), instrument.highestPrice()))
        {
            toSorted();
        }
    }

    Side side()
    {
        return side;
    }

    int levelCount()
    {
        return count;
    }

    /**
     * @return true while the side uses the price index rather than the sorted fallback.
     */
    boolean isIndexed()
    {
        return indexed;
    }

    PriceLevel best()
    {
        if (indexed)
        {
            return bestSlot < 0 ? null : slots[bestSlot];
        }
        return count == 0 ? null : sorted[count - 1];
    }

    /**
     * @return the next level after this one in priority order (the next worse price), or null.
     */
    PriceLevel next(final PriceLevel level)
    {
        if (indexed)
        {
            final int slot = worseSlot(slotOf(level.price));
            return slot < 0 ? null : slots[slot];
        }
        final int index = search(key(level.price));
        final int worse = (index >= 0 ? index : -index - 1) - 1;
        return worse < 0 ? null : sorted[worse];
    }

    /**
     * @param depth 0 for the best level, 1 for the next, ...; less than {@link #levelCount()}.
     */
    PriceLevel levelAt(final int depth)
    {
        if (!indexed)
        {
            return sorted[count - 1 - depth];
        }
        // Readers walk the depths in order; remembering the last answer makes each step one bitmap scan.
        PriceLevel level;
        int at;
        if (cachedLevel != null && depth >= cachedDepth)
        {
            level = cachedLevel;
            at = cachedDepth;
        }
        else
        {
            level = slots[bestSlot];
            at = 0;
        }
        while (at < depth)
        {
            level = next(level);
            at++;
        }
        cachedDepth = depth;
        cachedLevel = level;
        return level;
    }

    /**
     * @return true when an order of the opposite side at the given price would trade with this side's best level.
     */
    boolean crossesBest(final long price)
    {
        final PriceLevel best = best();
        return best != null && isReachable(best.price, price);
    }

    /**
     * @return true when a resting price of this side is reachable by an opposite order limited at {@code limit}.
     */
    boolean isReachable(final long restingPrice, final long limit)
    {
        return bids ? restingPrice >= limit : restingPrice <= limit;
    }

    PriceLevel findOrCreate(final long price)
    {
        if (indexed)
        {
            final long offset = price - base;
            if (offset >= 0 && offset < windowPrices)
            {
                return indexedFindOrCreate(price, slotOfOffset(offset));
            }
            rewindow(price);
            if (indexed)
            {
                return indexedFindOrCreate(price, slotOf(price));
            }
        }
        else if (count == 0 && indexWindow(instrument.lowestPrice(), instrument.highestPrice()))
        {
            return findOrCreate(price);
        }
        return sortedFindOrCreate(price);
    }

    void remove(final PriceLevel level)
    {
        if (indexed)
        {
            final int slot = slotOf(level.price);
            occupied[slot >>> 6] &= ~(1L << slot);
            count--;
            cachedLevel = null;
            if (slot == bestSlot)
            {
                bestSlot = worseSlot(slot);
            }
            return;
        }
        final int last = count - 1;
        final int index = sorted[last] == level ? last : search(key(level.price));
        System.arraycopy(keys, index + 1, keys, index, last - index);
        System.arraycopy(sorted, index + 1, sorted, index, last - index);
        sorted[last] = null;
        count = last;
        pool[pooled++] = level;
    }

    private PriceLevel indexedFindOrCreate(final long price, final int slot)
    {
        PriceLevel level = slots[slot];
        if (level == null)
        {
            level = new PriceLevel();
            slots[slot] = level;
        }
        final int word = slot >>> 6;
        final long bit = 1L << slot;
        if ((occupied[word] & bit) == 0)
        {
            occupied[word] |= bit;
            level.init(price);
            count++;
            cachedLevel = null;
            if (bestSlot < 0 || (bids ? slot > bestSlot : slot < bestSlot))
            {
                bestSlot = slot;
            }
        }
        return level;
    }

    private int slotOf(final long price)
    {
        return slotOfOffset(price - base);
    }

    private int slotOfOffset(final long offset)
    {
        return (int)(tickShift >= 0 ? offset >> tickShift : offset / tick);
    }

    /**
     * @return the occupied slot next worse than {@code slot} (lower for bids, higher for asks), or -1.
     */
    private int worseSlot(final int slot)
    {
        return bids ? occupiedBelow(slot) : occupiedAbove(slot);
    }

    private int occupiedBelow(final int slot)
    {
        int word = slot >>> 6;
        long bits = occupied[word] & ((1L << slot) - 1);
        while (bits == 0)
        {
            if (--word < 0)
            {
                return -1;
            }
            bits = occupied[word];
        }
        return (word << 6) + 63 - Long.numberOfLeadingZeros(bits);
    }

    private int occupiedAbove(final int slot)
    {
        int word = slot >>> 6;
        long bits = occupied[word] & (-2L << slot);
        while (bits == 0)
        {
            if (++word >= occupied.length)
            {
                return -1;
            }
            bits = occupied[word];
        }
        return (word << 6) + Long.numberOfTrailingZeros(bits);
    }

    private int lowestOccupied()
    {
        int word = 0;
        while (occupied[word] == 0)
        {
            word++;
        }
        return (word << 6) + Long.numberOfTrailingZeros(occupied[word]);
    }

    private int highestOccupied()
    {
        int word = occupied.length - 1;
        while (occupied[word] == 0)
        {
            word--;
        }
        return (word << 6) + 63 - Long.numberOfLeadingZeros(occupied[word]);
    }

    /**
     * Move the window so that it covers the band, {@code price} and every resting level, or fall back to the sorted
     * levels when that needs more than {@link #MAX_INDEXED_TICKS}.
     */
    private void rewindow(final long price)
    {
        long lowest = Math.min(price, instrument.lowestPrice());
        long highest = Math.max(price, instrument.highestPrice());
        if (count != 0)
        {
            lowest = Math.min(lowest, slots[lowestOccupied()].price);
            highest = Math.max(highest, slots[highestOccupied()].price);
        }
        if (!indexWindow(lowest, highest))
        {
            toSorted();
        }
    }

    /**
     * Index a window over {@code lowest..highest} plus a margin, carrying over whatever rests now (indexed or sorted).
     *
     * @return false, changing nothing, when the window would be wider than {@link #MAX_INDEXED_TICKS}.
     */
    private boolean indexWindow(final long lowest, final long highest)
    {
        final long ticks = (highest - lowest) / tick + 1;
        if (ticks > MAX_INDEXED_TICKS)
        {
            return false;
        }
        // A quarter of the width again on each side absorbs ordinary band moves without a new window.
        final long margin = Math.min(ticks / 4, (MAX_INDEXED_TICKS - ticks) / 2);
        final long newBase = lowest - margin * tick;
        final int span = (int)(ticks + 2 * margin);
        final PriceLevel[] newSlots = new PriceLevel[span];
        final long[] newOccupied = new long[(span + 63) >>> 6];
        int newBest = -1;
        for (PriceLevel level = best(); level != null; level = next(level))
        {
            final int slot = (int)((level.price - newBase) / tick);
            newSlots[slot] = level;
            newOccupied[slot >>> 6] |= 1L << slot;
            if (newBest < 0)
            {
                newBest = slot;
            }
        }
        base = newBase;
        windowPrices = span * tick;
        slots = newSlots;
        occupied = newOccupied;
        bestSlot = newBest;
        cachedLevel = null;
        indexed = true;
        keys = null;
        sorted = null;
        pool = null;
        return true;
    }

    private void toSorted()
    {
        final long[] newKeys = new long[levelCapacity];
        final PriceLevel[] newSorted = new PriceLevel[levelCapacity];
        int index = count;
        for (PriceLevel level = best(); level != null; level = next(level))
        {
            index--;
            newKeys[index] = key(level.price);
            newSorted[index] = level;
        }
        keys = newKeys;
        sorted = newSorted;
        pool = new PriceLevel[levelCapacity];
        pooled = 0;
        indexed = false;
        slots = null;
        occupied = null;
        bestSlot = -1;
        cachedLevel = null;
    }

    private PriceLevel sortedFindOrCreate(final long price)
    {
        final long key = key(price);
        final int index = search(key);
        if (index >= 0)
        {
            return sorted[index];
        }
        final int insertAt = -index - 1;
        final PriceLevel level;
        if (pooled == 0)
        {
            level = new PriceLevel();
        }
        else
        {
            level = pool[--pooled];
            pool[pooled] = null;
        }
        level.init(price);
        System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
        System.arraycopy(sorted, insertAt, sorted, insertAt + 1, count - insertAt);
        keys[insertAt] = key;
        sorted[insertAt] = level;
        count++;
        return level;
    }

    private long key(final long price)
    {
        return bids ? price : -price;
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
