package io.carbonx.bench.reports;

import io.carbonx.bench.workload.BenchmarkInstrument;
import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.protocol.UserNames;
import io.carbonx.reports.Reports;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.store.StoreReports;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Reports from the analytic store against reports from a journal replay, at a journal of {@code --commands} LIMIT
 * commands (the open day): the time to build the store from the journal (its catch-up rate), then each daily report's
 * median time both ways. Prints BENCHMARK.md's {@code RESULT} lines:
 * <pre>
 * RESULT bench=report-store-build workload=LIMIT commands=... ms=... commands_per_s=...
 * RESULT bench=report-store kind=market workload=LIMIT commands=... replay_ms=... store_ms=... speedup=...
 * </pre>
 * Single-threaded (the store is caught up on the calling thread); the store's lag behind a running engine is not
 * measured here.
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
    description = "Report times from the analytic store versus a journal replay, and the store's catch-up rate.")
public final class ReportsBenchmarkMain implements Callable<Integer>
{
    private static final List<String> KINDS = List.of("market", "settlement", "registry-log", "large-holders");

    @Option(names = "--commands", description = "LIMIT commands journaled (default ${DEFAULT-VALUE})")
    private int commands = 100_000;

    @Option(names = "--runs", description = "runs per report and source (default ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--folder", description = "work folder (default: a temporary one)")
    private Path folder;

    @Override
    public Integer call() throws Exception
    {
        final Path work = folder == null ? Files.createTempDirectory("carbonx-reports-bench") :
            Files.createDirectories(folder);
        try
        {
            run(work);
        }
        finally
        {
            deleteRecursively(work);
        }
        return 0;
    }

    private void run(final Path work) throws IOException
    {
        final Path journal = work.resolve("journal");
        final long journaled = writeJournal(journal) + 1;
        final ExchangeSettings settings = ExchangeCommands.settings(commands);
        final Instruments instruments = new Instruments(List.of(BenchmarkInstrument.spec()));
        final Reports replay = new Reports(journal, settings, instruments, UserNames.NONE, Map.of());
        try (AnalyticsStore store = AnalyticsStore.open(work.resolve("analytics").resolve("carbonx.duckdb"));
            AnalyticsFollower follower = new AnalyticsFollower(store, settings, journal, null, UserNames.NONE))
        {
            final long startNs = System.nanoTime();
            follower.recover();
            follower.catchUp();
            final long buildNs = System.nanoTime() - startNs;
            System.out.printf(Locale.ROOT, "RESULT bench=report-store-build workload=LIMIT commands=%d ms=%d " +
                "commands_per_s=%.0f db_mb=%d%n", journaled, buildNs / 1_000_000, journaled * 1e9 / buildNs,
                Files.size(store.file()) >> 20);
            final StoreReports fromStore = new StoreReports(store, follower, settings, instruments, Map.of(), 60_000);
            for (final String kind : KINDS)
            {
                final double[] replayMs = new double[runs];
                final double[] storeMs = new double[runs];
                int rows = 0;
                for (int run = 0; run < runs; run++)
                {
                    long t0 = System.nanoTime();
                    final Reports.Result expected = replay.build(kind, 0, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD);
                    replayMs[run] = (System.nanoTime() - t0) / 1e6;
                    t0 = System.nanoTime();
                    final Reports.Result actual = fromStore.build(kind, 0, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD);
                    storeMs[run] = (System.nanoTime() - t0) / 1e6;
                    if (!expected.table().toCsv().equals(actual.table().toCsv()))
                    {
                        throw new IllegalStateException("the store's " + kind + " report differs from the replay's");
                    }
                    rows = actual.table().rows().size();
                }
                System.out.printf(Locale.ROOT, "RESULT bench=report-store kind=%s workload=LIMIT commands=%d " +
                    "rows=%d replay_ms=%.1f store_ms=%.1f speedup=%.1f%n", kind, journaled, rows, median(replayMs),
                    median(storeMs), median(replayMs) / median(storeMs));
            }
        }
    }

    /**
     * @return the journal's last sequence: the benchmark set-up, then the LIMIT commands.
     */
    private long writeJournal(final Path journalFolder)
    {
        final CommandStream stream = Workload.LIMIT.generate(commands, seed).stream();
        final long[] sequence = {-1};
        try (ChronicleJournal journal = new ChronicleJournal(journalFolder, JournalDurability.PAGE_CACHE))
        {
            final ExchangeCommands.Sink append =
                (buffer, offset, length) -> journal.append(++sequence[0], buffer, offset, length);
            ExchangeCommands.setUp(append, ExchangeCommands.maxAccount(stream));
            final CommandWriter writer = new CommandWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ExchangeCommands.STRIDE]);
            for (int i = 0; i < Math.min(commands, stream.size()); i++)
            {
                append.accept(buffer, 0, ExchangeCommands.encode(writer, stream, i, buffer, 0));
            }
            journal.endOfBatch();
        }
        System.out.printf(Locale.ROOT, "# journal of %d commands (set-up and %d LIMIT)%n", sequence[0] + 1,
            commands);
        return sequence[0];
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteRecursively(final Path folder) throws IOException
    {
        if (!Files.exists(folder))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
