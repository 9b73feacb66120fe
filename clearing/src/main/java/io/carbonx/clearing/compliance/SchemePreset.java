package io.carbonx.clearing.compliance;

import java.util.Map;
import java.util.TreeMap;

/**
 * The compliance rules of real schemes, as starting points a configuration may override.
 * <ul>
 * <li>{@link #CHINA_NATIONAL}: CNY; offsets (CCER) and sink credits up to 5% of verified emissions; banking, no
 * borrowing; a fine of 5 (allowed 5 to 10) times the average allowance price of the month before the deadline per
 * tonne short at the close, and next year's allocation reduced by the shortfall at the close: a late surrender within
 * the correction period (deadline to close) avoids the cut (2024 Interim Regulations: "refuses to correct").</li>
 * <li>{@link #EU_ETS}: EUR; no offsets; banking, no borrowing; EUR 100.00 per tonne short, indexed per year (no index
 * years preset: configure them, the close of a year without one is refused) on every tonne not surrendered by the
 * deadline, even if surrendered later (Art. 16(3), CJEU C-203/12 Billerud), and the shortfall still owed: added to
 * next year's obligation.</li>
 * <li>{@link #CALIFORNIA}: USD; offsets and sink credits up to 4% of verified emissions, 6% from 2026; banking, no
 * borrowing; the untimely surrender obligation is 4 times the tonnes not surrendered by the deadline, counted from
 * the timely surrenders (a late surrender does not reduce it), added to next year's obligation, a quarter of it
 * payable in offsets; no fine (17 CCR 95857(b)).</li>
 * </ul>
 */
public enum SchemePreset
{
    CHINA_NATIONAL(new ComplianceRules("CNY", 500, new TreeMap<>(), true, true, true, false,
        new PenaltyRules(5, 5, 10, 0, new TreeMap<>(), 1, 0),
        new AssessmentRules(ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, 0, false, 30))),
    EU_ETS(new ComplianceRules("EUR", 0, new TreeMap<>(), false, false, true, false,
        new PenaltyRules(0, 0, 0, 100_00, new TreeMap<>(), 0, 1),
        new AssessmentRules(ShortfallBasis.DEADLINE, ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, 0, true, 30))),
    CALIFORNIA(new ComplianceRules("USD", 400, new TreeMap<>(Map.of(2026, 600)), true, true, true, false,
        new PenaltyRules(0, 0, 0, 0, new TreeMap<>(), 0, 4),
        new AssessmentRules(ShortfallBasis.CLOSE, ShortfallBasis.CLOSE, ShortfallBasis.DEADLINE, 2_500, false, 30)));

    private final ComplianceRules rules;

    SchemePreset(final ComplianceRules rules)
    {
        this.rules = rules;
    }

    public ComplianceRules rules()
    {
        return rules;
    }
}
