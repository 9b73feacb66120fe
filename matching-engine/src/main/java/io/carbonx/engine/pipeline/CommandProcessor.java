package io.carbonx.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;

/**
 * The carbonx-business-logic thread's loop, the only consumer of the inbound ring: takes what producers have published
 * in batches of at most {@link EngineSettings#batchCommands()}, journals the whole batch, then applies it and publishes
 * its events in one go.
 * <p>
 * Journal and state machine share one thread rather than running in parallel because on a machine with few cores a
 * second busy thread costs more than the journal append it would take off this one (an append is a copy into mapped
 * memory, a small fraction of applying the command); and it keeps the rule that nothing is applied before it is
 * journaled, so a journal fault never leaves the state ahead of the journal. With the journal off there is no
 * journaling thread at all. A batch is bounded so that its first command is answered soon even when producers are far
 * ahead.
 * <p>
 * Progress is published once per batch: the ring slots are handed back to producers and the events to listeners
 * together. Whatever escapes the handlers fails the engine and the loop goes on, so producers blocked on a full ring
 * are never left hanging. Owned by its thread; {@link #halt()} is called by the owner of the engine.
 */
final class CommandProcessor implements BusinessLogicLoop
{
    private final Sequence sequence = new Sequence(-1);
    private final RingBuffer<CommandSlot> ring;
    private final SequenceBarrier barrier;
    private final JournalHandler journal;
    private final BusinessLogicHandler businessLogic;
    private final RingEventSink events;
    private final EngineStatus status;
    private final int batchCommands;
    private volatile boolean halted;

    CommandProcessor(
        final RingBuffer<CommandSlot> ring,
        final JournalHandler journal,
        final BusinessLogicHandler businessLogic,
        final RingEventSink events,
        final EngineStatus status,
        final int batchCommands)
    {
        this.ring = ring;
        this.barrier = ring.newBarrier();
        this.journal = journal;
        this.businessLogic = businessLogic;
        this.events = events;
        this.status = status;
        this.batchCommands = batchCommands;
    }

    /**
     * @return the last ring sequence journaled, applied and its events published; producers gate on it.
     */
    @Override
    public Sequence sequence()
    {
        return sequence;
    }

    /**
     * @return the same as {@link #sequence()}: a slot is handed back only once its command is applied.
     */
    @Override
    public Sequence appliedSequence()
    {
        return sequence;
    }

    /**
     * Stop once the batch in hand is done. Thread-safe.
     */
    @Override
    public void halt()
    {
        halted = true;
        barrier.alert();
    }

    @Override
    public void run()
    {
        try
        {
            processUntilHalted();
        }
        finally
        {
            businessLogic.close();
        }
    }

    private void processUntilHalted()
    {
        long next = sequence.get() + 1;
        while (true)
        {
            final long available;
            try
            {
                available = barrier.waitFor(next);
            }
            catch (final AlertException ex)
            {
                if (halted)
                {
                    break;
                }
                barrier.clearAlert();
                continue;
            }
            catch (final InterruptedException | TimeoutException ex)
            {
                continue;
            }

            while (next <= available)
            {
                final long last = Math.min(available, next + batchCommands - 1);
                process(next, last);
                sequence.set(last);
                next = last + 1;
            }
        }
    }

    private void process(final long first, final long last)
    {
        journal.journal(first, last);
        for (long ringSequence = first; ringSequence <= last; ringSequence++)
        {
            try
            {
                businessLogic.apply(ring.get(ringSequence));
            }
            catch (final Throwable ex)
            {
                status.fail("business logic failed at ring sequence " + ringSequence, ex);
            }
        }
        events.flush();
    }
}
