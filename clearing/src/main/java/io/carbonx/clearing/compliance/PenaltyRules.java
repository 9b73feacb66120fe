package io.carbonx.clearing.compliance;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a shortfall left at the close of a compliance year costs, as scheme settings; every preset is a choice of
 * these figures, so the arithmetic below holds no scheme's numbers.
 * <ul>
 * <li>A fine of {@code shortfall x priceMultiple x referencePrice}, the reference price being the average allowance
 * price of the month before the deadline (China: 5 to 10 times).</li>
 * <li>Plus a fine of {@code shortfall x finePerTonne x index}, the index in basis points for the compliance year,
 * 10,000 (1.0) for a year without one (EU: EUR 100 per tonne, indexed).</li>
 * <li>{@code shortfall x nextYearDeductionMultiple} withheld from the enterprise's allocations of the next year
 * (China: 1).</li>
 * <li>{@code shortfall x carryForwardMultiple} added to the enterprise's obligation of the next year (EU: 1, the
 * shortfall is still owed; California: 4, the untimely portion becomes a fourfold obligation).</li>
 * </ul>
 * Fines are in 0.01 currency units, rounded half up, and saturate at {@link Long#MAX_VALUE} rather than overflow.
 *
 * @param priceMultiple             times the reference price per tonne short; 0 for none.
 * @param priceMultipleMin          the least priceMultiple the scheme's law allows.
 * @param priceMultipleMax          the most priceMultiple the scheme's law allows.
 * @param finePerTonne              in 0.01 currency units per tonne short, before indexing; 0 for none.
 * @param fineIndexBps              per compliance year, the index applied to finePerTonne in basis points.
 * @param nextYearDeductionMultiple times the shortfall withheld from next year's allocation.
 * @param carryForwardMultiple      times the shortfall added to next year's obligation.
 */
public record PenaltyRules(
    long priceMultiple,
    long priceMultipleMin,
    long priceMultipleMax,
    long finePerTonne,
    SortedMap<Integer, Integer> fineIndexBps,
    long nextYearDeductionMultiple,
    long carryForwardMultiple)
{
    /**
     * An index of 1.0 in basis points; a unit, not a scheme figure.
     */
    public static final int NO_INDEX_BPS = 10_000;

    public PenaltyRules
    {
        if (priceMultipleMin < 0 || priceMultipleMin > priceMultipleMax)
        {
            throw new IllegalArgumentException(
                "price multiple bounds must be 0 <= min <= max: " + priceMultipleMin + ".." + priceMultipleMax);
        }
        if (priceMultiple < priceMultipleMin || priceMultiple > priceMultipleMax)
        {
            throw new IllegalArgumentException("price multiple must be within " + priceMultipleMin + ".." +
                priceMultipleMax + ", was " + priceMultiple);
        }
        if (finePerTonne < 0 || nextYearDeductionMultiple < 0 || carryForwardMultiple < 0)
        {
            throw new IllegalArgumentException("fine per tonne and multiples must not be negative");
        }
        final TreeMap<Integer, Integer> index = new TreeMap<>(fineIndexBps == null ? Map.of() : fineIndexBps);
        for (final Map.Entry<Integer, Integer> entry : index.entrySet())
        {
            if (entry.getValue() == null || entry.getValue() <= 0)
            {
                throw new IllegalArgumentException("fine index of " + entry.getKey() +
                    " must be positive basis points");
            }
        }
        fineIndexBps = Collections.unmodifiableSortedMap(index);
    }

    /**
     * @return true if the fine depends on the market price, so a reference price must be found at the close.
     */
    public boolean usesMarketPrice()
    {
        return priceMultiple > 0;
    }

    /**
     * @param referencePrice in 0.01 currency units, see {@link ComplianceDesk}.
     * @return the fine for a shortfall in the compliance year, in 0.01 currency units.
     */
    public long fine(final long shortfall, final long referencePrice, final int year)
    {
        return fine(shortfall, priceMultiple, referencePrice, year);
    }

    /**
     * @param multiple the price multiple decided for this enterprise, within the scheme's bounds.
     * @return the fine for a shortfall in the compliance year, in 0.01 currency units.
     */
    public long fine(final long shortfall, final long multiple, final long referencePrice, final int year)
    {
        if (shortfall <= 0)
        {
            return 0;
        }
        final long marketPart = saturatingMultiply(saturatingMultiply(shortfall, multiple), referencePrice);
        final long indexedPerTonne = indexed(finePerTonne, fineIndexBps.getOrDefault(year, NO_INDEX_BPS));
        final long fixedPart = saturatingMultiply(shortfall, indexedPerTonne);

        return marketPart > Long.MAX_VALUE - fixedPart ? Long.MAX_VALUE : marketPart + fixedPart;
    }

    /**
     * @return true if a multiple may be decided for an enterprise: within the scheme's bounds.
     */
    public boolean allowsPriceMultiple(final long multiple)
    {
        return multiple >= priceMultipleMin && multiple <= priceMultipleMax && multiple > 0;
    }

    /**
     * @return true if the year has a configured fine index.
     */
    public boolean hasIndex(final int year)
    {
        return fineIndexBps.containsKey(year);
    }

    /**
     * @return the tonnes to withhold from next year's allocation.
     */
    public long nextYearDeduction(final long shortfall)
    {
        return saturatingMultiply(shortfall, nextYearDeductionMultiple);
    }

    /**
     * @return the tonnes to add to next year's obligation.
     */
    public long carryForward(final long shortfall)
    {
        return saturatingMultiply(shortfall, carryForwardMultiple);
    }

    /**
     * A copy with another price multiple, checked against this scheme's bounds.
     */
    public PenaltyRules withPriceMultiple(final long multiple)
    {
        return new PenaltyRules(multiple, priceMultipleMin, priceMultipleMax, finePerTonne, fineIndexBps,
            nextYearDeductionMultiple, carryForwardMultiple);
    }

    private static long indexed(final long amount, final int indexBps)
    {
        final long product = saturatingMultiply(amount, indexBps);
        return product == Long.MAX_VALUE ? product : (product + NO_INDEX_BPS / 2) / NO_INDEX_BPS;
    }

    static long saturatingAdd(final long a, final long b)
    {
        return b > 0 && a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    static long saturatingMultiply(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
