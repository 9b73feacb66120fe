package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One slot of the outbound ring: an event the state machine encoded in place, and the command that caused it.
 */
final class EventSlot
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EventSink.MAX_EVENT_LENGTH]);
    private int length;
    private long commandSequence;

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    long commandSequence()
    {
        return commandSequence;
    }

    void set(final int length, final long commandSequence)
    {
        this.length = length;
        this.commandSequence = commandSequence;
    }
}
