package io.carbonx.protocol;

import io.carbonx.protocol.sbe.CommandEnvelopeEncoder;

/**
 * The envelope a command writer puts in front of every command it encodes (the schema's {@code commandEnvelope}):
 * when, from which source, with which correlation id, and by which user. Every command writer holds one and stamps
 * it the same way, so the journal records who did what in one form. Mutable; owned by the writer's producing thread.
 */
public final class CommandEnvelope
{
    private long timestamp;
    private int sourceId;
    private long correlationId;
    private long userId;

    /**
     * Set the envelope that the following commands carry.
     *
     * @param timestamp     epoch nanoseconds, the command's time in the engine.
     * @param sourceId      one of {@link SourceIds}.
     * @param correlationId chosen by the source, to match the command's events to it.
     * @param userId        who acted (see {@link UserIds}): the FIX session or API user, {@link UserIds#EXCHANGE}
     *                      for the exchange itself.
     */
    public void set(final long timestamp, final int sourceId, final long correlationId, final long userId)
    {
        this.timestamp = timestamp;
        this.sourceId = sourceId;
        this.correlationId = correlationId;
        this.userId = userId;
    }

    /**
     * Write the envelope into a command's envelope field.
     */
    public void stamp(final CommandEnvelopeEncoder encoder)
    {
        encoder
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .userId(userId);
    }

    public long timestamp()
    {
        return timestamp;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public long correlationId()
    {
        return correlationId;
    }

    public long userId()
    {
        return userId;
    }
}
