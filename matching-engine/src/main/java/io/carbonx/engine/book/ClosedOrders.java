package io.carbonx.engine.book;

import io.carbonx.protocol.StateHash;
import org.agrona.collections.Long2LongHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A bounded memory of the most recently closed orders and how they closed, so that a late cancel or amend is told
 * "already filled" or "already closed" rather than "unknown", and a closed order's id is not reused while remembered.
 * The oldest entry is forgotten when the memory is full: a fixed footprint, no allocation after construction.
 */
final class ClosedOrders
{
    static final long FILLED = 1;
    static final long CLOSED = 2;
    private static final long MISSING = 0;

    private final long[] ring;
    private final Long2LongHashMap outcomes;
    private long written;

    ClosedOrders(final int capacity)
    {
        ring = new long[Math.max(capacity, 0)];
        outcomes = new Long2LongHashMap(Math.max(capacity, 1) * 2, 0.65f, MISSING);
    }

    void record(final long orderId, final long outcome)
    {
        if (ring.length == 0)
        {
            return;
        }
        final int slot = (int)(written++ % ring.length);
        if (written > ring.length)
        {
            outcomes.remove(ring[slot]);
        }
        ring[slot] = orderId;
        outcomes.put(orderId, outcome);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long remembered = Math.min(written, ring.length);
        out.writeLong(remembered);
        for (long i = written - remembered; i < written; i++)
        {
            final long orderId = ring[(int)(i % ring.length)];
            out.writeLong(orderId);
            out.writeByte((int)outcomes.get(orderId));
        }
    }

    /**
     * Restore into an empty memory of at least the snapshot's capacity.
     */
    void readSnapshot(final DataInput in) throws IOException
    {
        final long remembered = in.readLong();
        for (long i = 0; i < remembered; i++)
        {
            final long orderId = in.readLong();
            record(orderId, in.readByte());
        }
    }

    long hashInto(final long initialHash)
    {
        long hash = initialHash;
        final long remembered = Math.min(written, ring.length);
        for (long i = written - remembered; i < written; i++)
        {
            final long orderId = ring[(int)(i % ring.length)];
            hash = StateHash.mix(StateHash.mix(hash, orderId), outcomes.get(orderId));
        }
        return hash;
    }

    /**
     * @return {@link #FILLED}, {@link #CLOSED} or 0 when the order is not remembered.
     */
    long outcome(final long orderId)
    {
        return outcomes.get(orderId);
    }
}
