package io.carbonx.engine.auction;

import io.carbonx.protocol.StateHash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An open auction: its terms, fixed when it opens, and its live bids in the order they were entered.
 */
final class Auction
{
    final long auctionId;
    final int instrumentId;
    final long auctionAccountId;
    final long volume;
    final long reservePrice;
    final int maxShareBps;
    final long maxBidderQuantity;
    final long windowStart;
    final long windowEnd;
    final long tickSize;
    final List<AuctionBid> bids = new ArrayList<>();

    Auction(
        final long auctionId,
        final int instrumentId,
        final long auctionAccountId,
        final long volume,
        final long reservePrice,
        final int maxShareBps,
        final long windowStart,
        final long windowEnd,
        final long tickSize)
    {
        this.auctionId = auctionId;
        this.instrumentId = instrumentId;
        this.auctionAccountId = auctionAccountId;
        this.volume = volume;
        this.reservePrice = reservePrice;
        this.maxShareBps = maxShareBps;
        this.maxBidderQuantity = maxBidderQuantity(volume, maxShareBps);
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.tickSize = tickSize;
    }

    /**
     * @return the most one account may bid for in total: the share of the volume, rounded down to whole tonnes.
     */
    static long maxBidderQuantity(final long volume, final int maxShareBps)
    {
        return volume * maxShareBps / 10_000;
    }

    /**
     * Bids are accepted from the start of the window up to, not including, its end.
     */
    boolean isInWindow(final long time)
    {
        return time >= windowStart && time < windowEnd;
    }

    AuctionBid bid(final long bidId)
    {
        for (int i = 0, size = bids.size(); i < size; i++)
        {
            final AuctionBid bid = bids.get(i);
            if (bid.bidId == bidId)
            {
                return bid;
            }
        }
        return null;
    }

    /**
     * @return the total quantity of the account's live bids.
     */
    long bidderQuantity(final long accountId)
    {
        long total = 0;
        for (int i = 0, size = bids.size(); i < size; i++)
        {
            final AuctionBid bid = bids.get(i);
            if (bid.accountId == accountId)
            {
                total += bid.quantity;
            }
        }
        return total;
    }

    long totalBidQuantity()
    {
        long total = 0;
        for (int i = 0, size = bids.size(); i < size; i++)
        {
            total += bids.get(i).quantity;
        }
        return total;
    }

    long hashInto(final long hash)
    {
        long h = StateHash.mix(hash, auctionId);
        h = StateHash.mix(h, instrumentId);
        h = StateHash.mix(h, auctionAccountId);
        h = StateHash.mix(h, volume);
        h = StateHash.mix(h, reservePrice);
        h = StateHash.mix(h, maxShareBps);
        h = StateHash.mix(h, windowStart);
        h = StateHash.mix(h, windowEnd);
        h = StateHash.mix(h, tickSize);
        h = StateHash.mix(h, bids.size());
        for (int i = 0, size = bids.size(); i < size; i++)
        {
            final AuctionBid bid = bids.get(i);
            h = StateHash.mix(h, bid.bidId);
            h = StateHash.mix(h, bid.accountId);
            h = StateHash.mix(h, bid.price);
            h = StateHash.mix(h, bid.quantity);
            h = StateHash.mix(h, bid.entrySequence);
        }
        return h;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(auctionId);
        out.writeInt(instrumentId);
        out.writeLong(auctionAccountId);
        out.writeLong(volume);
        out.writeLong(reservePrice);
        out.writeInt(maxShareBps);
        out.writeLong(windowStart);
        out.writeLong(windowEnd);
        out.writeLong(tickSize);
        out.writeInt(bids.size());
        for (int i = 0, size = bids.size(); i < size; i++)
        {
            final AuctionBid bid = bids.get(i);
            out.writeLong(bid.bidId);
            out.writeLong(bid.accountId);
            out.writeLong(bid.price);
            out.writeLong(bid.quantity);
            out.writeLong(bid.entrySequence);
        }
    }

    static Auction readSnapshot(final DataInput in) throws IOException
    {
        final Auction auction = new Auction(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
            in.readInt(), in.readLong(), in.readLong(), in.readLong());
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            auction.bids.add(new AuctionBid(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
        }
        return auction;
    }
}
