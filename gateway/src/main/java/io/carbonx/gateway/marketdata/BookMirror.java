package io.carbonx.gateway.marketdata;

import io.carbonx.engine.core.DailyStatistics;
import org.agrona.collections.LongArrayList;

/**
 * One instrument's market as the event stream builds it, owned by the {@link MarketDataListener}'s thread: the
 * aggregated book, the day figures and reference price, and what changed since the last refresh was published.
 */
final class BookMirror
{
    final int instrumentId;
    final AggregatedBook book = new AggregatedBook();
    final DailyStatistics figures = new DailyStatistics();
    /** Prices whose level changed; a price may appear more than once, publishing compares with what was sent. */
    final LongArrayList changedBids = new LongArrayList();
    final LongArrayList changedAsks = new LongArrayList();
    final LongArrayList tradePrices = new LongArrayList();
    final LongArrayList tradeQuantities = new LongArrayList();
    /** The engine's timestamp (epoch nanoseconds) of each trade, for the console's trade ticker. */
    final LongArrayList tradeTimes = new LongArrayList();
    long referencePrice;
    boolean changed;

    BookMirror(final int instrumentId, final long referencePrice)
    {
        this.instrumentId = instrumentId;
        this.referencePrice = referencePrice;
    }

    void add(final boolean buy, final long price, final long delta)
    {
        book.add(buy, price, delta);
        (buy ? changedBids : changedAsks).addLong(price);
        changed = true;
    }

    void trade(final long price, final long quantity, final long timestamp)
    {
        figures.onTrade(price, quantity);
        tradePrices.addLong(price);
        tradeQuantities.addLong(quantity);
        tradeTimes.addLong(timestamp);
        changed = true;
    }

    void clearChanges()
    {
        changedBids.clear();
        changedAsks.clear();
        tradePrices.clear();
        tradeQuantities.clear();
        tradeTimes.clear();
        changed = false;
    }
}
