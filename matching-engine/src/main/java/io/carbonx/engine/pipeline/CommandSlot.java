package io.carbonx.engine.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One slot of the inbound ring. A producer copies or encodes a command into the preallocated buffer and sets its
 * length; the business-logic thread then journals it under a sequence, or marks it {@link #NOT_SEQUENCED}, and
 * applies only sequenced commands. The ring's sequence barrier orders the producer's writes before the business
 * logic's reads, so the fields need no fences of their own.
 */
final class CommandSlot
{
    /**
     * The largest command in the schema is RetireUnits with two texts of 1,024 characters: 2,100 bytes with its
     * header. Rounded up to whole cache lines.
     */
    static final int MAX_COMMAND_LENGTH = 2112;

    /**
     * The slot holds nothing to apply: an aborted claim, or a command the journal did not take.
     */
    static final long NOT_SEQUENCED = -1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_COMMAND_LENGTH]);
    private int length;
    private long sequence = NOT_SEQUENCED;

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    void length(final int length)
    {
        this.length = length;
    }

    long sequence()
    {
        return sequence;
    }

    void sequence(final long sequence)
    {
        this.sequence = sequence;
    }
}
