package io.carbonx.bench.pipeline;

import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.Workload;
import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.NullJournal;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The core pipeline benchmark of BENCHMARK.md: a workload's commands published to the inbound ring and applied by the
 * exchange state machine with full pre-trade reservation, matching and settlement; the time from the first measured
 * publish until the last measured command's events leave the engine. Once with the journal off, once with the
 * Chronicle Queue journal on, each over several runs on a fresh engine; the figure is the median.
 * <p>
 * Commands are encoded before the clock starts, so the producer thread only copies them into the ring, as a gateway's
 * I/O thread would after decoding FIX.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Measures the core pipeline (ring, journal, state machine) on a standard workload.")
public final class PipelineBenchmarkMain implements Callable<Integer>
{
    private static final int STRIDE = 128;
    private static final long FEE_ACCOUNT = 999_999;

    @Option(names = "--workload", description = "LIMIT or MIX (default ${DEFAULT-VALUE})")
    private Workload workload = Workload.LIMIT;

    @Option(names = "--commands", description = "measured commands (default ${DEFAULT-VALUE})")
    private int commands = Workload.DEFAULT_COMMANDS;

    @Option(names = "--runs", description = "runs per journal setting (default ${DEFAULT-VALUE})")
    private int runs = 5;

    @Option(names = "--journal", split = ",", description = "off, on (default ${DEFAULT-VALUE})")
    private List<String> journals = List.of("off", "on");

    @Option(names = "--wait", description = "wait strategy of the rings (default ${DEFAULT-VALUE})")
    private WaitStrategyType waitStrategy = WaitStrategyType.YIELDING;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Override
    public Integer call() throws Exception
    {
        final CommandStream stream = workload.generate(commands, seed).stream();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[stream.size() * STRIDE]);
        final int[] lengths = encode(stream, encoded);
        final long maxAccount = maxAccount(stream);
        for (final String journal : journals)
        {
            final double[] opsPerSecond = new double[runs];
            for (int run = 0; run < runs; run++)
            {
                opsPerSecond[run] = runOnce(stream, encoded, lengths, maxAccount, journal.equals("on"));
                System.out.printf("# pipeline workload=%s journal=%s run=%d ops_per_s=%.0f%n", workload, journal, run,
                    opsPerSecond[run]);
            }
            Arrays.sort(opsPerSecond);
            System.out.printf("RESULT bench=pipeline workload=%s orders=%d journal=%s wait=%s runs=%d ops_per_s=%.0f%n",
                workload, stream.measuredCount(), journal, waitStrategy, runs, opsPerSecond[runs / 2]);
        }
        return 0;
    }

    private double runOnce(
        final CommandStream stream, final UnsafeBuffer encoded, final int[] lengths, final long maxAccount,
        final boolean journalOn) throws IOException, InterruptedException
    {
        final Path folder = Files.createTempDirectory("carbonx-pipeline-bench");
        final ExchangeStateMachine machine = new ExchangeStateMachine(new ExchangeSettings(FEE_ACCOUNT,
            HoldingLimits.unlimited(), new FeeSchedule(FeeRate.basisPoints(3), FeeRate.basisPoints(3)), 4,
            stream.size(), BenchmarkInstrument.CLOSED_ORDER_MEMORY, BlockTradeRules.DEFAULT,
                SchemePreset.CHINA_NATIONAL.rules()));
        final EngineSettings settings = EngineSettings.builder()
            .journalDirectory(folder.resolve("journal"))
            .snapshotDirectory(folder.resolve("snapshots"))
            .snapshotIntervalCommands(Long.MAX_VALUE)
            .commandWaitStrategy(waitStrategy)
            .eventWaitStrategy(waitStrategy)
            .commandRingSize(64 * 1024)
            .eventRingSize(128 * 1024)
            .build();
        final Journal journal = journalOn ?
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE) : new NullJournal();
        final ProgressListener progress = new ProgressListener();
        try (EnginePipeline engine = new EnginePipeline(settings, machine, journal, List.of(progress)))
        {
            engine.start();
            final long setupCommands = setUp(engine, maxAccount);
            for (int i = 0; i < stream.measuredStart(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredStart() - 1);

            final long start = System.nanoTime();
            for (int i = stream.measuredStart(); i < stream.measuredEnd(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredEnd() - 1);
            final long elapsed = System.nanoTime() - start;
            return stream.measuredCount() * 1e9 / elapsed;
        }
        finally
        {
            deleteRecursively(folder);
        }
    }

    /**
     * List the instrument and give every account of the stream plenty of cash and units.
     *
     * @return the number of commands published.
     */
    private static long setUp(final EnginePipeline engine, final long maxAccount)
    {
        final CommandWriter writer = new CommandWriter().envelope(1, SourceIds.EXCHANGE, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        long published = 0;
        engine.publish(buffer, 0, writer.addInstrument(buffer, 0, BenchmarkInstrument.spec()));
        published++;
        for (long account = 0; account <= maxAccount; account++)
        {
            engine.publish(buffer, 0, writer.openAccount(buffer, 0, account, AccountType.TRADING));
            engine.publish(buffer, 0, writer.depositCash(buffer, 0, account, 1_000_000_000_000L));
            engine.publish(buffer, 0,
                writer.issueUnits(buffer, 0, account, BenchmarkInstrument.spec().id(), 100_000_000));
            published += 3;
        }
        return published;
    }

    private static int[] encode(final CommandStream stream, final UnsafeBuffer encoded)
    {
        final CommandWriter writer = new CommandWriter();
        final int instrumentId = BenchmarkInstrument.spec().id();
        final int[] lengths = new int[stream.size()];
        for (int i = 0; i < stream.size(); i++)
        {
            final int offset = i * STRIDE;
            writer.envelope(i, SourceIds.FIX, i);
            lengths[i] = switch (stream.op(i))
            {
                case CommandStream.NEW_ORDER ->
                    writer.newOrder(encoded, offset, stream.orderId(i), stream.accountId(i), 0,
                    instrumentId, Side.get(stream.side(i)), OrderType.get(stream.orderType(i)),
                    TimeInForce.get(stream.timeInForce(i)), false, stream.price(i), stream.quantity(i), 0);
                case CommandStream.CANCEL ->
                    writer.cancelOrder(encoded, offset, stream.orderId(i), stream.accountId(i), 0, instrumentId);
                case CommandStream.AMEND ->
                    writer.amendOrder(encoded, offset, stream.orderId(i), stream.accountId(i), 0,
                    instrumentId, stream.price(i), stream.quantity(i));
                default -> throw new IllegalStateException("unknown op " + stream.op(i));
            };
        }
        return lengths;
    }

    private static long maxAccount(final CommandStream stream)
    {
        long max = 0;
        for (int i = 0; i < stream.size(); i++)
        {
            max = Math.max(max, stream.accountId(i));
        }
        return max;
    }

    private static void deleteRecursively(final Path folder) throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Tracks how far the engine's output has got; every command causes at least one event.
     */
    private static final class ProgressListener implements EngineEventListener
    {
        private volatile long lastSequence = -1;

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
        {
            lastSequence = commandSequence;
        }

        void awaitSequence(final long sequence) throws InterruptedException
        {
            while (lastSequence < sequence)
            {
                Thread.sleep(0, 100_000);
            }
        }

        @Override
        public String roleName()
        {
            return "progress";
        }
    }
}
