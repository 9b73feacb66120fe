package io.carbonx.bench;

import io.carbonx.bench.book.BookFigures;
import io.carbonx.bench.book.BookMemory;
import io.carbonx.bench.book.ExchangeCoreBookBenchmark;
import io.carbonx.bench.book.OrderBookBenchmark;
import io.carbonx.bench.workload.GeneratedWorkload;
import io.carbonx.bench.workload.Workload;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Runs the order book benchmark through JMH and prints one {@code RESULT} line per figure, as BENCHMARK.md's output
 * contract asks: CarbonX's book, then unless told otherwise the peer's book on the same stream, then their ratio.
 * JMH's own report is printed above them. Last, the heap a book takes to hold a million resting orders, measured in
 * this JVM.
 */
@Command(
    name = "benchmarks.jar",
    mixinStandardHelpOptions = true,
    description = "Order book throughput on the standard workloads, one thread, no risk, no journal. " +
        "The 'pipeline' subcommand measures the core pipeline, 'logic' the business logic alone, 'wire' the FIX " +
        "gateway wire to wire, 'recovery' journal replay, recovery and the snapshot pause, 'reports' the analytic " +
        "store's reports against a journal replay.",
    subcommands =
    {
        io.carbonx.bench.pipeline.PipelineBenchmarkMain.class, io.carbonx.bench.logic.LogicBenchmarkMain.class,
        io.carbonx.bench.wire.WireBenchmarkMain.class, io.carbonx.bench.recovery.RecoveryBenchmarkMain.class,
        io.carbonx.bench.reports.ReportsBenchmarkMain.class
    })
public final class BookBenchmarkMain implements Callable<Integer>
{
    private static final String PEER = "exchange-core-0.5.3";

    @Option(names = "--workload", split = ",", defaultValue = "MIX,LIMIT",
        description = "Workloads to run, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<Workload> workloads;

    @Option(names = "--commands", defaultValue = "3000000",
        description = "Commands in each workload's measured section (default: ${DEFAULT-VALUE}).")
    private int commands;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--forks", defaultValue = "1", description = "JMH forks (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Option(names = "--warmup-iterations", defaultValue = "5",
        description = "Untimed passes over the stream per fork (default: ${DEFAULT-VALUE}).")
    private int warmupIterations;

    @Option(names = "--iterations", defaultValue = "10",
        description = "Timed passes over the stream per fork (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--no-gc",
        description = "Skip JMH's GC profiler, which reports the bytes allocated per command.")
    private boolean withoutGcProfiler;

    @Option(names = "--no-peer", description = "Skip the peer, exchange-core's direct order book.")
    private boolean withoutPeer;

    @Option(names = "--memory-orders", defaultValue = "1000000",
        description = "Resting orders in the book whose heap is measured after the runs, 0 to skip " +
            "(default: ${DEFAULT-VALUE}).")
    private int memoryOrders;

    @Option(names = "--quiet", description = "Print only the workload profiles and RESULT lines.")
    private boolean quiet;

    public static void main(final String[] args)
    {
        // Chronicle otherwise tries to send usage analytics and writes files into the home folder.
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(new CommandLine(new BookBenchmarkMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws RunnerException
    {
        for (final Workload workload : workloads)
        {
            // Generated here as well as in the fork, deterministically, for the profile and the command counts.
            final GeneratedWorkload generated = workload.generate(commands, seed);
            System.out.println("# " + generated.profile());

            final BookFigures carbonx = measure(OrderBookBenchmark.class, generated);
            if (withoutPeer)
            {
                printResult("bench=book", workload, carbonx);
                continue;
            }
            final BookFigures peer = measure(ExchangeCoreBookBenchmark.class, generated);
            printResult("bench=book", workload, carbonx);
            printResult("bench=book-peer peer=" + PEER, workload, peer);
            System.out.printf(Locale.ROOT, "RESULT bench=book-vs-peer workload=%s peer=%s ratio=%.2f%n",
                workload, PEER, carbonx.opsPerSecond() / peer.opsPerSecond());
        }
        if (memoryOrders > 0)
        {
            System.out.println(BookMemory.resultLine(memoryOrders));
        }
        return 0;
    }

    private BookFigures measure(final Class<?> benchmark, final GeneratedWorkload generated) throws RunnerException
    {
        final Workload workload = Workload.valueOf(generated.stream().name());
        return BookFigures.of(
            run(benchmark, workload), generated.stream().measuredCount(), generated.stream().size());
    }

    private void printResult(final String bench, final Workload workload, final BookFigures figures)
    {
        System.out.printf("RESULT %s workload=%s commands=%d %s%n", bench, workload, commands,
            figures.toResultFields());
    }

    private RunResult run(final Class<?> benchmark, final Workload workload) throws RunnerException
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
            .param("workload", workload.name())
            .param("commands", Integer.toString(commands))
            .param("seed", Long.toString(seed))
            .forks(forks)
            .warmupIterations(warmupIterations)
            .measurementIterations(iterations)
            .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
        if (!withoutGcProfiler)
        {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(options.build()).runSingle();
    }
}
