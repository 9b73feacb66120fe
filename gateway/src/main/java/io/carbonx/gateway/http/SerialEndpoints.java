package io.carbonx.gateway.http;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.reports.SerialHistory;
import io.carbonx.reports.SerialHistorySource;

import java.util.Map;

/**
 * {@code GET /serials/{instrument}/{serial}}: the history of one tonne (instrument by symbol or numeric id), from
 * issuance through every holder, trade, block trade and auction delivery to surrender, retirement or cancellation,
 * and its current state.
 * <p>
 * A regulator may read any tonne's history; an enterprise or broker only that of a tonne one of its accounts holds or
 * has held (403 otherwise). A serial never issued is 404. The history is a replay of the journal, so builds are bounded
 * per user and in total like report builds ({@link HttpLimits}, counted apart from them).
 */
public final class SerialEndpoints
{
    private final SerialHistorySource histories;
    private final Authorizer authorizer;
    private final Instruments instruments;
    private final ReportBuilds builds;

    public SerialEndpoints(
        final SerialHistorySource histories,
        final Authorizer authorizer,
        final Instruments instruments,
        final HttpLimits limits)
    {
        this.histories = histories;
        this.authorizer = authorizer;
        this.instruments = instruments;
        this.builds = new ReportBuilds(limits.maxReportBuilds(), limits.maxReportBuildsPerUser());
    }

    public void register(final RouteTable routes)
    {
        routes.add("GET", "/serials/{instrument}/{serial}", this::history);
    }

    private ApiResponse history(final ApiRequest request)
    {
        final int instrumentId = instrument(request.pathParams().get("instrument"));
        final long serial = serial(request.pathParams().get("serial"));
        final ApiUser user = request.user();

        final SerialHistory history;
        builds.acquire(user.name());
        try
        {
            history = histories.serialHistory(instrumentId, serial);
        }
        finally
        {
            builds.release(user.name());
        }

        final String symbol = instruments.symbol(instrumentId);
        if (history.state() == SerialHistory.State.NEVER_ISSUED)
        {
            throw ApiException.notFound("serial " + serial + " of " + symbol + " was never issued" +
                (history.issued() == 0 ? "; none has been" : "; issued so far: 1.." + history.issued()));
        }
        if (user.role() != ApiRole.REGULATOR && history.holders().stream().noneMatch(
            account -> authorizer.mayActFor(user, account)))
        {
            throw ApiException.forbidden("user '" + user.name() + "' (" + user.role() + ") may read the history of " +
                "a tonne only if one of its accounts holds or held it; no account it may act for held serial " +
                serial + " of " + symbol);
        }
        final Map<String, Object> body = history.toJson();
        return ApiResponse.json(200, body);
    }

    private int instrument(final String text)
    {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 9)
        {
            final int id = Integer.parseInt(text);
            if (!instruments.all().containsKey(id))
            {
                throw ApiException.notFound("no instrument with id " + id + " (known: " + instruments.all() + ")");
            }
            return id;
        }
        try
        {
            return instruments.id("instrument", text);
        }
        catch (final InvalidFieldException ex)
        {
            throw ApiException.notFound("path parameter " + ex.getMessage().replace("field ", ""));
        }
    }

    private static long serial(final String text)
    {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw ApiException.badRequest("path parameter 'serial': expected a serial number 1..2^63-1, was '" +
                text + "'");
        }
        final long serial;
        try
        {
            serial = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("path parameter 'serial': expected a serial number 1..2^63-1, was '" +
                text + "'");
        }
        if (serial < 1)
        {
            throw ApiException.badRequest("path parameter 'serial': serial numbers start at 1, was " + serial);
        }
        return serial;
    }
}
