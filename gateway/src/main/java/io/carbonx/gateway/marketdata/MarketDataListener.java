package io.carbonx.gateway.marketdata;

import io.carbonx.engine.book.BookView;
import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.engine.core.DailyStatisticsView;
import io.carbonx.engine.core.ExchangeView;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;

/**
 * Builds each instrument's aggregated book and day figures from the engine's outbound events, on the listener's own
 * thread, and hands what changed to the {@link MarketDataHub} once the events that caused it have been seen: when the
 * next command's events begin, and at the end of every batch.
 * <p>
 * It keeps every working limit order's side, price and leaves, so that a trade, cancel, amend or expiry, which name
 * only the order, move the right level. A market order never rests, so it is not tracked. An order enters its level
 * when it is accepted and the trades of its own command take it out again, so within one command a level can move
 * more than once; publishing compares each changed level with what subscribers were last sent, and only a real
 * difference becomes an update.
 * <p>
 * A batch can end inside a command, between an order's acceptance and its trades. While that order still crosses the
 * other side, its matching is not over (the engine's books never rest crossed, so its trades or cancel must follow),
 * and publishing waits for them: subscribers never see a crossed book.
 */
public final class MarketDataListener implements EngineEventListener
{
    /**
     * What the listener knows of one working order.
     */
    private static final class TrackedOrder
    {
        BookMirror mirror;
        boolean buy;
        long price;
        long leaves;
    }

    private final MarketDataHub hub;
    private final Int2ObjectHashMap<BookMirror> mirrors = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<TrackedOrder> orders = new Long2ObjectHashMap<>();
    private final ArrayDeque<TrackedOrder> pool = new ArrayDeque<>();
    private final IntArrayList changedInstruments = new IntArrayList();

    private final EngineEventAdapter adapter = new EngineEventAdapter(new Events());
    private long commandSequence = -1;
    /** The order of the current command that may still be matching, or null. */
    private TrackedOrder aggressor;

    public MarketDataListener(final MarketDataHub hub)
    {
        this.hub = hub;
    }

    /**
     * Take over the books and figures of a recovered state machine. Call before the engine starts, while nothing
     * else touches the machine.
     *
     * @param maxInstrumentId the highest instrument id the machine can hold.
     */
    public void initialise(final ExchangeView machine, final int maxInstrumentId)
    {
        for (int id = 1; id <= maxInstrumentId; id++)
        {
            final BookView book = machine.orderBook(id);
            if (book == null)
            {
                continue;
            }
            final long referencePrice = book.instrument().referencePrice();
            final BookMirror mirror = list(book.instrument().spec(), book.instrument().phase(), referencePrice);
            final DailyStatisticsView day = machine.dailyStatistics(id);
            mirror.figures.copyFrom(day);
            track(mirror, book, Side.BUY);
            track(mirror, book, Side.SELL);
            changed(mirror);
        }
        publishChanges();
    }

    private void track(final BookMirror mirror, final BookView book, final Side side)
    {
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            final PriceLevel level = book.level(side, depth);
            for (Order order = level.head(); order != null; order = PriceLevel.next(order))
            {
                track(order.orderId(), mirror, side == Side.BUY, order.price(), order.leaves());
            }
        }
    }

    @Override
    public String roleName()
    {
        return "market-data";
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        if (commandSequence != this.commandSequence)
        {
            aggressor = null;
            publishChanges();
            this.commandSequence = commandSequence;
        }
        adapter.onEvent(buffer, offset);
    }

    /**
     * Publish what changed, unless an order of the current command is still matching.
     */
    @Override
    public void onEndOfBatch()
    {
        if (aggressor == null || !aggressor.mirror.book.crosses(aggressor.buy, aggressor.price))
        {
            publishChanges();
        }
    }

    /**
     * Hand every instrument that changed to the hub; called between commands and at the end of batches.
     */
    private void publishChanges()
    {
        for (int i = 0; i < changedInstruments.size(); i++)
        {
            final BookMirror mirror = mirrors.get(changedInstruments.getInt(i));
            hub.publish(mirror);
            mirror.clearChanges();
        }
        changedInstruments.clear();
    }

    private void onListed(final InstrumentListedDecoder event)
    {
        final InstrumentSpec spec = new InstrumentSpec(
            event.instrumentId(),
            event.symbol().trim(),
            event.kind(),
            event.vintage(),
            event.tickSize(),
            event.lotSize(),
            event.minQuantity(),
            event.maxQuantity(),
            event.priceBandBps(),
            event.referencePrice(),
            event.selfTradePolicy());
        list(spec, event.phase(), event.referencePrice());
    }

    private BookMirror list(final InstrumentSpec spec, final TradingPhase phase, final long referencePrice)
    {
        final BookMirror mirror = new BookMirror(spec.id(), referencePrice);
        mirrors.put(spec.id(), mirror);
        hub.listed(spec, phase, referencePrice);
        return mirror;
    }

    private void onAccepted(final OrderAcceptedDecoder event)
    {
        final BookMirror mirror = mirrors.get(event.instrumentId());
        if (mirror != null && event.price() > 0)
        {
            aggressor = track(event.orderId(), mirror, event.side() == Side.BUY, event.price(), event.quantity());
        }
    }

    private TrackedOrder track(
        final long orderId, final BookMirror mirror, final boolean buy, final long price, final long leaves)
    {
        final TrackedOrder order = pool.isEmpty() ? new TrackedOrder() : pool.poll();
        order.mirror = mirror;
        order.buy = buy;
        order.price = price;
        order.leaves = leaves;
        orders.put(orderId, order);
        mirror.add(buy, price, leaves);
        changed(mirror);
        return order;
    }

    private void onTrade(final TradeDecoder event, final long timestamp)
    {
        final BookMirror mirror = mirrors.get(event.instrumentId());
        if (mirror == null)
        {
            return;
        }
        mirror.trade(event.price(), event.quantity(), timestamp);
        changed(mirror);
        leaves(event.takerOrderId(), event.takerLeavesQuantity());
        leaves(event.makerOrderId(), event.makerLeavesQuantity());
    }

    /**
     * A block trade never touches the book; it is a trade of the day, in the figures and the trade entries, exactly
     * when the scheme counts it in the closing price, as the engine's own statistics do.
     */
    private void onBlockTrade(final BlockTradeExecutedDecoder event, final long timestamp)
    {
        final BookMirror mirror = mirrors.get(event.instrumentId());
        if (mirror != null && event.inClosingPrice() == BooleanType.TRUE)
        {
            mirror.trade(event.price(), event.quantity(), timestamp);
            changed(mirror);
        }
    }

    private void leaves(final long orderId, final long leaves)
    {
        final TrackedOrder order = orders.get(orderId);
        if (order == null)
        {
            return;
        }
        order.mirror.add(order.buy, order.price, leaves - order.leaves);
        order.leaves = leaves;
        if (leaves == 0)
        {
            release(orderId, order);
        }
    }

    private void onAmended(final OrderAmendedDecoder event)
    {
        final TrackedOrder order = orders.get(event.orderId());
        if (order == null)
        {
            return;
        }
        final BookMirror mirror = order.mirror;
        mirror.add(order.buy, order.price, -order.leaves);
        order.price = event.price();
        order.leaves = event.leavesQuantity();
        mirror.add(order.buy, order.price, order.leaves);
        changed(mirror);
        aggressor = order;
        if (order.leaves == 0)
        {
            release(event.orderId(), order);
        }
    }

    private void remove(final long orderId)
    {
        final TrackedOrder order = orders.get(orderId);
        if (order != null)
        {
            order.mirror.add(order.buy, order.price, -order.leaves);
            changed(order.mirror);
            release(orderId, order);
        }
    }

    private void release(final long orderId, final TrackedOrder order)
    {
        if (order == aggressor)
        {
            aggressor = null;
        }
        orders.remove(orderId);
        order.mirror = null;
        pool.add(order);
    }

    private void onDayClosed(final DayClosedDecoder event)
    {
        final BookMirror mirror = mirrors.get(event.instrumentId());
        if (mirror != null)
        {
            mirror.figures.reset();
            mirror.referencePrice = event.closingPrice();
            mirror.changed = true;
            changed(mirror);
        }
    }

    private void changed(final BookMirror mirror)
    {
        if (!changedInstruments.containsInt(mirror.instrumentId))
        {
            changedInstruments.addInt(mirror.instrumentId);
        }
    }

    /**
     * The aggregated book this listener has built, for tests that compare it with the engine's; only while the
     * engine is idle.
     */
    AggregatedBook book(final int instrumentId)
    {
        final BookMirror mirror = mirrors.get(instrumentId);
        return mirror == null ? null : mirror.book;
    }

    /**
     * The events that move books, phases and day figures; registry, rejections and self-trade notices leave the book
     * as it is.
     */
    private final class Events implements EngineEventHandler
    {
        @Override
        public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder accepted)
        {
            onAccepted(accepted);
        }

        @Override
        public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
        {
            MarketDataListener.this.onTrade(trade, envelope.timestamp());
        }

        @Override
        public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder cancelled)
        {
            remove(cancelled.orderId());
        }

        @Override
        public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder expired)
        {
            remove(expired.orderId());
        }

        @Override
        public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder amended)
        {
            onAmended(amended);
        }

        @Override
        public void onTradingPhaseChanged(final EventEnvelopeDecoder envelope, final TradingPhaseChangedDecoder changed)
        {
            publishChanges();
            hub.phaseChanged(changed.instrumentId(), changed.phase());
        }

        @Override
        public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
        {
            MarketDataListener.this.onDayClosed(dayClosed);
        }

        @Override
        public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder executed)
        {
            onBlockTrade(executed, envelope.timestamp());
        }

        @Override
        public void onInstrumentListed(final EventEnvelopeDecoder envelope, final InstrumentListedDecoder listed)
        {
            onListed(listed);
        }
    }
}
