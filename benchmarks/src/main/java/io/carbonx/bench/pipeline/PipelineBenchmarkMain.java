package io.carbonx.bench.pipeline;

import io.carbonx.bench.alloc.ThreadAllocations;
import io.carbonx.bench.peer.ExchangeCorePipelineFork;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.NullJournal;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.WaitStrategyType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.carbonx.bench.workload.ExchangeCommands.STRIDE;

/**
 * The core pipeline benchmark of BENCHMARK.md: a workload's commands published to the inbound ring and applied by the
 * exchange state machine with full pre-trade reservation, matching and settlement; the time from the first measured
 * publish until the last measured command's events leave the engine. Once with the journal off, once with the
 * Chronicle Queue journal on, each over several runs on a fresh engine; the figure is the median.
 * <p>
 * Commands are encoded before the clock starts, so the producer thread only copies them into the ring, as a gateway's
 * I/O thread would after decoding FIX.
 * <p>
 * For every run it also counts the bytes each of the engine's threads (those named {@code carbonx-...}, found by name)
 * allocates during the measured section, and prints the median per command. Unless told otherwise it then measures
 * the peer, exchange-core's own pipeline, on the same stream over the same number of runs in a JVM of its own
 * ({@link ExchangeCorePipelineFork}), and prints the ratio of CarbonX's journal-off median to the peer's.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Measures the core pipeline (ring, journal, state machine) on a standard workload.")
public final class PipelineBenchmarkMain implements Callable<Integer>
{
    private static final String ENGINE_THREADS = "carbonx-";

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

    @Option(names = "--no-peer", description = "Skip the peer, exchange-core's pipeline.")
    private boolean withoutPeer;

    private final PrintStream out;

    public PipelineBenchmarkMain()
    {
        this(System.out);
    }

    /**
     * @param out where the figures go, standard output when run from the command line.
     */
    public PipelineBenchmarkMain(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception
    {
        final CommandStream stream = workload.generate(commands, seed).stream();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[stream.size() * STRIDE]);
        final int[] lengths = ExchangeCommands.encodeAll(stream, encoded);
        final long maxAccount = ExchangeCommands.maxAccount(stream);
        double journalOffMedian = Double.NaN;
        for (final String journal : journals)
        {
            final double[] opsPerSecond = new double[runs];
            final Map<String, double[]> bytesPerCommand = new TreeMap<>();
            for (int run = 0; run < runs; run++)
            {
                final RunFigures figures = runOnce(stream, encoded, lengths, maxAccount, journal.equals("on"));
                opsPerSecond[run] = figures.opsPerSecond();
                final int thisRun = run;
                figures.allocatedBytes().forEach((thread, bytes) -> bytesPerCommand
                    .computeIfAbsent(thread, name -> new double[runs])[thisRun] =
                    (double)bytes / stream.measuredCount());
                out.printf(Locale.ROOT, "# pipeline workload=%s journal=%s run=%d ops_per_s=%.0f%n",
                    workload, journal, run, opsPerSecond[run]);
            }
            final double median = median(opsPerSecond);
            if (journal.equals("off"))
            {
                journalOffMedian = median;
            }
            out.printf(Locale.ROOT,
                "RESULT bench=pipeline workload=%s orders=%d journal=%s wait=%s runs=%d ops_per_s=%.0f%n",
                workload, stream.measuredCount(), journal, waitStrategy, runs, median);
            bytesPerCommand.forEach((thread, perRun) -> out.printf(Locale.ROOT,
                "RESULT bench=pipeline-alloc workload=%s journal=%s thread=%s bytes_per_command=%.2f%n",
                workload, journal, thread, median(perRun)));
        }
        if (!withoutPeer)
        {
            final double peer = ExchangeCorePipelineFork.run(workload, commands, seed, runs, out);
            if (!Double.isNaN(journalOffMedian))
            {
                out.printf(Locale.ROOT, "RESULT bench=pipeline-vs-peer workload=%s journal=off ratio=%.2f%n",
                    workload, journalOffMedian / peer);
            }
        }
        return 0;
    }

    /**
     * @return the median of the values, the middle one of an odd count (the upper middle one of an even count), as
     * the other figures of the benchmarks; sorts the values.
     */
    private static double median(final double[] values)
    {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private RunFigures runOnce(
        final CommandStream stream, final UnsafeBuffer encoded, final int[] lengths, final long maxAccount,
        final boolean journalOn) throws IOException
    {
        final Path folder = Files.createTempDirectory("carbonx-pipeline-bench");
        final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(stream.size());
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
            final long setupCommands = ExchangeCommands.setUp(engine::publish, maxAccount);
            for (int i = 0; i < stream.measuredStart(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredStart() - 1);

            final ThreadAllocations allocations = new ThreadAllocations();
            allocations.start();
            final long start = System.nanoTime();
            for (int i = stream.measuredStart(); i < stream.measuredEnd(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredEnd() - 1);
            final long elapsed = System.nanoTime() - start;
            return new RunFigures(stream.measuredCount() * 1e9 / elapsed, allocations.sinceStart(ENGINE_THREADS));
        }
        finally
        {
            deleteRecursively(folder);
        }
    }

    private static void deleteRecursively(final Path folder) throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * What one run measured: its throughput, and the bytes each engine thread allocated during the measured section.
     */
    private record RunFigures(double opsPerSecond, Map<String, Long> allocatedBytes)
    {
    }

    /**
     * Tracks how far the engine's output has got; every command causes at least one event. Written by the listener's
     * thread, awaited by the benchmark's driver thread.
     */
    private static final class ProgressListener implements EngineEventListener
    {
        private volatile long lastSequence = -1;

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
        {
            lastSequence = commandSequence;
        }

        /**
         * Spins with {@link Thread#yield()}: the end is seen as soon as the event is out (a sleep would add up to its
         * timer's granularity to the measured time), while the engine's threads still get the core when they need it.
         */
        void awaitSequence(final long sequence)
        {
            while (lastSequence < sequence)
            {
                Thread.yield();
            }
        }

        @Override
        public String roleName()
        {
            return "progress";
        }
    }
}
