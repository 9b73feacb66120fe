package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.carbonx.engine.event.EventSink;
import org.agrona.MutableDirectBuffer;

/**
 * The state machine's {@link EventSink} while the engine runs: each claim is a slot of the outbound ring, so events are
 * encoded in place and copied nowhere. Owned by the business-logic thread, the ring's only producer.
 * <p>
 * A claim that is not published (the state machine threw between the two) is handed out again by the next
 * {@link #claim()}, so the ring never holds a slot that was claimed and abandoned.
 */
final class RingEventSink implements EventSink
{
    private static final long NONE = -1;

    private final RingBuffer<EventSlot> ring;
    private long claimedSequence = NONE;
    private EventSlot claimedSlot;
    private long commandSequence;

    RingEventSink(final RingBuffer<EventSlot> ring)
    {
        this.ring = ring;
    }

    /**
     * Tag the events that follow with the command that causes them.
     */
    void commandSequence(final long commandSequence)
    {
        this.commandSequence = commandSequence;
    }

    @Override
    public MutableDirectBuffer claim()
    {
        if (NONE == claimedSequence)
        {
            claimedSequence = ring.next();
            claimedSlot = ring.get(claimedSequence);
        }
        return claimedSlot.buffer();
    }

    @Override
    public void publish(final int length)
    {
        if (NONE == claimedSequence)
        {
            throw new IllegalStateException("publish without claim");
        }
        if (length <= 0 || length > MAX_EVENT_LENGTH)
        {
            throw new IllegalArgumentException("event length " + length + " outside 1.." + MAX_EVENT_LENGTH);
        }

        claimedSlot.set(length, commandSequence);
        final long sequence = claimedSequence;
        claimedSequence = NONE;
        claimedSlot = null;
        ring.publish(sequence);
    }
}
