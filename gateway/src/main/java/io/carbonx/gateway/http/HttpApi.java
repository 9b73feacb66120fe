package io.carbonx.gateway.http;

import io.carbonx.protocol.InvalidFieldException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns one HTTP request into a response: authenticate the bearer token, or the browser console's session cookie
 * (401), route (404, 405), wait for {@code ?after=} if given, run the handler on a worker, and turn an
 * {@link ApiException} into its status and message. Paths under {@code /console} go to the {@link BrowserConsole}.
 * Independent of Netty, so it reads as the API does.
 * <p>
 * A request signed in by a session cookie rather than a bearer token is the console's page calling the API: when it
 * may change state (any method but GET and HEAD) it must carry the session's CSRF token in {@code X-CSRF-Token}, else
 * 403. A cross-site page can make the browser send the cookie (SameSite=Strict aside) but cannot read the token.
 * <p>
 * Nothing here blocks the calling thread: token verification runs on the {@link ApiUsers}' own executor, the wait
 * for {@code after} is a completion on the read replica's thread, and only the handler, which may wait for the engine,
 * takes a worker.
 */
public final class HttpApi
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String BEARER = "Bearer ";

    private final ApiUsers users;
    private final RouteTable routes;
    private final ReadReplica replica;
    private final Executor workers;
    private final long timeoutMs;
    private final AccessLog accessLog;
    private final BrowserConsole console;

    /**
     * @param replica   whose progress {@code ?after=} waits for.
     * @param workers   run the handlers.
     * @param timeoutMs how long {@code ?after=} waits before answering 503.
     */
    public HttpApi(
        final ApiUsers users, final RouteTable routes, final ReadReplica replica, final Executor workers,
        final long timeoutMs)
    {
        this(users, routes, replica, workers, timeoutMs, AccessLog.NONE);
    }

    /**
     * @param accessLog where every answered request is recorded.
     */
    public HttpApi(
        final ApiUsers users, final RouteTable routes, final ReadReplica replica, final Executor workers,
        final long timeoutMs, final AccessLog accessLog)
    {
        this(users, routes, replica, workers, timeoutMs, accessLog, BrowserConsole.NONE);
    }

    /**
     * @param console answers the paths under {@code /console} and signs users in by session cookie.
     */
    public HttpApi(
        final ApiUsers users, final RouteTable routes, final ReadReplica replica, final Executor workers,
        final long timeoutMs, final AccessLog accessLog, final BrowserConsole console)
    {
        this.console = console;
        this.accessLog = accessLog;
        this.users = users;
        this.routes = routes;
        this.replica = replica;
        this.workers = workers;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param authorization the Authorization header, or null.
     * @return completes with the answer; never fails.
     */
    public CompletableFuture<ApiResponse> handle(
        final String method, final String uri, final String authorization, final byte[] body)
    {
        return handle(method, uri, authorization, body, null);
    }

    /**
     * As {@link #handle(String, String, String, byte[])}, recording the answer in the access log.
     *
     * @param remote the client's address, for the access log; null when unknown.
     */
    public CompletableFuture<ApiResponse> handle(
        final String method, final String uri, final String authorization, final byte[] body, final String remote)
    {
        return handle(method, uri, RequestHeaders.bearer(authorization), body, remote);
    }

    /**
     * As {@link #handle(String, String, String, byte[], String)}, with every header the API and the console read.
     */
    public CompletableFuture<ApiResponse> handle(
        final String method, final String uri, final RequestHeaders headers, final byte[] body, final String remote)
    {
        final long start = System.nanoTime();
        // written by whichever thread authenticates, read once the answer completes, which happens after
        final String[] userName = new String[1];
        CompletableFuture<ApiResponse> answer;
        try
        {
            final int queryStart = uri.indexOf('?');
            final String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
            if (console.serves(path))
            {
                answer = console.handle(new BrowserConsole.ConsoleRequest(method, path,
                    queryStart < 0 ? "" : uri.substring(queryStart + 1), headers, body, userName));
            }
            else
            {
                answer = authenticate(method, headers).thenCompose(user ->
                {
                    userName[0] = user == null ? null : user.name();
                    return route(user, method, uri, body);
                });
            }
        }
        catch (final RuntimeException ex)
        {
            answer = CompletableFuture.failedFuture(ex);
        }
        return answer.exceptionally(ex -> failure(method, uri, ex)).thenApply(response ->
        {
            accessLog.record(remote, userName[0], method, uri, response.status(), start);
            return response;
        });
    }

    /**
     * The bearer token's user, or else the console session's (checking its CSRF token when the method may change
     * state).
     *
     * @return completes with the user, or null when the token is not valid.
     * @throws ApiException 401 without a token or a live session, 403 for a session request without its CSRF token.
     */
    private CompletableFuture<ApiUser> authenticate(final String method, final RequestHeaders headers)
    {
        final String authorization = headers.authorization();
        if (authorization != null && authorization.startsWith(BEARER))
        {
            return users.authenticate(authorization.substring(BEARER.length()).trim());
        }
        if (authorization == null && headers.cookie() != null)
        {
            final BrowserConsole.SignedIn signedIn = console.signedIn(headers.cookie());
            if (signedIn != null)
            {
                if (!"GET".equals(method) && !"HEAD".equals(method) &&
                    !sameToken(headers.csrfToken(), signedIn.csrfToken()))
                {
                    throw ApiException.forbidden("a request signed in by the console's session cookie that may " +
                        "change state must carry the session's " + RequestHeaders.CSRF_HEADER +
                        " header (from GET /console/session)");
                }
                return CompletableFuture.completedFuture(signedIn.user());
            }
            if (console != BrowserConsole.NONE)
            {
                throw new ApiException(401, "the console session is unknown or has expired; sign in again at " +
                    "/console/login");
            }
        }
        throw new ApiException(401, "an 'Authorization: Bearer <token>' header is required");
    }

    /**
     * Compares in time independent of where the two differ, so the token cannot be guessed byte by byte.
     */
    private static boolean sameToken(final String given, final String expected)
    {
        return given != null && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Record a request too malformed to be handled, answered 400 by the connection itself.
     */
    public void recordMalformed(final String remote)
    {
        accessLog.record(remote, null, null, null, 400, System.nanoTime());
    }

    private CompletableFuture<ApiResponse> route(final ApiUser user, final String method, final String uri,
        final byte[] body)
    {
        if (user == null)
        {
            throw new ApiException(401, "the bearer token is not valid");
        }
        final int queryStart = uri.indexOf('?');
        final String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        final RouteTable.Match match = routes.match(method, path);
        final ApiRequest request = new ApiRequest(
            user, match.pathParams(), queryStart < 0 ? Map.of() : query(uri.substring(queryStart + 1)), body);
        return after(request).thenApplyAsync(ignored -> run(match.handler(), request), workers);
    }

    /**
     * {@code ?after=<sequence>}: completes once the read replica has applied that command; refused with 400 when the
     * journal does not hold it (it may never come), 503 when the replica does not reach it within the timeout.
     */
    private CompletableFuture<Void> after(final ApiRequest request)
    {
        final long after = request.queryLong("after", -1);
        if (after < 0 || replica.appliedSequence() >= after)
        {
            return CompletableFuture.completedFuture(null);
        }
        final long journalEnd = replica.journalEnd();
        if (after > journalEnd)
        {
            throw ApiException.badRequest("query parameter 'after': sequence " + after +
                " is beyond the end of the journal (" + journalEnd + ")");
        }
        return replica.whenApplied(after).orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionally(ex ->
        {
            if (unwrap(ex) instanceof TimeoutException)
            {
                throw new ApiException(503, "the read replica did not reach sequence " + after + " within " +
                    timeoutMs +
                    " ms (it is at " + replica.appliedSequence() + ")");
            }
            throw ex instanceof CompletionException completion ? completion : new CompletionException(ex);
        });
    }

    private static ApiResponse run(final RouteHandler handler, final ApiRequest request)
    {
        try
        {
            return handler.handle(request);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        }
    }

    private static ApiResponse failure(final String method, final String uri, final Throwable failure)
    {
        final Throwable ex = unwrap(failure);
        if (ex instanceof ApiException api)
        {
            return ApiResponse.error(api.status(), api.getMessage());
        }
        if (ex instanceof InvalidFieldException invalid)
        {
            return ApiResponse.error(400, invalid.getMessage());
        }
        if (ex instanceof RejectedExecutionException)
        {
            return ApiResponse.error(503, "the server is stopping");
        }
        LOG.error("{} {} failed", method, uri, ex);
        return ApiResponse.error(500, "internal error");
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable ex = failure;
        while (ex instanceof CompletionException && ex.getCause() != null)
        {
            ex = ex.getCause();
        }
        return ex;
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
