package io.carbonx.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The API's routes: a method and a path template such as {@code /accounts/{id}/holdings}, whose {@code {name}}
 * segments match any one segment and are handed to the handler.
 * <p>
 * Filled by the thread composing the server, before the listener starts; from then on it is only read, by any API
 * thread, which starting the listener's threads makes safe.
 */
public final class RouteTable
{
    private record Route(String method, String[] segments, RouteHandler handler)
    {
    }

    /**
     * A route that matched, with the values of its path parameters.
     */
    public record Match(RouteHandler handler, Map<String, String> pathParams)
    {
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(final String method, final String template, final RouteHandler handler)
    {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    /**
     * @throws ApiException 404 when no route has the path, 405 (naming the allowed methods) when none has the method.
     */
    public Match match(final String method, final String path)
    {
        final String[] segments = split(path);
        final TreeSet<String> allowed = new TreeSet<>();
        for (final Route route : routes)
        {
            final Map<String, String> params = matchPath(route.segments(), segments);
            if (params != null)
            {
                if (route.method().equals(method))
                {
                    return new Match(route.handler(), params);
                }
                allowed.add(route.method());
            }
        }
        if (allowed.isEmpty())
        {
            throw ApiException.notFound("no such resource: " + path);
        }
        throw new ApiException(405, "method " + method + " not allowed on " + path + "; allowed: " +
            String.join(", ", allowed));
    }

    private static Map<String, String> matchPath(final String[] template, final String[] segments)
    {
        if (template.length != segments.length)
        {
            return null;
        }
        final Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++)
        {
            if (template[i].startsWith("{") && template[i].endsWith("}"))
            {
                params.put(template[i].substring(1, template[i].length() - 1), segments[i]);
            }
            else if (!template[i].equals(segments[i]))
            {
                return null;
            }
        }
        return params;
    }

    private static String[] split(final String path)
    {
        final String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
