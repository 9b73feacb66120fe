package io.carbonx.bench.pipeline;

import io.carbonx.bench.cluster.LoopbackCluster;
import io.carbonx.bench.peer.ExchangeCorePipelineFork;
import io.carbonx.bench.threads.ThreadCounters;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.cluster.DriverDirectories;
import io.carbonx.cluster.client.ClusterClientSettings;
import io.carbonx.cluster.client.ClusterCommandLog;
import io.carbonx.cluster.service.ExchangeClusteredService;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.NullJournal;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.EngineState;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.engine.sequencer.CommandLog;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static io.carbonx.bench.workload.ExchangeCommands.STRIDE;

/**
 * The core pipeline benchmark of BENCHMARK.md: a workload's commands published to the inbound ring and applied by the
 * exchange state machine with full pre-trade reservation, matching and settlement; the time from the first measured
 * publish until the last measured command's events leave the engine. Once with the journal off, once with the
 * Chronicle Queue journal on, each over several runs on a fresh engine; the figure is the median. With the journal
 * setting {@code cluster}, the engine is a cluster's gateway instead (log mode): three {@link LoopbackCluster} nodes in
 * this JVM order the commands, and the engine journals (Chronicle Queue, as a gateway does) and applies them once the
 * cluster has committed them; every command, the setup's too, goes through the cluster, and after each run the nodes
 * must agree with the engine on the last sequence and the state hash.
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
    private static final List<String> JOURNALS = List.of("off", "on", "cluster");
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", description = "LIMIT or MIX (default ${DEFAULT-VALUE})")
    private Workload workload = Workload.LIMIT;

    @Option(names = "--commands", description = "measured commands (default ${DEFAULT-VALUE})")
    private int commands = Workload.DEFAULT_COMMANDS;

    @Option(names = "--runs", description = "runs per journal setting (default ${DEFAULT-VALUE})")
    private int runs = 5;

    @Option(names = "--journal", split = ",", description = "off, on, cluster (through three cluster nodes on " +
        "loopback, the engine their gateway) (default ${DEFAULT-VALUE})")
    private List<String> journals = List.of("off", "on");

    @Option(names = "--wait", description = "wait strategy of the rings (default ${DEFAULT-VALUE})")
    private WaitStrategyType waitStrategy = WaitStrategyType.YIELDING;

    @Option(names = "--event-wait", description = "wait strategy of the event ring's listeners, if not --wait's")
    private WaitStrategyType eventWaitStrategy;

    @Option(names = "--command-ring",
        description = "slots of the command ring, a power of two (default ${DEFAULT-VALUE})")
    private int commandRingSize = 64 * 1024;

    @Option(names = "--event-ring",
        description = "slots of the event ring, a power of two (default ${DEFAULT-VALUE})")
    private int eventRingSize = 128 * 1024;

    /**
     * The nodes' dozen threads back off when idle: gateway threads that yield in a loop would take the two cores from
     * them, and the run measures the scheduler instead of the cluster.
     */
    @Option(names = "--cluster-wait", description = "wait strategy of the rings with --journal cluster, the " +
        "server's default (default ${DEFAULT-VALUE})")
    private WaitStrategyType clusterWaitStrategy = WaitStrategyType.BACKOFF;

    @Option(names = "--cluster-members", description = "nodes with --journal cluster: 3, or 1 for what a node " +
        "costs without followers sharing its cores (default ${DEFAULT-VALUE})")
    private int clusterMembers = LoopbackCluster.MEMBERS;

    @Option(names = "--cluster-snapshot-interval", description = "with --journal cluster, the nodes snapshot after " +
        "this many commands (default ${DEFAULT-VALUE}, the cluster's default)")
    private long clusterSnapshotInterval = ExchangeClusteredService.DEFAULT_SNAPSHOT_INTERVAL_COMMANDS;

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
        if (!JOURNALS.containsAll(journals))
        {
            throw new ParameterException(spec.commandLine(), "--journal takes " + JOURNALS + ", was " + journals);
        }
        if (clusterMembers != 1 && clusterMembers != LoopbackCluster.MEMBERS)
        {
            throw new ParameterException(spec.commandLine(), "--cluster-members takes 1 or 3, was " + clusterMembers);
        }
        for (final int slots : new int[] {commandRingSize, eventRingSize})
        {
            if (slots < 1 || Integer.bitCount(slots) != 1)
            {
                throw new ParameterException(spec.commandLine(),
                    "--command-ring and --event-ring take a power of two, was " + slots);
            }
        }
        if (clusterSnapshotInterval < 1)
        {
            throw new ParameterException(spec.commandLine(),
                "--cluster-snapshot-interval must be 1 or more, was " + clusterSnapshotInterval);
        }
        final CommandStream stream = workload.generate(commands, seed).stream();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[stream.size() * STRIDE]);
        final int[] lengths = ExchangeCommands.encodeAll(stream, encoded);
        final long maxAccount = ExchangeCommands.maxAccount(stream);
        double journalOffMedian = Double.NaN;
        for (final String journal : journals)
        {
            final double[] opsPerSecond = new double[runs];
            final Map<String, double[]> bytesPerCommand = new TreeMap<>();
            final Map<String, double[]> cpuNanosPerCommand = new TreeMap<>();
            final SnapshotStall[] stalls = new SnapshotStall[runs];
            for (int run = 0; run < runs; run++)
            {
                final RunFigures figures = runOnce(stream, encoded, lengths, maxAccount, journal);
                opsPerSecond[run] = figures.opsPerSecond();
                perCommand(bytesPerCommand, figures.allocatedBytes(), run, stream.measuredCount());
                perCommand(cpuNanosPerCommand, figures.cpuNanos(), run, stream.measuredCount());
                out.printf(Locale.ROOT, "# pipeline workload=%s journal=%s run=%d ops_per_s=%.0f%n",
                    workload, journal, run, opsPerSecond[run]);
                if (figures.stall() != null)
                {
                    stalls[run] = figures.stall();
                    out.printf(Locale.ROOT, "# pipeline journal=cluster run=%d %s%n", run, stalls[run].fields());
                }
            }
            final double median = median(opsPerSecond);
            if (journal.equals("off"))
            {
                journalOffMedian = median;
            }
            out.printf(Locale.ROOT,
                "RESULT bench=pipeline workload=%s orders=%d journal=%s wait=%s runs=%d ops_per_s=%.0f%n",
                workload, stream.measuredCount(), journal,
                journal.equals("cluster") ? clusterWaitStrategy : waitStrategy, runs, median);
            printMedians("pipeline-alloc", journal, bytesPerCommand, "bytes_per_command=%.2f");
            printMedians("pipeline-cpu", journal, cpuNanosPerCommand, "cpu_ns_per_command=%.1f");
            if (journal.equals("cluster"))
            {
                out.printf(Locale.ROOT, "RESULT bench=pipeline-cluster-snapshot workload=%s orders=%d members=%d " +
                    "interval=%d runs=%d %s%n", workload, stream.measuredCount(), clusterMembers,
                    clusterSnapshotInterval, runs, SnapshotStall.median(stalls).fields());
            }
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
     * Keep one run's count of each thread divided by the commands, in that thread's array of runs (created on first
     * sight, as long as {@code runs}).
     */
    private void perCommand(
        final Map<String, double[]> perThread, final Map<String, Long> counts, final int run, final long commands)
    {
        counts.forEach((thread, count) ->
            perThread.computeIfAbsent(thread, name -> new double[runs])[run] = (double)count / commands);
    }

    /**
     * Print one line per thread with the median over the runs of a per-command figure.
     */
    private void printMedians(
        final String bench, final String journal, final Map<String, double[]> perThread, final String figure)
    {
        perThread.forEach((thread, perRun) -> out.printf(Locale.ROOT,
            "RESULT bench=%s workload=%s journal=%s thread=%s " + figure + "%n", bench, workload, journal, thread,
            median(perRun)));
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
        final String journalSetting) throws IOException
    {
        final Path folder = Files.createTempDirectory("carbonx-pipeline-bench");
        final boolean throughCluster = journalSetting.equals("cluster");
        final WaitStrategyType wait = throughCluster ? clusterWaitStrategy : waitStrategy;
        LoopbackCluster cluster = null;
        final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(stream.size());
        final EngineSettings settings = EngineSettings.builder()
            .journalDirectory(folder.resolve("journal"))
            .snapshotDirectory(folder.resolve("snapshots"))
            .snapshotIntervalCommands(Long.MAX_VALUE)
            .commandWaitStrategy(wait)
            .eventWaitStrategy(eventWaitStrategy == null || throughCluster ? wait : eventWaitStrategy)
            .commandRingSize(commandRingSize)
            .eventRingSize(eventRingSize)
            .build();
        final ProgressListener progress = new ProgressListener();
        try
        {
            if (throughCluster)
            {
                cluster = LoopbackCluster.start(ExchangeCommands.settings(stream.size()), folder.resolve("cluster"),
                    clusterMembers, clusterSnapshotInterval);
            }
            final Journal journal = journalSetting.equals("off") ? new NullJournal() :
                new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE);
            final CommandLog log = throughCluster ? openLog(cluster, folder, journal) : null;
            final RunFigures figures = measure(stream, encoded, lengths, maxAccount,
                new EnginePipeline(settings, machine, journal, log, List.of(progress)), log != null, progress);
            if (cluster != null)
            {
                // the engine is closed: its state machine is the driver's to read
                cluster.awaitAgreement(machine.lastAppliedSequence(), machine.stateHash(), CLUSTER_TIMEOUT);
                final long snapshots = cluster.snapshots();
                final double maxSnapshotMs = cluster.maxSnapshotMillis();
                final double quietSnapshotMs = cluster.snapshotNow(CLUSTER_TIMEOUT);
                return figures.withStall(new SnapshotStall(snapshots, maxSnapshotMs, progress.maxGapNanos() / 1e6,
                    cluster.lastSnapshotBytes(), quietSnapshotMs));
            }
            return figures;
        }
        finally
        {
            if (cluster != null)
            {
                cluster.close();
            }
            deleteRecursively(folder);
        }
    }

    /**
     * The gateway's client of the cluster, its media driver in shared memory when the machine has it.
     */
    private static CommandLog openLog(final LoopbackCluster cluster, final Path folder, final Journal journal)
    {
        final ClusterClientSettings settings = ClusterClientSettings.builder()
            .ingressEndpoints(cluster.ingressEndpoints())
            .driverDirectory(DriverDirectories.forFolder("carbonx-bench-gateway", folder))
            .build();
        try
        {
            return ClusterCommandLog.open(settings, journal.lastSequence() + 1);
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
    }

    private static RunFigures measure(
        final CommandStream stream, final UnsafeBuffer encoded, final int[] lengths, final long maxAccount,
        final EnginePipeline pipeline, final boolean logMode, final ProgressListener progress)
    {
        try (EnginePipeline engine = pipeline)
        {
            engine.start();
            progress.watch(engine, logMode);
            if (logMode && engine.awaitLogCaughtUp(CLUSTER_TIMEOUT) != -1)
            {
                throw new IllegalStateException("the cluster's log is not empty");
            }
            final long setupCommands = ExchangeCommands.setUp(engine::publish, maxAccount);
            for (int i = 0; i < stream.measuredStart(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredStart() - 1);
            if (logMode)
            {
                // only through the cluster: a clock read per event would weigh on the single node's listener
                progress.measureGapsFrom(setupCommands + stream.measuredStart() + 1);
            }

            final ThreadCounters allocations = ThreadCounters.allocatedBytes();
            final ThreadCounters cpu = ThreadCounters.cpuNanos();
            allocations.start();
            cpu.start();
            final long start = System.nanoTime();
            for (int i = stream.measuredStart(); i < stream.measuredEnd(); i++)
            {
                engine.publish(encoded, i * STRIDE, lengths[i]);
            }
            progress.awaitSequence(setupCommands + stream.measuredEnd() - 1);
            final long elapsed = System.nanoTime() - start;
            return new RunFigures(stream.measuredCount() * 1e9 / elapsed, allocations.sinceStart(ENGINE_THREADS),
                cpu.sinceStart(ENGINE_THREADS), null);
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
     * What one run measured: its throughput, the bytes each engine thread allocated and the CPU time it used during the
     * measured section, and through the cluster how its snapshots held it up (null otherwise).
     */
    private record RunFigures(
        double opsPerSecond, Map<String, Long> allocatedBytes, Map<String, Long> cpuNanos, SnapshotStall stall)
    {
        RunFigures withStall(final SnapshotStall snapshotStall)
        {
            return new RunFigures(opsPerSecond, allocatedBytes, cpuNanos, snapshotStall);
        }
    }

    /**
     * How a run through the cluster was held up by its snapshots: how many the nodes took under load, the longest as a
     * node's consensus module measured it (on the leader, a time without new commands), the longest time the engine's
     * output went without an event in the measured section (a snapshot on the leader shows as such a stall, a
     * collection pause would too); then, with the load over, one more snapshot of the final state: its size and the
     * time from asking the leader for it until every node had taken it.
     */
    private record SnapshotStall(
        long snapshots, double maxSnapshotMs, double maxEventGapMs, long finalBytes, double quietSnapshotMs)
    {
        static SnapshotStall median(final SnapshotStall[] runs)
        {
            return new SnapshotStall((long)median(runs, SnapshotStall::snapshots), median(runs,
                SnapshotStall::maxSnapshotMs), median(runs, SnapshotStall::maxEventGapMs),
                (long)median(runs, SnapshotStall::finalBytes), median(runs, SnapshotStall::quietSnapshotMs));
        }

        private static double median(final SnapshotStall[] runs, final ToDoubleFunction<SnapshotStall> figure)
        {
            return PipelineBenchmarkMain.median(Arrays.stream(runs).mapToDouble(figure).toArray());
        }

        String fields()
        {
            return String.format(Locale.ROOT, "snapshots=%d max_snapshot_ms=%.1f max_event_gap_ms=%.1f " +
                "final_snapshot_bytes=%d quiet_snapshot_ms=%.1f", snapshots, maxSnapshotMs, maxEventGapMs, finalBytes,
                quietSnapshotMs);
        }
    }

    /**
     * Tracks how far the engine's output has got; every command causes at least one event. Written by the listener's
     * thread, awaited by the benchmark's driver thread.
     */
    private static final class ProgressListener implements EngineEventListener
    {
        private static final long PARK_NS = 50_000;
        private volatile long lastSequence = -1;
        private volatile long gapsFromSequence = Long.MAX_VALUE;
        private volatile long maxGapNs;
        private long lastEventNs;

        private EnginePipeline engine; // the driver's, to notice an engine that failed while it waits
        private boolean park;

        @Override
        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
        {
            if (commandSequence >= gapsFromSequence)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - lastEventNs > maxGapNs)
                {
                    maxGapNs = nowNs - lastEventNs;
                }
                lastEventNs = nowNs;
            }
            else if (commandSequence == gapsFromSequence - 1)
            {
                lastEventNs = System.nanoTime();
            }
            lastSequence = commandSequence;
        }

        /**
         * Track the longest time between two events from the events of this command on (its predecessor's events
         * start the clock).
         */
        void measureGapsFrom(final long sequence)
        {
            gapsFromSequence = sequence;
        }

        long maxGapNanos()
        {
            return maxGapNs;
        }

        /**
         * Spins with {@link Thread#yield()}: the end is seen as soon as the event is out (a sleep would add up to its
         * timer's granularity to the measured time), while the engine's threads still get the core when they need it.
         */
        void awaitSequence(final long sequence)
        {
            while (lastSequence < sequence)
            {
                if (engine.state() != EngineState.RUNNING)
                {
                    throw new IllegalStateException("the engine is " + engine.state() + " at sequence " +
                        lastSequence + ", waiting for " + sequence, engine.failureCause());
                }
                if (park)
                {
                    LockSupport.parkNanos(PARK_NS);
                }
                else
                {
                    Thread.yield();
                }
            }
        }

        /**
         * @param park whether to park between looks rather than yield: through the cluster, whose commits take
         *             hundreds of microseconds, a yielding driver would only take a core from the nodes.
         */
        void watch(final EnginePipeline engine, final boolean park)
        {
            this.engine = engine;
            this.park = park;
        }

        @Override
        public String roleName()
        {
            return "progress";
        }
    }
}
