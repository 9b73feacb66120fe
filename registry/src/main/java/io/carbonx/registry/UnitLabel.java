package io.carbonx.registry;

/**
 * Labels registries record on issued units, one bit each of the {@code UnitLabels} field of {@code
 * IssueProjectUnits}: they decide where the units may be used (Paris Agreement Article 6 transfers, CORSIA).
 */
public enum UnitLabel
{
    /** authorised by the host country for use under Article 6 of the Paris Agreement */
    ARTICLE6_AUTHORISED(1),
    /** the host country applies a corresponding adjustment for the units */
    CORRESPONDING_ADJUSTMENT(2),
    /** eligible for the airlines' offsetting scheme CORSIA */
    CORSIA_ELIGIBLE(4);

    /** every label's bit together */
    public static final int ALL_BITS = 7;

    private final int bit;

    UnitLabel(final int bit)
    {
        this.bit = bit;
    }

    public int bit()
    {
        return bit;
    }

    /**
     * @return true if the label's bit is set in {@code labels}.
     */
    public boolean isIn(final int labels)
    {
        return (labels & bit) != 0;
    }
}
