package io.carbonx.engine.auction;

import io.carbonx.protocol.sbe.AmendAuctionBidEncoder;
import io.carbonx.protocol.sbe.CloseAuctionEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.OpenAuctionEncoder;
import io.carbonx.protocol.sbe.SubmitAuctionBidEncoder;
import io.carbonx.protocol.sbe.WithdrawAuctionBidEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes auction commands into a buffer, for the regulator's channels and bidders' gateways: one method per command,
 * each returning the encoded length including the message header. Not thread-safe: one writer per producing thread.
 */
public final class AuctionCommandWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OpenAuctionEncoder open = new OpenAuctionEncoder();
    private final SubmitAuctionBidEncoder submit = new SubmitAuctionBidEncoder();
    private final AmendAuctionBidEncoder amend = new AmendAuctionBidEncoder();
    private final WithdrawAuctionBidEncoder withdraw = new WithdrawAuctionBidEncoder();
    private final CloseAuctionEncoder close = new CloseAuctionEncoder();

    private long timestamp;
    private int sourceId;
    private long correlationId;

    /**
     * Set the envelope that the following commands carry: the time, the sending source and its correlation id.
     *
     * @return this, for chaining into the command.
     */
    public AuctionCommandWriter envelope(final long timestamp, final int sourceId, final long correlationId)
    {
        this.timestamp = timestamp;
        this.sourceId = sourceId;
        this.correlationId = correlationId;
        return this;
    }

    public int openAuction(
        final MutableDirectBuffer buffer,
        final int offset,
        final long auctionId,
        final int instrumentId,
        final long auctionAccountId,
        final long volume,
        final long reservePrice,
        final int maxShareBps,
        final long bidWindowStart,
        final long bidWindowEnd)
    {
        open.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .auctionId(auctionId)
            .instrumentId(instrumentId)
            .auctionAccountId(auctionAccountId)
            .volume(volume)
            .reservePrice(reservePrice)
            .maxShareBps(maxShareBps)
            .bidWindowStart(bidWindowStart)
            .bidWindowEnd(bidWindowEnd);
        return MessageHeaderEncoder.ENCODED_LENGTH + open.encodedLength();
    }

    public int submitBid(
        final MutableDirectBuffer buffer,
        final int offset,
        final long auctionId,
        final long bidId,
        final long accountId,
        final int brokerId,
        final long price,
        final long quantity)
    {
        submit.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .auctionId(auctionId)
            .bidId(bidId)
            .accountId(accountId)
            .brokerId(brokerId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + submit.encodedLength();
    }

    public int amendBid(
        final MutableDirectBuffer buffer,
        final int offset,
        final long auctionId,
        final long bidId,
        final long accountId,
        final int brokerId,
        final long price,
        final long quantity)
    {
        amend.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .auctionId(auctionId)
            .bidId(bidId)
            .accountId(accountId)
            .brokerId(brokerId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + amend.encodedLength();
    }

    public int withdrawBid(
        final MutableDirectBuffer buffer,
        final int offset,
        final long auctionId,
        final long bidId,
        final long accountId,
        final int brokerId)
    {
        withdraw.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .auctionId(auctionId)
            .bidId(bidId)
            .accountId(accountId)
            .brokerId(brokerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdraw.encodedLength();
    }

    public int closeAuction(final MutableDirectBuffer buffer, final int offset, final long auctionId)
    {
        close.wrapAndApplyHeader(buffer, offset, header)
            .timestamp(timestamp)
            .sourceId(sourceId)
            .correlationId(correlationId)
            .auctionId(auctionId);
        return MessageHeaderEncoder.ENCODED_LENGTH + close.encodedLength();
    }
}
