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
 * Typed callbacks for the engine's events, called by {@link EngineEventAdapter}: one method per event, each with the
 * event's envelope (the command sequence, the engine's clock, and the source and correlation of the command that
 * caused it) and a decoder of the event's own fields. Every method does nothing by default, so a consumer implements
 * only the events it needs. The decoders are the adapter's, valid only during the call.
 */
public interface EngineEventHandler
{
    /**
     * Called for every event of this schema, before its typed method: for consumers that route or audit by the
     * envelope alone, whatever the event.
     *
     * @param templateId the event's type.
     */
    default void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
    }

    default void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder orderAccepted)
    {
    }

    default void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder commandRejected)
    {
    }

    default void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
    }

    default void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder orderCancelled)
    {
    }

    default void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder orderAmended)
    {
    }

    default void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder orderExpired)
    {
    }

    default void onSelfTradePrevented(
        final EventEnvelopeDecoder envelope, final SelfTradePreventedDecoder selfTradePrevented)
    {
    }

    default void onTradingPhaseChanged(
        final EventEnvelopeDecoder envelope, final TradingPhaseChangedDecoder tradingPhaseChanged)
    {
    }

    default void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
    {
    }

    default void onInstrumentListed(final EventEnvelopeDecoder envelope, final InstrumentListedDecoder instrumentListed)
    {
    }

    default void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder registryChanged)
    {
    }

    /**
     * The exact serial blocks of the unit movement the previous event reported (a registry change, trade, block
     * trade, auction allocation, allocation or surrender), one or more parts in a row. The decoder's {@code blocks}
     * group can be read once.
     */
    default void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder serialBlocks)
    {
    }

    /**
     * The attributes of a project issuance ({@code IssueProjectUnits}); follows its {@code SerialBlocks}.
     */
    default void onProjectUnitsIssued(
        final EventEnvelopeDecoder envelope, final ProjectUnitsIssuedDecoder projectUnitsIssued)
    {
    }

    default void onComplianceYearOpened(
        final EventEnvelopeDecoder envelope, final ComplianceYearOpenedDecoder complianceYearOpened)
    {
    }

    default void onAllowancesAllocated(
        final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder allowancesAllocated)
    {
    }

    default void onEmissionsRecorded(
        final EventEnvelopeDecoder envelope, final EmissionsRecordedDecoder emissionsRecorded)
    {
    }

    default void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder unitsSurrendered)
    {
    }

    default void onComplianceAssessed(
        final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder complianceAssessed)
    {
    }

    default void onComplianceYearClosed(
        final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder complianceYearClosed)
    {
    }

    default void onEmissionsCorrected(
        final EventEnvelopeDecoder envelope, final EmissionsCorrectedDecoder emissionsCorrected)
    {
    }

    default void onPenaltyMultipleSet(
        final EventEnvelopeDecoder envelope, final PenaltyMultipleSetDecoder penaltyMultipleSet)
    {
    }

    default void onFineDue(final EventEnvelopeDecoder envelope, final FineDueDecoder fineDue)
    {
    }

    default void onFineSettled(final EventEnvelopeDecoder envelope, final FineSettledDecoder fineSettled)
    {
    }

    default void onAssessmentReopened(
        final EventEnvelopeDecoder envelope, final AssessmentReopenedDecoder assessmentReopened)
    {
    }

    default void onAuctionOpened(final EventEnvelopeDecoder envelope, final AuctionOpenedDecoder auctionOpened)
    {
    }

    default void onAuctionBidAccepted(
        final EventEnvelopeDecoder envelope, final AuctionBidAcceptedDecoder auctionBidAccepted)
    {
    }

    default void onAuctionBidAmended(
        final EventEnvelopeDecoder envelope, final AuctionBidAmendedDecoder auctionBidAmended)
    {
    }

    default void onAuctionBidWithdrawn(
        final EventEnvelopeDecoder envelope, final AuctionBidWithdrawnDecoder auctionBidWithdrawn)
    {
    }

    default void onAuctionAllocation(
        final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder auctionAllocation)
    {
    }

    default void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder auctionResult)
    {
    }

    default void onAuctionCancelled(final EventEnvelopeDecoder envelope, final AuctionCancelledDecoder auctionCancelled)
    {
    }

    default void onBlockTradeExecuted(
        final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder blockTradeExecuted)
    {
    }

    default void onActionProposed(final EventEnvelopeDecoder envelope, final ActionProposedDecoder actionProposed)
    {
    }

    default void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
    }

    default void onProposalRejected(final EventEnvelopeDecoder envelope, final ProposalRejectedDecoder rejected)
    {
    }

    /**
     * An event this build does not know: another schema, or a template id the schema does not define.
     *
     * @param offset of the event's message header in the buffer.
     */
    default void onUnknown(final int schemaId, final int templateId, final DirectBuffer buffer, final int offset)
    {
    }
}
