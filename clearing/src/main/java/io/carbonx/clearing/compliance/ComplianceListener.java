package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.SerialRanges;

/**
 * Receives what each compliance command did, to publish it as events: exactly one rejection, or the outcome.
 */
public interface ComplianceListener
{
    void rejected(long accountId, int instrumentId, RejectReason reason);

    // The SerialRanges passed below are the exact blocks issued or surrendered: the registry's scratch, valid only
    // during the call.

    void yearOpened(int year, long deadline);

    void allowancesAllocated(
        int year,
        long accountId,
        int instrumentId,
        long requested,
        long deducted,
        long issued,
        SerialRanges serials,
        long deductionOutstanding);

    void emissionsRecorded(int year, long accountId, long emissions, long carriedForward, long obligation,
        long offsetCap);

    void unitsSurrendered(
        int year,
        long accountId,
        int brokerId,
        int instrumentId,
        InstrumentKind kind,
        long quantity,
        boolean late,
        SerialRanges serials,
        EnterpriseRecord record);

    /**
     * One per enterprise when its year closes, in account id order; the record holds the assessment.
     */
    void assessed(int year, EnterpriseRecord record);

    void yearClosed(int year, int enterprises, long totalShortfall, long totalPenalty, long referencePrice);

    void emissionsCorrected(int year, EnterpriseRecord record, long previousEmissions, long offsetCap, String reason);

    void penaltyMultipleSet(int year, long accountId, long multiple, String reason);

    /**
     * Follows the {@link #assessed} of an enterprise whose assessment carries a fine.
     */
    void fineDue(int year, EnterpriseRecord record);

    void fineSettled(int year, EnterpriseRecord record);

    void assessmentReopened(int year, long accountId, ComplianceStatus previousStatus, long previousPenalty,
        String reason);
}
