package io.carbonx.engine.auction;

/**
 * The primary auctions as code outside the core sees them: queries only. The {@link AuctionHouse} itself is changed by
 * the business-logic thread alone, through commands.
 */
public interface AuctionsView
{
    /**
     * @return true if the auction is open: opened, and neither cleared nor cancelled yet.
     */
    boolean isOpen(long auctionId);

    /**
     * @return the number of live bids in an open auction, or -1 if it is not open.
     */
    int bidCount(long auctionId);
}
