package io.carbonx.engine.block;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.protocol.sbe.BlockTradeExecutedEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.RejectReason;

/**
 * Encodes the events of one block trade command: its execution or its rejection.
 */
final class BlockTradeEvents
{
    private final EventEnvelope envelope;
    private final BlockTradeExecutedEncoder executed = new BlockTradeExecutedEncoder();

    BlockTradeEvents(final EventEnvelope envelope)
    {
        this.envelope = envelope;
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
        final long serialStart,
        final long serialEnd,
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
            .serialStart(serialStart)
            .serialEnd(serialEnd)
            .inClosingPrice(inClosingPrice ? BooleanType.TRUE : BooleanType.FALSE);
        envelope.publish(executed.encodedLength());
    }
}
