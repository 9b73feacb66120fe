package io.carbonx.gateway.orders;

/**
 * An order as its NewOrderSingle placed it, as a value: what the order log's NEW entry holds, made at start from the
 * log to build the order's {@link OrderState}, which keeps these fields itself (a live order is one object).
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
     * @return the order's state before the engine answered it: pending new.
     */
    OrderState initialState()
    {
        return new OrderState(session, orderId, accountId, symbol, side, ordType, clOrdId, price, quantity);
    }
}
