package io.carbonx.clearing;

import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Registry;

import java.util.Objects;

/**
 * Settles trades as delivery versus payment in one step, all or nothing, charging the scheme's fees.
 * <p>
 * <b>Contract with the state machine.</b> Before a trade, the seller's sell order reserved the units
 * ({@link Registry#reserveUnits}) and the buyer's buy order reserved its quantity against the holding limit and
 * {@link BuyOrderReservation#cashFor} in cash ({@link Registry#reserveForBuy}). For a fill of {@code quantity} at
 * {@code price} (at most the buy order's limit), the state machine passes {@code releasedFromReservation =}
 * {@link BuyOrderReservation#releasedOnFill}{@code (limitPrice, leavesBeforeFill, quantity)}. Then:
 * <ul>
 * <li>the seller's reserved units move to the buyer, oldest serials first, and arrive locked until the end of the
 * day; the buyer's pending-buy count drops by the quantity;</li>
 * <li>{@code releasedFromReservation} leaves the buyer's cash reservation: {@code price * quantity + buyerFee} is
 * paid and the rest (price improvement, unused fee headroom) becomes available to the buyer;</li>
 * <li>the seller receives {@code price * quantity - sellerFee}, available at once;</li>
 * <li>both fees go to the registry's fee account.</li>
 * </ul>
 * When the buy order leaves the book unfilled, the state machine releases {@code cashFor(limitPrice, leaves)} and
 * the leaves quantity with {@link Registry#releaseForBuy}, and the sell order's leaves with
 * {@link Registry#releaseUnits}. Followed this way, settlement never refuses; a refusal reports broken bookkeeping and
 * changes nothing, so the state machine may settle before it commits the fill to its book.
 * <p>
 * Single-threaded, allocation-free. The fees of the last applied settlement are readable afterwards for the
 * {@code Trade} event, and the exact serial blocks it moved from {@link Registry#lastMoved()}.
 */
public final class TradeSettlement
{
    private final Registry registry;
    private final FeeSchedule fees;
    private long lastBuyerFee;
    private long lastSellerFee;

    public TradeSettlement(final Registry registry, final FeeSchedule fees)
    {
        this.registry = Objects.requireNonNull(registry);
        this.fees = Objects.requireNonNull(fees);
    }

    /**
     * Settle one trade.
     *
     * @param price                   per tonne in 0.01 currency units; {@code price * quantity} must fit in a
     *                                {@code long} (the buy order's reservation has already computed it).
     * @param quantity                tonnes traded.
     * @param releasedFromReservation cash leaving the buyer's reservation, at least what the buyer pays.
     * @return null if settled, else why not, with nothing changed: {@code INVALID_PRICE} for a price <= 0;
     * {@code INVALID_AMOUNT} for a quantity <= 0 or a release short of the payment; otherwise as
     * {@link Registry#settle}.
     */
    public RejectReason settle(
        final long buyerAccountId,
        final long sellerAccountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long releasedFromReservation)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_AMOUNT;
        }

        final long value = Math.multiplyExact(price, quantity);
        final long buyerFee = fees.buyerFee(price, quantity);
        final long sellerFee = fees.sellerFee(price, quantity);
        final RejectReason refusal = registry.settle(
            buyerAccountId, sellerAccountId, instrumentId, quantity, value, buyerFee, sellerFee,
            releasedFromReservation);
        if (refusal == null)
        {
            lastBuyerFee = buyerFee;
            lastSellerFee = sellerFee;
        }

        return refusal;
    }

    /**
     * @return the buyer's fee in the last trade settled.
     */
    public long lastBuyerFee()
    {
        return lastBuyerFee;
    }

    /**
     * @return the seller's fee in the last trade settled.
     */
    public long lastSellerFee()
    {
        return lastSellerFee;
    }

    public FeeSchedule fees()
    {
        return fees;
    }
}
