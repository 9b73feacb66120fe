package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/end-of-trading-day}: close the trading day {@code tradingDate} (yyyy-mm-dd): closing
 * prices, DAY orders expire, bought units unlock. Regulator only.
 */
public record EndOfTradingDayRequest(String tradingDate) implements CommandRequest
{
    public EndOfTradingDayRequest
    {
        Fields.date("tradingDate", tradingDate);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().endOfTradingDay(buffer, 0, Fields.date("tradingDate", tradingDate));
    }
}
