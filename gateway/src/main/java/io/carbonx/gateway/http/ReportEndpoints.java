package io.carbonx.gateway.http;

import io.carbonx.reports.ReportExport;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.ReportSource;
import io.carbonx.reports.Reports;
import io.carbonx.reports.Table;
import io.carbonx.reports.store.StoreException;

import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/{kind}?date=yyyy-mm-dd|open&format=json|csv|parquet}: a report for one day from the journal
 * (Parquet when the analytic store is on, which writes it).
 * <p>
 * Who may read what: the market report, anyone; settlement statements, a regulator for every account (or one with
 * {@code &account=}), an enterprise or broker only for the accounts it may act for; the registry log and the
 * large-holder report ({@code &threshold=} tonnes), a regulator only.
 * <p>
 * Reports come from a {@link ReportSource}: the analytic store in the server (a query), or a journal replay (a report
 * of a closed day or year is then built once and served from memory). Builds are bounded per user (429 beyond) and in
 * total (503 beyond) by {@link HttpLimits}; a store that cannot answer in time is a 503. Each report says the journal
 * sequence and state hash it reflects when its source knows them: {@code "sequence"} and {@code "stateHash"} in JSON,
 * headers {@value #SEQUENCE_HEADER} and {@value #STATE_HASH_HEADER} on CSV.
 */
public final class ReportEndpoints
{
    /**
     * On a CSV report: the journal sequence of the last command it reflects (in JSON: {@code "sequence"}).
     */
    public static final String SEQUENCE_HEADER = "X-Carbonx-Sequence";
    /**
     * On a CSV report: the engine's state hash after that command, 16 hex digits (in JSON: {@code "stateHash"}).
     */
    public static final String STATE_HASH_HEADER = "X-Carbonx-State-Hash";

    private final ReportSource reports;
    private final Authorizer authorizer;
    private final ReportBuilds builds;
    private final ReportExport export;

    /**
     * @param export writes reports as Parquet; null when there is no analytic store to do it.
     */
    public ReportEndpoints(
        final ReportSource reports, final ReportExport export, final Authorizer authorizer, final HttpLimits limits)
    {
        this.reports = reports;
        this.export = export;
        this.authorizer = authorizer;
        this.builds = new ReportBuilds(limits.maxReportBuilds(), limits.maxReportBuildsPerUser());
    }

    public void register(final RouteTable routes)
    {
        routes.add("GET", "/reports", this::index);
        routes.add("GET", "/reports/{kind}", this::report);
    }

    /**
     * {@code GET /reports}: the kinds of report and the trading days the journal has (closed days in order, then
     * {@code open}), for anyone: what a report may be asked for.
     */
    private ApiResponse index(final ApiRequest request)
    {
        final List<String> days = new ArrayList<>();
        result(request.user().name(), "market", 0, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD).days()
            .forEach(day -> days.add(ReportFold.dateText(day)));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("reports", Reports.KINDS);
        body.put("days", days);
        return ApiResponse.json(200, body);
    }

    private ApiResponse report(final ApiRequest request)
    {
        final String kind = request.pathParams().get("kind");
        if (!Reports.KINDS.contains(kind))
        {
            throw ApiException.notFound("no report '" + kind + "'; reports: " + String.join(", ", Reports.KINDS));
        }
        final String format = request.query().getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("csv") && !format.equals("parquet"))
        {
            throw ApiException.badRequest("query parameter 'format': must be json, csv or parquet, was '" + format +
                "'");
        }
        if (format.equals("parquet") && export == null)
        {
            throw ApiException.badRequest("query parameter 'format': parquet needs the analytic store " +
                "(server.analytics), which is off");
        }
        final boolean yearly = !Reports.DAILY_KINDS.contains(kind);
        final String dateText = yearly ? requiredYear(request) : request.query().getOrDefault("date", "open");
        final int date = yearly ? Integer.parseInt(dateText) : dateText.equals("open") ? 0 : parseDate(dateText);
        final long threshold = request.queryLong("threshold", Reports.DEFAULT_LARGE_HOLDER_THRESHOLD);
        final long account = request.queryLong("account", 0);

        if (kind.equals("registry-log") || kind.equals("large-holders"))
        {
            authorizer.requireRegulator(request.user(), "read the " + kind + " report");
        }
        if (kind.equals("settlement"))
        {
            if (account != 0)
            {
                authorizer.requireAccount(request.user(), account);
            }
            else if (request.user().role() != ApiRole.REGULATOR)
            {
                throw ApiException.badRequest("query parameter 'account': required for a " + request.user().role() +
                    " (its statements only)");
            }
        }

        final Reports.Result result = result(request.user().name(), kind, date, threshold);
        if (result.table() == null && yearly)
        {
            throw ApiException.notFound("compliance year " + dateText + " has not been closed in the journal");
        }
        if (result.table() == null)
        {
            final List<String> days = new ArrayList<>();
            result.days().forEach(day -> days.add(ReportFold.dateText(day)));
            throw ApiException.notFound("no trading day " + dateText + " in the journal; days: " +
                String.join(", ", days));
        }
        final Table table = account == 0 ? result.table() : onlyAccount(result.table(), account);
        if (!format.equals("json"))
        {
            final String name = kind + "-" + dateText;
            ApiResponse file = format.equals("csv") ? ApiResponse.text(200, ApiResponse.CSV, table.toCsv()) :
                parquet(table, name);
            if (result.sequence() >= 0)
            {
                file = file.withHeader(SEQUENCE_HEADER, Long.toString(result.sequence()));
            }
            if (result.stateHash() != null)
            {
                file = file.withHeader(STATE_HASH_HEADER, result.stateHash());
            }
            return file;
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", kind);
        body.put(yearly ? "year" : "date", dateText);
        if (result.sequence() >= 0)
        {
            body.put("sequence", result.sequence());
        }
        if (result.stateHash() != null)
        {
            body.put("stateHash", result.stateHash());
        }
        body.put("rows", table.rowMaps());
        return ApiResponse.json(200, body);
    }

    private Reports.Result result(final String user, final String kind, final int date, final long threshold)
    {
        final Reports.Result cached = reports.cached(kind, date, threshold);
        if (cached != null)
        {
            return cached;
        }
        builds.acquire(user);
        try
        {
            return reports.build(kind, date, threshold);
        }
        catch (final StoreException ex)
        {
            throw new ApiException(503, ex.getMessage());
        }
        finally
        {
            builds.release(user);
        }
    }

    private ApiResponse parquet(final Table table, final String name)
    {
        try
        {
            return ApiResponse.parquetFile(export.parquet(table, name), name + ".parquet");
        }
        catch (final StoreException ex)
        {
            throw new ApiException(503, ex.getMessage());
        }
    }

    private static Table onlyAccount(final Table table, final long account)
    {
        final int column = table.columns().indexOf("account");
        if (column < 0)
        {
            return table;
        }
        final Table filtered = new Table(table.columns().toArray(new String[0]));
        for (final List<Object> row : table.rows())
        {
            if (row.get(column) instanceof Long value && value == account)
            {
                filtered.row(row.toArray());
            }
        }
        return filtered;
    }

    private static String requiredYear(final ApiRequest request)
    {
        final String text = request.query().get("year");
        if (text == null)
        {
            throw ApiException.badRequest("query parameter 'year': required for the " +
                request.pathParams().get("kind") + " report");
        }
        if (!text.matches("[0-9]{4}"))
        {
            throw ApiException.badRequest("query parameter 'year': expected a year yyyy, was '" + text + "'");
        }
        return text;
    }

    private static int parseDate(final String text)
    {
        try
        {
            return Fields.date("date", text);
        }
        catch (final InvalidFieldException ex)
        {
            throw ApiException.badRequest("query parameter 'date': expected yyyy-mm-dd or open, was '" + text + "'");
        }
    }
}
