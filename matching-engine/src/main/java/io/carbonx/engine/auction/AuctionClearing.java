package io.carbonx.engine.auction;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The uniform-price clearing rule, apart from any bookkeeping.
 * <p>
 * Bids are ranked by price, highest first, then by entry sequence, earliest first. The clearing price is the price of
 * the bid at which the cumulative quantity first reaches the volume. Every bid above it wins in full. The bids at
 * exactly the clearing price share what is left pro rata to their quantities, each rounded down to whole tonnes; the
 * tonnes that rounding leaves over (fewer than the number of tied bids) go one each to the tied bids in time priority.
 * Bids below the clearing price win nothing.
 */
final class AuctionClearing
{
    private static final Comparator<AuctionBid> RANK =
        Comparator.<AuctionBid>comparingLong(bid -> -bid.price).thenComparingLong(bid -> bid.entrySequence);

    private AuctionBid[] ranked = new AuctionBid[0];
    private long[] allocations = new long[0];
    private int count;
    private long clearingPrice;
    private long quantityAtClearingPrice;

    /**
     * Rank the bids and, if they cover the volume, allocate it.
     *
     * @param bids   the auction's live bids, each with a positive quantity.
     * @param volume offered, at most 10^9 tonnes so that pro-rata products fit in a long.
     * @return true if the bids cover the volume; then {@link #clearingPrice()} and {@link #allocation(int)} hold the
     * result. False if they fall short, with the bids still ranked.
     */
    boolean clear(final List<AuctionBid> bids, final long volume)
    {
        count = bids.size();
        if (ranked.length < count)
        {
            ranked = new AuctionBid[count];
            allocations = new long[count];
        }
        bids.toArray(ranked);
        Arrays.sort(ranked, 0, count, RANK);
        Arrays.fill(allocations, 0, count, 0);
        clearingPrice = 0;
        quantityAtClearingPrice = 0;

        long cumulative = 0;
        int marginal = -1;
        for (int i = 0; i < count && marginal < 0; i++)
        {
            cumulative += ranked[i].quantity;
            if (cumulative >= volume)
            {
                marginal = i;
            }
        }
        if (marginal < 0)
        {
            return false;
        }

        clearingPrice = ranked[marginal].price;
        int firstTied = 0;
        long above = 0;
        while (ranked[firstTied].price > clearingPrice)
        {
            allocations[firstTied] = ranked[firstTied].quantity;
            above += ranked[firstTied].quantity;
            firstTied++;
        }
        int endTied = firstTied;
        while (endTied < count && ranked[endTied].price == clearingPrice)
        {
            quantityAtClearingPrice += ranked[endTied].quantity;
            endTied++;
        }

        final long remaining = volume - above;
        long allocated = 0;
        for (int i = firstTied; i < endTied; i++)
        {
            allocations[i] = remaining * ranked[i].quantity / quantityAtClearingPrice;
            allocated += allocations[i];
        }
        // each rounded-down share is short of its exact share by less than one tonne, so no bid gets more than it bid
        for (int i = firstTied; allocated < remaining; i++)
        {
            allocations[i]++;
            allocated++;
        }
        return true;
    }

    int count()
    {
        return count;
    }

    /**
     * @return the bid of the given rank, 0 the best.
     */
    AuctionBid ranked(final int rank)
    {
        return ranked[rank];
    }

    /**
     * @return the tonnes allocated to the bid of the given rank.
     */
    long allocation(final int rank)
    {
        return allocations[rank];
    }

    /**
     * @return the clearing price, or 0 if the bids fell short of the volume.
     */
    long clearingPrice()
    {
        return clearingPrice;
    }

    /**
     * @return the quantity bid at exactly the clearing price.
     */
    long quantityAtClearingPrice()
    {
        return quantityAtClearingPrice;
    }

    /**
     * Forget the ranked bids, so that closed auctions are not kept reachable.
     */
    void reset()
    {
        Arrays.fill(ranked, 0, count, null);
        count = 0;
    }
}
