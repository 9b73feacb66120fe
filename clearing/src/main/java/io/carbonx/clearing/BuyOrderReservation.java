package io.carbonx.clearing;

import java.util.Objects;

/**
 * The cash a buy order holds back, and how much of it each fill releases: the buyer's side of the settlement
 * contract, in one place so that the state machine and {@link TradeSettlement} cannot disagree.
 * <p>
 * A buy order with limit price {@code L} and {@code q} tonnes still to fill holds
 * {@code cashFor(L, q) = L * q + maxBuyerFee(L, q)}. When {@code f} of them fill at a price {@code p <= L}, the
 * order releases {@code cashFor(L, q) - cashFor(L, q - f)}, which is never less than the
 * {@code p * f + buyerFee(p, f)} the fill costs (property-tested); the difference, price improvement and fee headroom
 * no longer needed, becomes available to the buyer again. Releases over a whole order add up to what it reserved,
 * so an order that fills completely leaves nothing behind, and cancelling the rest releases {@code cashFor(L, q)}.
 * <p>
 * Immutable; allocation-free. {@code L * q} must fit in a {@code long}.
 */
public final class BuyOrderReservation
{
    private final FeeSchedule fees;

    public BuyOrderReservation(final FeeSchedule fees)
    {
        this.fees = Objects.requireNonNull(fees);
    }

    /**
     * @param limitPrice of the order, > 0; for a market order, the highest price it may trade at (e.g. the top of
     *                   the price band).
     * @param quantity   still to fill, >= 0.
     * @return the cash the order must hold: the value at the limit price plus the most its fees can be.
     */
    public long cashFor(final long limitPrice, final long quantity)
    {
        return Math.addExact(Math.multiplyExact(limitPrice, quantity), fees.maxBuyerFee(limitPrice, quantity));
    }

    /**
     * @param limitPrice      of the order.
     * @param leavesQuantity  still to fill before this fill.
     * @param fillQuantity    of this fill, 1..leavesQuantity.
     * @return the cash this fill releases from the order's reservation: the {@code releasedFromReservation} of
     * {@link TradeSettlement#settle}.
     */
    public long releasedOnFill(final long limitPrice, final long leavesQuantity, final long fillQuantity)
    {
        if (fillQuantity <= 0 || fillQuantity > leavesQuantity)
        {
            throw new IllegalArgumentException("fill of " + fillQuantity + " from " + leavesQuantity + " leaves");
        }

        return cashFor(limitPrice, leavesQuantity) - cashFor(limitPrice, leavesQuantity - fillQuantity);
    }
}
