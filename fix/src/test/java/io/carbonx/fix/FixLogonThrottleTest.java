package io.carbonx.fix;

import io.carbonx.fix.session.AcceptorSession;
import io.carbonx.fix.session.LogonThrottle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong passwords over real sockets: after {@link LogonThrottle#FREE_FAILURES} failures a session's Logons
 * are refused without a password check for the backoff, one check runs at a time per session, and a flood of
 * wrong Logons for one session does not hold up another session's correct Logon. Counts, not timings.
 */
class FixLogonThrottleTest
{
    private static final long WAIT = 10_000;
    private static final FixSessionId TW = new FixSessionId("ISLD", "TW");

    @TempDir
    Path store;

    @RegisterExtension
    final AcceptorFixture acceptor = new AcceptorFixture();

    @Test
    void repeatedWrongPasswordsLockTheSessionWithoutFurtherChecks() throws Exception
    {
        start(Duration.ofMinutes(10));
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++)
        {
            assertEquals("Logon rejected: invalid credentials", refusal("TW", "wrong"));
        }
        assertEquals("Logon rejected: too many failed logons, retry later", refusal("TW", "wrong"));
        assertEquals("Logon rejected: too many failed logons, retry later", refusal("TW", "right"),
                "during the lockout even the right password is not checked");
        assertEquals(LogonThrottle.FREE_FAILURES, checks(TW));
    }

    @Test
    void theRightPasswordLogsOnOnceTheBackoffHasPassed() throws Exception
    {
        start(Duration.ofMillis(300));
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++)
        {
            assertEquals("Logon rejected: invalid credentials", refusal("TW", "wrong"));
        }
        // The lockout runs on the acceptor's clock, which the test cannot move: retry until a Logon is answered.
        await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
            .until(() -> logsOn("TW", "right"));
        assertEquals(LogonThrottle.FREE_FAILURES + 1, checks(TW), "refusals during the lockout cost no check");
    }

    @Test
    void aFloodOfWrongLogonsForOneSessionDoesNotHoldUpAnother() throws Exception
    {
        start(Duration.ofMinutes(10));
        final List<RawFixClient> flood = new ArrayList<>();
        try
        {
            for (int i = 0; i < 40; i++)
            {
                final RawFixClient attacker = new RawFixClient(acceptor.port());
                attacker.send("35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|554=guess" + i + "|");
                flood.add(attacker);
            }
            try (RawFixClient member = new RawFixClient(acceptor.port()))
            {
                member.send("35=A|34=1|49=OTHER|52=<TIME>|56=ISLD|98=0|108=30|554=right|");
                assertNotNull(member.await("A", WAIT), "the other session's correct Logon is answered");
            }
            for (final RawFixClient attacker : flood)
            {
                assertTrue(attacker.awaitClosed(WAIT));
            }
        }
        finally
        {
            for (final RawFixClient attacker : flood)
            {
                attacker.close();
            }
        }
        assertTrue(checks(TW) <= LogonThrottle.FREE_FAILURES, "checks for the attacked session: " + checks(TW));
        assertEquals(1, checks(new FixSessionId("ISLD", "OTHER")));
    }

    private boolean logsOn(final String sender, final String password) throws Exception
    {
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.send("35=A|34=1|49=" + sender + "|52=<TIME>|56=ISLD|98=0|108=30|554=" + password + "|");
            final Map<Integer, String> answer = client.await("A", WAIT);
            return answer != null;
        }
    }

    private String refusal(final String sender, final String password) throws Exception
    {
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.send("35=A|34=1|49=" + sender + "|52=<TIME>|56=ISLD|98=0|108=30|554=" + password + "|");
            final Map<Integer, String> logout = client.await("5", WAIT);
            assertNotNull(logout);
            assertTrue(client.awaitClosed(WAIT));
            return logout.get(58);
        }
    }

    private long checks(final FixSessionId id) throws Exception
    {
        final AcceptorSession session = (AcceptorSession) acceptor.session(id);
        return session.eventLoop().submit(() -> session.logonThrottle().checks()).get(WAIT, TimeUnit.MILLISECONDS);
    }

    private void start(final Duration backoff) throws Exception
    {
        final PasswordHash right = PasswordHash.create("right".toCharArray(), 20_000);
        acceptor.start(AcceptorFixture.local(store,
                        FixSessionSettings.builder("ISLD", "TW").password(right).build(),
                        FixSessionSettings.builder("ISLD", "OTHER").password(right).build())
                .withFailedLogonBackoff(backoff));
    }
}
