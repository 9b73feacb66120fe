package io.carbonx.gateway.http;

/**
 * The request headers the API and the console read; each null when absent.
 *
 * @param authorization {@code Authorization}: the JSON API's bearer token.
 * @param cookie        {@code Cookie}: the console's session.
 * @param csrfToken     {@code X-CSRF-Token}: required with a session cookie on requests that change state.
 * @param ifNoneMatch   {@code If-None-Match}: the console's static files answer 304 when it names their ETag.
 */
public record RequestHeaders(String authorization, String cookie, String csrfToken, String ifNoneMatch)
{
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /**
     * Headers with a bearer token alone.
     */
    public static RequestHeaders bearer(final String authorization)
    {
        return new RequestHeaders(authorization, null, null, null);
    }
}
