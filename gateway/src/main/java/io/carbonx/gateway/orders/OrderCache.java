package io.carbonx.gateway.orders;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Collection;

/**
 * The state of every order the reports know, by order id, without boxing: what the engine's events are matched to.
 * <p>
 * Written and read only by the engine's listener thread, and before the engine starts by the starting thread (restore);
 * the sessions' event loops never look it up: they hold their orders' {@link OrderState} objects themselves.
 */
final class OrderCache
{
    private final Long2ObjectHashMap<OrderState> orders = new Long2ObjectHashMap<>();

    OrderState get(final long orderId)
    {
        return orders.get(orderId);
    }

    void add(final OrderState order)
    {
        orders.putIfAbsent(order.orderId, order);
    }

    /**
     * @return the orders, for the starting thread; the iterator is reused, so not for nested loops.
     */
    Collection<OrderState> all()
    {
        return orders.values();
    }

    int size()
    {
        return orders.size();
    }
}
