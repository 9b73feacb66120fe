package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ApiRole;
import io.carbonx.gateway.http.ApiUser;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions on a clock the test moves: they last exactly their lifetime, are refused and forgotten after, close on
 * sign-out, and are bounded in number; ids and CSRF tokens are random and distinct.
 */
class ConsoleSessionsTest
{
    private static final ApiUser MEE = new ApiUser("mee", ApiRole.REGULATOR, Set.of(), 0, 1);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConsoleSessions sessions = new ConsoleSessions(60, now::get);

    @Test
    void aSessionLastsItsLifetimeAndNoLonger()
    {
        final ConsoleSessions.Session session = sessions.open(MEE);
        assertEquals(1_000_000 + 60_000, session.expiresAtMs());
        now.addAndGet(59_999);
        assertSame(session, sessions.find(session.id()));
        now.incrementAndGet();
        assertNull(sessions.find(session.id()), "expired at its expiry");
        assertEquals(0, sessions.size(), "and forgotten");
    }

    @Test
    void idsAndTokensAreRandomAndSignOutEndsTheSession()
    {
        final ConsoleSessions.Session one = sessions.open(MEE);
        final ConsoleSessions.Session two = sessions.open(MEE);
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.csrfToken(), two.csrfToken());
        assertNotEquals(one.id(), one.csrfToken());
        assertTrue(one.id().matches("[A-Za-z0-9_-]{43}"), one.id());
        sessions.close(one.id());
        assertNull(sessions.find(one.id()));
        assertSame(two, sessions.find(two.id()));
        assertNull(sessions.find(null));
        assertNull(sessions.find("forged"));
    }

    @Test
    void theNumberOfSessionsIsBoundedAndExpiredOnesMakeRoom()
    {
        for (int i = 0; i < ConsoleSessions.MAX_SESSIONS; i++)
        {
            assertNotNull(sessions.open(MEE));
        }
        assertNull(sessions.open(MEE), "no room");
        now.addAndGet(60_000);
        assertNotNull(sessions.open(MEE), "the expired ones are swept");
        assertEquals(1, sessions.size());
    }

    @Test
    void theCookieIsFoundAmongOthers()
    {
        assertEquals("abc", SessionCookie.find("theme=dark; carbonx_session=abc; lang=en"));
        assertNull(SessionCookie.find("carbonx_session="));
        assertNull(SessionCookie.find("other=1"));
        assertNull(SessionCookie.find(null));
        assertEquals("carbonx_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict",
            SessionCookie.set("abc", 60));
    }
}
