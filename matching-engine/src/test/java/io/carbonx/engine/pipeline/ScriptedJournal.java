package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.Journal;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Wraps a journal to observe it and to make it misbehave: publishes the last sequence that is durable by the
 * journal's rules, can pause in appends and syncs to widen races, and can fail an append or a sync like a full disk.
 */
final class ScriptedJournal implements Journal
{
    private final Journal delegate;
    private final boolean durableOnAppend;
    private volatile long durableSequence;
    private long failAppendAtSequence = Long.MAX_VALUE;
    private int failOnSyncNumber = Integer.MAX_VALUE;
    private long pauseNsEveryHundredAppends;
    private long pauseNsPerSync;
    private int syncs;

    ScriptedJournal(final Journal delegate, final boolean durableOnAppend)
    {
        this.delegate = delegate;
        this.durableOnAppend = durableOnAppend;
        this.durableSequence = delegate.lastSequence();
    }

    ScriptedJournal failAppendAt(final long sequence)
    {
        failAppendAtSequence = sequence;
        return this;
    }

    ScriptedJournal failOnSync(final int syncNumber)
    {
        failOnSyncNumber = syncNumber;
        return this;
    }

    ScriptedJournal pauses(final long nsEveryHundredAppends, final long nsPerSync)
    {
        pauseNsEveryHundredAppends = nsEveryHundredAppends;
        pauseNsPerSync = nsPerSync;
        return this;
    }

    /**
     * @return the last sequence no event may be ahead of.
     */
    long durableSequence()
    {
        return durableSequence;
    }

    @Override
    public long lastSequence()
    {
        return delegate.lastSequence();
    }

    @Override
    public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence >= failAppendAtSequence)
        {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
        if (pauseNsEveryHundredAppends > 0 && 0 == sequence % 100)
        {
            LockSupport.parkNanos(pauseNsEveryHundredAppends);
        }
        delegate.append(sequence, buffer, offset, length);
        if (durableOnAppend)
        {
            durableSequence = sequence;
        }
    }

    @Override
    public void endOfBatch()
    {
        if (++syncs >= failOnSyncNumber)
        {
            throw new UncheckedIOException(new IOException("Input/output error"));
        }
        if (pauseNsPerSync > 0)
        {
            LockSupport.parkNanos(pauseNsPerSync);
        }
        delegate.endOfBatch();
        durableSequence = delegate.lastSequence();
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
