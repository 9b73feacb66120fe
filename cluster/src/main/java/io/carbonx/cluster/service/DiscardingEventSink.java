package io.carbonx.cluster.service;

import io.carbonx.engine.event.EventSink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drops every event: a cluster node applies commands only to keep the state and its hash; the gateways' mirrors
 * produce the events. Written by the clustered service's thread only.
 */
final class DiscardingEventSink implements EventSink
{
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);

    @Override
    public MutableDirectBuffer claim()
    {
        return scratch;
    }

    @Override
    public void publish(final int length)
    {
    }
}
