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
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserNames;
import io.carbonx.reports.Reports;
import io.carbonx.reports.store.AnalyticsFollower;
import io.carbonx.reports.store.AnalyticsStore;
import io.carbonx.reports.store.StoreSchema;
import io.carbonx.reports.store.StoreReports;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The analytic store's benchmark (issue 15): at a journal of {@code --commands} LIMIT commands with {@code --days}
 * trading-day closes spread evenly through them,
 * <ol>
 *   <li>the store's build rate: the whole journal applied and written on the calling thread;</li>
 *   <li>each daily report for the last closed day and for the open day, from the store and from a journal replay
 *   (the median of {@code --runs}; the two must be equal);</li>
 *   <li>the store's lag behind the engine ({@link StoreLag}): the engine pipeline with the journal on runs LIMIT as
 *   fast as it can while the follower follows the journal live.</li>
 * </ol>
 * Prints BENCHMARK.md's {@code RESULT} lines:
 * <pre>
 * RESULT bench=store-build workload=LIMIT commands=... days=... ms=... commands_per_s=... db_mb=...
 * RESULT bench=report kind=market day=last commands=... rows=... replay_ms=... store_ms=... speedup=...
 * RESULT bench=store-lag workload=LIMIT commands=... engine_ops_per_s=... max_lag_commands=... p99_lag_commands=...
 *     max_lag_ms=... p99_lag_ms=... catch_up_ms=...
 * </pre>
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
    description = "The analytic store: its build rate, report times from the store versus a journal replay, and its "
        + "lag behind the engine under the pipeline workload.")
public final class ReportsBenchmarkMain implements Callable<Integer>
{
    private static final List<String> KINDS = List.of("market", "settlement", "registry-log", "large-holders");

    /**
     * The first trading date closed; the benchmark's calendar has every day a trading day (UTC).
     */
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

    @Option(names = "--commands", description = "LIMIT commands journaled (default ${DEFAULT-VALUE})")
    private int commands = 1_000_000;

    @Option(names = "--days", description = "trading days closed, evenly through the stream (default ${DEFAULT-VALUE})")
    private int days = 10;

    @Option(names = "--runs", description = "runs per report and source (default ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--lag-commands", description = "LIMIT commands of the lag run, 0 to skip it "
        + "(default ${DEFAULT-VALUE})")
    private int lagCommands = 1_000_000;

    @Option(names = "--no-replay", description = "Skip the reports from a journal replay (slow at 10M commands).")
    private boolean withoutReplay;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--folder", description = "work folder (default: a temporary one)")
    private Path folder;

    private long lastSequence = -1;

    @Override
    public Integer call() throws Exception
    {
        final Path work = folder == null ? Files.createTempDirectory("carbonx-reports-bench") :
            Files.createDirectories(folder);
        try
        {
            if (commands > 0)
            {
                run(work.resolve("build"));
            }
            if (lagCommands > 0)
            {
                StoreLag.run(work.resolve("lag"), lagCommands, seed, System.out);
            }
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
        final int lastDay = writeJournal(journal);
        final long journaled = lastSequence + 1;
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
            final long rows = rows(store);
            System.out.printf(Locale.ROOT, "RESULT bench=store-build workload=LIMIT commands=%d days=%d ms=%d " +
                "commands_per_s=%.0f rows=%d rows_per_s=%.0f db_mb=%d%n", journaled, days, buildNs / 1_000_000,
                journaled * 1e9 / buildNs, rows, rows * 1e9 / buildNs, Files.size(store.file()) >> 20);
            final StoreReports fromStore = new StoreReports(store, follower, settings, instruments, Map.of(), 60_000);
            for (final int date : lastDay == 0 ? new int[] {0} : new int[] {lastDay, 0})
            {
                for (final String kind : KINDS)
                {
                    report(replay, fromStore, kind, date, journaled);
                }
            }
        }
    }

    private void report(final Reports replay, final StoreReports fromStore, final String kind, final int date,
        final long journaled)
    {
        final double[] replayMs = new double[runs];
        final double[] storeMs = new double[runs];
        int rows = 0;
        for (int run = 0; run < runs; run++)
        {
            long t0 = System.nanoTime();
            final Reports.Result actual = fromStore.build(kind, date, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD);
            storeMs[run] = (System.nanoTime() - t0) / 1e6;
            rows = actual.table().rows().size();
            if (withoutReplay)
            {
                continue;
            }
            t0 = System.nanoTime();
            final Reports.Result expected = replay.build(kind, date, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD);
            replayMs[run] = (System.nanoTime() - t0) / 1e6;
            if (!expected.table().toCsv().equals(actual.table().toCsv()))
            {
                throw new IllegalStateException("the store's " + kind + " report of " + date +
                    " differs from the replay's");
            }
        }
        final String day = date == 0 ? "open" : "last";
        if (withoutReplay)
        {
            System.out.printf(Locale.ROOT, "RESULT bench=report kind=%s day=%s workload=LIMIT commands=%d " +
                "rows=%d store_ms=%.1f%n", kind, day, journaled, rows, median(storeMs));
            return;
        }
        System.out.printf(Locale.ROOT, "RESULT bench=report kind=%s day=%s workload=LIMIT commands=%d rows=%d " +
            "replay_ms=%.1f store_ms=%.1f speedup=%.1f%n", kind, day, journaled, rows, median(replayMs),
            median(storeMs), median(replayMs) / median(storeMs));
    }

    /**
     * Journal the benchmark set-up, then the LIMIT commands with an {@code EndOfTradingDay} after every
     * {@code commands / days} of them (the last at the stream's end when they divide evenly, so the open day may be
     * empty).
     *
     * @return the last trading date closed, yyyymmdd, or 0 when none.
     */
    private int writeJournal(final Path journalFolder)
    {
        final CommandStream stream = Workload.LIMIT.generate(commands, seed).stream();
        final int count = Math.min(commands, stream.size());
        final int perDay = days <= 0 ? Integer.MAX_VALUE : Math.max(1, count / days);
        // after every order's timestamp (its index) and after each date closed: the engine never closes ahead of time
        final long closeTimestamp =
            TimeUnit.SECONDS.toNanos(FIRST_DAY.plusYears(10).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC));
        int lastDay = 0;
        int closed = 0;
        try (ChronicleJournal journal = new ChronicleJournal(journalFolder, JournalDurability.PAGE_CACHE))
        {
            final ExchangeCommands.Sink append =
                (buffer, offset, length) -> journal.append(++lastSequence, buffer, offset, length);
            ExchangeCommands.setUp(append, ExchangeCommands.maxAccount(stream));
            final CommandWriter writer = new CommandWriter();
            final CommandWriter exchange = new CommandWriter().envelope(closeTimestamp, SourceIds.EXCHANGE, 0);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ExchangeCommands.STRIDE]);
            for (int i = 0; i < count; i++)
            {
                append.accept(buffer, 0, ExchangeCommands.encode(writer, stream, i, buffer, 0));
                if ((i + 1) % perDay == 0 && closed < days)
                {
                    final LocalDate day = FIRST_DAY.plusDays(closed++);
                    lastDay = day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
                    append.accept(buffer, 0, exchange.endOfTradingDay(buffer, 0, lastDay));
                }
            }
            journal.endOfBatch();
        }
        System.out.printf(Locale.ROOT, "# journal of %d commands (set-up, %d LIMIT, %d day closes)%n",
            lastSequence + 1, count, closed);
        return lastDay;
    }

    /**
     * @return the rows of every table of the store.
     */
    private static long rows(final AnalyticsStore store)
    {
        long rows = 0;
        try (Connection connection = store.connect(); Statement statement = connection.createStatement())
        {
            for (final String table : StoreSchema.TABLES.keySet())
            {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table))
                {
                    count.next();
                    rows += count.getLong(1);
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot count the store's rows: " + ex.getMessage(), ex);
        }
        return rows;
    }

    static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static void deleteRecursively(final Path folder) throws IOException
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
