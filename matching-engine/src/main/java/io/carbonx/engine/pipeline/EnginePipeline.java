package io.carbonx.engine.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.sequencer.CommandLog;
import io.carbonx.engine.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single-node engine: sequences commands from any number of producers, journals them, applies them one at a time
 * to the {@link StateMachine}, and delivers the resulting events to listeners.
 * <pre>
 *  producers --publish / claim--> command ring (multi-producer, one preallocated slot per command)
 *                                   |
 *                                   v
 *                                 carbonx-business-logic, per batch of commands: give each the next sequence and
 *                                   | append it to the journal, make the batch durable, then StateMachine.apply each,
 *                                   | the events encoded in place into claimed slots, published once per batch;
 *                                   | a due snapshot is captured into memory --> carbonx-snapshot-writer writes it
 *                                   v
 *                                 event ring (single producer) --> carbonx-ROLE-i: one thread per listener
 * </pre>
 * No event leaves for a command that is not in the journal: a batch is applied only once the journal holds it as
 * durably as the settings ask. The business-logic thread, not the producer, gives a command its sequence, so sequences
 * in the journal are dense whatever producers abort. Journaling and applying share one thread (see
 * {@link CommandProcessor} for why): besides the producers and one thread per listener, the engine runs that one
 * busy thread, whether the journal is on or off, and a snapshot writer that only works while a snapshot is written.
 * <p>
 * Lifecycle: the constructor allocates the rings and opens the journal, {@link #start()} starts the threads, producers
 * then call {@link #publish} or {@link #claim} from any thread, and {@link #close()} refuses further commands, drains
 * what was published through to the listeners, stops the threads and closes the journal. A state machine that holds
 * state must first be brought level with the journal by {@link EngineRecovery}; the constructor refuses one that is
 * not.
 * <p>
 * If the journal fails, or the state machine throws, the engine goes {@link EngineState#FAILED}: an alert is logged
 * and producers get {@link EngineUnavailableException}. After a journal fault no command that the journal did not
 * hold durably is applied or answered; after a state machine fault, commands already journaled are still applied, as
 * a replay would. A command accepted by {@code publish} is not acknowledged until its events arrive; one published as
 * the engine fails may be neither journaled nor answered.
 * <p>
 * Log mode (a cluster's gateway, built with a {@link CommandLog}): the engine does not sequence commands itself. The
 * business-logic thread offers what producers publish to the log and journals and applies what the log reports
 * committed, from every gateway, under the log's sequences (see {@link LogCommandProcessor}); producers, listeners,
 * the journal, snapshots and the lifecycle are the same, and a command is answered only once the log has committed
 * it. The engine owns the log and closes it. After {@link #start()}, {@link #awaitLogCaughtUp(Duration)} tells when
 * the state is level with the log's start.
 */
public final class EnginePipeline implements AutoCloseable
{
    /**
     * The longest command a producer can publish, header included.
     */
    public static final int MAX_COMMAND_LENGTH = CommandSlot.MAX_COMMAND_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(EnginePipeline.class);

    private final EngineSettings settings;
    private final EngineStatus status = new EngineStatus();
    private final Journal journal;
    private final RingBuffer<CommandSlot> commandRing;
    private final RingBuffer<EventSlot> eventRing;
    private final BusinessLogicLoop businessLogic;
    private final CommandLog log; // null in local mode
    private final LogCommandProcessor logProcessor; // null in local mode
    private final List<BatchEventProcessor<EventSlot>> listenerProcessors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean started; // touched only by the owner: the thread that starts and closes the engine

    /**
     * An engine journaling to a Chronicle Queue in {@link EngineSettings#journalDirectory()}.
     *
     * @param settings     of the engine.
     * @param stateMachine level with the journal: fresh for an empty journal, otherwise recovered.
     * @param listeners    of the events, each run on a thread of its own, in this order of names.
     */
    public EnginePipeline(
        final EngineSettings settings,
        final StateMachine stateMachine,
        final List<? extends EngineEventListener> listeners)
    {
        this(settings, stateMachine, new ChronicleJournal(settings.journalDirectory(), settings.journalDurability()),
            listeners);
    }

    /**
     * An engine journaling to a given journal, which it then owns and closes.
     */
    public EnginePipeline(
        final EngineSettings settings,
        final StateMachine stateMachine,
        final Journal journal,
        final List<? extends EngineEventListener> listeners)
    {
        this(settings, stateMachine, journal, null, listeners);
    }

    /**
     * An engine in log mode journaling to a Chronicle Queue in {@link EngineSettings#journalDirectory()}.
     *
     * @param log opened after the journal's last sequence: the first command it delivers must be the journal's next.
     */
    public EnginePipeline(
        final EngineSettings settings,
        final StateMachine stateMachine,
        final CommandLog log,
        final List<? extends EngineEventListener> listeners)
    {
        this(settings, stateMachine, new ChronicleJournal(settings.journalDirectory(), settings.journalDurability()),
            log, listeners);
    }

    /**
     * An engine in log mode, or in local mode when {@code log} is null, journaling to a given journal; it owns and
     * closes both.
     *
     * @param log opened after the journal's last sequence: the first command it delivers must be the journal's next.
     */
    public EnginePipeline(
        final EngineSettings settings,
        final StateMachine stateMachine,
        final Journal journal,
        final CommandLog log,
        final List<? extends EngineEventListener> listeners)
    {
        this.settings = settings;
        this.journal = journal;
        this.log = log;
        try
        {
            if (stateMachine.lastAppliedSequence() != journal.lastSequence())
            {
                throw new IllegalStateException("state machine has applied up to sequence " +
                    stateMachine.lastAppliedSequence() + " but the journal ends at " + journal.lastSequence() +
                    ": recover it from the journal first (EngineRecovery.recover)");
            }

            commandRing = RingBuffer.createMultiProducer(
                CommandSlot::new, settings.commandRingSize(), settings.commandWaitStrategy().newInstance());
            eventRing = RingBuffer.createSingleProducer(
                EventSlot::new, settings.eventRingSize(), settings.eventWaitStrategy().newInstance());

            final RingEventSink events = new RingEventSink(eventRing);
            final BusinessLogicHandler businessLogicHandler = new BusinessLogicHandler(
                stateMachine,
                events,
                new SnapshotTrigger(settings.snapshotIntervalCommands()),
                new SnapshotStore(settings.snapshotDirectory(), settings.snapshotsToKeep()),
                status);
            if (log == null)
            {
                logProcessor = null;
                businessLogic = new CommandProcessor(
                    commandRing,
                    new JournalHandler(journal, commandRing, status),
                    businessLogicHandler,
                    events,
                    status,
                    settings.batchCommands());
            }
            else
            {
                logProcessor = new LogCommandProcessor(
                    commandRing,
                    log,
                    new CommittedBatch(journal, status, settings.batchCommands()),
                    businessLogicHandler,
                    events,
                    status,
                    settings.commandWaitStrategy().newIdleStrategy());
                businessLogic = logProcessor;
            }
            commandRing.addGatingSequences(businessLogic.sequence());
            threads.add(new Thread(businessLogic, "carbonx-business-logic"));

            final BatchEventProcessorBuilder processors = new BatchEventProcessorBuilder();
            for (int i = 0; i < listeners.size(); i++)
            {
                final EngineEventListener listener = listeners.get(i);
                final BatchEventProcessor<EventSlot> processor =
                    processors.build(eventRing, eventRing.newBarrier(), new ListenerHandler(listener));
                eventRing.addGatingSequences(processor.getSequence());
                listenerProcessors.add(processor);
                threads.add(new Thread(processor, "carbonx-" + listener.roleName() + "-" + i));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            journal.close();
            if (log != null)
            {
                log.close();
            }
            throw ex;
        }
    }

    /**
     * Start the pipeline's threads and begin accepting commands.
     */
    public void start()
    {
        status.running();
        started = true;
        for (final Thread thread : threads)
        {
            thread.start();
        }
        LOG.info("engine started after journal sequence {}, {}: {}", journal.lastSequence(),
            log == null ? "sequencing its own commands" : "sequenced by the command log " + log, settings);
    }

    /**
     * Copy one SBE-encoded command into the next slot of the command ring. Blocks while the ring is full.
     * Thread-safe; allocates nothing.
     *
     * @throws EngineUnavailableException if the engine is not running.
     * @throws IllegalArgumentException   if the length is outside 1..{@link #MAX_COMMAND_LENGTH}.
     */
    public void publish(final DirectBuffer command, final int offset, final int length)
    {
        requirePublishable(length);
        copyInto(commandRing.next(), command, offset, length);
    }

    /**
     * Copy one SBE-encoded command into the next slot of the command ring if there is one free, without waiting: for a
     * producer that must not block its thread (a FIX event loop, which also drains the ExecutionReports the engine's
     * listener waits to hand it: blocked on a full ring, it would wait for itself). Thread-safe; allocates nothing.
     *
     * @return false when the ring is full: nothing was published, try again later.
     * @throws EngineUnavailableException if the engine is not running.
     * @throws IllegalArgumentException   if the length is outside 1..{@link #MAX_COMMAND_LENGTH}.
     */
    public boolean tryPublish(final DirectBuffer command, final int offset, final int length)
    {
        requirePublishable(length);
        final long ringSequence;
        try
        {
            ringSequence = commandRing.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            return false; // a preallocated singleton: a full ring costs no allocation
        }
        copyInto(ringSequence, command, offset, length);
        return true;
    }

    private void requirePublishable(final int length)
    {
        if (length <= 0 || length > MAX_COMMAND_LENGTH)
        {
            throw new IllegalArgumentException("command length " + length + " outside 1.." + MAX_COMMAND_LENGTH);
        }
        if (!status.isAccepting())
        {
            throw status.unavailable();
        }
    }

    private void copyInto(final long ringSequence, final DirectBuffer command, final int offset, final int length)
    {
        final CommandSlot slot = commandRing.get(ringSequence);
        int copied = 0;
        try
        {
            slot.buffer().putBytes(0, command, offset, length);
            copied = length;
        }
        finally
        {
            // A claimed slot must be published even if the copy failed, or the ring stalls; empty, it is skipped.
            slot.length(copied);
            commandRing.publish(ringSequence);
        }
    }

    /**
     * Claim the next slot of the command ring to encode a command in place; finish with
     * {@link CommandClaim#commit(int)} or {@link CommandClaim#abort()}. Blocks while the ring is full. Thread-safe for
     * distinct claims; allocates nothing.
     *
     * @throws EngineUnavailableException if the engine is not running.
     */
    public void claim(final CommandClaim claim)
    {
        if (claim.isOpen())
        {
            throw new IllegalStateException("the claim is already open: commit or abort it first");
        }
        if (!status.isAccepting())
        {
            throw status.unavailable();
        }
        claim.wrap(commandRing, commandRing.next());
    }

    /**
     * Stop accepting commands because a consumer of the events can no longer do its job (a gateway that cannot persist
     * the reports of what the engine does): producers get {@link EngineUnavailableException} from now on. Commands
     * already published are still journaled and applied; their events are recovered from the journal at a restart.
     * Thread-safe.
     */
    public void fail(final String reason, final Throwable cause)
    {
        status.fail(reason, cause);
    }

    /**
     * In log mode, wait until the log has delivered, and the engine applied, every command the log had committed when
     * it was opened: the state is then level with the log's start (a gateway decides from the result whether the
     * market needs its genesis commands).
     *
     * @return {@link CommandLog#committedAtOpen()}: the log's last sequence when opened, -1 for an empty log.
     * @throws IllegalStateException      in local mode, before {@link #start()}, or if the timeout passes first.
     * @throws EngineUnavailableException if the engine fails or closes meanwhile.
     */
    public long awaitLogCaughtUp(final Duration timeout)
    {
        if (logProcessor == null)
        {
            throw new IllegalStateException("this engine sequences its own commands: it has no command log");
        }
        if (!started)
        {
            throw new IllegalStateException("start the engine before waiting for its command log");
        }
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!logProcessor.caughtUp())
        {
            if (EngineState.RUNNING != status.state())
            {
                throw status.unavailable();
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the command log " + log + " did not catch up within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return logProcessor.committedAtOpen();
    }

    public EngineState state()
    {
        return status.state();
    }

    /**
     * @return the fault that failed the engine, or null.
     */
    public Throwable failureCause()
    {
        return status.failureCause();
    }

    /**
     * Refuse new commands, wait up to {@link EngineSettings#drainTimeout()} for the published ones to be journaled and
     * applied (in log mode: offered, committed by the log, journaled and applied) and for their events to reach every
     * listener, then stop the threads and close the journal (and the log). Producers should be stopped first: a command
     * published concurrently with close may be refused or dropped.
     */
    @Override
    public void close()
    {
        if (!status.beginClose())
        {
            return;
        }

        try
        {
            if (started)
            {
                final long deadlineNs = System.nanoTime() + settings.drainTimeout().toNanos();
                drain(deadlineNs);
                stopThreads(deadlineNs);
            }
        }
        finally
        {
            if (!started && log != null)
            {
                closeUnstartedLog();
            }
            try
            {
                journal.close();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("closing the journal failed", ex);
            }
            status.closed();
            LOG.info("engine closed at journal sequence {}", journal.lastSequence());
        }
    }

    private void drain(final long deadlineNs)
    {
        // The listeners follow the business logic, which publishes a batch's events before it marks the batch done.
        boolean drained = awaitSequence(businessLogic.appliedSequence(), commandRing.getCursor(), deadlineNs);
        final long lastEvent = eventRing.getCursor();
        for (final BatchEventProcessor<EventSlot> processor : listenerProcessors)
        {
            drained &= awaitSequence(processor.getSequence(), lastEvent, deadlineNs);
        }
        if (!drained)
        {
            LOG.error("engine did not drain within {}; stopping with work in flight", settings.drainTimeout());
        }
    }

    private void closeUnstartedLog()
    {
        // No business-logic thread ever ran to close it.
        try
        {
            log.close();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("closing the command log failed", ex);
        }
    }

    private void stopThreads(final long deadlineNs)
    {
        businessLogic.halt();
        for (final BatchEventProcessor<EventSlot> processor : listenerProcessors)
        {
            processor.halt();
        }

        for (final Thread thread : threads)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive())
            {
                LOG.error("thread {} did not stop", thread.getName());
            }
        }
    }

    private static boolean awaitSequence(final Sequence sequence, final long target, final long deadlineNs)
    {
        while (sequence.get() < target)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }
}
