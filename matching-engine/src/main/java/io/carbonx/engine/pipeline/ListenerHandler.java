package io.carbonx.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbound ring to one {@link EngineEventListener} on that listener's own thread.
 */
final class ListenerHandler implements EventHandler<EventSlot>
{
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandler.class);

    private final EngineEventListener listener;

    ListenerHandler(final EngineEventListener listener)
    {
        this.listener = listener;
    }

    @Override
    public void onEvent(final EventSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        try
        {
            listener.onEvent(slot.buffer(), 0, slot.length(), slot.commandSequence());
        }
        catch (final Throwable ex)
        {
            LOG.error("listener {} failed on an event of command {}", listener.roleName(), slot.commandSequence(), ex);
        }

        if (endOfBatch)
        {
            try
            {
                listener.onEndOfBatch();
            }
            catch (final Throwable ex)
            {
                LOG.error("listener {} failed at the end of a batch", listener.roleName(), ex);
            }
        }
    }
}
