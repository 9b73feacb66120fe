package io.carbonx.engine.pipeline;

import io.carbonx.protocol.sbe.CancelOrderEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.NewOrderEncoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TakeSnapshotEncoder;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.BooleanType;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the commands the tests send. One instance per thread: the encoders are flyweights.
 */
public final class TestCommands
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();

    /**
     * @return the encoded length.
     */
    public int newOrder(
        final MutableDirectBuffer buffer, final int sourceId, final long correlationId, final long orderId,
        final long quantity)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header);
        newOrder.envelope()
            .timestamp(correlationId * 1_000)
            .sourceId(sourceId)
            .correlationId(correlationId);
        newOrder.orderId(orderId)
            .accountId(1000 + sourceId)
            .brokerId(0)
            .instrumentId(1)
            .side(0 == (orderId & 1) ? Side.BUY : Side.SELL)
            .orderType(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .postOnly(BooleanType.FALSE)
            .price(10_000 + orderId % 100)
            .quantity(quantity)
            .expireTime(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    public int cancelOrder(final MutableDirectBuffer buffer, final int sourceId, final long correlationId,
        final long orderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header);
        cancelOrder.envelope()
            .timestamp(correlationId * 1_000)
            .sourceId(sourceId)
            .correlationId(correlationId);
        cancelOrder.orderId(orderId)
            .accountId(1000 + sourceId)
            .brokerId(0)
            .instrumentId(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength();
    }

    public int takeSnapshot(final MutableDirectBuffer buffer, final int sourceId, final long correlationId)
    {
        takeSnapshot.wrapAndApplyHeader(buffer, 0, header);
        takeSnapshot.envelope()
            .timestamp(correlationId * 1_000)
            .sourceId(sourceId)
            .correlationId(correlationId);
        return MessageHeaderEncoder.ENCODED_LENGTH + takeSnapshot.encodedLength();
    }
}
