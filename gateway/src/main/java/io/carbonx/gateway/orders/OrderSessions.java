package io.carbonx.gateway.orders;

import io.carbonx.fix.FixSessionId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured FIX sessions of order entry, by index (recorded by the orders and crosses they place) and by id, and
 * the read-only drop-copy sessions their ExecutionReports are copied to.
 * Immutable; each {@link SessionOrders} names its own writer.
 */
public final class OrderSessions
{
    private final SessionOrders[] byIndex;
    private final Map<FixSessionId, SessionOrders> byId = new HashMap<>();
    private final List<DropCopy> dropCopies;

    /**
     * Order entry sessions without drop copies.
     */
    public OrderSessions(final List<FixSessionId> sessions, final List<Integer> brokerIds)
    {
        this(sessions, brokerIds, List.of());
    }

    /**
     * @param sessions  in configuration order: a session's position is its index, which its orders record
     *                  and its ids are allocated under.
     * @param brokerIds the broker id each session's orders are sent under, in the same order.
     * @param dropCopies the drop-copy sessions, none of them an order entry session.
     */
    public OrderSessions(
        final List<FixSessionId> sessions, final List<Integer> brokerIds, final List<DropCopy> dropCopies)
    {
        this.dropCopies = List.copyOf(dropCopies);
        byIndex = new SessionOrders[sessions.size()];
        final long counterBase = OrderIds.counterBase();
        for (int i = 0; i < sessions.size(); i++)
        {
            final SessionOrders orders = new SessionOrders(i, sessions.get(i), brokerIds.get(i), counterBase);
            byIndex[i] = orders;
            byId.put(sessions.get(i), orders);
        }
    }

    int count()
    {
        return byIndex.length;
    }

    SessionOrders byIndex(final int index)
    {
        return byIndex[index];
    }

    SessionOrders byId(final FixSessionId id)
    {
        return byId.get(id);
    }

    List<DropCopy> dropCopies()
    {
        return dropCopies;
    }
}
