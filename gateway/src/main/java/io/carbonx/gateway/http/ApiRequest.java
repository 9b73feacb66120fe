package io.carbonx.gateway.http;

import java.util.Map;

/**
 * One HTTP request, routed and authenticated.
 *
 * @param user       who sent it.
 * @param pathParams the values of the route's {@code {name}} segments.
 * @param query      the query string's parameters, the first value of each.
 * @param body       the request body, empty when there is none.
 */
public record ApiRequest(ApiUser user, Map<String, String> pathParams, Map<String, String> query, byte[] body)
{
    /**
     * @return a path parameter as a number.
     * @throws ApiException 400 naming the parameter when it is not one.
     */
    public long pathLong(final String name)
    {
        return parseLong("path parameter '" + name + "'", pathParams.get(name));
    }

    /**
     * @return a query parameter as a number, or {@code otherwise} when it is absent.
     * @throws ApiException 400 naming the parameter when it is present and not a number.
     */
    public long queryLong(final String name, final long otherwise)
    {
        final String value = query.get(name);
        return value == null ? otherwise : parseLong("query parameter '" + name + "'", value);
    }

    private static long parseLong(final String what, final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest(what + ": expected an integer, was '" + value + "'");
        }
    }
}
