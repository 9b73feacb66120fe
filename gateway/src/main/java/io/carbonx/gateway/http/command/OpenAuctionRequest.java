package io.carbonx.gateway.http.command;

import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.Fields;
import io.carbonx.protocol.Money;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/open-auction}: open a sealed-bid, uniform-price primary auction of {@code volume} units from
 * the AUCTION account, bids accepted from {@code bidWindowStart} until {@code bidWindowEnd} (ISO date-times).
 * Regulator only.
 */
public record OpenAuctionRequest(
    long auctionId,
    String instrument,
    long auctionAccount,
    long volume,
    String reservePrice,
    int maxShareBps,
    String bidWindowStart,
    String bidWindowEnd) implements CommandRequest
{
    public OpenAuctionRequest
    {
        Fields.positive("auctionId", auctionId);
        Fields.positive("volume", volume);
        if (Money.parse("reservePrice", reservePrice) < 0)
        {
            throw new InvalidFieldException("field 'reservePrice': must not be negative, was " + reservePrice);
        }
        if (maxShareBps < 1 || maxShareBps > 10_000)
        {
            throw new InvalidFieldException("field 'maxShareBps': must be 1 to 10000, was " + maxShareBps);
        }
        if (Fields.instant("bidWindowEnd", bidWindowEnd) <= Fields.instant("bidWindowStart", bidWindowStart))
        {
            throw new InvalidFieldException("field 'bidWindowEnd': must be after bidWindowStart");
        }
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.auctions()
            .openAuction(buffer, 0, auctionId, encoders.instruments().id("instrument", instrument),
            auctionAccount, volume, Money.parse("reservePrice", reservePrice), maxShareBps,
            Fields.instant("bidWindowStart", bidWindowStart), Fields.instant("bidWindowEnd", bidWindowEnd));
    }
}
