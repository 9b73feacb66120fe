package io.carbonx.reports.store;

import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.journal.JournalTailer;
import io.carbonx.engine.pipeline.JournalReplay;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.UserNames;
import io.carbonx.reports.Balances;
import io.carbonx.reports.JournalReports;
import io.carbonx.reports.surveillance.AlertListener;
import io.carbonx.reports.surveillance.SurveillanceMonitor;
import io.carbonx.reports.surveillance.SurveillanceSettings;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the analytic store up to date by following the command journal, like the HTTP API's read replica: a state
 * machine of its own with the exchange's settings applies every journaled command (deterministic, so it emits exactly
 * the engine's events) and a {@link StoreWriter} turns the events into rows, handed to the store's Appenders every
 * poll of up to 4096 commands and committed together with a progress row once the journal is drained, or every
 * 5 seconds or 2^20 commands while it is not (a DuckDB commit is costly: committing every poll capped ingestion at ~20k
 * commands/s). One code path serves catching up at start and following live.
 * <p>
 * <b>Resuming.</b> The store knows the last sequence it holds. {@link #recover()} restores the machine from the newest
 * engine snapshot at or before it and replays the journal up to it without writing, so the rows that follow are
 * written exactly once whether the store stopped cleanly or crashed mid-way (a batch is all or nothing). A deleted
 * store holds nothing and is rebuilt from the whole journal.
 * <p>
 * <b>Provenance.</b> At every day close the writer records the state hash after the close; for the open day
 * {@link #point} asks the follower's thread for its sequence, state hash and balances right after a commit.
 * <p>
 * <b>Surveillance.</b> Given {@link #surveil}, the follower also runs the surveillance monitor over the same events:
 * its alerts are {@code alerts} rows of the command's batch, handed on once committed ({@link AlertRows}). The
 * monitor's windows and holdings are not in the engine's snapshot, so {@link #recover()} then replays the journal from
 * its start (not from a snapshot) to rebuild them, handing on the alerts the store already holds without writing them.
 * <p>
 * Threads: the machine, writer, tailer and batch are written by the thread that calls {@link #recover()} (composing
 * the server, before the engine appends) and from {@link #start()} on only by {@code carbonx-analytics}; request
 * threads read the volatile committed sequence, wait on {@code progress}, and queue point requests in
 * {@code requests}, guarded by itself.
 */
public final class AnalyticsFollower implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsFollower.class);
    private static final int BATCH = 4096;
    private static final int COMMIT_COMMANDS = 1 << 20;
    private static final long COMMIT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Where the follower stood at one moment: its last committed command, the state hash after it and, when asked
     * for, every account's balances then.
     */
    public record Point(long sequence, long stateHash, Balances balances)
    {
    }

    private record PointRequest(long atLeast, boolean balances, CompletableFuture<Point> done)
    {
    }

    private final AnalyticsStore store;
    private final Path journalDirectory;
    private final Path snapshotDirectory;
    private final ExchangeStateMachine machine;
    private final StoreWriter writer;
    private final EngineEventAdapter adapter;
    private final CapturingEventSink events = new CapturingEventSink();
    private final Object progress = new Object();
    private final List<PointRequest> requests = new ArrayList<>();
    private final Thread thread;
    private JournalTailer tailer;
    private long appliedSinceCommit;
    private long lastCommitNs = System.nanoTime();
    private volatile JournalReader journalEnd;
    private volatile long committedSequence = -1;
    private volatile boolean running;
    private volatile Throwable failure;
    private EngineEventAdapter surveillance;
    private AlertRows alertRows;

    /**
     * @param snapshotDirectory the engine's snapshots, or null to replay from the start of the journal.
     * @param users             names the users in the rows.
     */
    public AnalyticsFollower(final AnalyticsStore store, final ExchangeSettings settings, final Path journalDirectory,
        final Path snapshotDirectory, final UserNames users)
    {
        this.store = store;
        this.journalDirectory = journalDirectory;
        this.snapshotDirectory = snapshotDirectory;
        this.machine = new ExchangeStateMachine(settings);
        this.writer = new StoreWriter(users, settings.feeAccountId());
        this.adapter = new EngineEventAdapter(writer);
        this.thread = new Thread(this::run, "carbonx-analytics");
        this.thread.setDaemon(true);
    }

    /**
     * Run the surveillance monitor over the events too, its alerts stored and then handed to {@code published}; call
     * before {@link #recover()}.
     */
    public void surveil(final SurveillanceSettings settings, final AlertListener published)
    {
        alertRows = new AlertRows(writer.batch(), published);
        // the follower's machine has applied the command whose events the monitor reads: its registry knows the limits
        surveillance = new EngineEventAdapter(new SurveillanceMonitor(settings, alertRows,
            (accountId, instrumentId) -> machine.registry().holdingLimit(accountId, instrumentId)));
    }

    /**
     * Bring the machine to the last sequence the store holds, without writing: from the newest snapshot at or before
     * it, then the journal. Call before the engine starts appending (snapshots are not being written then).
     *
     * @return the sequence the store holds, from which it goes on.
     * @throws StoreException when the store holds more than the journal (another journal's store).
     */
    public long recover()
    {
        final long stored = store.lastSequence();
        long from = SnapshotStore.NO_SNAPSHOT;
        if (stored >= 0 && snapshotDirectory != null && Files.isDirectory(snapshotDirectory) && surveillance == null)
        {
            try
            {
                from = new SnapshotStore(snapshotDirectory, 1).loadNewest(machine, stored);
            }
            catch (final IOException ex)
            {
                LOG.warn("analytic store: cannot read the snapshots in {}, replaying the journal from its start: {}",
                    snapshotDirectory, ex.getMessage());
            }
        }
        if (stored >= 0)
        {
            try (JournalReader reader = new JournalReader(journalDirectory))
            {
                if (surveillance == null)
                {
                    JournalReplay.replay(reader, machine, from, stored, null);
                }
                else
                {
                    alertRows.recovering(true);
                    JournalReplay.replay(reader, machine, from, stored,
                        (buffer, offset, length, sequence) -> surveillance.onEvent(buffer, offset));
                    alertRows.recovering(false);
                }
            }
        }
        if (machine.lastAppliedSequence() != stored)
        {
            throw new StoreException("the analytic store " + store.file() + " holds commands up to sequence " +
                stored + " but the journal " + journalDirectory + " ends at " + machine.lastAppliedSequence() +
                ": it is another journal's store; delete it to rebuild it from this journal");
        }
        committedSequence = stored;
        LOG.info("analytic store {} holds commands up to sequence {} (resumed from snapshot {})", store.file(),
            stored, from);
        return stored;
    }

    /**
     * Follow the journal on {@code carbonx-analytics}.
     */
    public void start()
    {
        openJournal();
        running = true;
        thread.start();
    }

    /**
     * Apply and write everything the journal holds now, on the calling thread (for tools and tests; never while
     * started).
     *
     * @return the last sequence committed.
     */
    public long catchUp()
    {
        if (tailer == null)
        {
            openJournal();
        }
        while (pollOnce() > 0)
        {
            // until the journal has nothing more
        }
        return committedSequence;
    }

    private void openJournal()
    {
        journalEnd = new JournalReader(journalDirectory);
        tailer = new JournalTailer(journalDirectory, machine.lastAppliedSequence());
    }

    /**
     * @return the last command whose rows are committed.
     */
    public long committedSequence()
    {
        return committedSequence;
    }

    /**
     * @return the sequence of the last command in the journal, which the follower will reach.
     */
    public long journalEnd()
    {
        final JournalReader reader = journalEnd;
        if (reader == null)
        {
            return committedSequence;
        }
        synchronized (reader)
        {
            return Math.max(committedSequence, reader.lastSequence());
        }
    }

    /**
     * Wait until the rows of this command are committed.
     *
     * @throws StoreException when they are not within the timeout, or the follower stopped.
     */
    public void awaitCommitted(final long sequence, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (progress)
        {
            while (committedSequence < sequence)
            {
                requireRunning();
                final long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0)
                {
                    throw new StoreException("the analytic store did not reach sequence " + sequence + " within " +
                        timeoutMs + " ms (it is at " + committedSequence + ")");
                }
                try
                {
                    progress.wait(remaining);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted waiting for the analytic store", ex);
                }
            }
        }
    }

    /**
     * Where the follower stands once it has committed at least {@code atLeast}, read on its thread after a commit.
     *
     * @param balances whether to capture every account's balances too.
     * @throws StoreException when it does not within the timeout.
     */
    public Point point(final long atLeast, final boolean balances, final long timeoutMs)
    {
        if (!running)
        {
            // not started (a tool or a test): the caller's thread is the only one, so read here
            return new Point(machine.lastAppliedSequence(), machine.stateHash(),
                balances ? JournalReports.capture(machine.registry()) : null);
        }
        requireRunning();
        final PointRequest request = new PointRequest(atLeast, balances, new CompletableFuture<>());
        synchronized (requests)
        {
            requests.add(request);
        }
        try
        {
            return request.done().get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new StoreException("the analytic store did not reach sequence " + atLeast + " within " +
                timeoutMs + " ms (it is at " + committedSequence + ")", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new StoreException("the analytic store failed: " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for the analytic store", ex);
        }
        finally
        {
            synchronized (requests)
            {
                requests.remove(request);
            }
        }
    }

    private void requireRunning()
    {
        final Throwable failed = failure;
        if (failed != null)
        {
            throw new StoreException("the analytic store stopped: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void close()
    {
        running = false;
        if (thread.isAlive())
        {
            try
            {
                thread.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (tailer != null)
        {
            tailer.close();
        }
        final JournalReader reader = journalEnd;
        if (reader != null)
        {
            synchronized (reader)
            {
                reader.close();
            }
        }
    }

    private void run()
    {
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        try
        {
            while (running)
            {
                final int applied = pollOnce();
                answerPoints();
                idle.idle(applied);
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            LOG.error("analytic store stopped at sequence {}", committedSequence, ex);
            synchronized (progress)
            {
                progress.notifyAll();
            }
            failPoints(ex);
        }
    }

    private int pollOnce()
    {
        final int applied = tailer.poll(this::apply, BATCH);
        if (applied > 0)
        {
            appliedSinceCommit += applied;
            store.append(writer.batch());
        }
        // Commit when the journal is drained (what is journaled becomes visible at once) or, while catching up or
        // behind a loaded engine, every COMMIT_COMMANDS or COMMIT_INTERVAL_NS: a commit costs DuckDB a WAL write and
        // sync, so one per poll capped ingestion at ~20k commands/s.
        if (appliedSinceCommit > 0 && (applied < BATCH || appliedSinceCommit >= COMMIT_COMMANDS ||
            System.nanoTime() - lastCommitNs >= COMMIT_INTERVAL_NS))
        {
            store.commit(writer.batch(), machine.lastAppliedSequence());
            lastCommitNs = System.nanoTime();
            appliedSinceCommit = 0;
            committedSequence = machine.lastAppliedSequence();
            synchronized (progress)
            {
                progress.notifyAll();
            }
            if (alertRows != null)
            {
                alertRows.published();
            }
        }
        return applied;
    }

    private void answerPoints()
    {
        if (machine.lastAppliedSequence() != committedSequence)
        {
            // the machine is ahead of what is committed (a poll appended without committing): its hash and balances
            // are not those of the committed sequence, so answer after the next commit
            return;
        }
        final List<PointRequest> due = new ArrayList<>();
        synchronized (requests)
        {
            for (final PointRequest request : requests)
            {
                if (request.atLeast() <= committedSequence && !request.done().isDone())
                {
                    due.add(request);
                }
            }
        }
        if (due.isEmpty())
        {
            return;
        }
        final long hash = machine.stateHash();
        Balances balances = null;
        for (final PointRequest request : due)
        {
            if (request.balances() && balances == null)
            {
                balances = JournalReports.capture(machine.registry());
            }
            request.done().complete(new Point(committedSequence, hash, request.balances() ? balances : null));
        }
    }

    private void failPoints(final Throwable ex)
    {
        synchronized (requests)
        {
            requests.forEach(request -> request.done().completeExceptionally(ex));
        }
    }

    private void apply(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        events.clear();
        writer.beginCommand(sequence);
        try
        {
            machine.apply(sequence, buffer, offset, length, events);
        }
        catch (final RuntimeException ex)
        {
            // As JournalReplay: the engine met the same exception on the same command and went on from the same state.
            LOG.error("analytic store's state machine threw applying command {}", sequence, ex);
        }
        for (int i = 0; i < events.count(); i++)
        {
            adapter.onEvent(events.buffer(), events.offset(i));
        }
        for (int i = 0; surveillance != null && i < events.count(); i++)
        {
            surveillance.onEvent(events.buffer(), events.offset(i));
        }
        writer.endCommand(machine);
    }
}
