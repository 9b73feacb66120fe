package io.carbonx.gateway.http;

import io.carbonx.gateway.http.command.CommandRequest;
import io.carbonx.gateway.http.command.CommandEncoders;

import io.carbonx.engine.approval.ApprovalCommandWriter;
import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineUnavailableException;
import io.carbonx.protocol.SourceIds;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.ZoneId;

/**
 * Encodes the API's commands with the HTTP source id and a fresh correlation id, registers them as pending, and
 * publishes them into the engine. Serialised: one writer and buffer for every request thread.
 * <p>
 * Thread-safe by its monitor: the server's composing thread sets the engine and any API worker publishes, each
 * inside a synchronized method, so the writers, buffer and correlation counter have one writer at a time.
 */
final class CommandPublisher
{
    private final PendingCommands pending;
    private final Instruments instruments;
    private final ZoneId zone;
    private final CommandWriter writer = new CommandWriter();
    private final AuctionCommandWriter auctionWriter = new AuctionCommandWriter();
    private final ApprovalCommandWriter approvalWriter = new ApprovalCommandWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
    private EnginePipeline engine;
    // Started from the clock so that correlation ids stay unique in the journal across restarts.
    private long nextCorrelationId = System.currentTimeMillis() * 1_000;

    CommandPublisher(final PendingCommands pending, final Instruments instruments, final ZoneId zone)
    {
        this.pending = pending;
        this.instruments = instruments;
        this.zone = zone;
    }

    synchronized void engine(final EnginePipeline engine)
    {
        this.engine = engine;
    }

    /**
     * @throws ApiException 400 when the request names something unknown, 503 when the engine does not accept commands.
     */
    synchronized PendingCommand publish(final CommandRequest request, final ApiUser sender)
    {
        if (engine == null)
        {
            throw new ApiException(503, "the engine is not started");
        }
        final long correlationId = ++nextCorrelationId;
        final long timestamp = System.currentTimeMillis() * 1_000_000L;
        writer.envelope(timestamp, SourceIds.HTTP, correlationId, sender.userId());
        auctionWriter.envelope(timestamp, SourceIds.HTTP, correlationId, sender.userId());
        approvalWriter.envelope(timestamp, SourceIds.HTTP, correlationId, sender.userId());
        final int brokerId = sender.role() == ApiRole.BROKER ? sender.brokerId() : 0;
        final int length = request.encode(
            new CommandEncoders(writer, auctionWriter, approvalWriter, instruments, brokerId, zone), buffer);
        final PendingCommand command = pending.register(correlationId);
        try
        {
            engine.publish(buffer, 0, length);
        }
        catch (final EngineUnavailableException ex)
        {
            pending.remove(correlationId);
            throw new ApiException(503, "the engine does not accept commands: " + ex.getMessage());
        }
        return command;
    }

    void forget(final long correlationId)
    {
        pending.remove(correlationId);
    }
}
