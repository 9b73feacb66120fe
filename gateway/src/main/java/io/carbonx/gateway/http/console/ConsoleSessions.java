package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiUser;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The console's sign-in sessions, in memory only: a restart signs everyone out (people sign in again; nothing of the
 * exchange's state is lost). A session is a random 256-bit id (the cookie) naming the user, its own random CSRF token
 * and its expiry, {@code maxAgeSeconds} after sign-in; an expired session is refused and forgotten. At most
 * {@link #MAX_SESSIONS} live at once: beyond that the expired ones are swept, and a sign-in that still finds no room
 * is refused, so memory stays bounded whatever clients do.
 * <p>
 * Thread-safe: written by the HTTP threads that sign users in and out ({@code http-auth}, which completes a sign-in
 * whose token it had to verify, and {@code http-io}, which completes one whose token is already known, answers a
 * sign-out, and forgets an expired session it meets), read by any HTTP thread; the map is concurrent and a session is
 * immutable.
 */
public final class ConsoleSessions
{
    /** Sessions alive at once, at most. */
    public static final int MAX_SESSIONS = 10_000;
    private static final int ID_BYTES = 32;

    /**
     * A signed-in user, the token its state-changing requests must carry, and when it expires (epoch ms).
     */
    public record Session(String id, ApiUser user, String csrfToken, long expiresAtMs)
    {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long maxAgeSeconds;
    private final LongSupplier clockMs;

    /**
     * @param maxAgeSeconds how long a session lasts from sign-in.
     * @param clockMs       the wall clock, epoch milliseconds.
     */
    public ConsoleSessions(final long maxAgeSeconds, final LongSupplier clockMs)
    {
        if (maxAgeSeconds < 1)
        {
            throw new IllegalArgumentException("a session must last at least a second: " + maxAgeSeconds);
        }
        this.maxAgeSeconds = maxAgeSeconds;
        this.clockMs = clockMs;
    }

    public long maxAgeSeconds()
    {
        return maxAgeSeconds;
    }

    /**
     * @return the new session, or null when {@link #MAX_SESSIONS} are alive.
     */
    public Session open(final ApiUser user)
    {
        final long now = clockMs.getAsLong();
        if (sessions.size() >= MAX_SESSIONS)
        {
            sessions.values().removeIf(session -> session.expiresAtMs() <= now);
            if (sessions.size() >= MAX_SESSIONS)
            {
                return null;
            }
        }
        final Session session = new Session(randomToken(), user, randomToken(), now + maxAgeSeconds * 1000);
        sessions.put(session.id(), session);
        return session;
    }

    /**
     * @return the live session with this id, or null when there is none or it has expired (and is then forgotten).
     */
    public Session find(final String id)
    {
        final Session session = id == null ? null : sessions.get(id);
        if (session == null)
        {
            return null;
        }
        if (session.expiresAtMs() <= clockMs.getAsLong())
        {
            sessions.remove(id, session);
            return null;
        }
        return session;
    }

    public void close(final String id)
    {
        if (id != null)
        {
            sessions.remove(id);
        }
    }

    /**
     * @return sessions held now, expired ones not yet swept included.
     */
    public int size()
    {
        return sessions.size();
    }

    private String randomToken()
    {
        final byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
