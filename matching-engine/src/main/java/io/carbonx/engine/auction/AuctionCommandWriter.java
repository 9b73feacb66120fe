package io.carbonx.engine.auction;

import io.carbonx.protocol.CommandEnvelope;
import io.carbonx.protocol.UserIds;
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

    private final CommandEnvelope envelope = new CommandEnvelope();

    /**
     * Set the envelope that the following commands carry, for the exchange's own commands (timers, setup): the
     * time, the sending source and its correlation id, with {@link UserIds#EXCHANGE} as the user.
     *
     * @return this, for chaining into the command.
     */
    public AuctionCommandWriter envelope(final long timestamp, final int sourceId, final long correlationId)
    {
        return envelope(timestamp, sourceId, correlationId, UserIds.EXCHANGE);
    }

    /**
     * Set the envelope that the following commands carry: the time, the sending source, its correlation id and the
     * user who acts (see {@link CommandEnvelope#set}).
     *
     * @return this, for chaining into the command.
     */
    public AuctionCommandWriter envelope(
        final long timestamp, final int sourceId, final long correlationId, final long userId)
    {
        envelope.set(timestamp, sourceId, correlationId, userId);
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
        open.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(open.envelope());
        open.auctionId(auctionId)
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
        submit.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(submit.envelope());
        submit.auctionId(auctionId)
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
        amend.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(amend.envelope());
        amend.auctionId(auctionId)
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
        withdraw.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(withdraw.envelope());
        withdraw.auctionId(auctionId)
            .bidId(bidId)
            .accountId(accountId)
            .brokerId(brokerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdraw.encodedLength();
    }

    public int closeAuction(final MutableDirectBuffer buffer, final int offset, final long auctionId)
    {
        close.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(close.envelope());
        close.auctionId(auctionId);
        return MessageHeaderEncoder.ENCODED_LENGTH + close.encodedLength();
    }
}
