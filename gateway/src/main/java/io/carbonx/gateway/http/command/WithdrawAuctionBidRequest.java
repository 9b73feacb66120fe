package io.carbonx.gateway.http.command;


import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/withdraw-auction-bid}: withdraw a bid and release its cash reservation. Sent by the holder of
 * the account.
 */
public record WithdrawAuctionBidRequest(long auctionId, long bidId, long account) implements CommandRequest
{
    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.auctions().withdrawBid(buffer, 0, auctionId, bidId, account, encoders.brokerId());
    }
}
