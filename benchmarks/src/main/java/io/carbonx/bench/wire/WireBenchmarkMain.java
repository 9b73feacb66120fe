package io.carbonx.bench.wire;

import io.carbonx.bench.alloc.ThreadAllocations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * The wire-to-wire benchmark of BENCHMARK.md: a lean FIX 4.4 load generator sends orders and cancels at fixed rates
 * over loopback to the real exchange server in this process, open loop, and measures from each message's intended send
 * time to its first ExecutionReport. Each run gets a fresh server and data folder.
 * <p>
 * For each rate it prints one {@code RESULT bench=wire} line with the medians of its runs, then searches for the most
 * messages per second the exchange sustains: rates rise by half until one fails, then two bisection steps narrow the
 * gap. A rate is sustained when every message is answered without a refusal, the achieved rate is at least
 * {@code --min-achieved} of it and the 99th percentile is within {@code --p99-bound-us}.
 */
@Command(name = "wire", mixinStandardHelpOptions = true,
    description = "Wire to wire: FIX orders over loopback to the real server, latency from intended send to report.")
public final class WireBenchmarkMain implements Callable<Integer>
{
    private static final int FLOW_BLOCKS = 200_000;
    private static final int RATE_STEP = 1_000;
    private static final int BISECTIONS = 2;

    @Option(names = "--rates", split = ",", description = "rates in messages per second (default ${DEFAULT-VALUE})")
    private List<Integer> rates = List.of(10_000, 50_000);

    @Option(names = "--runs", description = "runs per rate; figures are their medians (default ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--duration", description = "measured seconds per run (default ${DEFAULT-VALUE})")
    private double duration = 5;

    @Option(names = "--warmup", description = "seconds at the run's rate before measuring (default ${DEFAULT-VALUE})")
    private double warmup = 2;

    @Option(names = "--prime", description = "seconds of an unmeasured first run at the first rate, so the JIT has " +
        "compiled the server before any figure is taken (default ${DEFAULT-VALUE})")
    private double prime = 5;

    @Option(names = "--drain", description = "seconds to wait for the last answers (default ${DEFAULT-VALUE})")
    private double drain = 10;

    @Option(names = "--no-search", description = "skip the search for the maximum sustainable rate")
    private boolean withoutSearch;

    @Option(names = "--search-from", description = "first rate of the search (default ${DEFAULT-VALUE})")
    private int searchFrom = 10_000;

    @Option(names = "--search-to", description = "highest rate the search tries (default ${DEFAULT-VALUE})")
    private int searchTo = 1_000_000;

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

    @Override
    public Integer call() throws Exception
    {
        final OrderFlow flow = OrderFlow.generate(seed, FLOW_BLOCKS, WireBenchServer.REFERENCE_PRICE);
        System.out.printf(Locale.ROOT,
            "# wire: one FIX session over loopback, %s, flow of %d messages in blocks of %d " +
                "(4 orders that trade in pairs, 1 passive order, 1 cancel), warm-up %.1f s, measured %.1f s per run%n",
            WireBenchServer.SYMBOL, flow.length(), OrderFlow.BLOCK, warmup, duration);
        if (prime > 0)
        {
            final WireRun primer = runOnce(flow, rates.get(0), 0, prime);
            System.out.printf("# wire priming run, not counted: %s%n", primer.fields());
        }
        boolean clean = true;
        for (final int rate : rates)
        {
            final List<WireRun> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++)
            {
                final WireRun result = runOnce(flow, rate);
                System.out.printf(Locale.ROOT, "# wire run=%d %s refusals=%d missing=%d send_lag_p99_us=%.1f%n", run,
                    result.fields(), result.refusals(), result.missing(), result.sendLagP99Micros());
                clean &= reportRefusals(result);
                results.add(result);
            }
            System.out.printf(Locale.ROOT,
                "RESULT bench=wire rate=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f achieved=%.0f runs=%d " +
                    "refusals=%d%n",
                rate, median(results, WireRun::p50Micros), median(results, WireRun::p99Micros),
                median(results, WireRun::p999Micros), median(results, WireRun::maxMicros),
                median(results, WireRun::achieved), runs, results.stream().mapToLong(WireRun::refusals).sum());
        }
        if (!withoutSearch)
        {
            clean &= searchMaximum(flow);
        }
        return clean ? 0 : 1;
    }

    private boolean searchMaximum(final OrderFlow flow) throws Exception
    {
        final String criterion = String.format(Locale.ROOT, "achieved>=%.2f*rate,p99<=%.0fus,no_refusals",
            minAchieved, p99BoundMicros);
        boolean clean = true;
        WireRun best = null;
        int failed = 0;
        int rate = searchFrom;
        while (rate <= searchTo)
        {
            final WireRun result = runOnce(flow, rate);
            clean &= reportRefusals(result);
            final boolean sustained = result.sustained(minAchieved, p99BoundMicros);
            System.out.printf(Locale.ROOT, "# wire-search %s send_lag_p99_us=%.1f sustained=%s%n", result.fields(),
                result.sendLagP99Micros(), sustained);
            if (!sustained)
            {
                failed = rate;
                break;
            }
            best = result;
            rate = roundToStep(rate * 3 / 2);
        }
        for (int step = 0; step < BISECTIONS && failed > 0; step++)
        {
            final int low = best == null ? 0 : best.rate();
            final int middle = roundToStep((low + failed) / 2);
            if (middle <= low || middle >= failed)
            {
                break;
            }
            final WireRun result = runOnce(flow, middle);
            clean &= reportRefusals(result);
            final boolean sustained = result.sustained(minAchieved, p99BoundMicros);
            System.out.printf(Locale.ROOT, "# wire-search %s send_lag_p99_us=%.1f sustained=%s%n", result.fields(),
                result.sendLagP99Micros(), sustained);
            if (sustained)
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
            System.out.printf("RESULT bench=wire-max rate=0 criterion=%s first_failed=%d%n", criterion, failed);
        }
        else
        {
            System.out.printf("RESULT bench=wire-max %s criterion=%s first_failed=%s%n", best.fields(), criterion,
                failed == 0 ? "none" : Integer.toString(failed));
        }
        return clean;
    }

    private WireRun runOnce(final OrderFlow flow, final int rate) throws Exception
    {
        return runOnce(flow, rate, warmup, duration);
    }

    private WireRun runOnce(final OrderFlow flow, final int rate, final double warmupSeconds, final double seconds)
        throws Exception
    {
        try (WireBenchServer server = WireBenchServer.start())
        {
            final ThreadAllocations allocations = new ThreadAllocations();
            allocations.start();
            final WireRun result = server.generator(flow).run(rate, warmupSeconds, seconds, drain);
            final long messages = (long)(rate * warmupSeconds) + (long)(rate * seconds);
            final StringBuilder line = new StringBuilder("# wire allocated bytes per message by thread:");
            allocations.sinceStart().forEach((role, bytes) ->
            {
                if (bytes >= messages)
                {
                    line.append(' ').append(role).append('=').append(bytes / messages);
                }
            });
            System.out.println(line);
            return result;
        }
    }

    private static boolean reportRefusals(final WireRun result)
    {
        if (result.refusals() == 0 && result.missing() == 0)
        {
            return true;
        }
        System.out.printf("# wire rate=%d INVALID RUN: %d refusals, %d unanswered; first refusal: %s%n", result.rate(),
            result.refusals(), result.missing(), result.firstRefusal());
        return false;
    }

    private static int roundToStep(final int rate)
    {
        return Math.max(RATE_STEP, rate / RATE_STEP * RATE_STEP);
    }

    private static double median(final List<WireRun> results, final ToDoubleFunction<WireRun> figure)
    {
        final double[] values = results.stream().mapToDouble(figure).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
