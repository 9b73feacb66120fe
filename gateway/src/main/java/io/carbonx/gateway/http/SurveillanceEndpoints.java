package io.carbonx.gateway.http;

import io.carbonx.reports.surveillance.Alert;
import io.carbonx.reports.surveillance.AlertBook;
import io.carbonx.reports.surveillance.AlertJson;
import io.carbonx.reports.surveillance.AlertKind;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /surveillance/alerts?kind=&since=&limit=}: the surveillance monitor's latest alerts, oldest first, for
 * regulators only (403 for everyone else). {@code kind} keeps one kind, {@code since} the alerts of commands after that
 * journal sequence (0 when absent), {@code limit} caps the page (100 when absent, at most 1000); a bad value is 400.
 * A page never splits the alerts of one command, so the next page is {@code since=} the last alert's sequence.
 * <p>
 * {@code GET /surveillance/stream?since=}: the same alerts live, as server-sent events ({@link AlertStream}), for
 * regulators only (403 for everyone else, before the stream opens).
 */
public final class SurveillanceEndpoints
{
    /** Alerts on a page when the request does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most alerts a page may ask for. */
    public static final int MAX_LIMIT = 1_000;

    private final AlertStreams streams;
    private final AlertBook alerts;
    private final Authorizer authorizer;
    private final ZoneId zone;

    /**
     * @param zone the scheme's time zone, in which alert times are shown.
     */
    public SurveillanceEndpoints(final AlertStreams streams, final Authorizer authorizer, final ZoneId zone)
    {
        this.streams = streams;
        this.alerts = streams.book();
        this.authorizer = authorizer;
        this.zone = zone;
    }

    public void register(final RouteTable routes)
    {
        routes.add("GET", "/surveillance/alerts", this::alerts);
        routes.add("GET", "/surveillance/stream", this::stream);
    }

    private ApiResponse stream(final ApiRequest request)
    {
        authorizer.requireRegulator(request.user(), "follow surveillance alerts");
        return ApiResponse.eventStream(new AlertStream(streams, since(request), zone));
    }

    private static long since(final ApiRequest request)
    {
        final long since = request.queryLong("since", 0);
        if (since < 0)
        {
            throw ApiException.badRequest("query parameter 'since': expected a journal sequence, 0 or more, was " +
                since);
        }
        return since;
    }

    private ApiResponse alerts(final ApiRequest request)
    {
        authorizer.requireRegulator(request.user(), "read surveillance alerts");
        final AlertKind kind = kind(request.query().get("kind"));
        final long since = since(request);
        final long limit = request.queryLong("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw ApiException.badRequest("query parameter 'limit': must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        final List<Map<String, Object>> page = new ArrayList<>();
        for (final Alert alert : alerts.alerts(kind, since, (int)limit))
        {
            page.add(AlertJson.toJson(alert, zone));
        }
        return ApiResponse.json(200, Map.of("alerts", page));
    }

    private static AlertKind kind(final String text)
    {
        if (text == null)
        {
            return null;
        }
        for (final AlertKind kind : AlertKind.values())
        {
            if (kind.name().equals(text))
            {
                return kind;
            }
        }
        throw ApiException.badRequest("query parameter 'kind': must be one of " + Arrays.toString(AlertKind.values()) +
            ", was '" + text + "'");
    }
}
