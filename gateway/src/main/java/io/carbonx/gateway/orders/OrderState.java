package io.carbonx.gateway.orders;

import io.carbonx.fix.codec.FixValues.OrdStatus;

/**
 * What the reports have said of one order: its ClOrdID in force, price, quantity, filled quantity and value, and
 * OrdStatus, to fill in the next report about it and to answer an OrderStatusRequest.
 * <p>
 * Written only by the engine's listener thread (ExecutionReports); before the engine starts, by the starting thread
 * (restore). The sessions' event loops read it; the fields are volatile for them.
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
    final PlacedOrder placed;
    volatile String clOrdId;
    volatile long price;
    volatile long quantity;
    volatile long cumQty;
    volatile long cumValue;
    volatile char status;

    OrderState(final PlacedOrder placed, final char status)
    {
        this.placed = placed;
        this.session = placed.session();
        this.orderId = placed.orderId();
        this.accountId = placed.accountId();
        this.symbol = placed.symbol();
        this.side = placed.side();
        this.ordType = placed.ordType();
        this.clOrdId = placed.clOrdId();
        this.price = placed.price();
        this.quantity = placed.quantity();
        this.status = status;
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
     * @return the order log's STATE entry of the order as it is now.
     */
    OrderLog.Entry stateEntry()
    {
        return new OrderLog.Entry(OrderLog.STATE, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId,
            cumQty, cumValue, status);
    }
}
