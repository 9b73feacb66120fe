package io.carbonx.bench.recovery;

import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.event.EventSink;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An exchange state machine whose book holds a given number of resting orders: bids only, from 1,000 funded accounts,
 * 1 to 400 ticks below the mid (well within the band), so nothing trades and every order rests. Built by applying the
 * commands straight to the state machine, events dropped.
 *
 * @param machine     holding the book.
 * @param buildMillis how long building it took.
 */
record RestingBook(ExchangeStateMachine machine, long buildMillis)
{
    private static final int ACCOUNTS = 1_000;
    private static final int PRICE_LEVELS = 400;
    private static final int MAX_QUANTITY = 10;

    static RestingBook build(final int resting)
    {
        final long startNs = System.nanoTime();
        final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(resting + 1);
        final EventSink dropped = new DroppedEvents();
        final long[] sequence = {-1};
        final ExchangeCommands.Sink apply =
            (buffer, offset, length) -> machine.apply(++sequence[0], buffer, offset, length, dropped);
        ExchangeCommands.setUp(apply, ACCOUNTS);

        final int instrumentId = BenchmarkInstrument.spec().id();
        final CommandWriter writer = new CommandWriter();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ExchangeCommands.STRIDE]);
        for (int i = 0; i < resting; i++)
        {
            writer.envelope(i, SourceIds.FIX, i);
            final long price = BenchmarkInstrument.MID_PRICE - 1 - i % PRICE_LEVELS;
            final int length = writer.newOrder(buffer, 0, i + 1, 1 + i % ACCOUNTS, 0, instrumentId, Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, false, price, 1 + i % MAX_QUANTITY, 0);
            apply.accept(buffer, 0, length);
        }

        final int orders = machine.orderBook(instrumentId).orderCount();
        if (orders != resting)
        {
            throw new IllegalStateException("the book holds " + orders + " orders, not " + resting);
        }
        return new RestingBook(machine, (System.nanoTime() - startNs) / 1_000_000);
    }

    /**
     * Takes the events of the commands that build the book and drops them. Used by the building thread only.
     */
    private static final class DroppedEvents implements EventSink
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);

        @Override
        public MutableDirectBuffer claim()
        {
            return buffer;
        }

        @Override
        public void publish(final int length)
        {
        }
    }
}
