package io.carbonx.gateway.http;

import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import org.agrona.DirectBuffer;

/**
 * The engine's event listener for the HTTP API: an event with the API's source id tells the request waiting under its
 * correlation id that the engine has answered its command. What the command did is reported from the read replica,
 * which applies the same journal, so this listener copies nothing.
 * <p>
 * Runs only on the engine's listener thread given to it by the pipeline (one thread per listener), which alone uses
 * its decoders; what it completes is thread-safe.
 */
final class HttpEventRouter implements EngineEventListener
{
    private final EngineEventAdapter adapter = new EngineEventAdapter(new EngineEventHandler()
    {
    });
    private final PendingCommands pending;

    HttpEventRouter(final PendingCommands pending)
    {
        this.pending = pending;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        final EventEnvelopeDecoder envelope = adapter.envelope(buffer, offset);
        if (envelope != null && envelope.sourceId() == SourceIds.HTTP)
        {
            final PendingCommand command = pending.get(envelope.correlationId());
            if (command != null)
            {
                command.engineAnswered(commandSequence);
            }
        }
    }

    @Override
    public String roleName()
    {
        return "http";
    }
}
