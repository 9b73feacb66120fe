package io.carbonx.bench.wire;

import io.carbonx.bench.threads.ThreadCounters;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.ExchangeConfig.ThreadsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The wire-to-wire benchmark of BENCHMARK.md: a lean FIX 4.4 load generator sends orders and cancels at fixed total
 * rates over loopback to the real exchange server in this process, spread over 1, 8 or 64 sessions (one connection
 * each), open loop, and measures from each message's intended send time to its first ExecutionReport. Each run gets a
 * fresh server and data folder.
 * <p>
 * For each session count and rate it prints one {@code RESULT bench=wire} line with the medians of its runs and one
 * {@code RESULT bench=wire-alloc} line per server thread with the bytes it allocated per message, then searches for
 * the most messages per second the exchange sustains with that many sessions: rates rise by half until one fails,
 * then bisection steps narrow the gap. A rate is sustained when every message is answered without a refusal, the
 * achieved rate is at least {@code --min-achieved} of it and the 99th percentile is within {@code --p99-bound-us}.
 * <p>
 * With {@code --cluster} the server is the gateway of three cluster nodes started in this JVM for each run (see
 * {@link WireBenchServer}), and the lines are {@code bench=wire-cluster}, {@code wire-cluster-alloc} and
 * {@code wire-cluster-max}, so that no reader of the single-node lines mistakes one for the other.
 */
@Command(name = "wire", mixinStandardHelpOptions = true,
    description = "Wire to wire: FIX orders over loopback to the real server from 1 or more sessions, latency from " +
        "intended send to report.")
public final class WireBenchmarkMain implements Callable<Integer>
{
    private static final int FLOW_BLOCKS = 200_000;
    private static final int RATE_STEP = 1_000;
    /** The server's threads whose allocation is a RESULT line: the FIX event loops and the engine's threads. */
    private static final List<String> SERVER_THREADS = List.of("fix-", "carbonx-");
    private static final int CLOSE_SECONDS = 30;
    private static final int STACK_FRAMES = 16;

    @Spec
    private CommandSpec spec;

    @Option(names = "--sessions", split = ",", description = "session counts; each rate is spread over that many " +
        "FIX sessions, one connection each (default ${DEFAULT-VALUE})")
    private List<Integer> sessionCounts = List.of(1, 8, 64);

    @Option(names = "--rates", split = ",", description = "total rates in messages per second (default " +
        "${DEFAULT-VALUE})")
    private List<Integer> rates = List.of(10_000, 50_000);

    @Option(names = "--runs", description = "runs per rate; figures are their medians (default ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--duration", description = "measured seconds per run (default ${DEFAULT-VALUE})")
    private double duration = 5;

    @Option(names = "--warmup", description = "seconds at the run's rate before measuring (default ${DEFAULT-VALUE})")
    private double warmup = 2;

    @Option(names = "--prime", description = "seconds of an unmeasured first run at the first rate and session " +
        "count, so the JIT has compiled the server before any figure is taken (default ${DEFAULT-VALUE})")
    private double prime = 5;

    @Option(names = "--drain", description = "seconds to wait for the last answers (default ${DEFAULT-VALUE})")
    private double drain = 10;

    @Option(names = "--search", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "search for the maximum sustainable rate of each session count; --no-search skips it " +
            "(default ${DEFAULT-VALUE})")
    private boolean search = true;

    @Option(names = "--search-from", description = "first rate of the search (default ${DEFAULT-VALUE})")
    private int searchFrom = 10_000;

    @Option(names = "--search-to", description = "highest rate the search tries (default ${DEFAULT-VALUE})")
    private int searchTo = 1_000_000;

    @Option(names = "--bisections", description = "bisection steps between the last sustained rate and the first " +
        "failed one, each a run (default ${DEFAULT-VALUE})")
    private int bisections = 2;

    /**
     * A server that cannot keep up queues more with every second, so its p99 grows to seconds; one that keeps up on a
     * shared two-core machine still shows pauses of tens to hundreds of milliseconds (GC, scheduling). The default
     * tells the two apart; a latency objective on a quiet machine would use a bound like 1000.
     */
    @Option(names = "--p99-bound-us", description = "highest p99 of a sustained rate (default ${DEFAULT-VALUE})")
    private double p99BoundMicros = 500_000;

    @Option(names = "--min-achieved", description = "least share of the rate achieved (default ${DEFAULT-VALUE})")
    private double minAchieved = 0.99;

    @Option(names = "--seed", description = "order flow seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--stall-seconds", description = "seconds the server may read nothing of a connection the " +
        "generator is writing to before the run is declared stalled, its threads printed and the benchmark stopped " +
        "(default ${DEFAULT-VALUE})")
    private double stallSeconds = 30;

    @Option(names = "--fix-session-threads", description = "server.threads.fixSessionThreads: event loops serving " +
        "the FIX connections (default: the server's, 1)")
    private Integer fixSessionThreads;

    @Option(names = "--command-wait", description = "server.threads.commandWaitStrategy: BACKOFF, BLOCKING, " +
        "SLEEPING, YIELDING or BUSY_SPIN (default: the server's, BACKOFF)")
    private String commandWaitStrategy;

    @Option(names = "--event-wait", description = "server.threads.eventWaitStrategy, the same choices (default: " +
        "the server's, BACKOFF)")
    private String eventWaitStrategy;

    @Option(names = "--fix-io-idle", description = "server.threads.fixIoIdleStrategy: BLOCKING or SPINNING " +
        "(default: the server's, BLOCKING)")
    private String fixIoIdleStrategy;

    @Option(names = "--cluster", description = "through a cluster: the server is the gateway of three cluster " +
        "nodes in this JVM on loopback; the lines are bench=wire-cluster...")
    private boolean throughCluster;

    private final PrintStream out;

    public WireBenchmarkMain()
    {
        this(System.out);
    }

    /**
     * @param out where the {@code #} and {@code RESULT} lines go.
     */
    public WireBenchmarkMain(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception
    {
        final ThreadsConfig threads = threads();
        checkOptions();
        final OrderFlow flow = OrderFlow.generate(seed, FLOW_BLOCKS, WireBenchServer.REFERENCE_PRICE);
        out.printf(Locale.ROOT,
            "# %s: %s FIX session(s) over loopback%s, each rate spread over them, %s, flow of %d messages in blocks " +
                "of %d (4 orders that trade in pairs, 1 passive order, 1 cancel), warm-up %.1f s, measured %.1f s " +
                "per run; server threads: fixSessionThreads=%d commandWaitStrategy=%s eventWaitStrategy=%s " +
                "fixIoIdleStrategy=%s%n",
            bench(), sessionCounts.stream().map(String::valueOf).collect(Collectors.joining(",")),
            throughCluster ? " to a gateway of three cluster nodes in this JVM" : "", WireBenchServer.SYMBOL,
            flow.length(), OrderFlow.BLOCK, warmup, duration, threads.fixSessionThreadsOrDefault(),
            threads.commandWaitStrategyOrDefault(), threads.eventWaitStrategyOrDefault(),
            threads.fixIoIdleStrategyOrDefault());
        if (prime > 0)
        {
            final Measured primer = runOnce(flow, sessionCounts.get(0), rates.get(0), 0, prime, threads);
            out.printf("# %s priming run, not counted: %s%n", bench(), primer.run().fields());
        }
        boolean clean = true;
        try
        {
            for (final int sessions : sessionCounts)
            {
                for (final int rate : rates)
                {
                    clean &= measureRate(flow, sessions, rate, threads);
                }
                if (search)
                {
                    clean &= searchMaximum(flow, sessions, threads);
                }
            }
        }
        catch (final WireStall stall)
        {
            // a stuck server's threads would still run beside the next server's: no figure after it is worth having
            out.println("# wire stopped: the server stalled (see the STALLED line); no further run");
            return 1;
        }
        return clean ? 0 : 1;
    }

    /**
     * @throws ParameterException naming the first thread setting the server would refuse.
     */
    private ThreadsConfig threads()
    {
        final ThreadsConfig threads = new ThreadsConfig(fixSessionThreads, commandWaitStrategy, eventWaitStrategy,
            fixIoIdleStrategy);
        try
        {
            threads.validate();
        }
        catch (final ConfigException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        return threads;
    }

    private void checkOptions()
    {
        for (final int sessions : sessionCounts)
        {
            if (sessions < 1 || sessions > WireBenchServer.MAX_SESSIONS)
            {
                throw new ParameterException(spec.commandLine(),
                    "--sessions must each be 1.." + WireBenchServer.MAX_SESSIONS + ", was " + sessions);
            }
        }
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 1))
        {
            throw new ParameterException(spec.commandLine(), "--rates must each be at least 1, were " + rates);
        }
        if (runs < 1 || bisections < 0 || searchFrom < 1)
        {
            throw new ParameterException(spec.commandLine(),
                "--runs and --search-from must be at least 1, --bisections at least 0");
        }
    }

    private boolean measureRate(final OrderFlow flow, final int sessions, final int rate, final ThreadsConfig threads)
        throws Exception
    {
        boolean clean = true;
        final List<Measured> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++)
        {
            final Measured measured = runOnce(flow, sessions, rate, warmup, duration, threads);
            final WireRun result = measured.run();
            out.printf(Locale.ROOT, "# %s run=%d %s refusals=%d missing=%d send_lag_p99_us=%.1f%n", bench(), run,
                result.fields(), result.refusals(), result.missing(), result.sendLagP99Micros());
            clean &= reportRefusals(result);
            results.add(measured);
        }
        final List<WireRun> figures = results.stream().map(Measured::run).toList();
        out.printf(Locale.ROOT,
            "RESULT bench=%s sessions=%d rate=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f achieved=%.0f " +
                "runs=%d refusals=%d%n",
            bench(), sessions, rate, median(figures, WireRun::p50Micros), median(figures, WireRun::p99Micros),
            median(figures, WireRun::p999Micros), median(figures, WireRun::maxMicros),
            median(figures, WireRun::achieved), runs, figures.stream().mapToLong(WireRun::refusals).sum());
        final Map<String, List<Double>> byThread = new TreeMap<>();
        for (final Measured measured : results)
        {
            measured.serverBytesPerMessage().forEach((thread, bytes) ->
                byThread.computeIfAbsent(thread, name -> new ArrayList<>()).add(bytes));
        }
        byThread.forEach((thread, values) -> out.printf(Locale.ROOT,
            "RESULT bench=%s-alloc sessions=%d rate=%d thread=%s bytes_per_message=%.1f%n", bench(), sessions, rate,
            thread,
            median(values)));
        return clean;
    }

    private boolean searchMaximum(final OrderFlow flow, final int sessions, final ThreadsConfig threads)
        throws Exception
    {
        final String criterion = String.format(Locale.ROOT, "achieved>=%.2f*rate,p99<=%.0fus,no_refusals",
            minAchieved, p99BoundMicros);
        boolean clean = true;
        WireRun best = null;
        int failed = 0;
        int rate = searchFrom;
        while (rate <= searchTo)
        {
            final WireRun result = searchRun(flow, sessions, rate, threads);
            clean &= reportRefusals(result);
            if (!result.sustained(minAchieved, p99BoundMicros))
            {
                failed = rate;
                break;
            }
            best = result;
            rate = roundToStep(rate * 3 / 2);
        }
        for (int step = 0; step < bisections && failed > 0; step++)
        {
            final int low = best == null ? 0 : best.rate();
            final int middle = roundToStep((low + failed) / 2);
            if (middle <= low || middle >= failed)
            {
                break;
            }
            final WireRun result = searchRun(flow, sessions, middle, threads);
            clean &= reportRefusals(result);
            if (result.sustained(minAchieved, p99BoundMicros))
            {
                best = result;
            }
            else
            {
                failed = middle;
            }
        }
        if (best == null)
        {
            out.printf("RESULT bench=%s-max sessions=%d rate=0 criterion=%s first_failed=%d%n", bench(), sessions,
                criterion, failed);
        }
        else
        {
            out.printf("RESULT bench=%s-max %s criterion=%s first_failed=%s%n", bench(), best.fields(), criterion,
                failed == 0 ? "none" : Integer.toString(failed));
        }
        return clean;
    }

    private WireRun searchRun(final OrderFlow flow, final int sessions, final int rate, final ThreadsConfig threads)
        throws Exception
    {
        final WireRun result = runOnce(flow, sessions, rate, warmup, duration, threads).run();
        out.printf(Locale.ROOT, "# %s-search %s send_lag_p99_us=%.1f sustained=%s%n", bench(), result.fields(),
            result.sendLagP99Micros(), result.sustained(minAchieved, p99BoundMicros));
        return result;
    }

    private Measured runOnce(final OrderFlow flow, final int sessions, final int rate, final double warmupSeconds,
        final double seconds, final ThreadsConfig threads)
        throws Exception
    {
        final WireBenchServer server = WireBenchServer.start(sessions, threads, throughCluster);
        boolean stalled = false;
        try
        {
            final ThreadCounters allocations = ThreadCounters.allocatedBytes();
            allocations.start();
            final WireRun result = server.generator(flow, stallSeconds).run(rate, warmupSeconds, seconds, drain);
            final long messages = Math.max(1, (long)(rate * warmupSeconds) + (long)(rate * seconds));
            final StringBuilder line = new StringBuilder("# wire allocated bytes per message by thread:");
            final Map<String, Double> serverThreads = new TreeMap<>();
            allocations.sinceStart().forEach((role, bytes) ->
            {
                if (bytes >= messages)
                {
                    line.append(' ').append(role).append('=').append(bytes / messages);
                }
                if (SERVER_THREADS.stream().anyMatch(role::startsWith))
                {
                    serverThreads.put(role, (double)bytes / messages);
                }
            });
            out.println(line);
            return new Measured(result, serverThreads);
        }
        catch (final WireStall stall)
        {
            stalled = true;
            out.printf(Locale.ROOT, "# wire sessions=%d rate=%d STALLED: %s; the server's threads:%n", sessions, rate,
                stall.getMessage());
            printServerThreads();
            if (!server.closeWithin(Duration.ofSeconds(CLOSE_SECONDS)))
            {
                out.printf("# wire the stalled server did not close within %d s; its data folder stays: %s%n",
                    CLOSE_SECONDS, server.folder());
            }
            throw stall;
        }
        finally
        {
            if (!stalled)
            {
                server.close();
            }
        }
    }

    /**
     * The stacks of the server's threads, which show where a stalled server is stuck.
     */
    private void printServerThreads()
    {
        for (final ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
        {
            if (SERVER_THREADS.stream().anyMatch(thread.getThreadName()::startsWith))
            {
                out.printf("#   \"%s\" %s%n", thread.getThreadName(), thread.getThreadState());
                final StackTraceElement[] frames = thread.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, STACK_FRAMES); i++)
                {
                    out.printf("#       at %s%n", frames[i]);
                }
            }
        }
    }

    private boolean reportRefusals(final WireRun result)
    {
        if (result.refusals() == 0 && result.missing() == 0)
        {
            return true;
        }
        out.printf("# wire sessions=%d rate=%d INVALID RUN: %d refusals, %d unanswered; first refusal: %s%n",
            result.sessions(), result.rate(), result.refusals(), result.missing(), result.firstRefusal());
        return false;
    }

    /**
     * @return the name of the figures: {@code wire}, or {@code wire-cluster} through the cluster.
     */
    private String bench()
    {
        return throughCluster ? "wire-cluster" : "wire";
    }

    private static int roundToStep(final int rate)
    {
        return Math.max(RATE_STEP, rate / RATE_STEP * RATE_STEP);
    }

    private static double median(final List<WireRun> results, final ToDoubleFunction<WireRun> figure)
    {
        return median(results.stream().mapToDouble(figure).boxed().toList());
    }

    private static double median(final List<Double> values)
    {
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * One run's figures and the bytes each of the server's threads (by role) allocated per message during it.
     */
    private record Measured(WireRun run, Map<String, Double> serverBytesPerMessage)
    {
    }
}
