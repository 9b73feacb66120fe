package io.carbonx.protocol;

import io.carbonx.protocol.sbe.ActionProposedDecoder;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedDecoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedDecoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionOpenedDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsCorrectedDecoder;
import io.carbonx.protocol.sbe.PenaltyMultipleSetDecoder;
import io.carbonx.protocol.sbe.FineDueDecoder;
import io.carbonx.protocol.sbe.FineSettledDecoder;
import io.carbonx.protocol.sbe.AssessmentReopenedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;
import io.carbonx.protocol.sbe.ProposalRejectedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.SelfTradePreventedDecoder;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes the engine's events and calls the typed {@link EngineEventHandler} method of each: the one place outside
 * generated code that switches on an event's template id. It reads the message header once, wraps the envelope and
 * a preallocated decoder of the event's type (nothing is allocated per event) and hands both to the handler.
 * <p>
 * Not thread-safe: one adapter per consuming thread.
 */
public final class EngineEventAdapter
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final EventEnvelopeDecoder envelope = new EventEnvelopeDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final CommandRejectedDecoder commandRejected = new CommandRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderAmendedDecoder orderAmended = new OrderAmendedDecoder();
    private final OrderExpiredDecoder orderExpired = new OrderExpiredDecoder();
    private final SelfTradePreventedDecoder selfTradePrevented = new SelfTradePreventedDecoder();
    private final TradingPhaseChangedDecoder tradingPhaseChanged = new TradingPhaseChangedDecoder();
    private final DayClosedDecoder dayClosed = new DayClosedDecoder();
    private final InstrumentListedDecoder instrumentListed = new InstrumentListedDecoder();
    private final RegistryChangedDecoder registryChanged = new RegistryChangedDecoder();
    private final SerialBlocksDecoder serialBlocks = new SerialBlocksDecoder();
    private final ProjectUnitsIssuedDecoder projectUnitsIssued = new ProjectUnitsIssuedDecoder();
    private final ComplianceYearOpenedDecoder complianceYearOpened = new ComplianceYearOpenedDecoder();
    private final AllowancesAllocatedDecoder allowancesAllocated = new AllowancesAllocatedDecoder();
    private final EmissionsRecordedDecoder emissionsRecorded = new EmissionsRecordedDecoder();
    private final UnitsSurrenderedDecoder unitsSurrendered = new UnitsSurrenderedDecoder();
    private final ComplianceAssessedDecoder complianceAssessed = new ComplianceAssessedDecoder();
    private final ComplianceYearClosedDecoder complianceYearClosed = new ComplianceYearClosedDecoder();
    private final EmissionsCorrectedDecoder emissionsCorrected = new EmissionsCorrectedDecoder();
    private final PenaltyMultipleSetDecoder penaltyMultipleSet = new PenaltyMultipleSetDecoder();
    private final FineDueDecoder fineDue = new FineDueDecoder();
    private final FineSettledDecoder fineSettled = new FineSettledDecoder();
    private final AssessmentReopenedDecoder assessmentReopened = new AssessmentReopenedDecoder();
    private final AuctionOpenedDecoder auctionOpened = new AuctionOpenedDecoder();
    private final AuctionBidAcceptedDecoder auctionBidAccepted = new AuctionBidAcceptedDecoder();
    private final AuctionBidAmendedDecoder auctionBidAmended = new AuctionBidAmendedDecoder();
    private final AuctionBidWithdrawnDecoder auctionBidWithdrawn = new AuctionBidWithdrawnDecoder();
    private final AuctionAllocationDecoder auctionAllocation = new AuctionAllocationDecoder();
    private final AuctionResultDecoder auctionResult = new AuctionResultDecoder();
    private final AuctionCancelledDecoder auctionCancelled = new AuctionCancelledDecoder();
    private final BlockTradeExecutedDecoder blockTradeExecuted = new BlockTradeExecutedDecoder();
    private final ActionProposedDecoder actionProposed = new ActionProposedDecoder();
    private final ProposalApprovedDecoder proposalApproved = new ProposalApprovedDecoder();
    private final ProposalRejectedDecoder proposalRejected = new ProposalRejectedDecoder();
    private final EngineEventHandler handler;

    public EngineEventAdapter(final EngineEventHandler handler)
    {
        this.handler = handler;
    }

    /**
     * The envelope of an event alone, for routing by source and correlation without decoding the event: every event
     * of this schema starts with it, so no switch on the type is needed.
     *
     * @param offset of the event's message header in the buffer.
     * @return the envelope, wrapped until the next call on this adapter; null for an event of another schema.
     */
    public EventEnvelopeDecoder envelope(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return null;
        }
        return envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
    }

    /**
     * Decode one event and call its handler method.
     *
     * @param buffer holding the event.
     * @param offset of the event's message header in the buffer.
     * @return the event's template id.
     */
    public int onEvent(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            handler.onUnknown(header.schemaId(), templateId, buffer, offset);
            return templateId;
        }

        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        envelope.wrap(buffer, body);
        handler.onEnvelope(envelope, templateId);
        switch (templateId)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
                handler.onOrderAccepted(envelope, orderAccepted.wrap(buffer, body, blockLength, version));
            case CommandRejectedDecoder.TEMPLATE_ID ->
                handler.onCommandRejected(envelope, commandRejected.wrap(buffer, body, blockLength, version));
            case TradeDecoder.TEMPLATE_ID -> handler.onTrade(envelope, trade.wrap(buffer, body, blockLength, version));
            case OrderCancelledDecoder.TEMPLATE_ID ->
                handler.onOrderCancelled(envelope, orderCancelled.wrap(buffer, body, blockLength, version));
            case OrderAmendedDecoder.TEMPLATE_ID ->
                handler.onOrderAmended(envelope, orderAmended.wrap(buffer, body, blockLength, version));
            case OrderExpiredDecoder.TEMPLATE_ID ->
                handler.onOrderExpired(envelope, orderExpired.wrap(buffer, body, blockLength, version));
            case SelfTradePreventedDecoder.TEMPLATE_ID ->
                handler.onSelfTradePrevented(envelope, selfTradePrevented.wrap(buffer, body, blockLength, version));
            case TradingPhaseChangedDecoder.TEMPLATE_ID ->
                handler.onTradingPhaseChanged(envelope, tradingPhaseChanged.wrap(buffer, body, blockLength, version));
            case DayClosedDecoder.TEMPLATE_ID ->
                handler.onDayClosed(envelope, dayClosed.wrap(buffer, body, blockLength, version));
            case InstrumentListedDecoder.TEMPLATE_ID ->
                handler.onInstrumentListed(envelope, instrumentListed.wrap(buffer, body, blockLength, version));
            case RegistryChangedDecoder.TEMPLATE_ID ->
                handler.onRegistryChanged(envelope, registryChanged.wrap(buffer, body, blockLength, version));
            case SerialBlocksDecoder.TEMPLATE_ID ->
                handler.onSerialBlocks(envelope, serialBlocks.wrap(buffer, body, blockLength, version));
            case ProjectUnitsIssuedDecoder.TEMPLATE_ID ->
                handler.onProjectUnitsIssued(envelope, projectUnitsIssued.wrap(buffer, body, blockLength, version));
            case ComplianceYearOpenedDecoder.TEMPLATE_ID ->
                handler.onComplianceYearOpened(envelope, complianceYearOpened.wrap(buffer, body, blockLength, version));
            case AllowancesAllocatedDecoder.TEMPLATE_ID ->
                handler.onAllowancesAllocated(envelope, allowancesAllocated.wrap(buffer, body, blockLength, version));
            case EmissionsRecordedDecoder.TEMPLATE_ID ->
                handler.onEmissionsRecorded(envelope, emissionsRecorded.wrap(buffer, body, blockLength, version));
            case UnitsSurrenderedDecoder.TEMPLATE_ID ->
                handler.onUnitsSurrendered(envelope, unitsSurrendered.wrap(buffer, body, blockLength, version));
            case ComplianceAssessedDecoder.TEMPLATE_ID ->
                handler.onComplianceAssessed(envelope, complianceAssessed.wrap(buffer, body, blockLength, version));
            case ComplianceYearClosedDecoder.TEMPLATE_ID ->
                handler.onComplianceYearClosed(envelope, complianceYearClosed.wrap(buffer, body, blockLength, version));
            case EmissionsCorrectedDecoder.TEMPLATE_ID ->
                handler.onEmissionsCorrected(envelope, emissionsCorrected.wrap(buffer, body, blockLength, version));
            case PenaltyMultipleSetDecoder.TEMPLATE_ID ->
                handler.onPenaltyMultipleSet(envelope, penaltyMultipleSet.wrap(buffer, body, blockLength, version));
            case FineDueDecoder.TEMPLATE_ID ->
                handler.onFineDue(envelope, fineDue.wrap(buffer, body, blockLength, version));
            case FineSettledDecoder.TEMPLATE_ID ->
                handler.onFineSettled(envelope, fineSettled.wrap(buffer, body, blockLength, version));
            case AssessmentReopenedDecoder.TEMPLATE_ID ->
                handler.onAssessmentReopened(envelope, assessmentReopened.wrap(buffer, body, blockLength, version));
            case AuctionOpenedDecoder.TEMPLATE_ID ->
                handler.onAuctionOpened(envelope, auctionOpened.wrap(buffer, body, blockLength, version));
            case AuctionBidAcceptedDecoder.TEMPLATE_ID ->
                handler.onAuctionBidAccepted(envelope, auctionBidAccepted.wrap(buffer, body, blockLength, version));
            case AuctionBidAmendedDecoder.TEMPLATE_ID ->
                handler.onAuctionBidAmended(envelope, auctionBidAmended.wrap(buffer, body, blockLength, version));
            case AuctionBidWithdrawnDecoder.TEMPLATE_ID ->
                handler.onAuctionBidWithdrawn(envelope, auctionBidWithdrawn.wrap(buffer, body, blockLength, version));
            case AuctionAllocationDecoder.TEMPLATE_ID ->
                handler.onAuctionAllocation(envelope, auctionAllocation.wrap(buffer, body, blockLength, version));
            case AuctionResultDecoder.TEMPLATE_ID ->
                handler.onAuctionResult(envelope, auctionResult.wrap(buffer, body, blockLength, version));
            case AuctionCancelledDecoder.TEMPLATE_ID ->
                handler.onAuctionCancelled(envelope, auctionCancelled.wrap(buffer, body, blockLength, version));
            case BlockTradeExecutedDecoder.TEMPLATE_ID ->
                handler.onBlockTradeExecuted(envelope, blockTradeExecuted.wrap(buffer, body, blockLength, version));
            case ActionProposedDecoder.TEMPLATE_ID ->
                handler.onActionProposed(envelope, actionProposed.wrap(buffer, body, blockLength, version));
            case ProposalApprovedDecoder.TEMPLATE_ID ->
                handler.onProposalApproved(envelope, proposalApproved.wrap(buffer, body, blockLength, version));
            case ProposalRejectedDecoder.TEMPLATE_ID ->
                handler.onProposalRejected(envelope, proposalRejected.wrap(buffer, body, blockLength, version));
            default -> handler.onUnknown(header.schemaId(), templateId, buffer, offset);
        }

        return templateId;
    }
}
