package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiException;
import io.carbonx.gateway.http.ApiResponse;
import io.carbonx.gateway.http.ApiUser;
import io.carbonx.gateway.http.ApiUsers;
import io.carbonx.gateway.http.BrowserConsole;
import io.carbonx.gateway.http.RequestHeaders;
import io.carbonx.gateway.http.StrictJson;
import io.carbonx.gateway.marketdata.MarketDataHub;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The browser console under {@code /console}: its pages, their scripts and styles, the charting library, sign-in and
 * sign-out, and the live market stream. The pages hold no data of their own: their scripts call the JSON API, signed
 * in by the session cookie, so a user sees in the console exactly what the API lets it see.
 * <ul>
 *   <li>{@code GET /console/{page}}: a page, {@code console/pages/{page}.html} in the jar; without a live session a
 *   redirect to {@code /console/login?next=...}. A new page is a new file there (see docs/console.md).</li>
 *   <li>{@code GET /console/static/...}: scripts, styles, images ({@code console/static/} in the jar).</li>
 *   <li>{@code GET /console/lib/echarts.min.js}: Apache ECharts from its WebJar.</li>
 *   <li>{@code POST /console/session} {@code {"user":"mee","token":"<its secret>"}}: sign in, setting the cookie;
 *   {@code GET /console/session}: who is signed in and the CSRF token; {@code DELETE /console/session}: sign out
 *   (with the CSRF token).</li>
 *   <li>{@code GET /console/stream?instrument=SYM}: the market as server-sent events ({@link MarketStream}).</li>
 * </ul>
 * <p>
 * Thread-safe: its parts are (see each); it has no mutable state of its own.
 */
public final class Console implements BrowserConsole
{
    static final String ROOT = "/console";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist";
    /**
     * Pages may load only this server's scripts, styles and images and talk only to it; ECharts' tooltips style
     * themselves inline.
     */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; " +
        "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; " +
        "base-uri 'none'; form-action 'self'";

    private final ApiUsers users;
    private final ConsoleSessions sessions;
    private final MarketDataHub market;
    private final StaticFiles pages = new StaticFiles("console/pages", "no-store");
    private final StaticFiles assets = new StaticFiles("console/static", "no-cache");
    private final StaticFiles library = new StaticFiles(ECHARTS, "public, max-age=86400");

    /**
     * @param users    whose tokens sign them in.
     * @param sessions the live sessions.
     * @param market   the published market, for the stream.
     */
    public Console(final ApiUsers users, final ConsoleSessions sessions, final MarketDataHub market)
    {
        this.users = users;
        this.sessions = sessions;
        this.market = market;
    }

    @Override
    public boolean serves(final String path)
    {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @Override
    public SignedIn signedIn(final String cookieHeader)
    {
        final ConsoleSessions.Session session = sessions.find(SessionCookie.find(cookieHeader));
        return session == null ? null : new SignedIn(session.user(), session.csrfToken());
    }

    @Override
    public CompletableFuture<ApiResponse> handle(final ConsoleRequest request)
    {
        try
        {
            return route(request);
        }
        catch (final ApiException ex)
        {
            return CompletableFuture.completedFuture(ApiResponse.error(ex.status(), ex.getMessage()));
        }
    }

    private CompletableFuture<ApiResponse> route(final ConsoleRequest request)
    {
        final String path = request.path();
        final String method = request.method();
        if (path.equals(ROOT) || path.equals(ROOT + "/"))
        {
            return done(ApiResponse.redirect(ROOT + "/market"));
        }
        if (path.equals(ROOT + "/session"))
        {
            return switch (method)
            {
                case "POST" -> signIn(request);
                case "GET" -> done(whoAmI(request));
                case "DELETE" -> done(signOut(request));
                default -> throw new ApiException(405, "method " + method + " not allowed on " + path +
                    "; allowed: DELETE, GET, POST");
            };
        }
        requireGet(method, path);
        if (path.equals(ROOT + "/stream"))
        {
            return done(stream(request));
        }
        if (path.startsWith(ROOT + "/static/"))
        {
            return done(found(assets.get(path.substring((ROOT + "/static/").length()),
                request.headers().ifNoneMatch()), path));
        }
        if (path.startsWith(ROOT + "/lib/"))
        {
            return done(found(library.get(path.substring((ROOT + "/lib/").length()),
                request.headers().ifNoneMatch()), path));
        }
        return done(page(request, path.substring(ROOT.length() + 1)));
    }

    /**
     * A page: the login page for anyone, the others for a signed-in user, else a redirect to the login page that
     * comes back here.
     */
    private ApiResponse page(final ConsoleRequest request, final String name)
    {
        if (name.contains("/") || !pages.exists(name + ".html"))
        {
            throw ApiException.notFound("no such page: " + request.path());
        }
        if (!name.equals("login"))
        {
            final ConsoleSessions.Session session = session(request);
            if (session == null)
            {
                final String back = request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
                return ApiResponse.redirect(ROOT + "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            }
            request.userName()[0] = session.user().name();
        }
        return pages.get(name + ".html", null)
            .withHeader("Content-Security-Policy", PAGE_POLICY)
            .withHeader("Referrer-Policy", "same-origin");
    }

    private CompletableFuture<ApiResponse> signIn(final ConsoleRequest request)
    {
        final SignIn signIn = StrictJson.read(request.body(), SignIn.class);
        if (signIn.user().isEmpty() || signIn.user().indexOf('.') >= 0 || signIn.token().isEmpty())
        {
            return done(ApiResponse.error(401, "wrong user name or token"));
        }
        return users.authenticate(signIn.user() + "." + signIn.token()).thenApply(user ->
        {
            if (user == null)
            {
                return ApiResponse.error(401, "wrong user name or token");
            }
            request.userName()[0] = user.name();
            final ConsoleSessions.Session session = sessions.open(user);
            if (session == null)
            {
                return ApiResponse.error(503, "too many console sessions; try again later");
            }
            return ApiResponse.json(200, describe(session))
                .withHeader("Set-Cookie", SessionCookie.set(session.id(), sessions.maxAgeSeconds()))
                .withHeader("Cache-Control", "no-store");
        });
    }

    /**
     * The body of {@code POST /console/session}.
     *
     * @param user  the API user's name.
     * @param token the secret of its token (what follows {@code name.} in a bearer token).
     */
    public record SignIn(String user, String token)
    {
    }

    private ApiResponse whoAmI(final ConsoleRequest request)
    {
        final ConsoleSessions.Session session = requireSession(request);
        return ApiResponse.json(200, describe(session)).withHeader("Cache-Control", "no-store");
    }

    private ApiResponse signOut(final ConsoleRequest request)
    {
        final ConsoleSessions.Session session = requireSession(request);
        final String given = request.headers().csrfToken();
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8)))
        {
            throw ApiException.forbidden("signing out needs the session's " + RequestHeaders.CSRF_HEADER + " header");
        }
        sessions.close(session.id());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedOut", session.user().name());
        return ApiResponse.json(200, body).withHeader("Set-Cookie", SessionCookie.clear());
    }

    private ApiResponse stream(final ConsoleRequest request)
    {
        requireSession(request);
        final String symbol = query(request.query()).get("instrument");
        if (symbol == null || symbol.isEmpty())
        {
            throw ApiException.badRequest("query parameter 'instrument': required");
        }
        if (market.snapshot(symbol, 1) == null)
        {
            throw ApiException.notFound("no such instrument: " + symbol);
        }
        return ApiResponse.eventStream(new MarketStream(market, symbol));
    }

    private Map<String, Object> describe(final ConsoleSessions.Session session)
    {
        final ApiUser user = session.user();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.name());
        body.put("role", user.role().name());
        body.put("accounts", new ArrayList<>(user.accounts()));
        body.put("brokerId", user.brokerId() == 0 ? null : user.brokerId());
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", Instant.ofEpochMilli(session.expiresAtMs()).toString());
        body.put("instruments", market.symbols());
        return body;
    }

    private ConsoleSessions.Session session(final ConsoleRequest request)
    {
        return sessions.find(SessionCookie.find(request.headers().cookie()));
    }

    private ConsoleSessions.Session requireSession(final ConsoleRequest request)
    {
        final ConsoleSessions.Session session = session(request);
        if (session == null)
        {
            throw new ApiException(401, "not signed in, or the session has expired; sign in at /console/login");
        }
        request.userName()[0] = session.user().name();
        return session;
    }

    private static void requireGet(final String method, final String path)
    {
        if (!"GET".equals(method))
        {
            throw new ApiException(405, "method " + method + " not allowed on " + path + "; allowed: GET");
        }
    }

    private static ApiResponse found(final ApiResponse file, final String path)
    {
        if (file == null)
        {
            throw ApiException.notFound("no such file: " + path);
        }
        return file;
    }

    private static CompletableFuture<ApiResponse> done(final ApiResponse response)
    {
        return CompletableFuture.completedFuture(response);
    }

    private static Map<String, String> query(final String query)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String pair : query.split("&"))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0)
            {
                try
                {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw ApiException.badRequest("malformed query string: " + ex.getMessage());
                }
            }
        }
        return params;
    }
}
