package io.carbonx.gateway.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The API's commands in flight, by correlation id: registered by the publishing thread, completed by the engine's
 * event listener thread and the read replica's thread.
 */
final class PendingCommands
{
    private final ConcurrentMap<Long, PendingCommand> byCorrelation = new ConcurrentHashMap<>();

    PendingCommand register(final long correlationId)
    {
        final PendingCommand pending = new PendingCommand(correlationId);
        byCorrelation.put(correlationId, pending);
        return pending;
    }

    PendingCommand get(final long correlationId)
    {
        return byCorrelation.get(correlationId);
    }

    void remove(final long correlationId)
    {
        byCorrelation.remove(correlationId);
    }
}
