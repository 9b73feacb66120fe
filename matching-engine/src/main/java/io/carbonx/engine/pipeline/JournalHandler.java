package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.carbonx.engine.journal.Journal;

/**
 * Journals a batch of the inbound ring before the business logic applies it: gives each command of the batch the next
 * sequence, appends it, and makes the batch as durable as the journal's durability promises. Only then does
 * {@link CommandProcessor} apply the batch, so no command is applied, and no event leaves, before its command is in
 * the journal.
 * <p>
 * Which commands of a batch count as journaled depends on how durable the journal is once {@link Journal#append}
 * returns:
 * <ul>
 *     <li>with page-cache durability an appended command is as safe as it will get, so each one counts at once;</li>
 *     <li>with a sync per batch, none counts until {@link Journal#endOfBatch()} has forced the whole batch.</li>
 * </ul>
 * If the journal throws, every command of the batch that does not count as journaled is marked
 * {@link CommandSlot#NOT_SEQUENCED}, the engine is failed, and from then on slots pass without being journaled, so
 * producers blocked on a full ring are let go (their commands dropped, their next publish refused) rather than left
 * hanging. Owned by the business-logic thread.
 */
final class JournalHandler
{
    private final Journal journal;
    private final RingBuffer<CommandSlot> ring;
    private final EngineStatus status;
    private final boolean releaseOnAppend;
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

    /**
     * Journal the slots from one ring sequence to another, both included: afterwards each slot holds its command's
     * sequence if the command is journaled, or {@link CommandSlot#NOT_SEQUENCED}. Never throws.
     */
    void journal(final long firstRingSequence, final long lastRingSequence)
    {
        long releasedRingSequence = firstRingSequence - 1;
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
                onJournalFailure("journal append failed at sequence " + nextSequence, releasedRingSequence,
                    lastRingSequence, ex);
                return;
            }
            slot.sequence(nextSequence++);
            if (releaseOnAppend)
            {
                releasedRingSequence = ringSequence;
            }
        }

        if (!journalFailed)
        {
            try
            {
                journal.endOfBatch();
            }
            catch (final Throwable ex)
            {
                onJournalFailure("journal sync failed for the batch ending at sequence " + (nextSequence - 1),
                    releasedRingSequence, lastRingSequence, ex);
            }
        }
    }

    private void onJournalFailure(
        final String reason, final long releasedRingSequence, final long lastRingSequence, final Throwable cause)
    {
        journalFailed = true;
        // Whatever was appended but not released may not be durable: none of it may be applied or answered.
        for (long unreleased = releasedRingSequence + 1; unreleased <= lastRingSequence; unreleased++)
        {
            ring.get(unreleased).sequence(CommandSlot.NOT_SEQUENCED);
        }
        status.fail(reason, cause);
    }
}
