package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An {@link EventSink} that hands each event straight to a listener on the calling thread, without a ring: for
 * replaying the journal, where events are either re-emitted to one listener or dropped.
 */
final class ListenerEventSink implements EventSink
{
    private static final Logger LOG = LoggerFactory.getLogger(ListenerEventSink.class);
    private static final EngineEventListener DISCARD = (buffer, offset, length, commandSequence) -> {};

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);
    private final EngineEventListener listener;
    private long commandSequence;

    /**
     * @param listener to receive the events, or null to drop them.
     */
    ListenerEventSink(final EngineEventListener listener)
    {
        this.listener = listener != null ? listener : DISCARD;
    }

    void commandSequence(final long commandSequence)
    {
        this.commandSequence = commandSequence;
    }

    @Override
    public MutableDirectBuffer claim()
    {
        return buffer;
    }

    @Override
    public void publish(final int length)
    {
        if (length <= 0 || length > MAX_EVENT_LENGTH)
        {
            throw new IllegalArgumentException("event length " + length + " outside 1.." + MAX_EVENT_LENGTH);
        }
        try
        {
            listener.onEvent(buffer, 0, length, commandSequence);
        }
        catch (final RuntimeException ex)
        {
            // as in the pipeline: a listener's fault must not cut a command's application short
            LOG.error("listener {} failed on an event of command {}", listener.roleName(), commandSequence, ex);
        }
    }
}
