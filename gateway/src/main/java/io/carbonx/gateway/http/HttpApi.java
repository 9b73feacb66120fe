package io.carbonx.gateway.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one HTTP request into a response: authenticate the bearer token (401), route (404, 405), run the handler,
 * and turn an {@link ApiException} into its status and message. Independent of Netty, so it reads as the API does.
 */
public final class HttpApi
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String BEARER = "Bearer ";

    private final ApiUsers users;
    private final RouteTable routes;

    public HttpApi(final ApiUsers users, final RouteTable routes)
    {
        this.users = users;
        this.routes = routes;
    }

    /**
     * @param authorization the Authorization header, or null.
     */
    public ApiResponse handle(final String method, final String uri, final String authorization, final byte[] body)
    {
        try
        {
            if (authorization == null || !authorization.startsWith(BEARER))
            {
                throw new ApiException(401, "an 'Authorization: Bearer <token>' header is required");
            }
            final ApiUser user = users.authenticate(authorization.substring(BEARER.length()).trim());
            if (user == null)
            {
                throw new ApiException(401, "the bearer token is not valid");
            }
            final int queryStart = uri.indexOf('?');
            final String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
            final RouteTable.Match match = routes.match(method, path);
            final ApiRequest request = new ApiRequest(
                user, match.pathParams(), queryStart < 0 ? Map.of() : query(uri.substring(queryStart + 1)), body);
            return match.handler().handle(request);
        }
        catch (final ApiException ex)
        {
            return ApiResponse.error(ex.status(), ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ApiResponse.error(503, "the server is stopping");
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{} {} failed", method, uri, ex);
            return ApiResponse.error(500, "internal error: " + ex.getMessage());
        }
    }

    private static Map<String, String> query(final String query)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String pair : query.split("&"))
        {
            if (!pair.isEmpty())
            {
                final int equals = pair.indexOf('=');
                final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                params.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return params;
    }

    private static String decode(final String text)
    {
        try
        {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("malformed query string: " + ex.getMessage());
        }
    }
}
