package io.carbonx.engine.approval;

import io.carbonx.protocol.sbe.AllocateAllowancesDecoder;
import io.carbonx.protocol.sbe.CloseComplianceYearDecoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;

/**
 * The scheme's four-eyes rule, fixed for the life of a journal: which commands a regulator may only propose, for a
 * different regulator to approve, and how long a proposal waits for its approval.
 *
 * @param issueUnits            whether {@code IssueUnits} and {@code IssueProjectUnits} need approval.
 * @param allocateAllowances    whether {@code AllocateAllowances} needs approval.
 * @param closeComplianceYear   whether {@code CloseComplianceYear} needs approval.
 * @param proposalLifetimeNanos how long after its proposal (in the engine's clock) a proposal may be approved.
 */
public record FourEyesRules(
    boolean issueUnits, boolean allocateAllowances, boolean closeComplianceYear, long proposalLifetimeNanos)
{
    /** A day: the lifetime of a proposal unless the scheme says otherwise. */
    public static final long DEFAULT_PROPOSAL_LIFETIME_NANOS = 86_400_000_000_000L;

    /** No four-eyes rule: every command applies as sent. */
    public static final FourEyesRules OFF = new FourEyesRules(false, false, false, DEFAULT_PROPOSAL_LIFETIME_NANOS);

    public FourEyesRules
    {
        if (proposalLifetimeNanos < 1)
        {
            throw new IllegalArgumentException("proposalLifetimeNanos must be positive: " + proposalLifetimeNanos);
        }
    }

    /**
     * @return whether a command of this template id may only be applied by approving a proposal of it.
     */
    public boolean requires(final int templateId)
    {
        return switch (templateId)
        {
            case IssueUnitsDecoder.TEMPLATE_ID, IssueProjectUnitsDecoder.TEMPLATE_ID -> issueUnits;
            case AllocateAllowancesDecoder.TEMPLATE_ID -> allocateAllowances;
            case CloseComplianceYearDecoder.TEMPLATE_ID -> closeComplianceYear;
            default -> false;
        };
    }
}
