package io.carbonx.engine.block;

import io.carbonx.protocol.CommandEnvelope;
import io.carbonx.protocol.sbe.BlockTradeEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes block trade commands into a buffer, in the same envelope style as the other command writers. Not
 * thread-safe: one writer per producing thread.
 */
public final class BlockTradeCommandWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BlockTradeEncoder blockTrade = new BlockTradeEncoder();
    private final CommandEnvelope envelope = new CommandEnvelope();

    /**
     * Set the envelope that the following commands carry: the time, the sending source, its correlation id and the
     * user who acts (see {@link CommandEnvelope#set}).
     *
     * @return this, for chaining into the command.
     */
    public BlockTradeCommandWriter envelope(
        final long timestamp, final int sourceId, final long correlationId, final long userId)
    {
        envelope.set(timestamp, sourceId, correlationId, userId);
        return this;
    }

    /**
     * @return the encoded length including the message header.
     */
    public int blockTrade(
        final MutableDirectBuffer buffer,
        final int offset,
        final long crossId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long buyerAccountId,
        final int buyerBrokerId,
        final long sellerAccountId,
        final int sellerBrokerId)
    {
        blockTrade.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(blockTrade.envelope());
        blockTrade.crossId(crossId)
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
