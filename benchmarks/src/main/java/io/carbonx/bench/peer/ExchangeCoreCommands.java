package io.carbonx.bench.peer;

import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

/**
 * A {@link CommandStream} as the commands of exchange-core's API, built before any clock starts, as CarbonX's pipeline
 * benchmark encodes its commands beforehand. The mapping is {@link ExchangeCoreBookDriver}'s: the same order ids,
 * accounts as user ids, prices and quantities as they are (the peer's symbol has scale 1 on both currencies), a bid's
 * reserve price at the top of the band, and amends as moves (same quantity, new price), which is all the workloads
 * amend.
 */
public final class ExchangeCoreCommands
{
    /**
     * The only symbol of the peer's exchange.
     */
    public static final int SYMBOL = 1;

    private static final short BUY = Side.BUY.value();
    private static final short IOC = TimeInForce.IOC.value();

    private ExchangeCoreCommands()
    {
    }

    /**
     * @return one API command per command of the stream, in order.
     */
    public static ApiCommand[] of(final CommandStream stream)
    {
        final ApiCommand[] commands = new ApiCommand[stream.size()];
        for (int i = 0; i < stream.size(); i++)
        {
            commands[i] = of(stream, i);
        }
        return commands;
    }

    private static ApiCommand of(final CommandStream stream, final int index)
    {
        return switch (stream.op(index))
        {
            case CommandStream.NEW_ORDER ->
            {
                final boolean isBuy = stream.side(index) == BUY;
                yield ApiPlaceOrder.builder()
                    .orderId(stream.orderId(index))
                    .uid(stream.accountId(index))
                    .symbol(SYMBOL)
                    .action(isBuy ? OrderAction.BID : OrderAction.ASK)
                    .orderType(stream.timeInForce(index) == IOC ? OrderType.IOC : OrderType.GTC)
                    .price(stream.price(index))
                    .reservePrice(isBuy ? ExchangeCoreBookDriver.BID_RESERVE_PRICE : 0)
                    .size(stream.quantity(index))
                    .build();
            }
            case CommandStream.CANCEL ->
                ApiCancelOrder.builder().orderId(stream.orderId(index)).uid(stream.accountId(index)).symbol(SYMBOL)
                .build();
            case CommandStream.AMEND ->
                ApiMoveOrder.builder().orderId(stream.orderId(index)).uid(stream.accountId(index)).symbol(SYMBOL)
                .newPrice(stream.price(index)).build();
            default -> throw new IllegalStateException("unknown op " + stream.op(index) + " at " + index);
        };
    }
}
