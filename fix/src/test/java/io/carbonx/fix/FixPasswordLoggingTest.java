package io.carbonx.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the acceptor logs (slf4j-simple writes to System.err, captured here) never holds a FIX password:
 * not for a Logon naming no configured session, not for a wrong password, not in a rejected message.
 */
class FixPasswordLoggingTest
{
    private static final long WAIT = 5_000;

    @TempDir
    Path store;

    @RegisterExtension
    final AcceptorFixture acceptor = new AcceptorFixture();

    @Test
    void passwordsAreMaskedWhereverAMessageIsLogged() throws Exception
    {
        acceptor.start(AcceptorFixture.local(store,
                FixSessionSettings.builder("ISLD", "TW").build(),
                FixSessionSettings.builder("ISLD", "PW").password(PasswordHash.create("right".toCharArray(), 1_000))
                .build()));
        final ByteArrayOutputStream captured = acceptor.captureErr();

        try (RawFixClient stranger = new RawFixClient(acceptor.port()))
        {
            stranger.send(
                "35=A|34=1|49=NOBODY|52=<TIME>|56=ISLD|98=0|108=30|554=unknown-session-secret|925=new-secret|");
            assertTrue(stranger.awaitClosed(WAIT));
        }
        try (RawFixClient wrong = new RawFixClient(acceptor.port()))
        {
            wrong.send("35=A|34=1|49=PW|52=<TIME>|56=ISLD|98=0|108=30|554=wrong-password-secret|");
            assertTrue(wrong.awaitClosed(WAIT));
        }
        try (RawFixClient member = new RawFixClient(acceptor.port()))
        {
            member.logon(1, "");
            assertNotNull(member.await("A", WAIT));
            // 554 is not defined for a TestRequest: rejected, and the rejected message is logged
            member.send("35=1|34=2|49=TW|52=<TIME>|56=ISLD|112=T|554=rejected-message-secret|");
            assertNotNull(member.await("3", WAIT));
        }
        System.err.flush();
        final String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("NOBODY"), "the unknown Logon is logged: " + log);
        assertTrue(log.contains("554=***"), log);
        assertTrue(log.contains("925=***"), log);
        assertFalse(log.contains("unknown-session-secret"), log);
        assertFalse(log.contains("new-secret"), log);
        assertFalse(log.contains("wrong-password-secret"), log);
        assertFalse(log.contains("rejected-message-secret"), log);
    }
}
