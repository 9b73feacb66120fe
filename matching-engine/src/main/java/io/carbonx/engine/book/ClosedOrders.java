package io.carbonx.engine.book;

import io.carbonx.protocol.StateHash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A bounded memory of the most recently closed orders and how they closed, so that a late cancel or amend is told
 * "already filled" or "already closed" rather than "unknown", and a closed order's id is not reused while remembered.
 * The oldest entry is forgotten when the memory is full: a fixed footprint, no allocation after construction.
 * <p>
 * The records live in a ring of the last {@code capacity} closes (id and outcome). An open-addressed index finds an
 * id's ring position: each index slot packs 32 bits of the id's hash with the low 32 bits of the record's sequence
 * number. Nothing is ever removed from the index: a slot is valid only while its sequence is among the last
 * {@code capacity} records, so forgetting the oldest record costs nothing, and a new record takes the first slot from
 * its home that is no longer valid. The index has at least four slots per record, so valid slots are sparse and runs
 * short; a lookup stops at a never-used slot or after the longest run any record has needed, and confirms a hash
 * match against the ring.
 */
final class ClosedOrders
{
    static final long FILLED = 1;
    static final long CLOSED = 2;
    private static final long MISSING = 0;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int BLOCK_BITS = 3;

    private final int capacity;
    private final long[] ringIds;
    private final byte[] ringOutcomes;
    private final long[] index;
    private final int indexMask;
    private final int indexShift;
    private int longestRun;
    private int nextRingSlot;
    private long written;
    private long highestOrderId = Long.MIN_VALUE;

    ClosedOrders(final int capacity)
    {
        this.capacity = Math.max(capacity, 0);
        ringIds = new long[this.capacity];
        ringOutcomes = new byte[this.capacity];
        // At least four slots per record and two home blocks, rounded up to a power of two.
        final int slots = (int)Math.min(1L << 30, Long.highestOneBit(Math.max(16L, this.capacity * 4L) - 1) << 1);
        index = new long[slots];
        indexMask = slots - 1;
        indexShift = 64 - (Integer.numberOfTrailingZeros(slots) - BLOCK_BITS);
    }

    void record(final long orderId, final long outcome)
    {
        if (capacity == 0)
        {
            return;
        }
        final long sequence = written++;
        // Advanced rather than computed as sequence % capacity: a 64-bit division costs more than the rest.
        final int ringSlot = nextRingSlot;
        nextRingSlot = ringSlot + 1 == capacity ? 0 : ringSlot + 1;
        ringIds[ringSlot] = orderId;
        ringOutcomes[ringSlot] = (byte)outcome;

        final long hash = orderId * GOLDEN;
        int slot = home(orderId);
        int run = 0;
        while (isValid(index[slot]))
        {
            slot = (slot + 1) & indexMask;
            run++;
        }
        index[slot] = tag(hash) | (sequence & 0xFFFF_FFFFL);
        if (run > longestRun)
        {
            longestRun = run;
        }
    }

    /**
     * @return {@link #FILLED}, {@link #CLOSED} or 0 when the order is not remembered.
     */
    long outcome(final long orderId)
    {
        final long hash = orderId * GOLDEN;
        final long tag = tag(hash);
        int slot = home(orderId);
        for (int probe = 0; probe <= longestRun; probe++)
        {
            final long entry = index[slot];
            if (entry == 0)
            {
                return MISSING;
            }
            if ((entry & 0xFFFF_FFFF_0000_0000L) == tag && isValid(entry))
            {
                final int ringSlot = ringSlot(entry);
                if (ringIds[ringSlot] == orderId)
                {
                    return ringOutcomes[ringSlot];
                }
            }
            slot = (slot + 1) & indexMask;
        }
        return MISSING;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long remembered = Math.min(written, capacity);
        out.writeLong(remembered);
        for (long i = written - remembered; i < written; i++)
        {
            final int ringSlot = (int)(i % capacity);
            out.writeLong(ringIds[ringSlot]);
            out.writeByte(ringOutcomes[ringSlot]);
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
            highestOrderId = Math.max(highestOrderId, orderId);
            record(orderId, in.readByte());
        }
    }

    long hashInto(final long initialHash)
    {
        long hash = initialHash;
        final long remembered = Math.min(written, capacity);
        for (long i = written - remembered; i < written; i++)
        {
            final int ringSlot = (int)(i % capacity);
            hash = StateHash.mix(StateHash.mix(hash, ringIds[ringSlot]), ringOutcomes[ringSlot]);
        }
        return hash;
    }

    /**
     * @return the highest order id a snapshot restored into this memory, or {@link Long#MIN_VALUE}.
     */
    long highestOrderId()
    {
        return highestOrderId;
    }

    /**
     * @return the longest run of slots a record has had to skip from its home, which bounds every lookup.
     */
    int longestRun()
    {
        return longestRun;
    }

    /**
     * Ids are handed out in sequence (per session) and mostly close in about that order, so eight consecutive ids
     * share a home block, one cache line of the index; the blocks are scattered by a multiplicative hash so that
     * sessions counting through similar numbers do not pile onto the same slots.
     */
    private int home(final long orderId)
    {
        return (int)(((orderId >>> BLOCK_BITS) * GOLDEN) >>> indexShift) << BLOCK_BITS |
            (int)orderId & ((1 << BLOCK_BITS) - 1);
    }

    /**
     * The high half of an index slot: the low 32 bits of the id's multiplicative hash, never zero, so
     * that a used slot is never 0.
     */
    private static long tag(final long hash)
    {
        return (hash | 1L) << 32;
    }

    /**
     * Whether a slot holds one of the last {@code capacity} records. The low half is the record's sequence modulo
     * 2^32; a distance of 1..capacity back from the next sequence is a live record. A stale slot that aliases after
     * 2^32 records is caught by the ring check in {@link #outcome} and merely occupies a slot.
     */
    private boolean isValid(final long entry)
    {
        if (entry == 0)
        {
            return false;
        }
        final long distance = (written - entry) & 0xFFFF_FFFFL;
        return distance != 0 && distance <= capacity;
    }

    private int ringSlot(final long entry)
    {
        final long sequence = written - ((written - entry) & 0xFFFF_FFFFL);
        return (int)(sequence % capacity);
    }
}
