package io.carbonx.engine.core;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.event.SerialBlocksPublisher;

import io.carbonx.clearing.compliance.ComplianceListener;
import io.carbonx.clearing.compliance.EnterpriseRecord;
import io.carbonx.protocol.sbe.AllowancesAllocatedEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.ComplianceAssessedEncoder;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.ComplianceYearClosedEncoder;
import io.carbonx.protocol.sbe.EmissionsCorrectedEncoder;
import io.carbonx.protocol.sbe.PenaltyMultipleSetEncoder;
import io.carbonx.protocol.sbe.FineDueEncoder;
import io.carbonx.protocol.sbe.FineSettledEncoder;
import io.carbonx.protocol.sbe.AssessmentReopenedEncoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedEncoder;
import io.carbonx.protocol.sbe.EmissionsRecordedEncoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.UnitsSurrenderedEncoder;
import io.carbonx.registry.SerialRanges;

/**
 * Encodes what the compliance desk reports as events, stamped with the envelope of the command being applied;
 * rejections are {@code CommandRejected} of kind COMPLIANCE.
 */
final class ComplianceEvents implements ComplianceListener
{
    private final EventEnvelope envelope;
    private final SerialBlocksPublisher serialBlocks;
    private final ComplianceYearOpenedEncoder yearOpened = new ComplianceYearOpenedEncoder();
    private final AllowancesAllocatedEncoder allocated = new AllowancesAllocatedEncoder();
    private final EmissionsRecordedEncoder emissionsRecorded = new EmissionsRecordedEncoder();
    private final UnitsSurrenderedEncoder surrendered = new UnitsSurrenderedEncoder();
    private final ComplianceAssessedEncoder assessed = new ComplianceAssessedEncoder();
    private final ComplianceYearClosedEncoder yearClosed = new ComplianceYearClosedEncoder();
    private final EmissionsCorrectedEncoder emissionsCorrectedEvent = new EmissionsCorrectedEncoder();
    private final PenaltyMultipleSetEncoder penaltyMultipleSetEvent = new PenaltyMultipleSetEncoder();
    private final FineDueEncoder fineDueEvent = new FineDueEncoder();
    private final FineSettledEncoder fineSettledEvent = new FineSettledEncoder();
    private final AssessmentReopenedEncoder assessmentReopenedEvent = new AssessmentReopenedEncoder();

    ComplianceEvents(final EventEnvelope envelope)
    {
        this.envelope = envelope;
        this.serialBlocks = new SerialBlocksPublisher(envelope);
    }

    @Override
    public void rejected(final long accountId, final int instrumentId, final RejectReason reason)
    {
        envelope.rejected(CommandKind.COMPLIANCE, 0, accountId, instrumentId, reason);
    }

    @Override
    public void yearOpened(final int year, final long deadline)
    {
        yearOpened.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .deadline(deadline);
        envelope.publish(yearOpened.encodedLength());
    }

    @Override
    public void allowancesAllocated(
        final int year,
        final long accountId,
        final int instrumentId,
        final long requested,
        final long deducted,
        final long issued,
        final SerialRanges serials,
        final long deductionOutstanding)
    {
        allocated.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .requestedQuantity(requested)
            .deductedQuantity(deducted)
            .quantity(issued)
            .deductionOutstanding(deductionOutstanding);
        envelope.publish(allocated.encodedLength());
        if (issued > 0)
        {
            serialBlocks.publish(RegistryOperationType.ALLOCATE, instrumentId, 0, accountId, year, issued, serials);
        }
    }

    @Override
    public void emissionsRecorded(
        final int year,
        final long accountId,
        final long emissions,
        final long carriedForward,
        final long obligation,
        final long offsetCap)
    {
        emissionsRecorded.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(accountId)
            .emissions(emissions)
            .carriedForward(carriedForward)
            .obligation(obligation)
            .offsetCap(offsetCap);
        envelope.publish(emissionsRecorded.encodedLength());
    }

    @Override
    public void unitsSurrendered(
        final int year,
        final long accountId,
        final int brokerId,
        final int instrumentId,
        final InstrumentKind kind,
        final long quantity,
        final boolean late,
        final SerialRanges serials,
        final EnterpriseRecord record)
    {
        surrendered.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(accountId)
            .brokerId(brokerId)
            .instrumentId(instrumentId)
            .kind(kind)
            .quantity(quantity)
            .late(late ? BooleanType.TRUE : BooleanType.FALSE)
            .allowancesSurrendered(record.allowancesSurrendered())
            .offsetsSurrendered(record.offsetsSurrendered())
            .remainingObligation(record.remainingObligation());
        envelope.publish(surrendered.encodedLength());
        serialBlocks.publish(RegistryOperationType.SURRENDER, instrumentId, accountId, 0, year, quantity, serials);
    }

    @Override
    public void assessed(final int year, final EnterpriseRecord record)
    {
        assessed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(record.accountId())
            .emissions(record.emissions())
            .carriedForward(record.carriedForward())
            .obligation(record.obligation())
            .allowancesSurrendered(record.allowancesSurrendered())
            .offsetsSurrendered(record.offsetsSurrendered())
            .surrenderedLate(record.surrenderedLate())
            .shortfall(record.shortfall())
            .status(record.status())
            .penalty(record.penalty())
            .referencePrice(record.referencePrice())
            .nextYearDeduction(record.nextYearDeduction())
            .nextYearCarryForward(record.nextYearCarryForward());
        envelope.publish(assessed.encodedLength());
    }

    @Override
    public void yearClosed(
        final int year, final int enterprises, final long totalShortfall, final long totalPenalty,
        final long referencePrice)
    {
        yearClosed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .enterprises(enterprises)
            .totalShortfall(totalShortfall)
            .totalPenalty(totalPenalty)
            .referencePrice(referencePrice);
        envelope.publish(yearClosed.encodedLength());
    }

    @Override
    public void emissionsCorrected(final int year, final EnterpriseRecord record, final long previousEmissions,
        final long offsetCap, final String reason)
    {
        emissionsCorrectedEvent.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(record.accountId())
            .previousEmissions(previousEmissions)
            .emissions(record.emissions())
            .obligation(record.obligation())
            .offsetCap(offsetCap)
            .correction(record.corrections())
            .reason(reason);
        envelope.publish(emissionsCorrectedEvent.encodedLength());
    }

    @Override
    public void penaltyMultipleSet(final int year, final long accountId, final long multiple, final String reason)
    {
        penaltyMultipleSetEvent.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(accountId)
            .multiple(multiple)
            .reason(reason);
        envelope.publish(penaltyMultipleSetEvent.encodedLength());
    }

    @Override
    public void fineDue(final int year, final EnterpriseRecord record)
    {
        fineDueEvent.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(record.accountId())
            .amount(record.penalty())
            .dueDate(record.fineDue());
        envelope.publish(fineDueEvent.encodedLength());
    }

    @Override
    public void fineSettled(final int year, final EnterpriseRecord record)
    {
        fineSettledEvent.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(record.accountId())
            .amount(record.penalty())
            .status(record.fineStatus())
            .dueDate(record.fineDue())
            .reference(record.fineReference());
        envelope.publish(fineSettledEvent.encodedLength());
    }

    @Override
    public void assessmentReopened(final int year, final long accountId, final ComplianceStatus previousStatus,
        final long previousPenalty, final String reason)
    {
        assessmentReopenedEvent.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .year(year)
            .accountId(accountId)
            .previousStatus(previousStatus)
            .previousPenalty(previousPenalty)
            .reason(reason);
        envelope.publish(assessmentReopenedEvent.encodedLength());
    }
}
