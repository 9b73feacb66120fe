package io.carbonx.bench.recovery;

import io.carbonx.bench.workload.CommandStream;
import io.carbonx.bench.workload.ExchangeCommands;
import io.carbonx.bench.workload.Workload;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.pipeline.EngineRecovery;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.JournalReplay;
import io.carbonx.engine.pipeline.RecoveryResult;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Recovery figures of issue 13: how fast the journal replays, how long recovery takes at a long journal with and
 * without a recent snapshot, and how long taking a snapshot stops the business logic with a large book.
 * <ol>
 *     <li>A journal of the benchmark set-up and the first {@code --commands} commands of the {@code LIMIT} workload,
 *     encoded as the pipeline benchmark encodes them, is written once (straight to the journal, no engine).</li>
 *     <li><b>replay</b>: {@link JournalReplay} applies the whole journal to a fresh exchange state machine, events
 *     dropped; commands per second. On the way it takes the snapshot the recovery runs load.</li>
 *     <li><b>recovery</b>: {@link EngineRecovery} into a fresh state machine, from that snapshot
 *     {@code --snapshot-before} commands before the journal's end, and from no snapshot (the whole journal).</li>
 *     <li><b>snapshot-pause</b>: a book of {@code --resting} bids that never trade, then a snapshot taken as the
 *     engine takes it (captured on the calling thread, written by the snapshot writer's thread): the pause is how
 *     long the caller, the business logic, is held; {@code write_ms} how long the file took after it, and
 *     {@code blocking_ms} what a snapshot written entirely on the caller's thread costs, as the engine did before.</li>
 * </ol>
 * Prints BENCHMARK.md's {@code RESULT} lines. The journal goes to a temporary folder (or {@code --folder}) that is
 * deleted at the end; at 10M commands it takes about 1 GB.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
    description = "Measures journal replay, recovery with and without a snapshot, and the snapshot pause.")
public final class RecoveryBenchmarkMain implements Callable<Integer>
{
    /** Commands per journal batch: the engine's default batch, what it writes when commands queue up. */
    private static final int JOURNAL_BATCH = EngineSettings.DEFAULT_BATCH_COMMANDS;

    @Option(names = "--commands", description = "LIMIT commands journaled (default ${DEFAULT-VALUE})")
    private int commands = 10_000_000;

    @Option(names = "--snapshot-before", description = "the snapshot is this many commands before the journal's end " +
        "(default ${DEFAULT-VALUE})")
    private int snapshotBefore = 10_000;

    @Option(names = "--resting", description = "resting orders for the snapshot pause (default ${DEFAULT-VALUE})")
    private int resting = 1_000_000;

    @Option(names = "--runs", description = "runs of recovery from the snapshot and of the snapshot pause; the " +
        "figure is the median (default ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--full-runs", description = "runs of the whole-journal replay and recovery, which take long " +
        "(default ${DEFAULT-VALUE})")
    private int fullRuns = 1;

    @Option(names = "--bench", split = ",", description = "which of replay (with recovery), snapshot-pause " +
        "(default ${DEFAULT-VALUE})")
    private String[] benches = {"replay", "snapshot-pause"};

    @Option(names = "--folder", description = "work folder for the journal and snapshots (default: a temporary one)")
    private Path folder;

    @Option(names = "--seed", description = "workload seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Override
    public Integer call() throws Exception
    {
        final Path work = folder == null ? Files.createTempDirectory("carbonx-recovery-bench") :
            Files.createDirectories(folder);
        try
        {
            for (final String bench : benches)
            {
                switch (bench)
                {
                    case "replay" -> replayAndRecovery(work);
                    case "snapshot-pause" -> snapshotPause(work.resolve("pause"));
                    default -> throw new IllegalArgumentException("unknown bench " + bench);
                }
            }
        }
        finally
        {
            deleteRecursively(work);
        }
        return 0;
    }

    private void replayAndRecovery(final Path work) throws IOException
    {
        final Path journalFolder = work.resolve("journal");
        final Path snapshotFolder = work.resolve("snapshots");
        final Path noSnapshots = work.resolve("no-snapshots");
        final long lastSequence = writeJournal(journalFolder);
        final long journaled = lastSequence + 1;
        final long snapshotAt = lastSequence - snapshotBefore;
        final int orderCapacity = commands;

        // replay: the whole journal, in two parts around the snapshot the recovery runs load
        final double[] rates = new double[fullRuns];
        for (int run = 0; run < fullRuns; run++)
        {
            final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(orderCapacity);
            try (JournalReader reader = new JournalReader(journalFolder))
            {
                final long startNs = System.nanoTime();
                long replayed = JournalReplay.replay(reader, machine, -1, snapshotAt, null);
                final long firstPartNs = System.nanoTime() - startNs;
                if (run == 0)
                {
                    final long snapshotStartNs = System.nanoTime();
                    final Path file = new SnapshotStore(snapshotFolder, 1).write(machine);
                    System.out.printf(Locale.ROOT, "# snapshot at sequence %d: %d bytes written in %d ms%n",
                        snapshotAt, Files.size(file), (System.nanoTime() - snapshotStartNs) / 1_000_000);
                }
                final long secondStartNs = System.nanoTime();
                replayed += JournalReplay.replay(reader, machine, snapshotAt, Long.MAX_VALUE, null);
                final long elapsedNs = firstPartNs + System.nanoTime() - secondStartNs;
                rates[run] = replayed * 1e9 / elapsedNs;
                System.out.printf(Locale.ROOT, "# replay run=%d commands=%d ms=%d commands_per_s=%.0f hash=%016x%n",
                    run, replayed, elapsedNs / 1_000_000, rates[run], machine.stateHash());
            }
        }
        System.out.printf(Locale.ROOT, "RESULT bench=replay workload=LIMIT commands=%d runs=%d commands_per_s=%.0f%n",
            journaled, fullRuns, median(rates));

        recover("at-" + snapshotAt, journalFolder, snapshotFolder, journaled, orderCapacity, runs);
        Files.createDirectories(noSnapshots);
        recover("none", journalFolder, noSnapshots, journaled, orderCapacity, fullRuns);
    }

    private void recover(
        final String snapshot, final Path journalFolder, final Path snapshotFolder, final long journaled,
        final int orderCapacity, final int times)
    {
        final EngineSettings settings = EngineSettings.builder()
            .journalDirectory(journalFolder)
            .snapshotDirectory(snapshotFolder)
            .build();
        final double[] millis = new double[times];
        long recordsRead = 0;
        for (int run = 0; run < times; run++)
        {
            final ExchangeStateMachine machine = ExchangeCommands.newStateMachine(orderCapacity);
            final long startNs = System.nanoTime();
            final RecoveryResult result = EngineRecovery.recover(settings, machine);
            millis[run] = (System.nanoTime() - startNs) / 1e6;
            recordsRead = result.journalRecordsRead();
            System.out.printf(Locale.ROOT, "# recovery snapshot=%s run=%d ms=%.1f %s%n", snapshot, run, millis[run],
                result);
        }
        System.out.printf(Locale.ROOT,
            "RESULT bench=recovery workload=LIMIT commands=%d snapshot=%s runs=%d records_read=%d ms=%.1f%n",
            journaled, snapshot, times, recordsRead, median(millis));
    }

    /**
     * @return the journal's last sequence.
     */
    private long writeJournal(final Path journalFolder)
    {
        final long startNs = System.nanoTime();
        final CommandStream stream = Workload.LIMIT.generate(commands, seed).stream();
        if (stream.size() < commands)
        {
            throw new IllegalStateException(
                "the workload holds " + stream.size() + " commands, fewer than " + commands);
        }
        final long generatedNs = System.nanoTime();
        final long[] sequence = {-1};
        try (ChronicleJournal journal = new ChronicleJournal(journalFolder, JournalDurability.PAGE_CACHE))
        {
            final ExchangeCommands.Sink append =
                (buffer, offset, length) -> journal.append(++sequence[0], buffer, offset, length);
            ExchangeCommands.setUp(append, ExchangeCommands.maxAccount(stream));
            final CommandWriter writer = new CommandWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ExchangeCommands.STRIDE]);
            for (int i = 0; i < commands; i++)
            {
                append.accept(buffer, 0, ExchangeCommands.encode(writer, stream, i, buffer, 0));
                if ((i + 1) % JOURNAL_BATCH == 0)
                {
                    journal.endOfBatch(); // batches as the engine writes them under load
                }
            }
            journal.endOfBatch();
        }
        System.out.printf(Locale.ROOT, "# journal of %d commands (set-up and %d LIMIT): generated in %d ms, " +
            "written in %d ms, %d MB%n", sequence[0] + 1, commands, (generatedNs - startNs) / 1_000_000,
            (System.nanoTime() - generatedNs) / 1_000_000, sizeOf(journalFolder) >> 20);
        return sequence[0];
    }

    private void snapshotPause(final Path work) throws IOException
    {
        final RestingBook book = RestingBook.build(resting);
        System.out.printf(Locale.ROOT, "# book of %d resting bids built in %d ms%n", resting, book.buildMillis());

        final double[] pause = new double[runs];
        final double[] write = new double[runs];
        final double[] blocking = new double[runs];
        final double[] serialise = new double[runs];
        final double[] hash = new double[runs];
        long bytes = 0;
        try (SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(work.resolve("engine"), 1)))
        {
            // The engine reuses one image: a first snapshot grows it to the state's size, later ones do not.
            final SnapshotPause.Figures first = SnapshotPause.measure(book.machine(), writer, work.resolve("blocking"));
            System.out.printf(Locale.ROOT, "# snapshot-pause first (image grows) pause_ms=%.1f write_ms=%.1f " +
                "blocking_ms=%.1f%n", first.pauseMs(), first.writeMs(), first.blockingMs());
            for (int run = 0; run < runs; run++)
            {
                final SnapshotPause.Figures figures =
                    SnapshotPause.measure(book.machine(), writer, work.resolve("blocking"));
                pause[run] = figures.pauseMs();
                write[run] = figures.writeMs();
                blocking[run] = figures.blockingMs();
                serialise[run] = figures.serialiseMs();
                hash[run] = figures.hashMs();
                bytes = figures.bytes();
                System.out.printf(Locale.ROOT, "# snapshot-pause run=%d pause_ms=%.1f (serialise_ms=%.1f " +
                    "hash_ms=%.1f) write_ms=%.1f blocking_ms=%.1f%n",
                    run, pause[run], serialise[run], hash[run], write[run], blocking[run]);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT bench=snapshot-pause resting=%d runs=%d bytes=%d pause_ms=%.1f " +
            "serialise_ms=%.1f hash_ms=%.1f write_ms=%.1f blocking_ms=%.1f%n", resting, runs, bytes, median(pause),
            median(serialise), median(hash), median(write), median(blocking));
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long sizeOf(final Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder))
        {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        catch (final IOException ex)
        {
            return -1;
        }
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
