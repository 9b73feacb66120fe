package io.carbonx.gateway.http.command;

import io.carbonx.engine.instrument.Instruments;

import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CommandWriter;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What a request needs to encode itself: the engine's command writers, their envelope already set, the instruments
 * by symbol, and the broker id the sender acts under (a broker user's id, 0 for everyone else), which the engine
 * checks against the account's broker links; and the scheme's time zone, in which a date-only deadline ends.
 */
public record CommandEncoders(CommandWriter commands, AuctionCommandWriter auctions, Instruments instruments,
    int brokerId, ZoneId zone)
{
    /**
     * Encoders whose date-only deadlines end in UTC.
     */
    public CommandEncoders(final CommandWriter commands, final AuctionCommandWriter auctions,
        final Instruments instruments, final int brokerId)
    {
        this(commands, auctions, instruments, brokerId, ZoneOffset.UTC);
    }
}
