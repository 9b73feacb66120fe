package io.carbonx.fix.store;

import java.io.IOException;

/**
 * Stands for a store that could not be opened because its files are damaged: the session refuses
 * every Logon with the reason, and nothing reads or writes sequence numbers, so no one can carry on
 * from a guessed number. Immutable.
 */
public final class DamagedMessageStore implements MessageStore
{
    private final String problem;

    public DamagedMessageStore(final String problem)
    {
        this.problem = problem;
    }

    @Override
    public String damage()
    {
        return problem;
    }

    @Override
    public int nextSenderSeqNum()
    {
        throw new IllegalStateException(problem);
    }

    @Override
    public int nextTargetSeqNum()
    {
        throw new IllegalStateException(problem);
    }

    @Override
    public void setNextSenderSeqNum(final int seqNum) throws IOException
    {
        throw new IOException(problem);
    }

    @Override
    public void setNextTargetSeqNum(final int seqNum) throws IOException
    {
        throw new IOException(problem);
    }

    @Override
    public void store(final int seqNum, final byte[] frame, final int offset, final int length) throws IOException
    {
        throw new IOException(problem);
    }

    @Override
    public byte[] get(final int seqNum) throws IOException
    {
        throw new IOException(problem);
    }

    @Override
    public void reset() throws IOException
    {
        throw new IOException(problem);
    }

    @Override
    public void close()
    {
        // nothing was opened
    }
}
