package io.carbonx.cluster.client;

import io.carbonx.cluster.protocol.ClusterMessages;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The commands a gateway has offered to the cluster and not yet seen committed, in offer order, each stored as the
 * complete ingress COMMAND message (header with gateway id and client sequence, then the command) so that sending or
 * re-sending one is a single publication offer. Bounded: one ring of bytes and two index arrays allocated up front,
 * nothing allocated afterwards; when either is full, {@link #add} refuses and the caller reports back pressure.
 * <p>
 * Entry {@code i} (0 = oldest) has client sequence {@link #firstClientSeq()} + {@code i}: the client sequences are
 * dense because entries are only ever confirmed from the oldest on.
 * <p>
 * Threading: not thread-safe; used only by the engine's business-logic thread, through {@link ClusterCommandLog}.
 */
final class UnconfirmedCommands
{
    private final UnsafeBuffer bytes;
    private final int byteCapacity;
    private final long[] positions;
    private final int[] lengths;
    private final int indexMask;
    private final int gatewayId;

    /** Monotonic byte positions: an entry starts at {@code position % byteCapacity}. */
    private long writePosition;
    private long readPosition;
    /** Monotonic entry counters: the oldest entry is {@code head}, the next free slot {@code tail}. */
    private long head;
    private long tail;
    /** The client sequence of the entry at {@code head}. */
    private long firstClientSeq;

    /**
     * @param gatewayId      written into each stored COMMAND.
     * @param byteCapacity   bytes for the stored messages (16 bytes of header each plus the command).
     * @param maxCommands    how many commands at most; a power of two.
     * @param firstClientSeq the client sequence the first command added gets.
     */
    UnconfirmedCommands(final int gatewayId, final int byteCapacity, final int maxCommands, final long firstClientSeq)
    {
        if (Integer.bitCount(maxCommands) != 1)
        {
            throw new IllegalArgumentException("maxCommands must be a power of two: " + maxCommands);
        }
        if (byteCapacity < 1024)
        {
            throw new IllegalArgumentException("byteCapacity must be >= 1024: " + byteCapacity);
        }
        if (firstClientSeq < 1)
        {
            throw new IllegalArgumentException("firstClientSeq must be >= 1: " + firstClientSeq);
        }
        this.gatewayId = gatewayId;
        this.byteCapacity = byteCapacity;
        this.bytes = new UnsafeBuffer(new byte[byteCapacity]);
        this.positions = new long[maxCommands];
        this.lengths = new int[maxCommands];
        this.indexMask = maxCommands - 1;
        this.firstClientSeq = firstClientSeq;
    }

    /**
     * @return the largest command {@link #add} can ever take.
     */
    int maxCommandLength()
    {
        return byteCapacity - ClusterMessages.COMMAND_HEADER_LENGTH;
    }

    /**
     * Copy a command in as the newest entry, with the next client sequence.
     *
     * @return false when full (nothing was stored).
     */
    boolean add(final DirectBuffer command, final int offset, final int length)
    {
        final int messageLength = ClusterMessages.COMMAND_HEADER_LENGTH + length;
        if (tail - head > indexMask || messageLength > byteCapacity)
        {
            return false;
        }
        long start = writePosition;
        final int startOffset = (int)(start % byteCapacity);
        if (startOffset + messageLength > byteCapacity)
        {
            start += byteCapacity - startOffset; // does not fit before the end: skip to the start of the ring
        }
        if (start + messageLength - readPosition > byteCapacity)
        {
            return false;
        }
        final int at = (int)(start % byteCapacity);
        final long clientSeq = firstClientSeq + (tail - head);
        ClusterMessages.commandHeader(bytes, at, gatewayId, clientSeq);
        bytes.putBytes(at + ClusterMessages.COMMAND_HEADER_LENGTH, command, offset, length);
        final int index = (int)(tail & indexMask);
        positions[index] = start;
        lengths[index] = messageLength;
        if (head == tail)
        {
            readPosition = start;
        }
        tail++;
        writePosition = start + messageLength;
        return true;
    }

    /**
     * Drop every entry with a client sequence up to and including {@code clientSeq}: the cluster has committed them.
     *
     * @return how many entries were dropped.
     */
    int confirmUpTo(final long clientSeq)
    {
        int dropped = 0;
        while (head < tail && firstClientSeq <= clientSeq)
        {
            head++;
            firstClientSeq++;
            dropped++;
        }
        readPosition = head < tail ? positions[(int)(head & indexMask)] : writePosition;
        return dropped;
    }

    /**
     * Number the entries, and those added later, from {@code newFirstClientSeq} on, rewriting the stored headers: for
     * commands none of which has been sent yet (a gateway learns only once connected which numbers it must not use).
     */
    void renumberFrom(final long newFirstClientSeq)
    {
        for (long entry = head; entry < tail; entry++)
        {
            final int index = (int)(entry & indexMask);
            ClusterMessages.commandHeader(bytes, (int)(positions[index] % byteCapacity), gatewayId,
                newFirstClientSeq + (entry - head));
        }
        firstClientSeq = newFirstClientSeq;
    }

    /**
     * @return how many entries it can hold at most.
     */
    int maxCommands()
    {
        return indexMask + 1;
    }

    int size()
    {
        return (int)(tail - head);
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    /**
     * @return the client sequence of the oldest entry, or of the next one added when empty.
     */
    long firstClientSeq()
    {
        return firstClientSeq;
    }

    /**
     * @return the client sequence the next entry added gets.
     */
    long nextClientSeq()
    {
        return firstClientSeq + (tail - head);
    }

    /**
     * @return the buffer holding the stored COMMAND messages; see {@link #offsetOf} and {@link #lengthOf}.
     */
    DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @param clientSeq of an entry present: {@link #firstClientSeq()} <= clientSeq < {@link #nextClientSeq()}.
     * @return where its COMMAND message starts in {@link #buffer()}.
     */
    int offsetOf(final long clientSeq)
    {
        return (int)(positions[indexOf(clientSeq)] % byteCapacity);
    }

    /**
     * @return the length of the entry's COMMAND message, header included.
     */
    int lengthOf(final long clientSeq)
    {
        return lengths[indexOf(clientSeq)];
    }

    private int indexOf(final long clientSeq)
    {
        if (clientSeq < firstClientSeq || clientSeq >= nextClientSeq())
        {
            throw new IllegalArgumentException(
                "no unconfirmed command " + clientSeq + ": holding " + firstClientSeq + " to " + (nextClientSeq() - 1));
        }
        return (int)((head + (clientSeq - firstClientSeq)) & indexMask);
    }
}
