package io.carbonx.engine.pipeline;

import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.OrderCancelledEncoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.TakeSnapshotDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A small deterministic stand-in for the exchange state machine, for testing the pipeline around it: keeps open
 * orders as id to quantity, accepts a NewOrder with a positive quantity and an unused id, cancels an open order, and
 * rejects everything else with a reason. One event per command; TakeSnapshot changes nothing and answers nothing.
 * The map is sorted so that hashing and snapshots see the same order whatever history built it.
 */
public final class OrderMapStateMachine implements StateMachine
{
    /**
     * The factory the crash test's child process is told to use.
     */
    public static final class Factory implements Supplier<StateMachine>
    {
        @Override
        public StateMachine get()
        {
            return new OrderMapStateMachine();
        }
    }

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final OrderAcceptedEncoder accepted = new OrderAcceptedEncoder();
    private final OrderCancelledEncoder cancelled = new OrderCancelledEncoder();
    private final CommandRejectedEncoder rejected = new CommandRejectedEncoder();

    private final TreeMap<Long, Long> openOrders = new TreeMap<>();
    private long lastAppliedSequence = -1;
    private long acceptedCount;
    private long rejectedCount;

    @Override
    public void apply(
        final long sequence, final DirectBuffer buffer, final int offset, final int length, final EventSink events)
    {
        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (headerDecoder.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                onNewOrder(sequence, events);
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                onCancelOrder(sequence, events);
                break;

            case TakeSnapshotDecoder.TEMPLATE_ID:
                break;

            default:
                reject(sequence, 0, 0, 0, CommandKind.ADMIN, 0, RejectReason.UNKNOWN_COMMAND, events);
                break;
        }
        lastAppliedSequence = sequence;
    }

    private void onNewOrder(final long sequence, final EventSink events)
    {
        final long orderId = newOrder.orderId();
        final long quantity = newOrder.quantity();
        if (quantity <= 0)
        {
            reject(sequence, newOrder.envelope().timestamp(), newOrder.envelope().sourceId(), newOrder.envelope()
                .correlationId(),
                CommandKind.NEW_ORDER, orderId, RejectReason.QUANTITY_OUT_OF_RANGE, events);
            return;
        }
        if (openOrders.containsKey(orderId))
        {
            reject(sequence, newOrder.envelope().timestamp(), newOrder.envelope().sourceId(), newOrder.envelope()
                .correlationId(),
                CommandKind.NEW_ORDER, orderId, RejectReason.DUPLICATE_ORDER_ID, events);
            return;
        }

        openOrders.put(orderId, quantity);
        acceptedCount++;
        final MutableDirectBuffer out = events.claim();
        accepted.wrapAndApplyHeader(out, 0, headerEncoder);
        accepted.envelope()
            .commandSequence(sequence)
            .timestamp(newOrder.envelope().timestamp())
            .sourceId(newOrder.envelope().sourceId())
            .correlationId(newOrder.envelope().correlationId());
        accepted.orderId(orderId)
            .accountId(newOrder.accountId())
            .instrumentId(newOrder.instrumentId())
            .side(newOrder.side())
            .price(newOrder.price())
            .quantity(quantity);
        events.publish(MessageHeaderEncoder.ENCODED_LENGTH + accepted.encodedLength());
    }

    private void onCancelOrder(final long sequence, final EventSink events)
    {
        final long orderId = cancelOrder.orderId();
        final Long quantity = openOrders.remove(orderId);
        if (quantity == null)
        {
            reject(sequence, cancelOrder.envelope().timestamp(), cancelOrder.envelope().sourceId(),
                cancelOrder.envelope().correlationId(),
                CommandKind.CANCEL_ORDER, orderId, RejectReason.UNKNOWN_ORDER, events);
            return;
        }

        final MutableDirectBuffer out = events.claim();
        cancelled.wrapAndApplyHeader(out, 0, headerEncoder);
        cancelled.envelope()
            .commandSequence(sequence)
            .timestamp(cancelOrder.envelope().timestamp())
            .sourceId(cancelOrder.envelope().sourceId())
            .correlationId(cancelOrder.envelope().correlationId());
        cancelled.orderId(orderId)
            .accountId(cancelOrder.accountId())
            .instrumentId(cancelOrder.instrumentId())
            .cancelledQuantity(quantity)
            .reason(CancelReason.REQUESTED);
        events.publish(MessageHeaderEncoder.ENCODED_LENGTH + cancelled.encodedLength());
    }

    private void reject(
        final long sequence,
        final long timestamp,
        final int sourceId,
        final long correlationId,
        final CommandKind kind,
        final long orderId,
        final RejectReason reason,
        final EventSink events)
    {
        rejectedCount++;
        final MutableDirectBuffer out = events.claim();
        rejected.wrapAndApplyHeader(out, 0, headerEncoder);
        rejected.envelope()
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId);
        rejected.commandKind(kind)
            .orderId(orderId)
            .accountId(0)
            .instrumentId(0)
            .reason(reason);
        events.publish(MessageHeaderEncoder.ENCODED_LENGTH + rejected.encodedLength());
    }

    @Override
    public long stateHash()
    {
        long hash = mix(0x5EED, lastAppliedSequence);
        hash = mix(hash, acceptedCount);
        hash = mix(hash, rejectedCount);
        for (final Map.Entry<Long, Long> order : openOrders.entrySet())
        {
            hash = mix(mix(hash, order.getKey()), order.getValue());
        }
        return hash;
    }

    @Override
    public long lastAppliedSequence()
    {
        return lastAppliedSequence;
    }

    public int openOrderCount()
    {
        return openOrders.size();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(lastAppliedSequence);
        out.writeLong(acceptedCount);
        out.writeLong(rejectedCount);
        out.writeInt(openOrders.size());
        for (final Map.Entry<Long, Long> order : openOrders.entrySet())
        {
            out.writeLong(order.getKey());
            out.writeLong(order.getValue());
        }
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        openOrders.clear();
        lastAppliedSequence = in.readLong();
        acceptedCount = in.readLong();
        rejectedCount = in.readLong();
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            openOrders.put(in.readLong(), in.readLong());
        }
    }

    private static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return h * 0xBF58476D1CE4E5B9L;
    }
}
