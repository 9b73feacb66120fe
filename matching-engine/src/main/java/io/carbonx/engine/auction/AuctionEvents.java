package io.carbonx.engine.auction;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.event.SerialBlocksPublisher;
import io.carbonx.protocol.sbe.AuctionAllocationEncoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedEncoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedEncoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnEncoder;
import io.carbonx.protocol.sbe.AuctionCancelledEncoder;
import io.carbonx.protocol.sbe.AuctionOpenedEncoder;
import io.carbonx.protocol.sbe.AuctionResultEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.SerialRanges;

/**
 * Encodes the events of auction commands, each stamped with the envelope of the command being applied.
 */
final class AuctionEvents
{
    private final EventEnvelope envelope;
    private final SerialBlocksPublisher serialBlocks;
    private final AuctionOpenedEncoder opened = new AuctionOpenedEncoder();
    private final AuctionBidAcceptedEncoder bidAccepted = new AuctionBidAcceptedEncoder();
    private final AuctionBidAmendedEncoder bidAmended = new AuctionBidAmendedEncoder();
    private final AuctionBidWithdrawnEncoder bidWithdrawn = new AuctionBidWithdrawnEncoder();
    private final AuctionAllocationEncoder allocation = new AuctionAllocationEncoder();
    private final AuctionResultEncoder result = new AuctionResultEncoder();
    private final AuctionCancelledEncoder cancelled = new AuctionCancelledEncoder();

    AuctionEvents(final EventEnvelope envelope)
    {
        this.envelope = envelope;
        this.serialBlocks = new SerialBlocksPublisher(envelope);
    }

    /**
     * @param bidId 0 for a command about the auction as a whole; it goes in the rejection's orderId.
     */
    void rejected(final long bidId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        envelope.rejected(CommandKind.AUCTION, bidId, accountId, instrumentId, reason);
    }

    void opened(final Auction auction)
    {
        opened.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .instrumentId(auction.instrumentId)
            .auctionAccountId(auction.auctionAccountId)
            .volume(auction.volume)
            .reservePrice(auction.reservePrice)
            .maxShareBps(auction.maxShareBps)
            .maxBidderQuantity(auction.maxBidderQuantity)
            .bidWindowStart(auction.windowStart)
            .bidWindowEnd(auction.windowEnd);
        envelope.publish(opened.encodedLength());
    }

    void bidAccepted(final Auction auction, final AuctionBid bid)
    {
        bidAccepted.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .bidId(bid.bidId)
            .accountId(bid.accountId)
            .price(bid.price)
            .quantity(bid.quantity)
            .reservedAmount(bid.reservedAmount())
            .bidderQuantity(auction.bidderQuantity(bid.accountId));
        envelope.publish(bidAccepted.encodedLength());
    }

    void bidAmended(final Auction auction, final AuctionBid bid, final boolean priorityKept)
    {
        bidAmended.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .bidId(bid.bidId)
            .accountId(bid.accountId)
            .price(bid.price)
            .quantity(bid.quantity)
            .reservedAmount(bid.reservedAmount())
            .bidderQuantity(auction.bidderQuantity(bid.accountId))
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE);
        envelope.publish(bidAmended.encodedLength());
    }

    void bidWithdrawn(final Auction auction, final AuctionBid bid)
    {
        bidWithdrawn.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .bidId(bid.bidId)
            .accountId(bid.accountId)
            .quantity(bid.quantity)
            .releasedAmount(bid.reservedAmount());
        envelope.publish(bidWithdrawn.encodedLength());
    }

    void allocation(
        final Auction auction,
        final AuctionBid bid,
        final long quantity,
        final long clearingPrice,
        final long releasedAmount,
        final SerialRanges delivered)
    {
        allocation.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .instrumentId(auction.instrumentId)
            .bidId(bid.bidId)
            .accountId(bid.accountId)
            .bidPrice(bid.price)
            .bidQuantity(bid.quantity)
            .quantity(quantity)
            .clearingPrice(clearingPrice)
            .amount(clearingPrice * quantity)
            .releasedAmount(releasedAmount);
        envelope.publish(allocation.encodedLength());
        if (quantity > 0)
        {
            serialBlocks.publish(RegistryOperationType.AUCTION_DELIVERY, auction.instrumentId,
                auction.auctionAccountId, bid.accountId, auction.auctionId, quantity, delivered);
        }
    }

    void result(
        final Auction auction,
        final long clearingPrice,
        final int bidders,
        final int winners,
        final int winningBids,
        final long totalBidQuantity,
        final long quantityAtClearingPrice)
    {
        result.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .instrumentId(auction.instrumentId)
            .auctionAccountId(auction.auctionAccountId)
            .clearingPrice(clearingPrice)
            .reservePrice(auction.reservePrice)
            .volumeOffered(auction.volume)
            .volumeSold(auction.volume)
            .proceeds(clearingPrice * auction.volume)
            .bidCount(auction.bids.size())
            .bidders(bidders)
            .winners(winners)
            .winningBids(winningBids)
            .totalBidQuantity(totalBidQuantity)
            .coverRatioBps(coverRatioBps(totalBidQuantity, auction.volume))
            .quantityAtClearingPrice(quantityAtClearingPrice);
        envelope.publish(result.encodedLength());
    }

    void cancelled(
        final Auction auction, final RejectReason reason, final long clearingPrice, final int bidders,
        final long totalBidQuantity)
    {
        cancelled.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .auctionId(auction.auctionId)
            .instrumentId(auction.instrumentId)
            .reason(reason)
            .volumeOffered(auction.volume)
            .reservePrice(auction.reservePrice)
            .clearingPrice(clearingPrice)
            .bidCount(auction.bids.size())
            .bidders(bidders)
            .totalBidQuantity(totalBidQuantity);
        envelope.publish(cancelled.encodedLength());
    }

    /**
     * @return total / volume in basis points, rounded down, without overflowing for any total a long can hold.
     */
    static long coverRatioBps(final long totalBidQuantity, final long volume)
    {
        return totalBidQuantity / volume * 10_000 + totalBidQuantity % volume * 10_000 / volume;
    }
}
