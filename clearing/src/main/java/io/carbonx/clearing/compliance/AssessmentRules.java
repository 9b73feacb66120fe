package io.carbonx.clearing.compliance;

import java.util.Objects;

/**
 * How a scheme treats late surrender and fines, beyond the amounts in {@link PenaltyRules}.
 * <ul>
 * <li>{@code fineBasis}: the tonnes the fine is on. EU: {@link ShortfallBasis#DEADLINE}, every tonne not surrendered
 * by the deadline is fined even if surrendered later (Directive 2003/87/EC Art. 16(3); CJEU C-203/12 Billerud).
 * China, California: {@link ShortfallBasis#CLOSE}.</li>
 * <li>{@code deductionBasis}: the tonnes next year's allocation is cut by. China: {@link ShortfallBasis#CLOSE}, a late
 * surrender within the correction period (deadline to close) avoids the cut, since the 2024 Interim Regulations cut
 * the allocation of an enterprise that "refuses to correct"; {@link ShortfallBasis#DEADLINE} cuts for every tonne
 * not surrendered by the deadline.</li>
 * <li>{@code carryBasis}: the tonnes next year's obligation grows by, times {@code carryForwardMultiple}. EU:
 * {@link ShortfallBasis#CLOSE} (multiple 1), exactly what is still owed at the close. California:
 * {@link ShortfallBasis#DEADLINE} (multiple 4): the untimely surrender obligation is four times the tonnes not
 * surrendered on time, counted from the timely surrenders only (17 CCR 95857(b)), so a tonne surrendered after the
 * deadline still counts for the year (its status is LATE) but does not reduce the fourfold obligation.</li>
 * <li>{@code carriedOffsetShareBps}: of a carried obligation, the share that may be met with offsets and sink
 * credits, on top of the next year's own offset cap (California: 2500, one quarter).</li>
 * <li>{@code indexRequired}: the close of a year without a configured fine index is refused (EU: the EUR 100 is
 * indexed by the published European index of consumer prices, which the preset does not ship).</li>
 * <li>{@code fineDueDays}: a fine is payable this many days after the close that assessed it.</li>
 * </ul>
 */
public record AssessmentRules(
    ShortfallBasis fineBasis,
    ShortfallBasis deductionBasis,
    ShortfallBasis carryBasis,
    int carriedOffsetShareBps,
    boolean indexRequired,
    int fineDueDays)
{
    /**
     * Today's behaviour before per-scheme late surrender: everything measured at the close, fines due in 30 days.
     */
    public static final AssessmentRules AT_CLOSE =
        new AssessmentRules(ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, 0, false, 30);

    public AssessmentRules
    {
        Objects.requireNonNull(fineBasis, "fineBasis");
        Objects.requireNonNull(deductionBasis, "deductionBasis");
        Objects.requireNonNull(carryBasis, "carryBasis");
        if (carriedOffsetShareBps < 0 || carriedOffsetShareBps > PenaltyRules.NO_INDEX_BPS)
        {
            throw new IllegalArgumentException(
                "carried offset share must be 0..10000 basis points, was " + carriedOffsetShareBps);
        }
        if (fineDueDays < 0 || fineDueDays > 3_650)
        {
            throw new IllegalArgumentException("fine due days must be 0..3650, was " + fineDueDays);
        }
    }

    /**
     * @return the tonnes of a carried obligation that may be met with offsets and sink credits.
     */
    public long carriedOffsetAllowance(final long carried)
    {
        return PenaltyRules.saturatingMultiply(carried, carriedOffsetShareBps) / PenaltyRules.NO_INDEX_BPS;
    }
}
