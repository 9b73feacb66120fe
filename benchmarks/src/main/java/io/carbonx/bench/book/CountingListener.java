package io.carbonx.bench.book;

import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;

/**
 * The cheapest listener that still observes the book's output: it counts, so the benchmark measures matching rather
 * than event encoding, and the counts let a run check that it replayed what the generator saw.
 */
final class CountingListener implements OrderBookListener
{
    private long trades;
    private long tradedQuantity;
    private long cancels;
    private long amends;
    private long selfTradesPrevented;

    @Override
    public void onTrade(final Order taker, final Order maker, final long price, final long quantity)
    {
        trades++;
        tradedQuantity += quantity;
    }

    @Override
    public void onCancelled(final Order order, final long cancelledQuantity, final CancelReason reason)
    {
        cancels++;
    }

    @Override
    public void onExpired(final Order order, final long expiredQuantity)
    {
        cancels++;
    }

    @Override
    public void onAmended(final Order order, final boolean priorityKept)
    {
        amends++;
    }

    @Override
    public void onSelfTradePrevented(final Order incoming, final Order resting, final SelfTradePolicy policy)
    {
        selfTradesPrevented++;
    }

    long trades()
    {
        return trades;
    }

    long tradedQuantity()
    {
        return tradedQuantity;
    }

    long cancels()
    {
        return cancels;
    }

    long amends()
    {
        return amends;
    }

    long selfTradesPrevented()
    {
        return selfTradesPrevented;
    }
}
