package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A producer's claim on one inbound ring slot, for encoding a command in place rather than copying it in.
 * <p>
 * Reusable flyweight: each producer thread keeps one and passes it to {@link EnginePipeline#claim(CommandClaim)}.
 * Every claim must end in exactly one {@link #commit(int)} or {@link #abort()}, promptly: the engine cannot pass an
 * open claim, so an abandoned one stalls the engine.
 * <pre>{@code
 * engine.claim(claim);
 * try
 * {
 *     final int length = encodeNewOrder(claim.buffer(), 0);
 *     claim.commit(length);
 * }
 * catch (final RuntimeException ex)
 * {
 *     claim.abort();
 *     throw ex;
 * }
 * }</pre>
 */
public final class CommandClaim
{
    private static final long NONE = -1;

    private RingBuffer<CommandSlot> ring;
    private CommandSlot slot;
    private long ringSequence = NONE;

    /**
     * @return the buffer to encode one command into, at offset 0, of {@link #capacity()} bytes.
     */
    public MutableDirectBuffer buffer()
    {
        requireOpen();
        return slot.buffer();
    }

    public int capacity()
    {
        return CommandSlot.MAX_COMMAND_LENGTH;
    }

    /**
     * Publish the command encoded at offset 0 of {@link #buffer()}.
     *
     * @param length of the command, header included.
     * @throws IllegalArgumentException if the length is out of range; the claim is then aborted.
     */
    public void commit(final int length)
    {
        requireOpen();
        if (length <= 0 || length > CommandSlot.MAX_COMMAND_LENGTH)
        {
            abort();
            throw new IllegalArgumentException(
                "command length " + length + " outside 1.." + CommandSlot.MAX_COMMAND_LENGTH);
        }
        release(length);
    }

    /**
     * Give the slot back without a command. It passes through the engine as a gap that uses no sequence.
     */
    public void abort()
    {
        requireOpen();
        release(0);
    }

    boolean isOpen()
    {
        return NONE != ringSequence;
    }

    void wrap(final RingBuffer<CommandSlot> ring, final long ringSequence)
    {
        this.ring = ring;
        this.slot = ring.get(ringSequence);
        this.ringSequence = ringSequence;
    }

    private void release(final int length)
    {
        slot.length(length);
        final long sequence = ringSequence;
        ringSequence = NONE;
        slot = null;
        ring.publish(sequence);
    }

    private void requireOpen()
    {
        if (NONE == ringSequence)
        {
            throw new IllegalStateException("no open claim");
        }
    }
}
