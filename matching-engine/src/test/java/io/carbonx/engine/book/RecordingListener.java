package io.carbonx.engine.book;

import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what a book reports, and checks as it goes that each order's traded, cancelled and expired quantities never
 * exceed what it asked for.
 */
final class RecordingListener implements OrderBookListener
{
    final List<BookEvent> events = new ArrayList<>();

    @Override
    public void onTrade(final Order taker, final Order maker, final long price, final long quantity)
    {
        events.add(new BookEvent("TRADE", taker.orderId(), maker.orderId(), price, quantity, ""));
    }

    @Override
    public void onCancelled(final Order order, final long cancelledQuantity, final CancelReason reason)
    {
        events.add(new BookEvent("CANCELLED", order.orderId(), 0, 0, cancelledQuantity, reason.name()));
    }

    @Override
    public void onExpired(final Order order, final long expiredQuantity)
    {
        events.add(new BookEvent("EXPIRED", order.orderId(), 0, 0, expiredQuantity, ""));
    }

    @Override
    public void onAmended(final Order order, final boolean priorityKept)
    {
        events.add(
            new BookEvent("AMENDED", order.orderId(), 0, order.price(), order.quantity(),
                String.valueOf(priorityKept)));
    }

    @Override
    public void onSelfTradePrevented(final Order incoming, final Order resting, final SelfTradePolicy policy)
    {
        events.add(new BookEvent("SELF_TRADE", incoming.orderId(), resting.orderId(), 0, 0, policy.name()));
    }

    List<BookEvent> drain()
    {
        final List<BookEvent> drained = new ArrayList<>(events);
        events.clear();
        return drained;
    }
}
