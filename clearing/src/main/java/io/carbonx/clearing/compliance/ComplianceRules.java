package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.InstrumentKind;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A scheme's compliance rules: which units count towards a year's obligation, how many offsets may, and what a
 * shortfall costs. Fixed for the life of a journal, like the rest of the exchange's settings.
 * <ul>
 * <li>Allowances count when their vintage is the compliance year; an older vintage only if {@code bankingAllowed},
 * a later one only if {@code borrowingAllowed}.</li>
 * <li>Offsets (kind OFFSET) count if {@code offsetsEligible}, carbon-sink credits (kind SINK) if
 * {@code sinksEligible}, carbon-inclusion credits (kind CARBON_INCLUSION) if {@link UnitRules#inclusionEligible};
 * together at most the offset cap, in basis points of the verified emissions, rounded down.</li>
 * <li>Of these, only the units the {@link UnitRules} admit by their issuance's attributes.</li>
 * </ul>
 *
 * @param currency          ISO code of the scheme's money, for people and reports.
 * @param offsetCapBps      the offset cap in basis points of verified emissions (500 = 5%).
 * @param offsetCapBpsFrom  later caps: from each compliance year on, its cap in basis points (California 6% from 2026).
 * @param offsetsEligible   offsets count, inside the cap.
 * @param sinksEligible     carbon-sink credits count, inside the cap.
 * @param bankingAllowed    allowances of earlier vintages count.
 * @param borrowingAllowed  allowances of later vintages count.
 * @param penalty           what a shortfall at the close costs.
 * @param assessment        what late surrender costs and when fines are due.
 * @param units             carbon-inclusion credits and the rules on project units' attributes.
 */
public record ComplianceRules(
    String currency,
    int offsetCapBps,
    SortedMap<Integer, Integer> offsetCapBpsFrom,
    boolean offsetsEligible,
    boolean sinksEligible,
    boolean bankingAllowed,
    boolean borrowingAllowed,
    PenaltyRules penalty,
    AssessmentRules assessment,
    UnitRules units)
{
    private static final int ALL_BPS = 10_000;

    public ComplianceRules
    {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(units, "units");
        checkCap("offset cap", offsetCapBps);
        final TreeMap<Integer, Integer> steps = new TreeMap<>(offsetCapBpsFrom == null ? Map.of() : offsetCapBpsFrom);
        for (final Map.Entry<Integer, Integer> step : steps.entrySet())
        {
            checkCap("offset cap from " + step.getKey(), step.getValue() == null ? -1 : step.getValue());
        }
        offsetCapBpsFrom = Collections.unmodifiableSortedMap(steps);
    }

    /**
     * Rules without carbon-inclusion credits or rules on unit attributes ({@link UnitRules#NONE}).
     */
    public ComplianceRules(
        final String currency,
        final int offsetCapBps,
        final SortedMap<Integer, Integer> offsetCapBpsFrom,
        final boolean offsetsEligible,
        final boolean sinksEligible,
        final boolean bankingAllowed,
        final boolean borrowingAllowed,
        final PenaltyRules penalty,
        final AssessmentRules assessment)
    {
        this(currency, offsetCapBps, offsetCapBpsFrom, offsetsEligible, sinksEligible, bankingAllowed,
            borrowingAllowed, penalty, assessment, UnitRules.NONE);
    }

    /**
     * Rules that measure every consequence at the close ({@link AssessmentRules#AT_CLOSE}).
     */
    public ComplianceRules(
        final String currency,
        final int offsetCapBps,
        final SortedMap<Integer, Integer> offsetCapBpsFrom,
        final boolean offsetsEligible,
        final boolean sinksEligible,
        final boolean bankingAllowed,
        final boolean borrowingAllowed,
        final PenaltyRules penalty)
    {
        this(currency, offsetCapBps, offsetCapBpsFrom, offsetsEligible, sinksEligible, bankingAllowed,
            borrowingAllowed, penalty, AssessmentRules.AT_CLOSE);
    }

    /**
     * @return the offset cap of a compliance year in basis points of its verified emissions.
     */
    public int offsetCapBps(final int year)
    {
        final SortedMap<Integer, Integer> upToYear = offsetCapBpsFrom.headMap(year + 1);
        return upToYear.isEmpty() ? offsetCapBps : upToYear.get(upToYear.lastKey());
    }

    /**
     * @return the most offsets and sink credits, in tonnes, that count towards the year for these emissions.
     */
    public long offsetCap(final int year, final long emissions)
    {
        return PenaltyRules.saturatingMultiply(emissions, offsetCapBps(year)) / ALL_BPS;
    }

    /**
     * @return true if units of this kind and vintage count towards the compliance year.
     */
    public boolean isEligible(final InstrumentKind kind, final int vintage, final int year)
    {
        return switch (kind)
        {
            case ALLOWANCE -> vintage == year || (vintage < year ? bankingAllowed : borrowingAllowed);
            case OFFSET -> offsetsEligible;
            case SINK -> sinksEligible;
            case CARBON_INCLUSION -> units.inclusionEligible();
            default -> false;
        };
    }

    /**
     * @return true if units of this kind count inside the offset cap (offsets, sink and carbon-inclusion credits).
     */
    public static boolean isOffset(final InstrumentKind kind)
    {
        return kind == InstrumentKind.OFFSET || kind == InstrumentKind.SINK || kind == InstrumentKind.CARBON_INCLUSION;
    }

    private static void checkCap(final String what, final int bps)
    {
        if (bps < 0 || bps > ALL_BPS)
        {
            throw new IllegalArgumentException(what + " must be 0..10000 basis points, was " + bps);
        }
    }
}
