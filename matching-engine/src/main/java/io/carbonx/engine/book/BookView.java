package io.carbonx.engine.book;

import io.carbonx.engine.instrument.InstrumentView;
import io.carbonx.protocol.sbe.Side;

/**
 * An order book as code outside the core sees it: its instrument, working orders and price levels, queries only. The
 * {@link OrderBook} itself is changed by the business-logic thread alone; {@link Order} and {@link PriceLevel} offer
 * no public way to change them.
 */
public interface BookView
{
    InstrumentView instrument();

    /**
     * @return the working order with this id, or null.
     */
    Order order(long orderId);

    int orderCount();

    int levelCount(Side side);

    /**
     * Walking the depths in order costs one step per level: the book remembers the last depth asked, so a reader on
     * another thread must hold whatever serializes it with the book's writer, as it must for any read.
     *
     * @param depth 0 for the best level.
     * @return the level at that depth, or null past the last level.
     */
    PriceLevel level(Side side, int depth);

    /**
     * @return the best price of a side, or {@link Long#MIN_VALUE} when that side is empty.
     */
    long bestPrice(Side side);
}
