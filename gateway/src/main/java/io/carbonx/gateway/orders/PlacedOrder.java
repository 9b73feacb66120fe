package io.carbonx.gateway.orders;

import io.carbonx.fix.codec.FixValues.OrdStatus;

/**
 * An order as its NewOrderSingle placed it: what never changes. Made by the session's event loop that took the order
 * (or, at start, from the order log), immutable; its {@link OrderState} goes to the reports through
 * {@link OrderHandOff}.
 *
 * @param session the index of the session that placed the order ({@link SessionOrders#index}): its reports go there.
 */
record PlacedOrder(
    int session, long orderId, long accountId, String symbol, char side, char ordType, String clOrdId, long price,
    long quantity)
{
    /**
     * @param session the index of the session that placed the logged order, as the restore found it.
     */
    static PlacedOrder of(final int session, final OrderLog.Entry entry)
    {
        return new PlacedOrder(session, entry.orderId(), entry.accountId(), entry.symbol(), entry.side(),
            entry.ordType(), entry.clOrdId(), entry.price(), entry.quantity());
    }

    /**
     * @return the order log's NEW entry of the order.
     */
    OrderLog.Entry newEntry()
    {
        return new OrderLog.Entry(OrderLog.NEW, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId);
    }

    /**
     * @return the order's state before the engine answered it: pending new.
     */
    OrderState initialState()
    {
        return new OrderState(this, OrdStatus.PENDING_NEW);
    }
}
