package io.carbonx.engine.book;

import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;

/**
 * What an {@link OrderBook} reports as it works, in the order it happens. Orders passed in are valid only for the
 * duration of the call.
 */
public interface OrderBookListener
{
    /**
     * A match: {@code quantity} at {@code price} (always the maker's price). Both orders' filled quantities already
     * include this trade; the maker leaves the book after this call if it has no quantity left.
     */
    void onTrade(Order taker, Order maker, long price, long quantity);

    /**
     * An order leaves the book, or is not placed, with {@code cancelledQuantity} untraded.
     */
    void onCancelled(Order order, long cancelledQuantity, CancelReason reason);

    /**
     * A DAY or GTD order reached its end with {@code expiredQuantity} untraded.
     */
    void onExpired(Order order, long expiredQuantity);

    /**
     * An amend took effect; called before any trade the amended order makes at its new price.
     */
    void onAmended(Order order, boolean priorityKept);

    /**
     * Two orders of one account met; the cancellations the policy calls for follow as {@link #onCancelled} calls.
     */
    void onSelfTradePrevented(Order incoming, Order resting, SelfTradePolicy policy);
}
