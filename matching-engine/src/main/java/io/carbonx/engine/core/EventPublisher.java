package io.carbonx.engine.core;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.event.SerialBlocksPublisher;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.DayClosedEncoder;
import io.carbonx.protocol.sbe.InstrumentListedEncoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.OrderAmendedEncoder;
import io.carbonx.protocol.sbe.OrderCancelledEncoder;
import io.carbonx.protocol.sbe.OrderExpiredEncoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedEncoder;
import io.carbonx.protocol.sbe.RegistryChangedEncoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.SelfTradePreventedEncoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeEncoder;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TradingPhaseChangedEncoder;
import io.carbonx.registry.SerialRanges;
import io.carbonx.registry.UnitAttributes;

/**
 * Encodes the order, admin and registry events, one reusable SBE flyweight per event type, each stamped with the
 * {@link EventEnvelope} of the command being applied.
 */
final class EventPublisher
{
    private final EventEnvelope envelope;
    private final SerialBlocksPublisher serialBlocks;
    private final OrderAcceptedEncoder accepted = new OrderAcceptedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final OrderCancelledEncoder cancelled = new OrderCancelledEncoder();
    private final OrderAmendedEncoder amended = new OrderAmendedEncoder();
    private final OrderExpiredEncoder expired = new OrderExpiredEncoder();
    private final SelfTradePreventedEncoder selfTrade = new SelfTradePreventedEncoder();
    private final TradingPhaseChangedEncoder phaseChanged = new TradingPhaseChangedEncoder();
    private final DayClosedEncoder dayClosed = new DayClosedEncoder();
    private final RegistryChangedEncoder registryChanged = new RegistryChangedEncoder();
    private final ProjectUnitsIssuedEncoder projectUnitsIssued = new ProjectUnitsIssuedEncoder();
    private final InstrumentListedEncoder instrumentListed = new InstrumentListedEncoder();

    EventPublisher(final EventEnvelope envelope)
    {
        this.envelope = envelope;
        this.serialBlocks = new SerialBlocksPublisher(envelope);
    }

    void orderAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        accepted.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .price(price)
            .quantity(quantity);
        envelope.publish(accepted.encodedLength());
    }

    void rejected(
        final CommandKind kind, final long orderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        envelope.rejected(kind, orderId, accountId, instrumentId, reason);
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
        trade.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
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
        envelope.publish(trade.encodedLength());
    }

    void cancelled(
        final long orderId, final long accountId, final int instrumentId, final long quantity,
        final CancelReason reason)
    {
        cancelled.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .cancelledQuantity(quantity)
            .reason(reason);
        envelope.publish(cancelled.encodedLength());
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
        amended.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .leavesQuantity(leaves)
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE);
        envelope.publish(amended.encodedLength());
    }

    void expired(final long orderId, final long accountId, final int instrumentId, final long quantity)
    {
        expired.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .expiredQuantity(quantity);
        envelope.publish(expired.encodedLength());
    }

    void selfTradePrevented(
        final int instrumentId, final long accountId, final long incomingOrderId, final long restingOrderId,
        final SelfTradePolicy policy)
    {
        selfTrade.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .instrumentId(instrumentId)
            .accountId(accountId)
            .incomingOrderId(incomingOrderId)
            .restingOrderId(restingOrderId)
            .policy(policy);
        envelope.publish(selfTrade.encodedLength());
    }

    void phaseChanged(final int instrumentId, final TradingPhase phase)
    {
        phaseChanged.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .instrumentId(instrumentId)
            .phase(phase);
        envelope.publish(phaseChanged.encodedLength());
    }

    void dayClosed(
        final int tradingDate, final int instrumentId, final long closingPrice, final long volume, final long turnover)
    {
        dayClosed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .tradingDate(tradingDate)
            .instrumentId(instrumentId)
            .closingPrice(closingPrice)
            .volume(volume)
            .turnover(turnover);
        envelope.publish(dayClosed.encodedLength());
    }

    void registryChanged(
        final RegistryOperationType operation,
        final long accountId,
        final long counterpartyAccountId,
        final int instrumentId,
        final long quantity,
        final long amount)
    {
        registryChanged.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .operation(operation)
            .accountId(accountId)
            .counterpartyAccountId(counterpartyAccountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .amount(amount);
        envelope.publish(registryChanged.encodedLength());
    }

    /**
     * The exact blocks of the unit movement the event just published reported; see {@link SerialBlocksPublisher}.
     */
    void serialBlocks(
        final RegistryOperationType operation,
        final int instrumentId,
        final long fromAccountId,
        final long toAccountId,
        final long referenceId,
        final long quantity,
        final SerialRanges blocks)
    {
        serialBlocks.publish(operation, instrumentId, fromAccountId, toAccountId, referenceId, quantity, blocks);
    }

    /**
     * The attributes of a project issuance, after its {@code RegistryChanged} and {@code SerialBlocks}.
     */
    void projectUnitsIssued(
        final long accountId,
        final int instrumentId,
        final long quantity,
        final long firstSerial,
        final UnitAttributes attributes)
    {
        projectUnitsIssued.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .firstSerial(firstSerial)
            .lastSerial(firstSerial + quantity - 1)
            .projectType(attributes.projectType())
            .projectId(attributes.projectId())
            .vintage(attributes.vintage())
            .registeredDate(attributes.registeredDate())
            .labels((short)attributes.labels());
        envelope.publish(projectUnitsIssued.encodedLength());
    }

    void instrumentListed(final InstrumentSpec spec, final TradingPhase phase)
    {
        instrumentListed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
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
        envelope.publish(instrumentListed.encodedLength());
    }
}
