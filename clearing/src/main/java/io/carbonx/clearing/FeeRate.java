package io.carbonx.clearing;

/**
 * How one side of a trade is charged: a fixed amount per tonne, or basis points of the trade's value.
 * <p>
 * <b>Rounding.</b> Amounts are {@code long} 0.01 currency units. A fee in basis points is rounded up to the next
 * 0.01, so the exchange never charges less than its rate; a fee per tonne needs no rounding. Either way a fee never
 * exceeds the value of the trade it is charged on, so a seller's proceeds are never negative.
 * <p>
 * {@code price * quantity} must fit in a {@code long}; order admission bounds both, and a larger product is a
 * programming error reported by {@link ArithmeticException}. Immutable; allocation-free.
 */
public final class FeeRate
{
    /**
     * What the rate is applied to.
     */
    public enum Basis
    {
        /** Rate in 0.01 currency units per tonne. */
        PER_TONNE,
        /** Rate in basis points (1/10,000) of the trade's value. */
        BASIS_POINTS
    }

    /**
     * Basis points in the whole value: the most a basis-point rate can be.
     */
    public static final long BASIS_POINTS_PER_UNIT = 10_000;

    /**
     * No fee.
     */
    public static final FeeRate NONE = new FeeRate(Basis.PER_TONNE, 0);

    private final Basis basis;
    private final long rate;

    private FeeRate(final Basis basis, final long rate)
    {
        this.basis = basis;
        this.rate = rate;
    }

    /**
     * @param minorUnitsPerTonne fee per tonne in 0.01 currency units, >= 0.
     */
    public static FeeRate perTonne(final long minorUnitsPerTonne)
    {
        if (minorUnitsPerTonne < 0)
        {
            throw new IllegalArgumentException("fee per tonne must be >= 0: " + minorUnitsPerTonne);
        }

        return new FeeRate(Basis.PER_TONNE, minorUnitsPerTonne);
    }

    /**
     * @param basisPoints of the trade's value, 0..10,000.
     */
    public static FeeRate basisPoints(final long basisPoints)
    {
        if (basisPoints < 0 || basisPoints > BASIS_POINTS_PER_UNIT)
        {
            throw new IllegalArgumentException(
                "basis points must be in 0.." + BASIS_POINTS_PER_UNIT + ": " + basisPoints);
        }

        return new FeeRate(Basis.BASIS_POINTS, basisPoints);
    }

    public Basis basis()
    {
        return basis;
    }

    /**
     * @return the rate, in the unit its {@link #basis()} says.
     */
    public long rate()
    {
        return rate;
    }

    /**
     * @param price    of the trade in 0.01 currency units, > 0.
     * @param quantity of the trade in tonnes, > 0.
     * @return the fee on the trade, at most {@code price * quantity}.
     */
    public long fee(final long price, final long quantity)
    {
        if (price <= 0 || quantity <= 0)
        {
            throw new IllegalArgumentException("price and quantity must be > 0: " + price + ", " + quantity);
        }

        final long value = Math.multiplyExact(price, quantity);
        if (Basis.PER_TONNE == basis)
        {
            return Math.min(rate, price) * quantity;
        }

        // ceil(value * rate / 10,000) without overflow: split value so that each product stays small.
        // With rate <= 10,000 the result cannot exceed the value.
        final long whole = value / BASIS_POINTS_PER_UNIT;
        final long part = value % BASIS_POINTS_PER_UNIT;

        return whole * rate + (part * rate + BASIS_POINTS_PER_UNIT - 1) / BASIS_POINTS_PER_UNIT;
    }

    /**
     * The most the fees can add up to when {@code quantity} fills in any number of trades at any prices up to
     * {@code limitPrice}: what a buy order must hold back for fees.
     * <p>
     * Per tonne the fee grows with price and is additive, so the bound is the fee at the limit price. In basis
     * points each trade's fee is rounded up, by less than 0.01; a trade is at least one tonne, so there are at most
     * {@code quantity} of them, and the sum of the rounded fees is at most the rounded fee of the whole at the limit
     * price plus 0.01 for each tonne beyond the first. No bound need exceed the value at the limit price, which caps
     * every fee.
     *
     * @param limitPrice the highest price any fill may have, > 0.
     * @param quantity   to fill, >= 0.
     * @return a bound on the sum of fees over any split of the quantity at prices <= the limit; 0 for no quantity.
     */
    public long maxFee(final long limitPrice, final long quantity)
    {
        if (0 == quantity)
        {
            return 0;
        }

        final long feeAtLimit = fee(limitPrice, quantity);
        if (Basis.PER_TONNE == basis || 0 == rate)
        {
            return feeAtLimit;
        }

        final long valueAtLimit = limitPrice * quantity; // fee() checked that it fits
        final long roundingHeadroom = quantity - 1;

        return feeAtLimit > valueAtLimit - roundingHeadroom ? valueAtLimit : feeAtLimit + roundingHeadroom;
    }

    public boolean equals(final Object other)
    {
        return other instanceof FeeRate && basis == ((FeeRate)other).basis && rate == ((FeeRate)other).rate;
    }

    public int hashCode()
    {
        return 31 * basis.hashCode() + Long.hashCode(rate);
    }

    public String toString()
    {
        return Basis.PER_TONNE == basis ? rate + " per tonne" : rate + " bps";
    }
}
