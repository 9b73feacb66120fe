package io.carbonx.engine.journal;

import org.agrona.DirectBuffer;

/**
 * The write side of the command journal: the record of every sequenced command, from which the state is rebuilt.
 * <p>
 * Threading: {@link #lastSequence()} may be called by the thread that builds the engine before it starts; once the
 * engine runs, {@link #append} and {@link #endOfBatch()} are called only by the business-logic thread, and
 * {@link #close()} after that thread has stopped. Any exception from {@link #append} or {@link #endOfBatch()} means the
 * journal can no longer be trusted to hold what follows, and the engine stops accepting commands.
 */
public interface Journal extends AutoCloseable
{
    /**
     * @return the sequence of the last command in the journal, or -1 if it is empty.
     */
    long lastSequence();

    /**
     * Append one command to the batch under way. Sequences are dense: each append carries {@link #lastSequence()} + 1.
     * The command is in the journal once {@link #endOfBatch()} has returned, not before.
     *
     * @param sequence of the command.
     * @param buffer   holding the SBE-encoded command, header included.
     * @param offset   of the command in the buffer.
     * @param length   of the command.
     */
    void append(long sequence, DirectBuffer buffer, int offset, int length);

    /**
     * Called after the last command of a batch, before any of the batch's commands is released to the business logic:
     * write the batch and make it as durable as the journal's {@link JournalDurability} promises.
     */
    void endOfBatch();

    /**
     * Release the journal's files; what the batches ended so far wrote stays, what was appended after the last end of
     * batch is dropped.
     */
    @Override
    void close();
}
