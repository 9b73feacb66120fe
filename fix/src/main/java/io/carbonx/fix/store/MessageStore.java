package io.carbonx.fix.store;

import java.io.Closeable;
import java.io.IOException;

/**
 * What a FIX session must keep across reconnects and restarts: the next sequence number in each
 * direction, and the application messages it sent, so that a ResendRequest can replay them.
 * Used from the session's event loop only.
 *
 * <p>Changes may be batched: what {@link #store} and the setters do is kept once {@link #flush()} returns, and the
 * session flushes before it writes anything to the counterparty. {@link #reset()} takes effect at once.
 */
public interface MessageStore extends Closeable
{
    /** Why the store cannot be used (its files are damaged), or null when it can. */
    default String damage()
    {
        return null;
    }

    int nextSenderSeqNum();

    int nextTargetSeqNum();

    void setNextSenderSeqNum(int seqNum) throws IOException;

    void setNextTargetSeqNum(int seqNum) throws IOException;

    /** Keeps a sent message, a whole frame, under its MsgSeqNum. */
    void store(int seqNum, byte[] frame, int offset, int length) throws IOException;

    /** The frame stored under this MsgSeqNum, or null (an admin message, never stored). */
    byte[] get(int seqNum) throws IOException;

    /**
     * Makes the changes since the last flush durable (as the store defines it). When it fails, the batch's messages and
     * outbound number are forgotten: they must not be sent.
     */
    default void flush() throws IOException
    {
    }

    /** Back to sequence number 1 both ways, with no stored messages. */
    void reset() throws IOException;
}
