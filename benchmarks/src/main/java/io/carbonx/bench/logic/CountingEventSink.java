package io.carbonx.bench.logic;

import io.carbonx.engine.event.EventSink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An event sink that keeps nothing: every event is encoded into the same buffer and only counted, or, when asked,
 * folded into a digest of all event bytes so that two builds can be shown to publish exactly the same events.
 * Written only by the thread applying commands.
 */
final class CountingEventSink implements EventSink
{
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);
    private final boolean digesting;
    private long events;
    private long digest;

    CountingEventSink(final boolean digesting)
    {
        this.digesting = digesting;
    }

    @Override
    public MutableDirectBuffer claim()
    {
        return buffer;
    }

    @Override
    public void publish(final int length)
    {
        events++;
        if (digesting)
        {
            long hash = digest * MIX + length;
            for (int i = 0; i < length; i++)
            {
                hash = (hash ^ buffer.getByte(i)) * MIX;
            }
            digest = hash;
        }
    }

    long events()
    {
        return events;
    }

    long digest()
    {
        return digest;
    }
}
