package io.carbonx.gateway.http.command;


import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/close-auction}: clear the auction (or cancel it when undersubscribed or below its reserve)
 * once its bid window has ended. Regulator only.
 */
public record CloseAuctionRequest(long auctionId) implements CommandRequest
{
    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.auctions().closeAuction(buffer, 0, auctionId);
    }
}
