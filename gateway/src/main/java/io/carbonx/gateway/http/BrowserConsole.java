package io.carbonx.gateway.http;

import java.util.concurrent.CompletableFuture;

/**
 * The browser console's hooks into the API: it answers the paths under {@code /console} itself, and tells the API who
 * a session cookie belongs to, so that the console's pages call the same endpoints as curl, with the same
 * authorisation. Implemented by {@code io.carbonx.gateway.http.console}; an API without a console has {@link #NONE}.
 */
public interface BrowserConsole
{
    /**
     * No console: no path is its own and no cookie signs anyone in.
     */
    BrowserConsole NONE = new BrowserConsole()
    {
        @Override
        public boolean serves(final String path)
        {
            return false;
        }

        @Override
        public CompletableFuture<ApiResponse> handle(final ConsoleRequest request)
        {
            return CompletableFuture.completedFuture(ApiResponse.error(404, "no such resource: " + request.path()));
        }

        @Override
        public SignedIn signedIn(final String cookieHeader)
        {
            return null;
        }
    };

    /**
     * A user signed in with a session cookie, and the token that the session's state-changing requests must carry.
     */
    record SignedIn(ApiUser user, String csrfToken)
    {
    }

    /**
     * One request to a console path.
     *
     * @param userName set by the console to the user's name once it knows it, for the access log.
     */
    record ConsoleRequest(String method, String path, String query, RequestHeaders headers, byte[] body,
        String[] userName)
    {
    }

    /**
     * @return whether the path (without its query) is the console's.
     */
    boolean serves(String path);

    /**
     * @return completes with the answer; never fails.
     */
    CompletableFuture<ApiResponse> handle(ConsoleRequest request);

    /**
     * @param cookieHeader the request's {@code Cookie} header, or null.
     * @return whom the session cookie signs in, or null when there is none, or it is unknown or expired.
     */
    SignedIn signedIn(String cookieHeader);
}
