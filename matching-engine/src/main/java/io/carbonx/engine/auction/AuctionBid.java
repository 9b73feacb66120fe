package io.carbonx.engine.auction;

/**
 * One live bid in an auction. Its cash reservation is always {@code price * quantity}: primary auctions charge no fees.
 */
final class AuctionBid
{
    final long bidId;
    final long accountId;
    long price;
    long quantity;
    /**
     * The sequence of the command that gave the bid its time priority: its submission, or the last amend that lost it.
     */
    long entrySequence;

    AuctionBid(final long bidId, final long accountId, final long price, final long quantity, final long entrySequence)
    {
        this.bidId = bidId;
        this.accountId = accountId;
        this.price = price;
        this.quantity = quantity;
        this.entrySequence = entrySequence;
    }

    long reservedAmount()
    {
        return price * quantity;
    }
}
