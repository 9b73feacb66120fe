package io.carbonx.gateway.http.console;

import io.carbonx.gateway.marketdata.MarketSnapshot;
import io.carbonx.protocol.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MarketSnapshot} as the console's JSON: money as decimal text like the rest of the API, times as ISO
 * instants, and {@code null} for a figure there is none of yet.
 */
final class MarketJson
{
    private MarketJson()
    {
    }

    /**
     * @param tradesAfter include only trades numbered above this (0: all the snapshot holds).
     */
    static Map<String, Object> toMap(final MarketSnapshot market, final long tradesAfter)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", market.symbol());
        body.put("instrumentId", market.instrumentId());
        body.put("phase", market.phase());
        body.put("referencePrice", price(market.referencePrice()));
        final Map<String, Object> band = new LinkedHashMap<>();
        band.put("low", price(market.bandLow()));
        band.put("high", market.bandHigh() == Long.MAX_VALUE ? null : price(market.bandHigh()));
        body.put("band", band);
        final Map<String, Object> day = new LinkedHashMap<>();
        day.put("open", price(market.open()));
        day.put("high", price(market.high()));
        day.put("low", price(market.low()));
        day.put("last", price(market.last()));
        day.put("volume", market.volume());
        day.put("turnover", Money.format(market.turnover()));
        body.put("day", day);
        body.put("bids", levels(market.bids()));
        body.put("asks", levels(market.asks()));
        final List<Map<String, Object>> trades = new ArrayList<>();
        for (final MarketSnapshot.Tick tick : market.trades())
        {
            if (tick.number() > tradesAfter)
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("number", tick.number());
                row.put("time", time(tick.timestamp()));
                row.put("price", Money.format(tick.price()));
                row.put("quantity", tick.quantity());
                trades.add(row);
            }
        }
        body.put("trades", trades);
        body.put("tradeCount", market.tradeCount());
        return body;
    }

    private static List<Map<String, Object>> levels(final List<MarketSnapshot.Level> levels)
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final MarketSnapshot.Level level : levels)
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("price", Money.format(level.price()));
            row.put("quantity", level.quantity());
            rows.add(row);
        }
        return rows;
    }

    private static String price(final long price)
    {
        return price <= 0 ? null : Money.format(price);
    }

    static String time(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }
}
