package io.carbonx.bench.peer;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

import java.util.Map;

/**
 * Applies the commands of a {@link CommandStream} to exchange-core's direct order book, the fastest of its books,
 * configured as its matching engine configures it. Amends become moves (same quantity, new price), which is all the
 * workloads amend. Like {@code OrderBookDriver}, it shifts order ids by an offset and counts rather than throws.
 */
public final class ExchangeCoreBookDriver
{
    /**
     * The symbol of the peer's book and of its whole exchange: a pair of two currencies, units and cash, with scale 1
     * on both so that prices and quantities map as they are, and no fees.
     */
    static final CoreSymbolSpecification SYMBOL = CoreSymbolSpecification.builder()
        .symbolId(ExchangeCoreCommands.SYMBOL)
        .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
        .baseCurrency(1)
        .quoteCurrency(2)
        .baseScaleK(1)
        .quoteScaleK(1)
        .build();

    /**
     * A bid's reserve price caps where it may be moved; the top of the band never gets in the way.
     */
    static final long BID_RESERVE_PRICE =
        BenchmarkInstrument.MID_PRICE + BenchmarkInstrument.MID_PRICE * BenchmarkInstrument.PRICE_BAND_BPS / 10_000;

    private static final short BUY = Side.BUY.value();
    private static final short IOC = TimeInForce.IOC.value();

    private final IOrderBook book;
    private final OrderCommand command = new OrderCommand();
    private long idOffset;
    private long trades;
    private long rejections;

    public ExchangeCoreBookDriver()
    {
        // 0.5.3's events helper allocates every event whatever supplier it is given (its pooled path is not wired),
        // so the peer allocates per trade here as in its own pipeline; the GC profiler shows it.
        book = new OrderBookDirectImpl(
            SYMBOL, matchingEnginePools(), OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
            LoggingConfiguration.DEFAULT);
    }

    public void idOffset(final long idOffset)
    {
        this.idOffset = idOffset;
    }

    /**
     * Apply commands {@code [from, to)} in order.
     */
    public void replay(final CommandStream stream, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            apply(stream, i);
        }
    }

    public void apply(final CommandStream stream, final int index)
    {
        final OrderCommand command = this.command;
        command.orderId = stream.orderId(index) + idOffset;
        command.uid = stream.accountId(index);
        command.price = stream.price(index);
        command.matcherEvent = null;
        final CommandResultCode result;
        switch (stream.op(index))
        {
            case CommandStream.NEW_ORDER:
                final boolean isBuy = stream.side(index) == BUY;
                command.command = OrderCommandType.PLACE_ORDER;
                command.action = isBuy ? OrderAction.BID : OrderAction.ASK;
                command.orderType = stream.timeInForce(index) == IOC ? OrderType.IOC : OrderType.GTC;
                command.size = stream.quantity(index);
                command.reserveBidPrice = isBuy ? BID_RESERVE_PRICE : 0;
                command.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
                book.newOrder(command);
                result = CommandResultCode.SUCCESS;
                break;

            case CommandStream.CANCEL:
                command.command = OrderCommandType.CANCEL_ORDER;
                result = book.cancelOrder(command);
                break;

            case CommandStream.AMEND:
                command.command = OrderCommandType.MOVE_ORDER;
                result = book.moveOrder(command);
                break;

            default:
                throw new IllegalStateException("unknown op " + stream.op(index) + " at " + index);
        }
        if (result != CommandResultCode.SUCCESS)
        {
            rejections++;
        }
        readEvents(command);
    }

    public long trades()
    {
        return trades;
    }

    public long rejections()
    {
        return rejections;
    }

    public void resetRejections()
    {
        rejections = 0;
    }

    public int restingOrders()
    {
        return book.getOrdersNum(OrderAction.BID) + book.getOrdersNum(OrderAction.ASK);
    }

    /**
     * Count the trades, and as a rejection any refusal of a GTC order (an IOC's remainder is reported as a
     * rejection too, which is its normal end), then drop the events.
     */
    private void readEvents(final OrderCommand command)
    {
        for (MatcherTradeEvent event = command.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                trades++;
            }
            else if (event.eventType == MatcherEventType.REJECT && command.orderType == OrderType.GTC &&
                command.command == OrderCommandType.PLACE_ORDER)
            {
                rejections++;
            }
        }
        command.matcherEvent = null;
    }

    /**
     * The object pools exchange-core's matching engine creates for its direct books.
     */
    private static ObjectsPool matchingEnginePools()
    {
        return new ObjectsPool(Map.of(
            ObjectsPool.DIRECT_ORDER, 1024 * 1024,
            ObjectsPool.DIRECT_BUCKET, 1024 * 64,
            ObjectsPool.ART_NODE_4, 1024 * 32,
            ObjectsPool.ART_NODE_16, 1024 * 16,
            ObjectsPool.ART_NODE_48, 1024 * 8,
            ObjectsPool.ART_NODE_256, 1024 * 4));
    }
}
