package io.carbonx.engine.journal;

import org.agrona.DirectBuffer;

/**
 * A journal that keeps nothing: for measuring the pipeline without the journal's cost. Nothing it is given can be
 * recovered; never use it where commands must survive the process.
 */
public final class NullJournal implements Journal
{
    private long lastSequence = -1;

    @Override
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        lastSequence = sequence;
    }

    @Override
    public void endOfBatch()
    {
    }

    @Override
    public void close()
    {
    }
}
