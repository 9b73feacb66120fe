package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/amend-auction-bid}: replace a bid's price and quantity, all or nothing. Sent by the holder
 * of the account.
 */
public record AmendAuctionBidRequest(long auctionId, long bidId, long account, String price, long quantity)
    implements CommandRequest
{
    public AmendAuctionBidRequest
    {
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
        return encoders.auctions().amendBid(buffer, 0, auctionId, bidId, account, encoders.brokerId(),
            Fields.positiveAmount("price", price), quantity);
    }
}
