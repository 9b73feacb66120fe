package io.carbonx.engine.block;

import io.carbonx.engine.core.EventSink;
import io.carbonx.protocol.sbe.BlockTradeExecutedEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.RejectReason;

/**
 * Encodes the events of one block trade command: its execution or its rejection.
 */
final class BlockTradeEvents
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BlockTradeExecutedEncoder executed = new BlockTradeExecutedEncoder();
    private final CommandRejectedEncoder rejected = new CommandRejectedEncoder();

    private EventSink sink;
    private long sequence;
    private long timestamp;
    private int sourceId;
    private long correlationId;

    void begin(final EventSink sink, final long sequence, final long timestamp, final int sourceId, final long correlationId)
    {
        this.sink = sink;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.sourceId = sourceId;
        this.correlationId = correlationId;
    }

    /**
     * @param crossId   goes in the rejection's orderId, so the sender can match it to its cross.
     * @param accountId the side the reason is about.
     */
    void rejected(final long crossId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        rejected.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .commandKind(CommandKind.BLOCK_TRADE)
            .orderId(crossId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .reason(reason);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + rejected.encodedLength());
    }

    void executed(
        final long tradeId,
        final long crossId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long buyerAccountId,
        final long sellerAccountId,
        final long buyerFee,
        final long sellerFee,
        final long serialStart,
        final long serialEnd,
        final boolean inClosingPrice)
    {
        executed.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .tradeId(tradeId)
            .crossId(crossId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .buyerAccountId(buyerAccountId)
            .sellerAccountId(sellerAccountId)
            .buyerFee(buyerFee)
            .sellerFee(sellerFee)
            .serialStart(serialStart)
            .serialEnd(serialEnd)
            .inClosingPrice(inClosingPrice ? BooleanType.TRUE : BooleanType.FALSE);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + executed.encodedLength());
    }
}
