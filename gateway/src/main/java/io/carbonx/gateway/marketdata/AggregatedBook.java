package io.carbonx.gateway.marketdata;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * One instrument's book aggregated by price level: the total leaves quantity at each price, per side. A level that
 * empties is removed, so a price is present exactly when some order rests there.
 */
final class AggregatedBook
{
    private static final long ABSENT = 0;

    private final Long2LongHashMap bids = new Long2LongHashMap(64, 0.65f, ABSENT);
    private final Long2LongHashMap asks = new Long2LongHashMap(64, 0.65f, ABSENT);

    /**
     * @return the quantity at a price, 0 when no order rests there.
     */
    long quantity(final boolean buy, final long price)
    {
        return side(buy).get(price);
    }

    /**
     * Add (or with a negative delta, take away) quantity at a price.
     */
    void add(final boolean buy, final long price, final long delta)
    {
        set(buy, price, side(buy).get(price) + delta);
    }

    void set(final boolean buy, final long price, final long quantity)
    {
        if (quantity < 0)
        {
            throw new IllegalStateException("level " + price + " would go negative: " + quantity);
        }
        if (quantity == 0)
        {
            side(buy).remove(price);
        }
        else
        {
            side(buy).put(price, quantity);
        }
    }

    /**
     * @return true when the other side has a level an order on this side at this price would trade with.
     */
    boolean crosses(final boolean buy, final long price)
    {
        final Long2LongHashMap.KeyIterator prices = side(!buy).keySet().iterator();
        while (prices.hasNext())
        {
            final long opposite = prices.nextValue();
            if (buy ? opposite <= price : opposite >= price)
            {
                return true;
            }
        }
        return false;
    }

    int levelCount(final boolean buy)
    {
        return side(buy).size();
    }

    /**
     * @param depth the most levels to return; 0 for all.
     * @return the prices of a side, best first: bids descending, asks ascending.
     */
    long[] prices(final boolean buy, final int depth)
    {
        final Long2LongHashMap side = side(buy);
        final long[] prices = new long[side.size()];
        int count = 0;
        final Long2LongHashMap.KeyIterator keys = side.keySet().iterator();
        while (keys.hasNext())
        {
            prices[count++] = keys.nextValue();
        }
        Arrays.sort(prices);
        if (buy)
        {
            for (int i = 0, j = prices.length - 1; i < j; i++, j--)
            {
                final long swap = prices[i];
                prices[i] = prices[j];
                prices[j] = swap;
            }
        }
        return depth > 0 && depth < prices.length ? Arrays.copyOf(prices, depth) : prices;
    }

    private Long2LongHashMap side(final boolean buy)
    {
        return buy ? bids : asks;
    }
}
