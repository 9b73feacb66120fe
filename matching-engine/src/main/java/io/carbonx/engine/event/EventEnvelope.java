package io.carbonx.engine.event;

import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.EventEnvelopeEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.MutableDirectBuffer;

/**
 * The command being applied, as every event it causes repeats it (sequence, time, source, correlation and the acting
 * user), and the
 * sink those events go to. The state machine begins it once per command; every encoder of its events (orders,
 * compliance, auctions, block trades) claims its buffer here, and {@link #claim()} stamps the schema's
 * {@code eventEnvelope} (the first field of every event) into it, so no event can miss or disagree about the envelope.
 */
public final class EventEnvelope
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandRejectedEncoder rejected = new CommandRejectedEncoder();
    private final EventEnvelopeEncoder stamp = new EventEnvelopeEncoder();

    private EventSink sink;
    private long sequence;
    private long timestamp;
    private int sourceId;
    private long correlationId;
    private long userId;

    /**
     * Start the events of one command.
     *
     * @param timestamp the machine's clock once the command's timestamp has moved it.
     * @param userId    who acted: the command envelope's user, read together with {@code sourceId}.
     */
    public void begin(final EventSink sink, final long sequence, final long timestamp, final int sourceId,
        final long correlationId, final long userId)
    {
        this.userId = userId;
        this.sink = sink;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.sourceId = sourceId;
        this.correlationId = correlationId;
    }

    /**
     * @return the buffer to encode the next event into, at offset 0, with {@link #header()}; its envelope (the first
     * field of every event, right after the header) is already stamped, so encoders write only their own fields.
     */
    public MutableDirectBuffer claim()
    {
        final MutableDirectBuffer buffer = sink.claim();
        stamp.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .userId(userId);
        return buffer;
    }

    public MessageHeaderEncoder header()
    {
        return header;
    }

    /**
     * Publish the event encoded into the last {@link #claim()}.
     *
     * @param bodyLength the event's encoded length, header excluded.
     */
    public void publish(final int bodyLength)
    {
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the machine's clock while the command is applied.
     */
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

    /**
     * Publish that the command was refused and changed nothing.
     *
     * @param orderId the order (or bid, or cross) the command was about; 0 when none.
     */
    public void rejected(
        final CommandKind kind, final long orderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        rejected.wrapAndApplyHeader(claim(), 0, header)
            .commandKind(kind)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .reason(reason);
        publish(rejected.encodedLength());
    }
}
