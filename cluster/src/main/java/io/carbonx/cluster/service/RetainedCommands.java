package io.carbonx.cluster.service;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last committed commands, so that a gateway that reconnects (or lost egress) can be sent what it missed: a ring
 * of at most {@code maxCommands} commands and {@code maxBytes} bytes of command data, whichever limit comes first.
 * The retained commands always have consecutive sequences, the newest being the last appended.
 * <p>
 * One byte array holds the commands back to back; a command that does not fit before the array's end starts again at
 * 0 (the tail is left unused), so every command is contiguous. Positions are kept as ever-growing virtual byte
 * positions (physical = virtual mod capacity), so "the oldest entries the new one would overwrite" is one comparison.
 * Appending allocates nothing. Written by the clustered service's thread only.
 */
public final class RetainedCommands
{
    private final int maxCommands;
    private final int capacity;
    private final UnsafeBuffer bytes;
    private final long[] start;
    private final int[] length;
    private final int[] gatewayId;
    private final long[] clientSeq;
    private long firstSequence;
    private int count;
    private long end;

    public RetainedCommands(final int maxCommands, final int maxBytes)
    {
        if (maxCommands < 1 || maxBytes < 1)
        {
            throw new IllegalArgumentException(
                "the retained window needs room for a command: " + maxCommands + " commands, " + maxBytes + " bytes");
        }
        this.maxCommands = maxCommands;
        this.capacity = maxBytes;
        this.bytes = new UnsafeBuffer(new byte[maxBytes]);
        this.start = new long[maxCommands];
        this.length = new int[maxCommands];
        this.gatewayId = new int[maxCommands];
        this.clientSeq = new long[maxCommands];
    }

    /**
     * Retain a command; the oldest ones are forgotten to make room.
     *
     * @param sequence must be the newest retained sequence + 1 (any sequence when the window is empty).
     */
    public void append(
        final long sequence, final int gateway, final long gatewaySeq, final DirectBuffer buffer, final int offset,
        final int commandLength)
    {
        if (commandLength > capacity)
        {
            throw new IllegalArgumentException("a command of " + commandLength + " bytes does not fit in the " +
                capacity + " bytes of the retained window");
        }
        if (count > 0 && sequence != lastSequence() + 1)
        {
            throw new IllegalArgumentException("sequence " + sequence + " does not follow " + lastSequence());
        }
        long position = end;
        final int physical = (int)(position % capacity);
        if (physical + commandLength > capacity)
        {
            position += capacity - physical;
        }
        final long newEnd = position + commandLength;
        while (count > 0 && (count == maxCommands || start[slot(firstSequence)] < newEnd - capacity))
        {
            firstSequence++;
            count--;
        }
        if (count == 0)
        {
            firstSequence = sequence;
        }
        final int slot = slot(sequence);
        start[slot] = position;
        length[slot] = commandLength;
        gatewayId[slot] = gateway;
        clientSeq[slot] = gatewaySeq;
        bytes.putBytes((int)(position % capacity), buffer, offset, commandLength);
        end = newEnd;
        count++;
    }

    public int size()
    {
        return count;
    }

    /**
     * @return the oldest retained sequence; meaningless when empty.
     */
    public long firstSequence()
    {
        return firstSequence;
    }

    /**
     * @return the newest retained sequence, or {@code firstSequence() - 1} when empty.
     */
    public long lastSequence()
    {
        return firstSequence + count - 1;
    }

    public boolean contains(final long sequence)
    {
        return count > 0 && sequence >= firstSequence && sequence <= lastSequence();
    }

    public int gatewayId(final long sequence)
    {
        return gatewayId[checkedSlot(sequence)];
    }

    public long clientSeq(final long sequence)
    {
        return clientSeq[checkedSlot(sequence)];
    }

    public int length(final long sequence)
    {
        return length[checkedSlot(sequence)];
    }

    /**
     * Copy a retained command's bytes.
     *
     * @return its length.
     */
    public int copy(final long sequence, final MutableDirectBuffer destination, final int offset)
    {
        final int slot = checkedSlot(sequence);
        destination.putBytes(offset, bytes, (int)(start[slot] % capacity), length[slot]);
        return length[slot];
    }

    /**
     * Write the window, oldest first: count, first sequence, then per command gatewayId, clientSeq, length, bytes.
     */
    public void write(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        out.writeLong(firstSequence);
        for (long sequence = firstSequence; sequence <= lastSequence(); sequence++)
        {
            final int slot = slot(sequence);
            out.writeInt(gatewayId[slot]);
            out.writeLong(clientSeq[slot]);
            out.writeInt(length[slot]);
            out.write(bytes.byteArray(), (int)(start[slot] % capacity), length[slot]);
        }
    }

    /**
     * Replace the window by one written by {@link #write(DataOutput)}; if the limits are smaller than the writer's, the
     * oldest commands are dropped.
     */
    public void read(final DataInput in) throws IOException
    {
        count = 0;
        end = 0;
        final int written = in.readInt();
        final long first = in.readLong();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i < written; i++)
        {
            final int gateway = in.readInt();
            final long gatewaySeq = in.readLong();
            final int commandLength = in.readInt();
            final byte[] command = new byte[commandLength];
            in.readFully(command);
            scratch.wrap(command);
            append(first + i, gateway, gatewaySeq, scratch, 0, commandLength);
        }
    }

    private int slot(final long sequence)
    {
        return (int)(sequence % maxCommands);
    }

    private int checkedSlot(final long sequence)
    {
        if (!contains(sequence))
        {
            throw new IllegalArgumentException("sequence " + sequence + " is not retained: the window holds " +
                firstSequence + " to " + lastSequence());
        }
        return slot(sequence);
    }
}
