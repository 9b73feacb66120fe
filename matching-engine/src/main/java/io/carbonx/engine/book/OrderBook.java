package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The limit order book of one instrument with price-time priority matching.
 * <p>
 * Commands arrive in two steps, validate then execute, so that the owner can reserve units or cash between them:
 * {@link #validateNewOrder} then {@link #place}, {@link #validateAmend} then {@link #amend}; {@link #submit} does both
 * for callers that reserve nothing. A validated command cannot be refused by the execute step, which is what keeps the
 * owner's reservations and the book in step.
 * <p>
 * Rules: trades happen at the resting order's price; MARKET orders trade no further than the price band and never
 * rest; IOC and MARKET remainders are cancelled; FOK orders trade in full or not at all; POST_ONLY orders that would
 * trade are refused; two orders of one account never trade (the instrument's self-trade policy decides which is
 * cancelled). A quantity decrease at an unchanged price keeps time priority; any other amend loses it.
 * <p>
 * Single-threaded. Orders and levels come from pools sized at construction, so steady-state matching allocates nothing;
 * when the pool is exhausted new resting orders are refused with {@link RejectReason#BOOK_FULL}.
 */
public final class OrderBook implements BookView
{
    private final Instrument instrument;
    private final OrderBookListener listener;
    private final BookSide bids;
    private final BookSide asks;
    private final OrderIndex liveOrders;
    private final ClosedOrders closedOrders;
    private final ExpiryQueue expiryQueue;
    private final Order[] orderPool;
    private int pooledOrders;
    private Order amendTarget;
    private long highestOrderId = Long.MIN_VALUE;

    /**
     * @param instrument          the instrument traded, whose phase and band the book checks.
     * @param orderCapacity       the most orders that may rest at once.
     * @param closedOrderMemory   how many recently closed orders are remembered for precise late-amend answers.
     * @param listener            told of every trade, cancellation, expiry and amendment.
     */
    public OrderBook(
        final Instrument instrument, final int orderCapacity, final int closedOrderMemory,
        final OrderBookListener listener)
    {
        this.instrument = instrument;
        this.listener = listener;
        this.bids = new BookSide(Side.BUY, instrument, orderCapacity);
        this.asks = new BookSide(Side.SELL, instrument, orderCapacity);
        this.liveOrders = new OrderIndex(orderCapacity + 1);
        this.closedOrders = new ClosedOrders(closedOrderMemory);
        this.expiryQueue = new ExpiryQueue(orderCapacity);
        // One spare order carries an incoming order that trades or is cancelled without resting, even when full.
        this.orderPool = new Order[orderCapacity + 1];
        for (int i = 0; i < orderPool.length; i++)
        {
            orderPool[i] = new Order();
        }
        this.pooledOrders = orderPool.length;
    }

    @Override
    public Instrument instrument()
    {
        return instrument;
    }

    /**
     * Validate a new order against the instrument's rules and the book. Checks nothing about funds.
     *
     * @return the reason the order must be refused, or null when {@link #place} may be called.
     */
    public RejectReason validateNewOrder(
        final long orderId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity,
        final long expireTime,
        final long now)
    {
        if (instrument.phase() != TradingPhase.CONTINUOUS)
        {
            return RejectReason.WRONG_PHASE;
        }
        if (side == null || side == Side.NULL_VAL || type == null || type == OrderType.NULL_VAL ||
            timeInForce == null || timeInForce == TimeInForce.NULL_VAL)
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        if (postOnly && (type == OrderType.MARKET || timeInForce == TimeInForce.IOC || timeInForce == TimeInForce.FOK))
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        // Every id the book holds or remembers came in through place or a snapshot, so an id above all of those is
        // new without a look at either: the common case, as ids are handed out in increasing order.
        if (orderId <= highestOrderId && (liveOrders.get(orderId) != null || closedOrders.outcome(orderId) != 0))
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (type == OrderType.LIMIT)
        {
            final RejectReason priceReason = validatePrice(price);
            if (priceReason != null)
            {
                return priceReason;
            }
        }
        final RejectReason quantityReason = validateQuantity(quantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (timeInForce == TimeInForce.GTD && expireTime <= now)
        {
            return RejectReason.INVALID_EXPIRE_TIME;
        }
        if (postOnly && opposite(side).crossesBest(price))
        {
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }
        if (mayRest(type, timeInForce) && pooledOrders == 1)
        {
            return RejectReason.BOOK_FULL;
        }
        return null;
    }

    /**
     * The price a market order of this side may trade up to: the edge of the band in its direction.
     */
    public long marketLimit(final Side side)
    {
        return side == Side.BUY ? instrument.highestPrice() : instrument.lowestPrice();
    }

    /**
     * Execute a new order that {@link #validateNewOrder} accepted: match it, then rest, cancel or expire what is left.
     *
     * @param price       the limit price; ignored for MARKET orders, which take {@link #marketLimit(Side)}.
     * @param reservation carried on the order for the owner; see {@link Order#reservation()}.
     */
    public void place(
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
        final long limit = type == OrderType.MARKET ? marketLimit(side) : price;
        highestOrderId = Math.max(highestOrderId, orderId);
        final Order order = orderPool[--pooledOrders];
        orderPool[pooledOrders] = null;
        order.init(orderId, accountId, side, type, timeInForce, postOnly, limit, quantity, expireTime, reservation);

        if (timeInForce == TimeInForce.FOK && !canFillCompletely(order))
        {
            finish(order, CancelReason.FOK_NOT_FILLABLE);
            return;
        }

        if (match(order))
        {
            return;
        }

        if (order.leaves() == 0)
        {
            close(order, ClosedOrders.FILLED);
        }
        else if (!mayRest(type, timeInForce))
        {
            finish(order, type == OrderType.MARKET ? CancelReason.MARKET_REMAINDER : CancelReason.IOC_REMAINDER);
        }
        else
        {
            rest(order);
        }
    }

    /**
     * Validate and execute a new order in one step, for owners that reserve nothing.
     *
     * @return the reason the order was refused, or null when it was placed.
     */
    public RejectReason submit(
        final long orderId,
        final long accountId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity,
        final long expireTime,
        final long now)
    {
        final RejectReason reason = validateNewOrder(
            orderId, side, type, timeInForce, postOnly, price, quantity, expireTime, now);
        if (reason == null)
        {
            place(orderId, accountId, side, type, timeInForce, postOnly, price, quantity, expireTime, 0);
        }
        return reason;
    }

    /**
     * Cancel a working order of the given account.
     *
     * @return the reason the cancel was refused, or null when the order was cancelled.
     */
    public RejectReason cancel(final long orderId, final long accountId)
    {
        final Order order = liveOrders.get(orderId);
        if (order == null || order.accountId != accountId)
        {
            return order == null ? closedReason(orderId) : RejectReason.UNKNOWN_ORDER;
        }
        removeResting(order);
        finish(order, CancelReason.REQUESTED);
        return null;
    }

    /**
     * Validate an amend to a new price and a new total quantity (including what has already traded).
     *
     * @return the reason the amend must be refused, or null when {@link #amend} may be called.
     */
    public RejectReason validateAmend(final long orderId, final long accountId, final long newPrice,
        final long newQuantity)
    {
        final Order order = liveOrders.get(orderId);
        if (order == null || order.accountId != accountId)
        {
            return order == null ? closedReason(orderId) : RejectReason.UNKNOWN_ORDER;
        }
        if (instrument.phase() != TradingPhase.CONTINUOUS)
        {
            return RejectReason.WRONG_PHASE;
        }
        final RejectReason priceReason = validatePrice(newPrice);
        if (priceReason != null)
        {
            return priceReason;
        }
        final RejectReason quantityReason = validateQuantity(newQuantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (newQuantity <= order.filled)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (order.postOnly && newPrice != order.price && opposite(order.side).crossesBest(newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }
        amendTarget = order;
        return null;
    }

    /**
     * Execute an amend that {@link #validateAmend} accepted. A price change may make the order trade at once.
     */
    public void amend(final long orderId, final long newPrice, final long newQuantity)
    {
        // The order validateAmend just found, unless something closed it since (a closed order has no level).
        final Order target = amendTarget;
        amendTarget = null;
        final Order order = target != null && target.orderId == orderId && target.level != null ?
            target : liveOrders.get(orderId);
        final PriceLevel level = order.level;
        if (newPrice == order.price && newQuantity <= order.quantity)
        {
            level.totalLeaves -= order.quantity - newQuantity;
            order.quantity = newQuantity;
            listener.onAmended(order, true);
            return;
        }

        level.remove(order);
        if (level.isEmpty())
        {
            sideOf(order.side).remove(level);
        }
        order.price = newPrice;
        order.quantity = newQuantity;
        listener.onAmended(order, false);

        if (opposite(order.side).crossesBest(newPrice))
        {
            liveOrders.remove(order);
            expiryQueue.remove(order);
            if (match(order))
            {
                return;
            }
            if (order.leaves() == 0)
            {
                close(order, ClosedOrders.FILLED);
                return;
            }
            liveOrders.put(order);
            if (order.timeInForce == TimeInForce.GTD)
            {
                expiryQueue.add(order);
            }
        }
        sideOf(order.side).findOrCreate(newPrice).append(order);
    }

    /**
     * Expire every GTD order whose expiry time is at or before {@code now}, earliest first.
     */
    public void expireUpTo(final long now)
    {
        Order order;
        while ((order = expiryQueue.peek()) != null && order.expireTime <= now)
        {
            removeResting(order);
            expire(order);
        }
    }

    /**
     * Expire every DAY order: the end of the trading day. Bids then asks, each in priority order.
     */
    public void expireDayOrders()
    {
        expireDayOrders(bids);
        expireDayOrders(asks);
    }

    /**
     * Record what the owner now holds in reserve for a working order (see {@link Order#reservation()}). Here rather
     * than on {@link Order}, so that an order handed out to readers cannot be changed.
     */
    public void reservation(final Order order, final long reservation)
    {
        order.reservation(reservation);
    }

    /**
     * @return the working order with this id, or null.
     */
    @Override
    public Order order(final long orderId)
    {
        return liveOrders.get(orderId);
    }

    @Override
    public int orderCount()
    {
        return liveOrders.size();
    }

    @Override
    public int levelCount(final Side side)
    {
        return sideOf(side).levelCount();
    }

    /**
     * @param depth 0 for the best level.
     * @return the level at that depth, or null past the last level.
     */
    @Override
    public PriceLevel level(final Side side, final int depth)
    {
        final BookSide bookSide = sideOf(side);
        return depth < bookSide.levelCount() ? bookSide.levelAt(depth) : null;
    }

    /**
     * @return the best price of a side, or {@link Long#MIN_VALUE} when that side is empty.
     */
    @Override
    public long bestPrice(final Side side)
    {
        final PriceLevel best = sideOf(side).best();
        return best == null ? Long.MIN_VALUE : best.price;
    }

    /**
     * Write every working order, each side in priority order, and the closed-order memory.
     */
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(liveOrders.size());
        for (final BookSide side : new BookSide[]{bids, asks})
        {
            for (PriceLevel level = side.best(); level != null; level = side.next(level))
            {
                for (Order order = level.head; order != null; order = order.next)
                {
                    out.writeLong(order.orderId);
                    out.writeLong(order.accountId);
                    out.writeByte(order.side.value());
                    out.writeByte(order.type.value());
                    out.writeByte(order.timeInForce.value());
                    out.writeBoolean(order.postOnly);
                    out.writeLong(order.price);
                    out.writeLong(order.quantity);
                    out.writeLong(order.filled);
                    out.writeLong(order.expireTime);
                    out.writeLong(order.reservation);
                }
            }
        }
        closedOrders.writeSnapshot(out);
    }

    /**
     * Restore a snapshot written by {@link #writeSnapshot} into this empty book, keeping every order's priority.
     */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (!liveOrders.isEmpty())
        {
            throw new IllegalStateException("snapshot must be read into an empty book");
        }
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            final Order order = orderPool[--pooledOrders];
            orderPool[pooledOrders] = null;
            order.init(
                in.readLong(),
                in.readLong(),
                Side.get(in.readByte()),
                OrderType.get(in.readByte()),
                TimeInForce.get(in.readByte()),
                in.readBoolean(),
                in.readLong(),
                in.readLong(),
                0,
                0);
            order.filled = in.readLong();
            order.expireTime = in.readLong();
            order.reservation = in.readLong();
            highestOrderId = Math.max(highestOrderId, order.orderId);
            rest(order);
        }
        closedOrders.readSnapshot(in);
        highestOrderId = Math.max(highestOrderId, closedOrders.highestOrderId());
    }

    /**
     * @return {@code hash} followed by the digest of every working order in priority order and the closed-order memory.
     */
    public long hashInto(final long initialHash)
    {
        long hash = initialHash;
        for (final BookSide side : new BookSide[]{bids, asks})
        {
            for (PriceLevel level = side.best(); level != null; level = side.next(level))
            {
                for (Order order = level.head; order != null; order = order.next)
                {
                    hash = StateHash.mix(hash, order.orderId);
                    hash = StateHash.mix(hash, order.accountId);
                    hash = StateHash.mix(hash, order.side.value());
                    hash = StateHash.mix(hash, order.type.value());
                    hash = StateHash.mix(hash, order.timeInForce.value());
                    hash = StateHash.mix(hash, order.postOnly ? 1 : 0);
                    hash = StateHash.mix(hash, order.price);
                    hash = StateHash.mix(hash, order.quantity);
                    hash = StateHash.mix(hash, order.filled);
                    hash = StateHash.mix(hash, order.expireTime);
                    hash = StateHash.mix(hash, order.reservation);
                }
            }
            hash = StateHash.mix(hash, side.levelCount());
        }
        return closedOrders.hashInto(hash);
    }

    /**
     * @return the earliest expiry time of a working GTD order, or {@link Long#MAX_VALUE} when there is none.
     */
    public long nextExpireTime()
    {
        final Order next = expiryQueue.peek();
        return next == null ? Long.MAX_VALUE : next.expireTime;
    }

    private RejectReason validatePrice(final long price)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % instrument.spec().tickSize() != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (!instrument.isInsideBand(price))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    private RejectReason validateQuantity(final long quantity)
    {
        if (quantity <= 0 || quantity < instrument.spec().minQuantity() || quantity > instrument.spec().maxQuantity())
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (quantity % instrument.spec().lotSize() != 0)
        {
            return RejectReason.QUANTITY_NOT_ON_LOT;
        }
        return null;
    }

    private RejectReason closedReason(final long orderId)
    {
        final long outcome = closedOrders.outcome(orderId);
        if (outcome == ClosedOrders.FILLED)
        {
            return RejectReason.ORDER_ALREADY_FILLED;
        }
        return outcome == ClosedOrders.CLOSED ? RejectReason.ORDER_ALREADY_CLOSED : RejectReason.UNKNOWN_ORDER;
    }

    /**
     * Match an incoming or re-priced order against the opposite side.
     *
     * @return true when self-trade prevention cancelled the incoming order, which is then already recycled.
     */
    private boolean match(final Order taker)
    {
        final BookSide makers = opposite(taker.side);
        final SelfTradePolicy policy = instrument.spec().selfTradePolicy();
        PriceLevel level;
        while (taker.leaves() > 0 && (level = makers.best()) != null && makers.isReachable(level.price, taker.price))
        {
            Order maker = level.head;
            while (maker != null && taker.leaves() > 0)
            {
                final Order nextMaker = maker.next;
                if (maker.accountId == taker.accountId)
                {
                    listener.onSelfTradePrevented(taker, maker, policy);
                    if (policy != SelfTradePolicy.CANCEL_INCOMING)
                    {
                        removeResting(maker);
                        finish(maker, CancelReason.SELF_TRADE_PREVENTED);
                    }
                    if (policy != SelfTradePolicy.CANCEL_RESTING)
                    {
                        finish(taker, CancelReason.SELF_TRADE_PREVENTED);
                        return true;
                    }
                }
                else
                {
                    final long quantity = Math.min(taker.leaves(), maker.leaves());
                    taker.filled += quantity;
                    maker.filled += quantity;
                    level.totalLeaves -= quantity;
                    listener.onTrade(taker, maker, level.price, quantity);
                    if (maker.leaves() == 0)
                    {
                        removeResting(maker);
                        close(maker, ClosedOrders.FILLED);
                    }
                }
                maker = nextMaker;
            }
        }
        return false;
    }

    /**
     * Whether an FOK order could trade its whole quantity now. Walks the liquidity it would meet, in priority order,
     * as {@link #match} would: an own order stops the walk unless the policy cancels resting orders, in which case the
     * own order is simply not counted.
     */
    private boolean canFillCompletely(final Order taker)
    {
        final BookSide makers = opposite(taker.side);
        final boolean stopAtOwn = instrument.spec().selfTradePolicy() != SelfTradePolicy.CANCEL_RESTING;
        long available = 0;
        for (PriceLevel level = makers.best(); level != null; level = makers.next(level))
        {
            if (!makers.isReachable(level.price, taker.price))
            {
                return false;
            }
            for (Order maker = level.head; maker != null; maker = maker.next)
            {
                if (maker.accountId == taker.accountId)
                {
                    if (stopAtOwn)
                    {
                        return false;
                    }
                }
                else
                {
                    available += maker.leaves();
                    if (available >= taker.leaves())
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void rest(final Order order)
    {
        sideOf(order.side).findOrCreate(order.price).append(order);
        liveOrders.put(order);
        if (order.timeInForce == TimeInForce.GTD)
        {
            expiryQueue.add(order);
        }
    }

    /**
     * Unlink a resting order from its level (dropping an emptied level), the id map and the expiry queue.
     */
    private void removeResting(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty())
        {
            sideOf(order.side).remove(level);
        }
        liveOrders.remove(order);
        expiryQueue.remove(order);
    }

    private void expireDayOrders(final BookSide side)
    {
        PriceLevel level = side.best();
        while (level != null)
        {
            // Taken first: expiring the last order of this level takes the level out of the side.
            final PriceLevel nextLevel = side.next(level);
            Order order = level.head;
            while (order != null)
            {
                final Order next = order.next;
                if (order.timeInForce == TimeInForce.DAY)
                {
                    removeResting(order);
                    expire(order);
                }
                order = next;
            }
            level = nextLevel;
        }
    }

    private void expire(final Order order)
    {
        listener.onExpired(order, order.leaves());
        close(order, ClosedOrders.CLOSED);
    }

    private void finish(final Order order, final CancelReason reason)
    {
        listener.onCancelled(order, order.leaves(), reason);
        close(order, ClosedOrders.CLOSED);
    }

    private void close(final Order order, final long outcome)
    {
        closedOrders.record(order.orderId, outcome);
        order.clear();
        orderPool[pooledOrders++] = order;
    }

    private static boolean mayRest(final OrderType type, final TimeInForce timeInForce)
    {
        return type == OrderType.LIMIT && timeInForce != TimeInForce.IOC && timeInForce != TimeInForce.FOK;
    }

    private BookSide sideOf(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide opposite(final Side side)
    {
        return side == Side.BUY ? asks : bids;
    }
}
