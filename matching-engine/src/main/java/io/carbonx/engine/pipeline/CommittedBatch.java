package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.sequencer.CommandLog;
import org.agrona.DirectBuffer;

/**
 * Takes one poll's worth of committed commands from the {@link CommandLog} into the gateway's journal, under the
 * sequences the log gave them, and keeps a copy of each to apply once the batch is as durable as the journal promises
 * (the log's buffer is only valid during the callback). The rule is the one {@link JournalHandler} keeps in local
 * mode: nothing is applied before it is journaled, and no command of a batch counts as journaled until
 * {@link Journal#endOfBatch()} has written the batch and made it as durable as the journal promises.
 * <p>
 * The log must deliver dense sequences, each the journal's last + 1. A gap, a repeat or a step back means the log
 * broke its contract and the gateway's state would diverge from the cluster's: the engine is failed, the commands of
 * the batch before it are still journaled and applied, and nothing after it is taken. A journal fault likewise fails
 * the engine, and the commands of the batch that do not count as journaled are not applied. Afterwards every command
 * delivered is dropped. Owned by the business-logic thread.
 */
final class CommittedBatch implements CommandLog.CommittedCommandHandler
{
    private final Journal journal;
    private final EngineStatus status;
    private final CommandSlot[] slots;
    private long nextSequence;
    private int size;
    private int released;
    private boolean failed;
    private boolean journalFailed;

    CommittedBatch(final Journal journal, final EngineStatus status, final int capacity)
    {
        this.journal = journal;
        this.status = status;
        this.slots = new CommandSlot[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new CommandSlot();
        }
        this.nextSequence = journal.lastSequence() + 1;
    }

    /**
     * @return the most commands one batch holds: the limit to poll with.
     */
    int capacity()
    {
        return slots.length;
    }

    /**
     * Start a new batch.
     */
    void clear()
    {
        size = 0;
        released = 0;
    }

    @Override
    public void onCommitted(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (failed)
        {
            return;
        }
        if (sequence != nextSequence)
        {
            fail("the command log delivered sequence " + sequence + " but the journal ends at " +
                (nextSequence - 1) + " (expected " + nextSequence + "): the log's order is broken, " +
                "so this gateway's state would no longer be the cluster's", null);
            return;
        }
        if (length <= 0 || length > CommandSlot.MAX_COMMAND_LENGTH || size == slots.length)
        {
            fail("the command log delivered command " + sequence + " of " + length + " bytes as number " +
                (size + 1) + " of a batch (at most " + CommandSlot.MAX_COMMAND_LENGTH + " bytes and " +
                slots.length + " commands)", null);
            return;
        }

        try
        {
            journal.append(sequence, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            journalFailed = true;
            fail("journal append failed at sequence " + sequence, ex);
            return;
        }
        final CommandSlot slot = slots[size++];
        slot.buffer().putBytes(0, buffer, offset, length);
        slot.length(length);
        slot.sequence(sequence);
        nextSequence++;
    }

    /**
     * Make the batch as durable as the journal promises; afterwards {@link #released()} commands may be applied.
     */
    void endOfBatch()
    {
        if (0 == size || journalFailed)
        {
            return;
        }
        try
        {
            journal.endOfBatch();
            released = size;
        }
        catch (final Throwable ex)
        {
            journalFailed = true;
            fail("journal write failed for the batch ending at sequence " + (nextSequence - 1), ex);
        }
    }

    /**
     * @return how many commands the batch holds, journaled or not.
     */
    int size()
    {
        return size;
    }

    /**
     * @return how many of the batch's first commands count as journaled and are to be applied.
     */
    int released()
    {
        return released;
    }

    CommandSlot slot(final int index)
    {
        return slots[index];
    }

    /**
     * @return whether the journal or the log's order failed: nothing delivered is taken any more.
     */
    boolean failed()
    {
        return failed;
    }

    private void fail(final String reason, final Throwable cause)
    {
        failed = true;
        status.fail(reason, cause);
    }
}
