package io.carbonx.engine.book;

import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

/**
 * An order owned by an {@link OrderBook}: pooled and reused, linked into its price level's queue.
 * <p>
 * Listeners may read an order only during the callback that passes it; afterwards it may be recycled.
 */
public final class Order
{
    long orderId;
    long accountId;
    Side side;
    OrderType type;
    TimeInForce timeInForce;
    boolean postOnly;
    long price;
    long quantity;
    long filled;
    long expireTime;
    long reservation;

    PriceLevel level;
    Order previous;
    Order next;
    int expiryIndex = -1;

    void init(
        final long orderId,
        final long accountId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity,
        final long expireTime,
        final long reservation)
    {
        this.orderId = orderId;
        this.accountId = accountId;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.postOnly = postOnly;
        this.price = price;
        this.quantity = quantity;
        this.filled = 0;
        this.expireTime = expireTime;
        this.reservation = reservation;
    }

    void clear()
    {
        level = null;
        previous = null;
        next = null;
        side = null;
        type = null;
        timeInForce = null;
        expiryIndex = -1;
    }

    public long orderId()
    {
        return orderId;
    }

    public long accountId()
    {
        return accountId;
    }

    public Side side()
    {
        return side;
    }

    public OrderType type()
    {
        return type;
    }

    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    public boolean postOnly()
    {
        return postOnly;
    }

    /**
     * @return the limit price; for a market order the band edge it may trade up to.
     */
    public long price()
    {
        return price;
    }

    /**
     * @return the total quantity of the order, including what has traded.
     */
    public long quantity()
    {
        return quantity;
    }

    public long filled()
    {
        return filled;
    }

    public long leaves()
    {
        return quantity - filled;
    }

    public long expireTime()
    {
        return expireTime;
    }

    /**
     * What the book's owner has set aside for this order (units or cash); the book carries it and never reads it.
     */
    public long reservation()
    {
        return reservation;
    }

    void reservation(final long reservation)
    {
        this.reservation = reservation;
    }

    @Override
    public String toString()
    {
        return "Order{id=" + orderId + ", account=" + accountId + ", " + side + " " + type + " " + timeInForce +
            (postOnly ? " postOnly" : "") + ", price=" + price + ", quantity=" + quantity + ", filled=" + filled + "}";
    }
}
