package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/submit-auction-bid}: bid {@code price} for {@code quantity} units in an open auction,
 * reserving price x quantity of the account's cash. Sent by the holder of the account.
 */
public record SubmitAuctionBidRequest(long auctionId, long bidId, long account, String price, long quantity)
    implements CommandRequest
{
    public SubmitAuctionBidRequest
    {
        Fields.positive("bidId", bidId);
        Fields.positiveAmount("price", price);
        Fields.positive("quantity", quantity);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.auctions().submitBid(buffer, 0, auctionId, bidId, account, encoders.brokerId(),
            Fields.positiveAmount("price", price), quantity);
    }
}
