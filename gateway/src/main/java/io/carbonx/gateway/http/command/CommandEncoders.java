package io.carbonx.gateway.http.command;

import io.carbonx.engine.approval.ApprovalCommandWriter;
import io.carbonx.engine.auction.AuctionCommandWriter;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.instrument.Instruments;

import java.time.ZoneId;

/**
 * What a request needs to encode itself: the engine's command writers (orders and registry, auctions, four-eyes
 * approval), their envelope already set, the instruments by symbol, and the broker id the sender acts under (a broker
 * user's id, 0 for everyone else), which the engine checks against the account's broker links; and the scheme's time
 * zone, in which a date-only deadline ends.
 */
public record CommandEncoders(CommandWriter commands, AuctionCommandWriter auctions, ApprovalCommandWriter approvals,
    Instruments instruments, int brokerId, ZoneId zone)
{
}
