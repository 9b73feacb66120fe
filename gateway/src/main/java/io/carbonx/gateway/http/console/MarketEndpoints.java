package io.carbonx.gateway.http.console;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.gateway.http.ApiException;
import io.carbonx.gateway.http.ApiRequest;
import io.carbonx.gateway.http.ApiResponse;
import io.carbonx.gateway.http.RouteTable;
import io.carbonx.gateway.marketdata.MarketDataHub;
import io.carbonx.gateway.marketdata.MarketSnapshot;
import io.carbonx.protocol.Money;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The market's JSON endpoints, which any signed-in user may read (the market is public to members, as over FIX):
 * <ul>
 *   <li>{@code GET /market}: every instrument's phase, band and day figures, no book.</li>
 *   <li>{@code GET /market/{instrument}}: one instrument's, with its book ({@code ?depth=}, 10 by default) and latest
 *   trades; the same as the stream's {@code market} event.</li>
 *   <li>{@code GET /analytics/bars?instrument=&interval=day|minute}: its price and volume bars ({@link MarketBars}).
 *   </li>
 * </ul>
 * Stateless; the hub and the bars are thread-safe.
 */
public final class MarketEndpoints
{
    private final MarketDataHub market;
    private final MarketBars bars;
    private final Instruments instruments;

    public MarketEndpoints(final MarketDataHub market, final MarketBars bars, final Instruments instruments)
    {
        this.market = market;
        this.bars = bars;
        this.instruments = instruments;
    }

    public void register(final RouteTable routes)
    {
        routes.add("GET", "/market", this::all);
        routes.add("GET", "/market/{instrument}", this::one);
        routes.add("GET", "/analytics/bars", this::bars);
    }

    private ApiResponse all(final ApiRequest request)
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final String symbol : market.symbols())
        {
            final MarketSnapshot snapshot = market.snapshot(symbol, 1);
            if (snapshot != null)
            {
                final Map<String, Object> row = MarketJson.toMap(snapshot, Long.MAX_VALUE);
                row.remove("bids");
                row.remove("asks");
                row.remove("trades");
                rows.add(row);
            }
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("instruments", rows);
        return ApiResponse.json(200, body);
    }

    private ApiResponse one(final ApiRequest request)
    {
        final long depth = request.queryLong("depth", MarketStream.DEPTH);
        if (depth < 0 || depth > 1000)
        {
            throw ApiException.badRequest("query parameter 'depth': 0 (all) to 1000, was " + depth);
        }
        final String symbol = request.pathParams().get("instrument");
        final MarketSnapshot snapshot = market.snapshot(symbol, (int)depth);
        if (snapshot == null)
        {
            throw ApiException.notFound("no such instrument: " + symbol);
        }
        return ApiResponse.json(200, MarketJson.toMap(snapshot, 0));
    }

    private ApiResponse bars(final ApiRequest request)
    {
        final String symbol = request.query().get("instrument");
        if (symbol == null || symbol.isEmpty())
        {
            throw ApiException.badRequest("query parameter 'instrument': required");
        }
        final int instrumentId = instruments.id("instrument", symbol);
        final String intervalText = request.query().getOrDefault("interval", "day");
        final MarketBars.Interval interval;
        try
        {
            interval = MarketBars.Interval.valueOf(intervalText.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("query parameter 'interval': day or minute, was '" + intervalText + "'");
        }
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final MarketBars.Bar bar : bars.bars(instrumentId, interval))
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", bar.time());
            row.put("open", Money.format(bar.open()));
            row.put("high", Money.format(bar.high()));
            row.put("low", Money.format(bar.low()));
            row.put("close", Money.format(bar.close()));
            row.put("volume", bar.volume());
            row.put("turnover", Money.format(bar.turnover()));
            rows.add(row);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", symbol);
        body.put("interval", interval.name().toLowerCase(Locale.ROOT));
        body.put("bars", rows);
        return ApiResponse.json(200, body);
    }
}
