package io.carbonx.bench.workload;

import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A workload as the exchange state machine takes it, shared by the benchmarks that drive the whole engine (pipeline,
 * logic, recovery): the state machine they run, the commands that list the instrument and fund every account, and each
 * command of a {@link CommandStream} encoded as SBE. One encoding, so that every such benchmark measures the same
 * commands. Stateless apart from the writer each call creates; use from one thread at a time.
 */
public final class ExchangeCommands
{
    /** Room for one encoded command of a stream: the longest, a new order, is well under it. */
    public static final int STRIDE = 128;
    /** The account the exchange's fees are credited to. */
    public static final long FEE_ACCOUNT = 999_999;

    private static final int INSTRUMENT_ID = BenchmarkInstrument.spec().id();

    /**
     * Where commands go: an engine's publish, a journal, or a state machine directly.
     */
    @FunctionalInterface
    public interface Sink
    {
        void accept(DirectBuffer command, int offset, int length);
    }

    private ExchangeCommands()
    {
    }

    /**
     * A fresh exchange state machine for the benchmark instrument, with room for as many serial ranges as orders
     * (at least the default): a trade adds at most one range to the registry (the buyer's part of a split range),
     * and the workloads trade less than once per command, so a run never outgrows its pool and measures the pooled
     * registry, which allocates nothing for ranges.
     *
     * @param orderCapacity the most orders that may rest in the book at once; the benchmarks pass their command count.
     */
    public static ExchangeStateMachine newStateMachine(final int orderCapacity)
    {
        return new ExchangeStateMachine(settings(orderCapacity));
    }

    /**
     * @return the settings of {@link #newStateMachine}: for consumers that build their own machine (the reports).
     */
    public static ExchangeSettings settings(final int orderCapacity)
    {
        return new ExchangeSettings(FEE_ACCOUNT,
            HoldingLimits.unlimited(), new FeeSchedule(FeeRate.basisPoints(3), FeeRate.basisPoints(3)), 4,
            orderCapacity, BenchmarkInstrument.CLOSED_ORDER_MEMORY, BlockTradeRules.DEFAULT,
            SchemePreset.CHINA_NATIONAL.rules(),
            Math.max(ExchangeSettings.DEFAULT_SERIAL_RANGE_CAPACITY, orderCapacity));
    }

    /**
     * List the instrument and give every account up to {@code maxAccount} plenty of cash and units.
     *
     * @return the number of commands sent to the sink.
     */
    public static long setUp(final Sink sink, final long maxAccount)
    {
        final CommandWriter writer = new CommandWriter().envelope(1, SourceIds.EXCHANGE, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        long sent = 0;
        sink.accept(buffer, 0, writer.addInstrument(buffer, 0, BenchmarkInstrument.spec()));
        sent++;
        for (long account = 0; account <= maxAccount; account++)
        {
            sink.accept(buffer, 0, writer.openAccount(buffer, 0, account, AccountType.TRADING));
            sink.accept(buffer, 0, writer.depositCash(buffer, 0, account, 1_000_000_000_000L));
            sink.accept(buffer, 0,
                writer.issueUnits(buffer, 0, account, BenchmarkInstrument.spec().id(), 100_000_000));
            sent += 3;
        }
        return sent;
    }

    /**
     * Encode every command of the stream, command {@code i} at {@code i * STRIDE}.
     *
     * @return the length of each.
     */
    public static int[] encodeAll(final CommandStream stream, final MutableDirectBuffer encoded)
    {
        final CommandWriter writer = new CommandWriter();
        final int[] lengths = new int[stream.size()];
        for (int i = 0; i < stream.size(); i++)
        {
            lengths[i] = encode(writer, stream, i, encoded, i * STRIDE);
        }
        return lengths;
    }

    /**
     * Encode command {@code i} of the stream, as sent by a FIX session.
     *
     * @return its length.
     */
    public static int encode(
        final CommandWriter writer, final CommandStream stream, final int i, final MutableDirectBuffer buffer,
        final int offset)
    {
        final int instrumentId = INSTRUMENT_ID;
        writer.envelope(i, SourceIds.FIX, i);
        return switch (stream.op(i))
        {
            case CommandStream.NEW_ORDER ->
                writer.newOrder(buffer, offset, stream.orderId(i), stream.accountId(i), 0,
                instrumentId, Side.get(stream.side(i)), OrderType.get(stream.orderType(i)),
                TimeInForce.get(stream.timeInForce(i)), false, stream.price(i), stream.quantity(i), 0);
            case CommandStream.CANCEL ->
                writer.cancelOrder(buffer, offset, stream.orderId(i), stream.accountId(i), 0, instrumentId);
            case CommandStream.AMEND ->
                writer.amendOrder(buffer, offset, stream.orderId(i), stream.accountId(i), 0,
                instrumentId, stream.price(i), stream.quantity(i));
            default -> throw new IllegalStateException("unknown op " + stream.op(i));
        };
    }

    /**
     * @return the highest account id the stream uses.
     */
    public static long maxAccount(final CommandStream stream)
    {
        long max = 0;
        for (int i = 0; i < stream.size(); i++)
        {
            max = Math.max(max, stream.accountId(i));
        }
        return max;
    }
}
