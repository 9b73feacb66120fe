package io.carbonx.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.carbonx.engine.journal.Journal;

/**
 * The journaler: first consumer of the inbound ring. Gives each command the next sequence, appends it to the
 * journal, and only then lets the business logic see it. The business logic gates on this handler's sequence, so no
 * command is applied, and no event leaves, before its command is in the journal.
 * <p>
 * When a command is released depends on how durable the journal is once {@link Journal#append} returns:
 * <ul>
 *     <li>with page-cache durability an appended command is as safe as it will get, so each one is released at once
 *     and the business logic works in parallel with the rest of the batch;</li>
 *     <li>with a sync per batch, nothing is released until {@link Journal#endOfBatch()} has forced the whole
 *     batch.</li>
 * </ul>
 * If the journal throws, every command not yet released is marked {@link CommandSlot#NOT_SEQUENCED}, the engine is
 * failed, and from then on slots are drained without being journaled, so producers blocked on a full ring are let go
 * (their commands dropped, their next publish refused) rather than left hanging. Owned by the journaler thread.
 */
final class JournalHandler implements EventHandler<CommandSlot>
{
    private final Journal journal;
    private final RingBuffer<CommandSlot> ring;
    private final EngineStatus status;
    private final boolean releaseOnAppend;
    private Sequence processedSequence;
    private long releasedRingSequence = -1;
    private long nextSequence;
    private boolean journalFailed;

    JournalHandler(
        final Journal journal,
        final RingBuffer<CommandSlot> ring,
        final EngineStatus status,
        final boolean releaseOnAppend)
    {
        this.journal = journal;
        this.ring = ring;
        this.status = status;
        this.releaseOnAppend = releaseOnAppend;
        this.nextSequence = journal.lastSequence() + 1;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        processedSequence = sequenceCallback;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (journalFailed || 0 == slot.length())
        {
            slot.sequence(CommandSlot.NOT_SEQUENCED);
        }
        else
        {
            try
            {
                journal.append(nextSequence, slot.buffer(), 0, slot.length());
                slot.sequence(nextSequence++);
            }
            catch (final Throwable ex)
            {
                onJournalFailure("journal append failed at sequence " + nextSequence, ringSequence, ex);
            }
        }

        if (endOfBatch)
        {
            if (!journalFailed)
            {
                try
                {
                    journal.endOfBatch();
                }
                catch (final Throwable ex)
                {
                    onJournalFailure(
                        "journal sync failed for the batch ending at sequence " + (nextSequence - 1), ringSequence, ex);
                }
            }
            // The processor publishes the batch's last sequence when this returns.
            releasedRingSequence = ringSequence;
        }
        else if (releaseOnAppend)
        {
            processedSequence.set(ringSequence);
            releasedRingSequence = ringSequence;
        }
    }

    private void onJournalFailure(final String reason, final long ringSequence, final Throwable cause)
    {
        journalFailed = true;
        // Whatever was appended but not released may not be durable: none of it may be applied or answered.
        for (long unreleased = releasedRingSequence + 1; unreleased <= ringSequence; unreleased++)
        {
            ring.get(unreleased).sequence(CommandSlot.NOT_SEQUENCED);
        }
        status.fail(reason, cause);
    }
}
