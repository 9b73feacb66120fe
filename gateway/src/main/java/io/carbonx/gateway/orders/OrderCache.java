package io.carbonx.gateway.orders;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of every order the gateway placed in this run or restored from the order log, by order id. Kept for the
 * whole run, so that an OrderStatusRequest finds a filled or cancelled order (a production gateway would age them out).
 * <p>
 * Written (orders added) only by the engine's listener thread, and before the engine starts by the starting thread;
 * read by the sessions' event loops.
 */
final class OrderCache
{
    private final Map<Long, OrderState> orders = new ConcurrentHashMap<>();

    OrderState get(final long orderId)
    {
        return orders.get(orderId);
    }

    void add(final OrderState order)
    {
        orders.putIfAbsent(order.orderId, order);
    }

    Collection<OrderState> all()
    {
        return orders.values();
    }

    int size()
    {
        return orders.size();
    }
}
