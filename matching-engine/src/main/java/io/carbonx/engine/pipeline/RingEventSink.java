package io.carbonx.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.carbonx.engine.event.EventSink;
import org.agrona.MutableDirectBuffer;

/**
 * The state machine's {@link EventSink} while the engine runs: each claim is a slot of the outbound ring, so events are
 * encoded in place and copied nowhere. Owned by the business-logic thread, the ring's only producer.
 * <p>
 * Events are made visible to the listeners in batches: {@link #publish(int)} fills the slot, and {@link #flush()},
 * called at the end of each batch of commands, publishes every filled slot with one write of the ring's cursor, so
 * listeners wake once per batch rather than once per event. A claim that would leave too many filled slots unpublished
 * flushes first, so the ring can never fill up with events the listeners are not allowed to read.
 * <p>
 * A claim that is not published (the state machine threw between the two) is handed out again by the next
 * {@link #claim()}, so the ring never holds a slot that was claimed and abandoned.
 */
final class RingEventSink implements EventSink
{
    private static final long NONE = -1;
    private static final int MAX_UNPUBLISHED = 256;

    private final RingBuffer<EventSlot> ring;
    private final int maxUnpublished;
    private long claimedSequence = NONE;
    private EventSlot claimedSlot;
    private long filledSequence;
    private long publishedSequence;
    private long commandSequence;

    RingEventSink(final RingBuffer<EventSlot> ring)
    {
        this.ring = ring;
        this.maxUnpublished = Math.min(MAX_UNPUBLISHED, ring.getBufferSize() / 2);
        this.filledSequence = ring.getCursor();
        this.publishedSequence = filledSequence;
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
            if (filledSequence - publishedSequence >= maxUnpublished)
            {
                flush();
            }
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
        filledSequence = claimedSequence;
        claimedSequence = NONE;
        claimedSlot = null;
    }

    /**
     * Let the listeners see every event published so far.
     */
    void flush()
    {
        if (filledSequence != publishedSequence)
        {
            publishedSequence = filledSequence;
            ring.publish(filledSequence);
        }
    }
}
