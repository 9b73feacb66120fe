package io.carbonx.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cash and units of every account as the running server's HTTP API reports them, read with the regulator's token, and
 * summed: what conservation is checked on. Used by the test thread.
 */
final class Holdings
{
    /** The demo regulator's bearer token (README, HTTP API). */
    static final String REGULATOR_TOKEN = "mee.regulator-demo-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param cash  total over the accounts, in 0.01 units.
     * @param units total over the accounts per instrument symbol.
     */
    record Totals(long cash, Map<String, Long> units)
    {
    }

    private Holdings()
    {
    }

    /**
     * @param after a journal sequence the server's read side must have applied before answering.
     */
    static Totals read(final int httpPort, final Iterable<Long> accounts, final long after)
        throws IOException, InterruptedException
    {
        long cash = 0;
        final Map<String, Long> units = new TreeMap<>();
        for (final long account : accounts)
        {
            final JsonNode summary = get(httpPort, "/accounts/" + account + "?after=" + after);
            cash += cents(summary.path("cash").path("total").asText());
            for (final JsonNode holding : get(httpPort, "/accounts/" + account + "/holdings?after=" + after)
                .path("holdings"))
            {
                units.merge(holding.path("instrument").asText(), holding.path("total").longValue(), Long::sum);
            }
        }
        return new Totals(cash, units);
    }

    static long cents(final String money)
    {
        return new BigDecimal(money).movePointRight(2).longValueExact();
    }

    private static JsonNode get(final int port, final String path) throws IOException, InterruptedException
    {
        final HttpResponse<String> response =
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + REGULATOR_TOKEN)
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
