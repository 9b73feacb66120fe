package io.carbonx.engine.block;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.event.SerialBlocksPublisher;
import io.carbonx.protocol.sbe.BlockTradeExecutedEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.SerialRanges;

/**
 * Encodes the events of one block trade command: its execution or its rejection.
 */
final class BlockTradeEvents
{
    private final EventEnvelope envelope;
    private final SerialBlocksPublisher serialBlocks;
    private final BlockTradeExecutedEncoder executed = new BlockTradeExecutedEncoder();

    BlockTradeEvents(final EventEnvelope envelope)
    {
        this.envelope = envelope;
        this.serialBlocks = new SerialBlocksPublisher(envelope);
    }

    /**
     * @param crossId   goes in the rejection's orderId, so the sender can match it to its cross.
     * @param accountId the side the reason is about.
     */
    void rejected(final long crossId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        envelope.rejected(CommandKind.BLOCK_TRADE, crossId, accountId, instrumentId, reason);
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
        final SerialRanges delivered,
        final boolean inClosingPrice)
    {
        executed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .tradeId(tradeId)
            .crossId(crossId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .buyerAccountId(buyerAccountId)
            .sellerAccountId(sellerAccountId)
            .buyerFee(buyerFee)
            .sellerFee(sellerFee)
            .inClosingPrice(inClosingPrice ? BooleanType.TRUE : BooleanType.FALSE);
        envelope.publish(executed.encodedLength());
        serialBlocks.publish(RegistryOperationType.BLOCK_TRADE, instrumentId, sellerAccountId, buyerAccountId, tradeId,
            quantity, delivered);
    }
}
