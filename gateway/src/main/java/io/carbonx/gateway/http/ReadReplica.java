package io.carbonx.gateway.http;

import io.carbonx.engine.book.BookView;
import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.ExchangeView;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.journal.JournalTailer;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.JournalReplay;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.CommandEnvelopeDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A second state machine with the engine's settings that follows the command journal on a thread of its own, so that
 * the API reads a consistent state without ever touching the engine's, which only the business-logic thread may.
 * <p>
 * It is recovered by replaying the whole journal, not from the engine's snapshots: its trade log holds the trades of
 * every command it applied, so starting from a snapshot would forget every trade before it. It then tails the journal,
 * sleeping 1 ms when there is nothing new. Readers hold its lock while they read; the tailing thread holds it while it
 * applies a batch. Because the state machine is deterministic, its events are the engine's: the replica reports what
 * each of the API's commands did, and keeps the trade log.
 * <p>
 * Threads: the state machine, trade log, tailer and decoders are written by the thread that calls {@link #recover()}
 * (the one composing the server, before {@link #start()}) and from then on only by the replica's own thread,
 * {@code carbonx-read-replica}, under the lock; request threads only read under the lock, wait on the volatile
 * applied sequence, and add to the waiters' queue, which is guarded by itself.
 */
public final class ReadReplica implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReadReplica.class);
    private static final int BATCH = 256;

    private final ExchangeStateMachine machine;
    private final EngineSettings engineSettings;
    private final PendingCommands pending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object progress = new Object();
    private final CapturingEventSink events = new CapturingEventSink();
    private final EventJson eventJson;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandEnvelopeDecoder commandEnvelope = new CommandEnvelopeDecoder();
    private final Rejection rejection = new Rejection();
    private final EngineEventAdapter adapter = new EngineEventAdapter(rejection);
    private final TradeLog trades = new TradeLog();
    private final List<Runnable> completions = new ArrayList<>();
    private final Thread thread;
    // Requests waiting for a sequence, soonest first; guarded by itself.
    private final PriorityQueue<SequenceWaiter> waiters = new PriorityQueue<>();
    private JournalTailer tailer;
    // Guarded by itself: any request thread may ask where the journal ends.
    private volatile JournalReader journalEnd;
    private volatile long appliedSequence = -1;
    private volatile boolean running;

    ReadReplica(final ExchangeSettings settings, final EngineSettings engineSettings, final PendingCommands pending)
    {
        this.machine = new ExchangeStateMachine(settings);
        // the replica's own listed instruments, read on its thread, where the events are rendered
        this.eventJson = new EventJson(id ->
        {
            final BookView book = machine.orderBook(id);
            return book == null ? null : book.instrument().spec().symbol();
        }, settings.calendar().zone());
        this.engineSettings = engineSettings;
        this.pending = pending;
        this.thread = new Thread(this::run, "carbonx-read-replica");
        this.thread.setDaemon(true);
    }

    /**
     * Recover by replaying the whole journal, collecting the trades of every command; call before the engine starts
     * appending (and after the engine's own recovery has checked the journal).
     */
    void recover()
    {
        try (JournalReader reader = new JournalReader(engineSettings.journalDirectory()))
        {
            JournalReplay.replay(reader, machine, -1, Long.MAX_VALUE,
                (buffer, offset, length, sequence) -> trades.onEvent(buffer, offset));
        }
        appliedSequence = machine.lastAppliedSequence();
    }

    void start()
    {
        journalEnd = new JournalReader(engineSettings.journalDirectory());
        tailer = new JournalTailer(engineSettings.journalDirectory(), machine.lastAppliedSequence());
        running = true;
        thread.start();
    }

    /**
     * @return the sequence of the last command the replica applied.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * Wait until the replica has applied the command with this sequence.
     *
     * @return false when it did not within the timeout.
     */
    public boolean awaitSequence(final long sequence, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (progress)
        {
            while (appliedSequence < sequence)
            {
                final long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0)
                {
                    return false;
                }
                progress.wait(remaining);
            }
        }
        return true;
    }

    /**
     * @return the sequence of the last command in the journal, which the replica will reach.
     */
    public long journalEnd()
    {
        final JournalReader reader = journalEnd;
        if (reader == null)
        {
            return appliedSequence;
        }
        synchronized (reader)
        {
            return Math.max(appliedSequence, reader.lastSequence());
        }
    }

    /**
     * @return completes (on the replica's thread, or at once) when the replica has applied this sequence; never
     * completes if it never does, so callers bound the wait.
     */
    public CompletableFuture<Void> whenApplied(final long sequence)
    {
        if (appliedSequence >= sequence)
        {
            return CompletableFuture.completedFuture(null);
        }
        final SequenceWaiter waiter = new SequenceWaiter(sequence, new CompletableFuture<>());
        synchronized (waiters)
        {
            waiters.add(waiter);
        }
        // The replica may have passed the sequence between the check and the add.
        releaseWaiters();
        return waiter.done();
    }

    private void releaseWaiters()
    {
        final long applied = appliedSequence;
        final List<SequenceWaiter> due = new ArrayList<>();
        synchronized (waiters)
        {
            while (!waiters.isEmpty() && waiters.peek().sequence() <= applied)
            {
                due.add(waiters.poll());
            }
            // Waiters that timed out are dropped when they reach the head, or here when many piled up.
            if (waiters.size() > 1024)
            {
                waiters.removeIf(waiter -> waiter.done().isDone());
            }
        }
        due.forEach(waiter -> waiter.done().complete(null));
    }

    private record SequenceWaiter(long sequence, CompletableFuture<Void> done) implements Comparable<SequenceWaiter>
    {
        @Override
        public int compareTo(final SequenceWaiter other)
        {
            return Long.compare(sequence, other.sequence);
        }
    }

    /**
     * Read the replica's state under its lock; the function must not keep references to what it reads.
     */
    public <T> T read(final Function<ExchangeView, T> reader)
    {
        lock.lock();
        try
        {
            return reader.apply(machine);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @param accountId 0 for every account.
     * @param date      yyyymmdd, or 0 for the open day.
     */
    public List<TradeRecord> trades(final long accountId, final int date)
    {
        lock.lock();
        try
        {
            return trades.select(accountId, date);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return every trade of the instrument the replica has seen, in the order they happened.
     */
    public List<TradeRecord> instrumentTrades(final int instrumentId)
    {
        lock.lock();
        try
        {
            return trades.ofInstrument(instrumentId);
        }
        finally
        {
            lock.unlock();
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
                thread.join(5_000);
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
        if (journalEnd != null)
        {
            synchronized (journalEnd)
            {
                journalEnd.close();
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
                final int applied;
                lock.lock();
                try
                {
                    applied = tailer.poll(this::apply, BATCH);
                }
                finally
                {
                    lock.unlock();
                }
                if (applied > 0)
                {
                    appliedSequence = machine.lastAppliedSequence();
                    synchronized (progress)
                    {
                        progress.notifyAll();
                    }
                    completions.forEach(Runnable::run);
                    completions.clear();
                    releaseWaiters();
                }
                idle.idle(applied);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("read replica stopped at sequence {}", machine.lastAppliedSequence(), ex);
        }
    }

    private void apply(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        events.clear();
        try
        {
            machine.apply(sequence, buffer, offset, length, events);
        }
        catch (final RuntimeException ex)
        {
            // As JournalReplay: the engine met the same exception on the same command and went on from the same state.
            LOG.error("replica state machine threw applying command {}", sequence, ex);
        }
        for (int i = 0; i < events.count(); i++)
        {
            trades.onEvent(events.buffer(), events.offset(i));
        }

        final PendingCommand command =
            fromApi(buffer, offset, length) ? pending.get(commandEnvelope.correlationId()) : null;
        if (command != null)
        {
            final List<Map<String, Object>> json = new ArrayList<>(events.count());
            rejection.reason = null;
            boolean sourced = false;
            for (int i = 0; i < events.count(); i++)
            {
                final int eventOffset = events.offset(i);
                json.add(eventJson.toMap(events.buffer(), eventOffset));
                adapter.onEvent(events.buffer(), eventOffset);
                sourced |= adapter.envelope(events.buffer(), eventOffset).sourceId() == SourceIds.HTTP;
            }
            final AppliedCommand applied = new AppliedCommand(sequence, json, rejection.reason);
            final boolean expectEngine = sourced;
            completions.add(() -> command.replicaApplied(applied, expectEngine));
        }
    }

    /**
     * @return whether the command came from the API; its envelope is then wrapped in {@link #commandEnvelope}.
     */
    private boolean fromApi(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + CommandEnvelopeDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID &&
            commandEnvelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH).sourceId() == SourceIds.HTTP;
    }

    /**
     * The reason of the first rejection among a command's events.
     */
    private static final class Rejection implements EngineEventHandler
    {
        private String reason;

        @Override
        public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder rejected)
        {
            if (reason == null)
            {
                reason = rejected.reason().name();
            }
        }
    }
}
