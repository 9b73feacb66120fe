package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.carbonx.engine.sequencer.CommandLog;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carbonx-business-logic thread's loop when a {@link CommandLog} sequences the commands (a cluster's gateway): a
 * duty cycle that never blocks, since it has two sources of work.
 * <ol>
 *     <li>Offer what producers published on the command ring to the log, in ring order, at most a batch. A refused
 *     offer (the log's back pressure, or no leader yet) stops there until the next cycle; slots are handed back to
 *     producers only once offered, so a log that does not keep up fills the ring and producers feel it exactly as they
 *     feel a slow engine in local mode ({@code tryPublish} returns false, {@code publish} waits).</li>
 *     <li>Poll the log for committed commands, of every gateway: each is journaled under the log's sequence by
 *     {@link CommittedBatch}, the batch is made durable, then applied by the {@link BusinessLogicHandler} (events into
 *     the event ring, snapshots when due) and its events flushed, as {@link CommandProcessor} does in local mode.</li>
 * </ol>
 * When neither had work the thread idles with an Agrona {@link IdleStrategy} derived from the command ring's wait
 * strategy, so an idle gateway does not burn a core.
 * <p>
 * Faults: a log that throws, a journal fault or a broken sequence fails the engine; from then on commands on the ring
 * are handed back without being offered (dropped, like local mode drops what it could not journal), and committed
 * commands are no longer taken. A state machine fault fails the engine but, as in local mode, commands keep being
 * offered and applied, as a replay would. Owned by its thread, which also closes the log as it ends;
 * {@link #halt()}, {@link #caughtUp()} and {@link #committedAtOpen()} are for other threads.
 */
final class LogCommandProcessor implements BusinessLogicLoop
{
    private static final Logger LOG = LoggerFactory.getLogger(LogCommandProcessor.class);

    private final Sequence sequence = new Sequence(-1);
    private final Sequence appliedSequence = new Sequence(-1);
    private final RingBuffer<CommandSlot> ring;
    private final CommandLog log;
    private final CommittedBatch batch;
    private final BusinessLogicHandler businessLogic;
    private final RingEventSink events;
    private final EngineStatus status;
    private final IdleStrategy idleStrategy;
    private final int batchCommands;
    private long nextRingSequence;
    private boolean logFailed;
    private volatile boolean halted;
    private volatile long committedAtOpen;
    private volatile boolean caughtUp;

    LogCommandProcessor(
        final RingBuffer<CommandSlot> ring,
        final CommandLog log,
        final CommittedBatch batch,
        final BusinessLogicHandler businessLogic,
        final RingEventSink events,
        final EngineStatus status,
        final IdleStrategy idleStrategy)
    {
        this.ring = ring;
        this.log = log;
        this.batch = batch;
        this.businessLogic = businessLogic;
        this.events = events;
        this.status = status;
        this.idleStrategy = idleStrategy;
        this.batchCommands = batch.capacity();
    }

    /**
     * @return the last ring sequence offered to the log (or dropped after a fault); producers gate on it.
     */
    @Override
    public Sequence sequence()
    {
        return sequence;
    }

    /**
     * @return the last ring sequence up to which every command offered has come back committed and been applied, or
     *         never will be after a fault.
     */
    @Override
    public Sequence appliedSequence()
    {
        return appliedSequence;
    }

    @Override
    public void halt()
    {
        halted = true;
    }

    /**
     * @return whether the log has caught up, as seen by the business-logic thread after applying what it delivered.
     */
    boolean caughtUp()
    {
        return caughtUp;
    }

    /**
     * @return {@link CommandLog#committedAtOpen()}, valid once {@link #caughtUp()}.
     */
    long committedAtOpen()
    {
        return committedAtOpen;
    }

    @Override
    public void run()
    {
        try
        {
            while (!halted)
            {
                idleStrategy.idle(doWork());
            }
        }
        finally
        {
            businessLogic.close();
            closeLog();
        }
    }

    /**
     * One duty cycle.
     *
     * @return how much work was done: 0 to idle.
     */
    int doWork()
    {
        int work = offerPublished();
        work += pollCommitted();
        if (!caughtUp && !logFailed)
        {
            checkCaughtUp();
        }
        if (!acceptsCommands() || log.unconfirmedCommands() == 0)
        {
            appliedSequence.set(nextRingSequence - 1);
        }
        return work;
    }

    private int offerPublished()
    {
        final long first = nextRingSequence;
        final long cursor = ring.getCursor();
        if (first > cursor)
        {
            return 0;
        }
        // Producers publish out of order on a multi-producer ring: stop at the first slot not yet published.
        final long last = Math.min(cursor, first + batchCommands - 1);
        long next = first;
        while (next <= last && ring.isAvailable(next) && offer(ring.get(next)))
        {
            next++;
        }
        if (next > first)
        {
            nextRingSequence = next;
            sequence.set(next - 1);
        }
        return (int)(next - first);
    }

    /**
     * @return false if the log refused the command: offer it again next cycle.
     */
    private boolean offer(final CommandSlot slot)
    {
        final int length = slot.length();
        if (0 == length || !acceptsCommands())
        {
            return true; // an aborted claim, or nothing is offered after a fault
        }
        try
        {
            if (!log.offer(slot.buffer(), 0, length))
            {
                return false;
            }
        }
        catch (final Throwable ex)
        {
            failLog("the command log failed to take a command", ex);
            return true;
        }
        return true;
    }

    private int pollCommitted()
    {
        if (logFailed)
        {
            return 0;
        }
        batch.clear();
        int polled;
        try
        {
            polled = log.poll(batch, batchCommands);
        }
        catch (final Throwable ex)
        {
            // What the batch took before the fault is in the journal: apply it, as a replay would.
            failLog("the command log failed to deliver committed commands", ex);
            polled = batch.size();
        }
        if (0 == batch.size())
        {
            return polled;
        }

        batch.endOfBatch();
        final int released = batch.released();
        for (int i = 0; i < batch.size(); i++)
        {
            final CommandSlot slot = batch.slot(i);
            if (i < released)
            {
                apply(slot);
            }
        }
        events.flush();
        return polled;
    }

    private void apply(final CommandSlot slot)
    {
        try
        {
            businessLogic.apply(slot);
        }
        catch (final Throwable ex)
        {
            status.fail("business logic failed at sequence " + slot.sequence(), ex);
        }
    }

    private void checkCaughtUp()
    {
        try
        {
            if (log.caughtUp())
            {
                committedAtOpen = log.committedAtOpen();
                caughtUp = true;
                LOG.info("command log caught up: it had committed up to sequence {} when opened", committedAtOpen);
            }
        }
        catch (final Throwable ex)
        {
            failLog("the command log failed to report its catch-up", ex);
        }
    }

    private boolean acceptsCommands()
    {
        return !logFailed && !batch.failed();
    }

    private void failLog(final String reason, final Throwable cause)
    {
        logFailed = true;
        status.fail(reason, cause);
    }

    private void closeLog()
    {
        try
        {
            log.close();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("closing the command log failed", ex);
        }
    }
}
