package io.carbonx.gateway.http;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.reports.store.StoreException;
import io.carbonx.reports.store.StoreReports;
import io.carbonx.reports.store.StoreSql;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytic store over HTTP:
 * <ul>
 * <li>{@code POST /sql} (regulator): the body is one SELECT, run read-only with a row cap and a time limit;
 * {@code {"columns":[...],"rows":[[...]],"rowCount":n,"truncated":false,"maxRows":10000}}; a refused query is a 400
 * whose body also says {@code "kind"}: {@code NOT_A_SELECT}, {@code INVALID} or {@code TIMEOUT}.</li>
 * <li>{@code GET /export/{table}?format=parquet} (regulator): the table as a Parquet file; 404 for a name that is not
 * one of the store's tables.</li>
 * <li>{@code GET /analytics/bars?instrument=SYMBOL&interval=day|minute} (anyone signed in): price bars from the
 * trades.</li>
 * </ul>
 * Each waits until the store holds every command journaled when the request came (up to 10 s, then 503), so it sees
 * what was acknowledged before it. Stateless: any API worker serves any request.
 */
public final class AnalyticsEndpoints
{
    private final StoreSql sql;
    private final StoreReports reports;
    private final Authorizer authorizer;
    private final Instruments instruments;

    public AnalyticsEndpoints(final StoreSql sql, final StoreReports reports, final Authorizer authorizer,
        final Instruments instruments)
    {
        this.sql = sql;
        this.reports = reports;
        this.authorizer = authorizer;
        this.instruments = instruments;
    }

    public void register(final RouteTable routes)
    {
        routes.add("POST", "/sql", this::query);
        routes.add("GET", "/export/{table}", this::export);
        routes.add("GET", "/analytics/bars", this::bars);
    }

    private ApiResponse query(final ApiRequest request)
    {
        authorizer.requireRegulator(request.user(), "query the analytic store");
        final String text = new String(request.body(), StandardCharsets.UTF_8).strip();
        if (text.isEmpty())
        {
            throw ApiException.badRequest("the body must be one SELECT statement");
        }
        final StoreSql.Result result;
        try
        {
            reports.awaitJournalEnd();
            result = sql.select(text);
        }
        catch (final StoreSql.QueryException ex)
        {
            final Map<String, Object> error = new LinkedHashMap<>();
            error.put("status", 400);
            error.put("error", ex.getMessage());
            error.put("kind", ex.kind());
            return ApiResponse.json(400, error);
        }
        catch (final StoreException ex)
        {
            throw new ApiException(503, ex.getMessage());
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", result.columns());
        body.put("rows", result.rows());
        body.put("rowCount", result.rows().size());
        body.put("truncated", result.truncated());
        body.put("maxRows", sql.maxRows());
        return ApiResponse.json(200, body);
    }

    private ApiResponse export(final ApiRequest request)
    {
        authorizer.requireRegulator(request.user(), "export the analytic store");
        final String table = request.pathParams().get("table");
        final String format = request.query().getOrDefault("format", "parquet");
        if (!format.equals("parquet"))
        {
            throw ApiException.badRequest("query parameter 'format': must be parquet, was '" + format + "'");
        }
        final Path file;
        try
        {
            reports.awaitJournalEnd();
            file = sql.exportParquet(table);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.notFound(ex.getMessage() + " in the analytic store");
        }
        catch (final StoreException ex)
        {
            throw new ApiException(503, ex.getMessage());
        }
        return ApiResponse.parquetFile(file, table + ".parquet");
    }

    private ApiResponse bars(final ApiRequest request)
    {
        final String symbol = request.query().get("instrument");
        if (symbol == null)
        {
            throw ApiException.badRequest("query parameter 'instrument': required (a symbol such as CEA-2025)");
        }
        final String interval = request.query().getOrDefault("interval", "day");
        if (!interval.equals("day") && !interval.equals("minute"))
        {
            throw ApiException.badRequest("query parameter 'interval': must be day or minute, was '" + interval + "'");
        }
        // an unknown symbol is an InvalidFieldException: a 400 naming the known ones
        final int instrumentId = instruments.id("instrument", symbol);
        final List<Map<String, Object>> bars = new ArrayList<>();
        try
        {
            for (final StoreReports.Bar bar : reports.bars(instrumentId, interval))
            {
                final Map<String, Object> json = new LinkedHashMap<>();
                json.put("time", bar.time());
                json.put("open", Money.format(bar.open()));
                json.put("high", Money.format(bar.high()));
                json.put("low", Money.format(bar.low()));
                json.put("close", Money.format(bar.close()));
                json.put("volume", bar.volume());
                json.put("turnover", Money.format(bar.turnover()));
                bars.add(json);
            }
        }
        catch (final StoreException ex)
        {
            throw new ApiException(503, ex.getMessage());
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", symbol);
        body.put("interval", interval);
        body.put("bars", bars);
        return ApiResponse.json(200, body);
    }
}
