package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiException;
import io.carbonx.gateway.http.ApiRequest;
import io.carbonx.gateway.http.ApiResponse;
import io.carbonx.gateway.http.RouteTable;
import io.carbonx.gateway.marketdata.MarketDataHub;
import io.carbonx.gateway.marketdata.MarketSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The market's JSON endpoints, which any signed-in user may read (the market is public to members, as over FIX):
 * <ul>
 *   <li>{@code GET /market}: every instrument's phase, band and day figures, no book.</li>
 *   <li>{@code GET /market/{instrument}}: one instrument's, with its book ({@code ?depth=}, 10 by default) and latest
 *   trades; the same as the stream's {@code market} event.</li>
 * </ul>
 * The charts' price and volume bars come from the analytic store ({@code GET /analytics/bars}). Stateless; the hub is
 * thread-safe.
 */
public final class MarketEndpoints
{
    private final MarketDataHub market;

    public MarketEndpoints(final MarketDataHub market)
    {
        this.market = market;
    }

    public void register(final RouteTable routes)
    {
        routes.add("GET", "/market", this::all);
        routes.add("GET", "/market/{instrument}", this::one);
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
}
