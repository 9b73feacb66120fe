package io.carbonx.gateway.orders;

import io.carbonx.fix.codec.FixValues.OrdStatus;

/**
 * What the reports have said of one order: its ClOrdID in force, price, quantity, filled quantity and value, and
 * OrdStatus, to fill in the next report about it and to answer an OrderStatusRequest.
 * <p>
 * Made by the session's event loop that places the order, which keeps it in its own index ({@link SessionOrders}) and
 * hands it to the reports ({@link OrderHandOff}): both sides hold the same object, so neither looks the other's map up.
 * Written by the engine's listener thread (ExecutionReports) once handed over; before that only by the placing event
 * loop, which marks it rejected when the engine refuses its command before journaling it (no event of that command ever
 * comes); before the engine starts, by the starting thread (restore). The fields are volatile for the readers.
 */
final class OrderState
{
    /** The index of the session that placed the order: where its reports go. */
    final int session;
    final long orderId;
    final long accountId;
    final String symbol;
    final char side;
    final char ordType;
    /** The ClOrdID, price and quantity of the NewOrderSingle, for the order log's NEW entry of the order. */
    final String placedClOrdId;
    final long placedPrice;
    final long placedQuantity;
    volatile String clOrdId;
    volatile long price;
    volatile long quantity;
    volatile long cumQty;
    volatile long cumValue;
    volatile char status;

    /**
     * A new order as its NewOrderSingle placed it, pending new: one object per order, no {@link PlacedOrder}.
     */
    OrderState(
        final int session, final long orderId, final long accountId, final String symbol, final char side,
        final char ordType, final String clOrdId, final long price, final long quantity)
    {
        this.session = session;
        this.orderId = orderId;
        this.accountId = accountId;
        this.symbol = symbol;
        this.side = side;
        this.ordType = ordType;
        this.placedClOrdId = clOrdId;
        this.placedPrice = price;
        this.placedQuantity = quantity;
        this.clOrdId = clOrdId;
        this.price = price;
        this.quantity = quantity;
        this.status = OrdStatus.PENDING_NEW;
    }

    boolean isOpen()
    {
        final char current = status;
        return current == OrdStatus.NEW || current == OrdStatus.PARTIALLY_FILLED || current == OrdStatus.PENDING_NEW;
    }

    /**
     * Take the state a compacted order log recorded.
     */
    void restore(final OrderLog.Entry state)
    {
        clOrdId = state.clOrdId();
        price = state.price();
        quantity = state.quantity();
        cumQty = state.cumQty();
        cumValue = state.cumValue();
        status = state.status();
    }

    /**
     * @return the order log's NEW entry of the order.
     */
    OrderLog.Entry newEntry()
    {
        return new OrderLog.Entry(OrderLog.NEW, orderId, accountId, symbol, side, ordType, placedPrice, placedQuantity,
            placedClOrdId);
    }

    /**
     * @return the order log's STATE entry of the order as it is now.
     */
    OrderLog.Entry stateEntry()
    {
        return new OrderLog.Entry(OrderLog.STATE, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId,
            cumQty, cumValue, status);
    }
}
