package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matching rules written as plainly as possible, to check {@link OrderBook} against: one list of orders per side,
 * kept sorted by price then arrival, and linear scans everywhere. Speed is no concern here; being obviously right is.
 */
final class ReferenceBook
{
    private static final class RefOrder
    {
        long id;
        long account;
        Side side;
        OrderType type;
        TimeInForce tif;
        boolean postOnly;
        long price;
        long quantity;
        long filled;
        long expireTime;
        long arrival;

        long leaves()
        {
            return quantity - filled;
        }
    }

    private final Instrument instrument;
    private final List<BookEvent> events = new ArrayList<>();
    private final List<RefOrder> bids = new ArrayList<>();
    private final List<RefOrder> asks = new ArrayList<>();
    private final Map<Long, String> closed = new HashMap<>();
    private long arrivals;

    ReferenceBook(final Instrument instrument)
    {
        this.instrument = instrument;
    }

    List<BookEvent> drain()
    {
        final List<BookEvent> drained = new ArrayList<>(events);
        events.clear();
        return drained;
    }

    RejectReason submit(
        final long id, final long account, final Side side, final OrderType type, final TimeInForce tif,
        final boolean postOnly, final long price, final long quantity, final long expireTime, final long now)
    {
        if (instrument.phase() != TradingPhase.CONTINUOUS)
        {
            return RejectReason.WRONG_PHASE;
        }
        if (postOnly && (type == OrderType.MARKET || tif == TimeInForce.IOC || tif == TimeInForce.FOK))
        {
            return RejectReason.INVALID_ORDER_ATTRIBUTES;
        }
        if (find(id) != null || closed.containsKey(id))
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (type == OrderType.LIMIT)
        {
            final RejectReason priceReason = checkPrice(price);
            if (priceReason != null)
            {
                return priceReason;
            }
        }
        final RejectReason quantityReason = checkQuantity(quantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (tif == TimeInForce.GTD && expireTime <= now)
        {
            return RejectReason.INVALID_EXPIRE_TIME;
        }
        final RefOrder order = new RefOrder();
        order.id = id;
        order.account = account;
        order.side = side;
        order.type = type;
        order.tif = tif;
        order.postOnly = postOnly;
        order.price = type == OrderType.MARKET ?
            (side == Side.BUY ? instrument.highestPrice() : instrument.lowestPrice()) : price;
        order.quantity = quantity;
        order.expireTime = expireTime;
        order.arrival = arrivals++;
        if (postOnly && wouldTrade(order))
        {
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }

        if (tif == TimeInForce.FOK && fillable(order) < quantity)
        {
            cancel(order, CancelReason.FOK_NOT_FILLABLE);
            return null;
        }
        if (!match(order))
        {
            return null;
        }
        if (order.leaves() == 0)
        {
            closed.put(id, "FILLED");
        }
        else if (type == OrderType.MARKET)
        {
            cancel(order, CancelReason.MARKET_REMAINDER);
        }
        else if (tif == TimeInForce.IOC || tif == TimeInForce.FOK)
        {
            cancel(order, CancelReason.IOC_REMAINDER);
        }
        else
        {
            rest(order);
        }
        return null;
    }

    RejectReason cancel(final long id, final long account)
    {
        final RefOrder order = find(id);
        if (order == null || order.account != account)
        {
            return order == null ? closedReason(id) : RejectReason.UNKNOWN_ORDER;
        }
        sideOf(order.side).remove(order);
        cancel(order, CancelReason.REQUESTED);
        return null;
    }

    RejectReason amend(final long id, final long account, final long price, final long quantity)
    {
        final RefOrder order = find(id);
        if (order == null || order.account != account)
        {
            return order == null ? closedReason(id) : RejectReason.UNKNOWN_ORDER;
        }
        if (instrument.phase() != TradingPhase.CONTINUOUS)
        {
            return RejectReason.WRONG_PHASE;
        }
        final RejectReason priceReason = checkPrice(price);
        if (priceReason != null)
        {
            return priceReason;
        }
        final RejectReason quantityReason = checkQuantity(quantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (quantity <= order.filled)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        final long oldPrice = order.price;
        order.price = price;
        if (order.postOnly && price != oldPrice && wouldTrade(order))
        {
            order.price = oldPrice;
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }
        final boolean keepsPriority = price == oldPrice && quantity <= order.quantity;
        order.quantity = quantity;
        events.add(new BookEvent("AMENDED", id, 0, price, quantity, String.valueOf(keepsPriority)));
        if (keepsPriority)
        {
            return null;
        }
        sideOf(order.side).remove(order);
        order.arrival = arrivals++;
        if (match(order))
        {
            if (order.leaves() == 0)
            {
                closed.put(id, "FILLED");
            }
            else
            {
                rest(order);
            }
        }
        return null;
    }

    void expireUpTo(final long now)
    {
        final List<RefOrder> due = new ArrayList<>();
        for (final RefOrder order : all())
        {
            if (order.tif == TimeInForce.GTD && order.expireTime <= now)
            {
                due.add(order);
            }
        }
        due.sort(Comparator.comparingLong((RefOrder o) -> o.expireTime).thenComparingLong(o -> o.id));
        due.forEach(this::expire);
    }

    void expireDayOrders()
    {
        for (final RefOrder order : all())
        {
            if (order.tif == TimeInForce.DAY)
            {
                expire(order);
            }
        }
    }

    /**
     * @return the side's resting orders as (id, leaves) pairs in priority order.
     */
    List<long[]> restingOrders(final Side side)
    {
        final List<long[]> result = new ArrayList<>();
        for (final RefOrder order : sideOf(side))
        {
            result.add(new long[]{order.id, order.leaves(), order.price});
        }
        return result;
    }

    private List<RefOrder> all()
    {
        final List<RefOrder> all = new ArrayList<>(bids);
        all.addAll(asks);
        return all;
    }

    private void expire(final RefOrder order)
    {
        sideOf(order.side).remove(order);
        events.add(new BookEvent("EXPIRED", order.id, 0, 0, order.leaves(), ""));
        closed.put(order.id, "CLOSED");
    }

    /**
     * @return false when self-trade prevention cancelled the order.
     */
    private boolean match(final RefOrder taker)
    {
        final List<RefOrder> makers = taker.side == Side.BUY ? asks : bids;
        final SelfTradePolicy policy = instrument.spec().selfTradePolicy();
        while (taker.leaves() > 0 && !makers.isEmpty() && crosses(taker, makers.get(0)))
        {
            final RefOrder maker = makers.get(0);
            if (maker.account == taker.account)
            {
                events.add(new BookEvent("SELF_TRADE", taker.id, maker.id, 0, 0, policy.name()));
                if (policy != SelfTradePolicy.CANCEL_INCOMING)
                {
                    makers.remove(0);
                    cancel(maker, CancelReason.SELF_TRADE_PREVENTED);
                }
                if (policy != SelfTradePolicy.CANCEL_RESTING)
                {
                    cancel(taker, CancelReason.SELF_TRADE_PREVENTED);
                    return false;
                }
                continue;
            }
            final long quantity = Math.min(taker.leaves(), maker.leaves());
            taker.filled += quantity;
            maker.filled += quantity;
            events.add(new BookEvent("TRADE", taker.id, maker.id, maker.price, quantity, ""));
            if (maker.leaves() == 0)
            {
                makers.remove(0);
                closed.put(maker.id, "FILLED");
            }
        }
        return true;
    }

    private long fillable(final RefOrder taker)
    {
        final List<RefOrder> makers = taker.side == Side.BUY ? asks : bids;
        long total = 0;
        for (final RefOrder maker : makers)
        {
            if (!crosses(taker, maker))
            {
                break;
            }
            if (maker.account == taker.account)
            {
                if (instrument.spec().selfTradePolicy() != SelfTradePolicy.CANCEL_RESTING)
                {
                    break;
                }
                continue;
            }
            total += maker.leaves();
        }
        return total;
    }

    private boolean wouldTrade(final RefOrder order)
    {
        final List<RefOrder> makers = order.side == Side.BUY ? asks : bids;
        return !makers.isEmpty() && crosses(order, makers.get(0));
    }

    private static boolean crosses(final RefOrder taker, final RefOrder maker)
    {
        return taker.side == Side.BUY ? maker.price <= taker.price : maker.price >= taker.price;
    }

    private void rest(final RefOrder order)
    {
        final List<RefOrder> side = sideOf(order.side);
        side.add(order);
        final Comparator<RefOrder> byPrice = order.side == Side.BUY ?
            Comparator.comparingLong((RefOrder o) -> -o.price) : Comparator.comparingLong((RefOrder o) -> o.price);
        side.sort(byPrice.thenComparingLong(o -> o.arrival));
    }

    private void cancel(final RefOrder order, final CancelReason reason)
    {
        events.add(new BookEvent("CANCELLED", order.id, 0, 0, order.leaves(), reason.name()));
        closed.put(order.id, "CLOSED");
    }

    private RejectReason closedReason(final long id)
    {
        final String outcome = closed.get(id);
        if (outcome == null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        return outcome.equals("FILLED") ? RejectReason.ORDER_ALREADY_FILLED : RejectReason.ORDER_ALREADY_CLOSED;
    }

    private RejectReason checkPrice(final long price)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % instrument.spec().tickSize() != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (price < instrument.lowestPrice() || price > instrument.highestPrice())
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    private RejectReason checkQuantity(final long quantity)
    {
        if (quantity < instrument.spec().minQuantity() || quantity > instrument.spec().maxQuantity())
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (quantity % instrument.spec().lotSize() != 0)
        {
            return RejectReason.QUANTITY_NOT_ON_LOT;
        }
        return null;
    }

    private RefOrder find(final long id)
    {
        for (final RefOrder order : all())
        {
            if (order.id == id)
            {
                return order;
            }
        }
        return null;
    }

    private List<RefOrder> sideOf(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }
}
