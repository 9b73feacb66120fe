package io.carbonx.bench.workload;

import org.agrona.collections.LongArrayList;

import java.util.SplittableRandom;

/**
 * The ids of resting orders in the order they were placed, from which a generator draws one of the most recent.
 * Orders that have since left the book are dropped lazily, when a draw lands on them.
 */
final class RecentOrders
{
    private final LongArrayList orderIds = new LongArrayList();
    private final int window;

    /**
     * @param window how many of the most recently placed live orders a draw chooses among.
     */
    RecentOrders(final int window)
    {
        this.window = window;
    }

    void add(final long orderId)
    {
        orderIds.addLong(orderId);
    }

    /**
     * @return a live order drawn uniformly from the {@code window} most recently placed, or 0 when none is live.
     */
    long drawLive(final SplittableRandom random, final ReferenceMarket market)
    {
        while (!orderIds.isEmpty())
        {
            final int size = orderIds.size();
            final int index = size - 1 - random.nextInt(Math.min(size, window));
            final long orderId = orderIds.getLong(index);
            if (market.isLive(orderId))
            {
                return orderId;
            }
            orderIds.removeAt(index);
        }
        return 0;
    }
}
