package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The crash test's traffic for the real exchange: one listed allowance, funded accounts holding units, then a seeded
 * mix of crossing buy and sell orders, cancels, amends and snapshots from each producer.
 */
final class ExchangeWorkload
{
    static final int INSTRUMENT = 1;
    static final int ACCOUNTS = 50;
    static final long FIRST_ACCOUNT = 100;

    /**
     * Builds the exchange the crash test's child JVM runs.
     */
    public static final class MachineFactory implements Supplier<StateMachine>
    {
        @Override
        public StateMachine get()
        {
            return new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
        }
    }

    private final CommandWriter writer = new CommandWriter();
    private final int sourceId;
    private final Random random;
    private long correlationId;

    ExchangeWorkload(final int sourceId, final Random random)
    {
        this.sourceId = sourceId;
        this.random = random;
    }

    /**
     * List the instrument and open, fund and credit the accounts: the genesis of a fresh journal.
     */
    static void setUp(final EnginePipeline engine)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (final byte[] command : genesis())
        {
            buffer.wrap(command);
            engine.publish(buffer, 0, command.length);
        }
    }

    /**
     * The commands of {@link #setUp}, encoded.
     */
    static List<byte[]> genesis()
    {
        final CommandWriter writer = new CommandWriter().envelope(1, 0, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        final List<byte[]> commands = new ArrayList<>();
        commands.add(copy(buffer, writer.addInstrument(buffer, 0, new InstrumentSpec(INSTRUMENT, "CEA-2025",
            InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00, SelfTradePolicy.CANCEL_INCOMING))));
        for (long account = FIRST_ACCOUNT; account < FIRST_ACCOUNT + ACCOUNTS; account++)
        {
            commands.add(copy(buffer, writer.openAccount(buffer, 0, account, AccountType.TRADING)));
            commands.add(copy(buffer, writer.depositCash(buffer, 0, account, 1_000_000_00L)));
            commands.add(copy(buffer, writer.issueUnits(buffer, 0, account, INSTRUMENT, 100_000)));
        }
        return commands;
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] command = new byte[length];
        buffer.getBytes(0, command);
        return command;
    }

    /**
     * Encode the next command at offset 0.
     *
     * @return its length.
     */
    int next(final MutableDirectBuffer buffer)
    {
        writer.envelope(System.nanoTime(), sourceId, correlationId++);
        // Order ids are drawn from a range per producer, so cancels and amends often find a live order.
        final long orderId = sourceId * 1_000_000L + random.nextInt(3_000);
        final long account = FIRST_ACCOUNT + random.nextInt(ACCOUNTS);
        final int choice = random.nextInt(4_000);
        if (choice == 0)
        {
            return writer.takeSnapshot(buffer, 0);
        }
        if (choice < 1_000)
        {
            return writer.cancelOrder(buffer, 0, orderId, account, 0, INSTRUMENT);
        }
        if (choice < 1_400)
        {
            return writer.amendOrder(buffer, 0, orderId, account, 0, INSTRUMENT, 99_50 + random.nextInt(100),
                1 + random.nextInt(50));
        }
        return writer.newOrder(buffer, 0, orderId, account, 0, INSTRUMENT, random.nextBoolean() ? Side.BUY : Side.SELL,
            OrderType.LIMIT, random.nextInt(5) == 0 ? TimeInForce.IOC : TimeInForce.GTC, false, 99_50 +
            random.nextInt(100),
            1 + random.nextInt(50), 0);
    }
}
