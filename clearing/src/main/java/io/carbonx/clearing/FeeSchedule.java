package io.carbonx.clearing;

import java.util.Objects;

/**
 * A scheme's trading fees: what the buyer and the seller of a trade are each charged, paid to the exchange's fee
 * account at settlement. Each side has its own {@link FeeRate}, with its rounding rule. Immutable.
 */
public final class FeeSchedule
{
    /**
     * Trading without fees.
     */
    public static final FeeSchedule NONE = new FeeSchedule(FeeRate.NONE, FeeRate.NONE);

    private final FeeRate buyerRate;
    private final FeeRate sellerRate;

    public FeeSchedule(final FeeRate buyerRate, final FeeRate sellerRate)
    {
        this.buyerRate = Objects.requireNonNull(buyerRate);
        this.sellerRate = Objects.requireNonNull(sellerRate);
    }

    public FeeRate buyerRate()
    {
        return buyerRate;
    }

    public FeeRate sellerRate()
    {
        return sellerRate;
    }

    /**
     * @return the fee the buyer pays on top of the trade's value.
     */
    public long buyerFee(final long price, final long quantity)
    {
        return buyerRate.fee(price, quantity);
    }

    /**
     * @return the fee deducted from what the seller receives.
     */
    public long sellerFee(final long price, final long quantity)
    {
        return sellerRate.fee(price, quantity);
    }

    /**
     * @return the most the buyer's fees can add up to when the quantity fills at prices up to the limit.
     * @see FeeRate#maxFee(long, long)
     */
    public long maxBuyerFee(final long limitPrice, final long quantity)
    {
        return buyerRate.maxFee(limitPrice, quantity);
    }

    public boolean equals(final Object other)
    {
        return other instanceof FeeSchedule &&
            buyerRate.equals(((FeeSchedule)other).buyerRate) && sellerRate.equals(((FeeSchedule)other).sellerRate);
    }

    public int hashCode()
    {
        return 31 * buyerRate.hashCode() + sellerRate.hashCode();
    }

    public String toString()
    {
        return "FeeSchedule{buyer=" + buyerRate + ", seller=" + sellerRate + '}';
    }
}
