package io.carbonx.engine.block;

import io.carbonx.protocol.sbe.BlockTradeEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes block trade commands into a buffer. Not thread-safe: one writer per producing thread.
 */
public final class BlockTradeCommandWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BlockTradeEncoder blockTrade = new BlockTradeEncoder();

    /**
     * @return the encoded length including the message header.
     */
    public int blockTrade(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final int sourceId,
        final long correlationId,
        final long crossId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long buyerAccountId,
        final int buyerBrokerId,
        final long sellerAccountId,
        final int sellerBrokerId)
    {
        blockTrade.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .crossId(crossId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .buyerAccountId(buyerAccountId)
            .buyerBrokerId(buyerBrokerId)
            .sellerAccountId(sellerAccountId)
            .sellerBrokerId(sellerBrokerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + blockTrade.encodedLength();
    }
}
