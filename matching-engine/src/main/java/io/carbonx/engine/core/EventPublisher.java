package io.carbonx.engine.core;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.DayClosedEncoder;
import io.carbonx.protocol.sbe.InstrumentListedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.OrderAmendedEncoder;
import io.carbonx.protocol.sbe.OrderCancelledEncoder;
import io.carbonx.protocol.sbe.OrderExpiredEncoder;
import io.carbonx.protocol.sbe.RegistryChangedEncoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.SelfTradePreventedEncoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeEncoder;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TradingPhaseChangedEncoder;

/**
 * Encodes the state machine's events into an {@link EventSink}, one reusable SBE flyweight per event type, each event
 * stamped with the sequence and time of the command being applied.
 */
final class EventPublisher
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder accepted = new OrderAcceptedEncoder();
    private final CommandRejectedEncoder rejected = new CommandRejectedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final OrderCancelledEncoder cancelled = new OrderCancelledEncoder();
    private final OrderAmendedEncoder amended = new OrderAmendedEncoder();
    private final OrderExpiredEncoder expired = new OrderExpiredEncoder();
    private final SelfTradePreventedEncoder selfTrade = new SelfTradePreventedEncoder();
    private final TradingPhaseChangedEncoder phaseChanged = new TradingPhaseChangedEncoder();
    private final DayClosedEncoder dayClosed = new DayClosedEncoder();
    private final RegistryChangedEncoder registryChanged = new RegistryChangedEncoder();
    private final InstrumentListedEncoder instrumentListed = new InstrumentListedEncoder();

    private EventSink sink;
    private long sequence;
    private long timestamp;
    private int sourceId;
    private long correlationId;

    /**
     * Start publishing the events of one command.
     */
    void begin(final EventSink sink, final long sequence, final long timestamp, final int sourceId, final long correlationId)
    {
        this.sink = sink;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.sourceId = sourceId;
        this.correlationId = correlationId;
    }

    void orderAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price, final long quantity)
    {
        accepted.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .price(price)
            .quantity(quantity);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + accepted.encodedLength());
    }

    void rejected(
        final CommandKind kind, final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        rejected.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .commandKind(kind)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .reason(reason);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + rejected.encodedLength());
    }

    void trade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side aggressorSide,
        final long takerOrderId,
        final long takerAccountId,
        final long takerLeaves,
        final long makerOrderId,
        final long makerAccountId,
        final long makerLeaves,
        final long buyerFee,
        final long sellerFee)
    {
        trade.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .tradeId(tradeId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .aggressorSide(aggressorSide)
            .takerOrderId(takerOrderId)
            .takerAccountId(takerAccountId)
            .takerLeavesQuantity(takerLeaves)
            .makerOrderId(makerOrderId)
            .makerAccountId(makerAccountId)
            .makerLeavesQuantity(makerLeaves)
            .buyerFee(buyerFee)
            .sellerFee(sellerFee);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    void cancelled(
        final long orderId, final long accountId, final int instrumentId, final long quantity, final CancelReason reason)
    {
        cancelled.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .cancelledQuantity(quantity)
            .reason(reason);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + cancelled.encodedLength());
    }

    void amended(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long leaves,
        final boolean priorityKept)
    {
        amended.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .leavesQuantity(leaves)
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + amended.encodedLength());
    }

    void expired(final long orderId, final long accountId, final int instrumentId, final long quantity)
    {
        expired.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .expiredQuantity(quantity);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + expired.encodedLength());
    }

    void selfTradePrevented(
        final int instrumentId, final long accountId, final long incomingOrderId, final long restingOrderId,
        final SelfTradePolicy policy)
    {
        selfTrade.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .accountId(accountId)
            .incomingOrderId(incomingOrderId)
            .restingOrderId(restingOrderId)
            .policy(policy);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + selfTrade.encodedLength());
    }

    void phaseChanged(final int instrumentId, final TradingPhase phase)
    {
        phaseChanged.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .phase(phase);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + phaseChanged.encodedLength());
    }

    void dayClosed(
        final int tradingDate, final int instrumentId, final long closingPrice, final long volume, final long turnover)
    {
        dayClosed.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .tradingDate(tradingDate)
            .instrumentId(instrumentId)
            .closingPrice(closingPrice)
            .volume(volume)
            .turnover(turnover);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + dayClosed.encodedLength());
    }

    void registryChanged(
        final int commandTemplateId,
        final long accountId,
        final long counterpartyAccountId,
        final int instrumentId,
        final long quantity,
        final long amount,
        final long serialStart,
        final long serialEnd)
    {
        registryChanged.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .commandTemplateId(commandTemplateId)
            .accountId(accountId)
            .counterpartyAccountId(counterpartyAccountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .amount(amount)
            .serialStart(serialStart)
            .serialEnd(serialEnd);
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + registryChanged.encodedLength());
    }

    void instrumentListed(final InstrumentSpec spec, final TradingPhase phase)
    {
        instrumentListed.wrapAndApplyHeader(sink.claim(), 0, header)
            .commandSequence(sequence)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .instrumentId(spec.id())
            .symbol(spec.symbol())
            .kind(spec.kind())
            .referencePrice(spec.referencePrice())
            .phase(phase)
            .vintage(spec.vintage())
            .tickSize(spec.tickSize())
            .lotSize(spec.lotSize())
            .minQuantity(spec.minQuantity())
            .maxQuantity(spec.maxQuantity())
            .priceBandBps(spec.priceBandBps())
            .selfTradePolicy(spec.selfTradePolicy());
        sink.publish(MessageHeaderEncoder.ENCODED_LENGTH + instrumentListed.encodedLength());
    }
}
