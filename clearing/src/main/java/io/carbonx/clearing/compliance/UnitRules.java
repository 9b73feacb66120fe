package io.carbonx.clearing.compliance;

import io.carbonx.registry.UnitAttributes;
import io.carbonx.registry.UnitLabel;
import io.carbonx.registry.UnitRule;

/**
 * A scheme's rules on carbon-inclusion credits and on the attributes of the project units that count inside the
 * offset cap (offsets, sink credits and carbon-inclusion credits), checked on the very units a surrender takes
 * (its oldest serials; see {@link io.carbonx.registry.Registry#firstInadmissible}).
 * <p>
 * A unit rule only admits units issued with attributes ({@code IssueProjectUnits}): units issued plainly cannot show
 * a registration date or a label, so a scheme that sets a rule refuses them.
 *
 * @param inclusionEligible            carbon-inclusion credits (kind CARBON_INCLUSION, e.g. PHCER) count, inside the
 *                                     offset cap; if not, they serve voluntary retirement only.
 * @param offsetProjectsRegisteredFrom yyyymmdd: only units of projects registered on or after it count; 0 for no
 *                                     such rule.
 * @param offsetLabelsRequired         {@link UnitLabel} bits every counted unit must carry; 0 for none.
 */
public record UnitRules(boolean inclusionEligible, int offsetProjectsRegisteredFrom, int offsetLabelsRequired)
    implements UnitRule
{
    /** carbon-inclusion credits for voluntary retirement only, and no rule on attributes */
    public static final UnitRules NONE = new UnitRules(false, 0, 0);

    public UnitRules
    {
        if (offsetProjectsRegisteredFrom != 0 && !UnitAttributes.isDate(offsetProjectsRegisteredFrom))
        {
            throw new IllegalArgumentException(
                "offsetProjectsRegisteredFrom must be a yyyymmdd date, was " + offsetProjectsRegisteredFrom);
        }
        if ((offsetLabelsRequired & ~UnitLabel.ALL_BITS) != 0)
        {
            throw new IllegalArgumentException("unknown label bits " + offsetLabelsRequired);
        }
    }

    /**
     * @return true if some rule looks at the units' attributes, so a surrender must check its units.
     */
    public boolean checksUnits()
    {
        return offsetProjectsRegisteredFrom != 0 || offsetLabelsRequired != 0;
    }

    @Override
    public boolean admits(
        final boolean attributed, final int projectType, final long projectId, final int vintage,
        final int registeredDate, final int labels)
    {
        if (!checksUnits())
        {
            return true;
        }
        return attributed && registeredDate >= offsetProjectsRegisteredFrom &&
            (labels & offsetLabelsRequired) == offsetLabelsRequired;
    }
}
