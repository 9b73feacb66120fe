package io.carbonx.gateway.http.console;

/**
 * The session cookie: its name, how it is set and cleared, and how it is found in a {@code Cookie} header. HttpOnly
 * (page scripts never see it), SameSite=Strict (no other site's page makes the browser send it), Path=/ (the pages
 * and the API they call share it), and a Max-Age equal to the session's lifetime.
 */
final class SessionCookie
{
    static final String NAME = "carbonx_session";

    private SessionCookie()
    {
    }

    static String set(final String id, final long maxAgeSeconds)
    {
        return NAME + "=" + id + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict";
    }

    static String clear()
    {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    /**
     * @param header a {@code Cookie} header, or null.
     * @return the session id it carries, or null.
     */
    static String find(final String header)
    {
        if (header == null)
        {
            return null;
        }
        for (final String pair : header.split(";"))
        {
            final String trimmed = pair.trim();
            if (trimmed.startsWith(NAME + "="))
            {
                final String value = trimmed.substring(NAME.length() + 1);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
