package io.carbonx.gateway.orders;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Collection;

/**
 * The state of the orders the reports follow, by order id, without boxing: what the engine's events are matched to.
 * An order that closes leaves it ({@link #closed}), but the last {@link #RECENTLY_CLOSED} closed orders are still
 * found, for the answers that can follow a close: the refusal of a cancel or replace sent before the member heard of
 * the fill.
 * What the sessions keep of older closed orders is theirs ({@link ClosedOrders}).
 * <p>
 * Written and read only by the engine's listener thread, and before the engine starts by the starting thread (restore);
 * the sessions' event loops never look it up: they hold their orders' {@link OrderState} objects themselves.
 */
final class OrderCache
{
    /** How many closed orders are still found; a power of two. */
    static final int RECENTLY_CLOSED = 16 * 1024;

    private final Long2ObjectHashMap<OrderState> orders = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<OrderState> recentlyClosed = new Long2ObjectHashMap<>();
    /** The recently closed orders in the order they closed, as a ring. */
    private final OrderState[] closedRing = new OrderState[RECENTLY_CLOSED];
    private long closedCount;

    OrderState get(final long orderId)
    {
        final OrderState order = orders.get(orderId);
        return order != null ? order : recentlyClosed.get(orderId);
    }

    void add(final OrderState order)
    {
        orders.putIfAbsent(order.orderId, order);
    }

    /**
     * The order is closed: it leaves the live orders, and is found among the recently closed until
     * {@link #RECENTLY_CLOSED} more have closed.
     */
    void closed(final OrderState order)
    {
        if (orders.remove(order.orderId) == null)
        {
            return;
        }
        final int slot = (int)(closedCount++ & (RECENTLY_CLOSED - 1));
        final OrderState oldest = closedRing[slot];
        if (oldest != null)
        {
            recentlyClosed.remove(oldest.orderId);
        }
        closedRing[slot] = order;
        recentlyClosed.put(order.orderId, order);
    }

    /**
     * @return the live orders, for the starting thread; the iterator is reused, so not for nested loops.
     */
    Collection<OrderState> all()
    {
        return orders.values();
    }

    /**
     * @return how many live orders there are.
     */
    int size()
    {
        return orders.size();
    }
}
