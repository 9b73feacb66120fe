package io.carbonx.engine.core;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.clearing.TradeSettlement;
import io.carbonx.engine.block.BlockTradeDesk;
import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.protocol.sbe.AmendOrderDecoder;
import io.carbonx.protocol.sbe.BlockTradeDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.Account;
import io.carbonx.registry.Registry;

/**
 * Orders and their reservations, and the trades they make: new, cancel and amend commands, each book's reports
 * (trades settled at once, reservations released by cancels and expiries), and block trades.
 * <p>
 * An order is checked by its book, then its units (sell) or cash (buy) are reserved in the registry, and only then is
 * it accepted and matched. A sell reserves its leaves; a buy reserves {@link BuyOrderReservation#cashFor} its limit
 * and leaves, which each fill brings down by what it pays plus the price improvement it releases, and which is
 * released in full when the order is cancelled or expires. Business-logic thread only; allocates nothing per command.
 */
final class OrderCommands
{
    private final Registry registry;
    private final TradeSettlement settlement;
    private final BuyOrderReservation buyReservation;
    private final BlockTradeDesk blockTrades;
    private final boolean blockTradesCountInClose;
    private final Market market;
    private final EventPublisher publisher;

    OrderCommands(
        final Registry registry,
        final TradeSettlement settlement,
        final BuyOrderReservation buyReservation,
        final BlockTradeDesk blockTrades,
        final boolean blockTradesCountInClose,
        final Market market,
        final EventPublisher publisher)
    {
        this.registry = registry;
        this.settlement = settlement;
        this.buyReservation = buyReservation;
        this.blockTrades = blockTrades;
        this.blockTradesCountInClose = blockTradesCountInClose;
        this.market = market;
        this.publisher = publisher;
    }

    /**
     * @return the listener for a newly listed instrument's book, turning its reports into settlement, reservation
     * releases and events. Allocates: call when listing, not per order.
     */
    OrderBookListener bookListener(final int instrumentId)
    {
        return new BookEvents(instrumentId);
    }

    void newOrder(final NewOrderDecoder command, final long now)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final OrderBook book = market.book(instrumentId);
        if (book == null)
        {
            publisher.rejected(
                CommandKind.NEW_ORDER, orderId, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        // Looked up once: the permission check and the reservation both use it.
        final Account account = registry.account(accountId);
        final RejectReason permission = checkPermission(command.brokerId(), account);
        if (permission != null)
        {
            publisher.rejected(CommandKind.NEW_ORDER, orderId, accountId, instrumentId, permission);
            return;
        }

        final Side side = command.side();
        final OrderType type = command.orderType();
        final TimeInForce timeInForce = command.timeInForce();
        final boolean postOnly = command.postOnly() == BooleanType.TRUE;
        final long price = command.price();
        final long quantity = command.quantity();
        final long expireTime = command.expireTime();
        RejectReason reason = book.validateNewOrder(
            orderId, side, type, timeInForce, postOnly, price, quantity, expireTime, now);
        long reservation = 0;
        if (reason == null)
        {
            if (side == Side.SELL)
            {
                reason = registry.reserveUnits(account, instrumentId, quantity);
            }
            else
            {
                final long limit = type == OrderType.MARKET ? book.marketLimit(Side.BUY) : price;
                reservation = buyReservation.cashFor(limit, quantity);
                reason = registry.reserveForBuy(account, instrumentId, quantity, reservation);
            }
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.NEW_ORDER, orderId, accountId, instrumentId, reason);
            return;
        }

        publisher.orderAccepted(orderId, accountId, instrumentId, side, type == OrderType.MARKET ? 0 : price, quantity);
        book.place(orderId, accountId, side, type, timeInForce, postOnly, price, quantity, expireTime, reservation);
        if (timeInForce == TimeInForce.GTD && book.order(orderId) != null)
        {
            market.expiresAt(expireTime);
        }
    }

    void cancelOrder(final CancelOrderDecoder command)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final OrderBook book = market.book(instrumentId);
        RejectReason reason = book == null ?
            RejectReason.UNKNOWN_INSTRUMENT : checkPermission(command.brokerId(), accountId);
        if (reason == null)
        {
            reason = book.cancel(orderId, accountId);
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.CANCEL_ORDER, orderId, accountId, instrumentId, reason);
        }
    }

    void amendOrder(final AmendOrderDecoder command)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final long price = command.price();
        final long quantity = command.quantity();
        final OrderBook book = market.book(instrumentId);
        RejectReason reason = book == null ?
            RejectReason.UNKNOWN_INSTRUMENT : checkPermission(command.brokerId(), accountId);
        if (reason == null)
        {
            reason = book.validateAmend(orderId, accountId, price, quantity);
        }
        if (reason == null)
        {
            reason = adjustReservation(book, book.order(orderId), instrumentId, price, quantity);
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.AMEND_ORDER, orderId, accountId, instrumentId, reason);
            return;
        }
        book.amend(orderId, price, quantity);
        final Order amended = book.order(orderId);
        if (amended != null && amended.timeInForce() == TimeInForce.GTD)
        {
            market.expiresAt(amended.expireTime());
        }
    }

    /**
     * A block trade takes the next trade id and, only if the scheme says so, counts in the closing price.
     */
    void blockTrade(final BlockTradeDecoder command)
    {
        final int instrumentId = command.instrumentId();
        if (blockTrades.execute(command, market.instrument(instrumentId), market.lastTradeId() + 1))
        {
            market.takeTradeId();
            if (blockTradesCountInClose)
            {
                market.statistics(instrumentId).onTrade(command.price(), command.quantity());
            }
        }
    }

    /**
     * Bring an order's reservation to what it needs at its new price and quantity, all or nothing.
     */
    private RejectReason adjustReservation(
        final OrderBook book, final Order order, final int instrumentId, final long price, final long quantity)
    {
        final long accountId = order.accountId();
        final long leavesChange = (quantity - order.filled()) - order.leaves();
        if (order.side() == Side.SELL)
        {
            return leavesChange > 0 ? registry.reserveUnits(accountId, instrumentId, leavesChange) :
                leavesChange < 0 ? registry.releaseUnits(accountId, instrumentId, -leavesChange) : null;
        }

        final long needed = buyReservation.cashFor(price, quantity - order.filled());
        final long cashChange = needed - order.reservation();
        if (leavesChange > 0)
        {
            final RejectReason reason = registry.reservePendingBuy(accountId, instrumentId, leavesChange);
            if (reason != null)
            {
                return reason;
            }
        }
        if (cashChange > 0)
        {
            final RejectReason reason = registry.reserveCash(accountId, cashChange);
            if (reason != null)
            {
                if (leavesChange > 0)
                {
                    expectApplied(
                        registry.releasePendingBuy(accountId, instrumentId, leavesChange), "undo pending buy");
                }
                return reason;
            }
        }
        else if (cashChange < 0)
        {
            expectApplied(registry.releaseCash(accountId, -cashChange), "release cash on amend");
        }
        if (leavesChange < 0)
        {
            expectApplied(
                registry.releasePendingBuy(accountId, instrumentId, -leavesChange), "release pending buy on amend");
        }
        book.reservation(order, needed);
        return null;
    }

    private RejectReason checkPermission(final int brokerId, final long accountId)
    {
        return checkPermission(brokerId, registry.account(accountId));
    }

    private RejectReason checkPermission(final int brokerId, final Account account)
    {
        if (account == null)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        return registry.isPermitted(brokerId, account) ? null : RejectReason.ACCOUNT_NOT_PERMITTED;
    }

    /**
     * Give back what a leaving order still holds in reserve.
     */
    private void releaseReservation(final OrderBook book, final Order order, final int instrumentId)
    {
        final long leaves = order.leaves();
        if (order.side() == Side.SELL)
        {
            expectApplied(registry.releaseUnits(order.accountId(), instrumentId, leaves), "release units");
        }
        else
        {
            expectApplied(
                registry.releaseForBuy(order.accountId(), instrumentId, leaves, order.reservation()), "release a buy");
        }
        book.reservation(order, 0);
    }

    /**
     * Reservations and settlements of working orders cannot be refused if the bookkeeping is right; a refusal means
     * it is not, and carrying on would corrupt the registry, so it stops the machine.
     */
    private static void expectApplied(final RejectReason reason, final String what)
    {
        if (reason != null)
        {
            throw new IllegalStateException("registry refused to " + what + ": " + reason);
        }
    }

    /**
     * Turns one book's reports into settlement, reservation releases and events.
     */
    private final class BookEvents implements OrderBookListener
    {
        private final int instrumentId;

        BookEvents(final int instrumentId)
        {
            this.instrumentId = instrumentId;
        }

        @Override
        public void onTrade(final Order taker, final Order maker, final long price, final long quantity)
        {
            final Order buy = taker.side() == Side.BUY ? taker : maker;
            final Order sell = taker.side() == Side.BUY ? maker : taker;
            final long released = buyReservation.releasedOnFill(buy.price(), buy.leaves() + quantity, quantity);
            market.book(instrumentId).reservation(buy, buy.reservation() - released);
            expectApplied(settlement.settle(buy.accountId(), sell.accountId(), instrumentId, price, quantity, released),
                "settle a trade");
            market.statistics(instrumentId).onTrade(price, quantity);
            final long tradeId = market.takeTradeId();
            publisher.trade(tradeId, instrumentId, price, quantity, taker.side(),
                taker.orderId(), taker.accountId(), taker.leaves(), maker.orderId(), maker.accountId(), maker.leaves(),
                settlement.lastBuyerFee(), settlement.lastSellerFee());
            publisher.serialBlocks(RegistryOperationType.TRADE, instrumentId, sell.accountId(), buy.accountId(),
                tradeId, quantity, registry.lastMoved());
        }

        @Override
        public void onCancelled(final Order order, final long cancelledQuantity, final CancelReason reason)
        {
            releaseReservation(market.book(instrumentId), order, instrumentId);
            publisher.cancelled(order.orderId(), order.accountId(), instrumentId, cancelledQuantity, reason);
        }

        @Override
        public void onExpired(final Order order, final long expiredQuantity)
        {
            releaseReservation(market.book(instrumentId), order, instrumentId);
            publisher.expired(order.orderId(), order.accountId(), instrumentId, expiredQuantity);
        }

        @Override
        public void onAmended(final Order order, final boolean priorityKept)
        {
            publisher.amended(order.orderId(), order.accountId(), instrumentId, order.price(), order.quantity(),
                order.leaves(), priorityKept);
        }

        @Override
        public void onSelfTradePrevented(final Order incoming, final Order resting, final SelfTradePolicy policy)
        {
            publisher.selfTradePrevented(
                instrumentId, incoming.accountId(), incoming.orderId(), resting.orderId(), policy);
        }
    }
}
