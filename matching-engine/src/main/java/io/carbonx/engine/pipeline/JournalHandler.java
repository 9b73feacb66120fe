package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.carbonx.engine.journal.Journal;

/**
 * Journals a batch of the inbound ring before the business logic applies it: gives each command of the batch the next
 * sequence, appends it, and makes the batch as durable as the journal's durability promises. Only then does
 * {@link CommandProcessor} apply the batch, so no command is applied, and no event leaves, before its command is in the
 * journal.
 * <p>
 * No command of a batch counts as journaled until {@link Journal#endOfBatch()} has returned: the journal writes a batch
 * as one record of its files there, and makes it as durable as its durability promises. If the journal throws, every
 * command of the batch is marked {@link CommandSlot#NOT_SEQUENCED}, the engine is failed, and from then on slots pass
 * without being journaled, so producers blocked on a full ring are let go (their commands dropped, their next publish
 * refused) rather than left hanging. Owned by the business-logic thread.
 */
final class JournalHandler
{
    private final Journal journal;
    private final RingBuffer<CommandSlot> ring;
    private final EngineStatus status;
    private long nextSequence;
    private boolean journalFailed;

    JournalHandler(
        final Journal journal,
        final RingBuffer<CommandSlot> ring,
        final EngineStatus status)
    {
        this.journal = journal;
        this.ring = ring;
        this.status = status;
        this.nextSequence = journal.lastSequence() + 1;
    }

    /**
     * Journal the slots from one ring sequence to another, both included: afterwards each slot holds its command's
     * sequence if the command is journaled, or {@link CommandSlot#NOT_SEQUENCED}. Never throws.
     */
    void journal(final long firstRingSequence, final long lastRingSequence)
    {
        for (long ringSequence = firstRingSequence; ringSequence <= lastRingSequence; ringSequence++)
        {
            final CommandSlot slot = ring.get(ringSequence);
            if (journalFailed || 0 == slot.length())
            {
                slot.sequence(CommandSlot.NOT_SEQUENCED);
                continue;
            }

            try
            {
                journal.append(nextSequence, slot.buffer(), 0, slot.length());
            }
            catch (final Throwable ex)
            {
                onJournalFailure("journal append failed at sequence " + nextSequence, firstRingSequence,
                    lastRingSequence, ex);
                return;
            }
            slot.sequence(nextSequence++);
        }

        if (!journalFailed)
        {
            try
            {
                journal.endOfBatch();
            }
            catch (final Throwable ex)
            {
                onJournalFailure("journal write failed for the batch ending at sequence " + (nextSequence - 1),
                    firstRingSequence, lastRingSequence, ex);
            }
        }
    }

    private void onJournalFailure(
        final String reason, final long firstRingSequence, final long lastRingSequence, final Throwable cause)
    {
        journalFailed = true;
        // Whatever the batch appended may not be in the journal: none of it may be applied or answered.
        for (long ringSequence = firstRingSequence; ringSequence <= lastRingSequence; ringSequence++)
        {
            ring.get(ringSequence).sequence(CommandSlot.NOT_SEQUENCED);
        }
        status.fail(reason, cause);
    }
}
