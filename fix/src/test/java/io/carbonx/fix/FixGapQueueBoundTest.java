package io.carbonx.fix;

import io.carbonx.fix.session.AcceptorSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages that arrive above a sequence gap are held only up to a number of bytes; beyond it they are
 * dropped, the session stays up, and the counterparty's resends (which our ResendRequest with EndSeqNo 0
 * asks for) deliver each of them exactly once. Over a real socket, with the gap made by the client.
 */
class FixGapQueueBoundTest
{
    private static final long WAIT = 10_000;
    private static final int FIRST_AHEAD = 5;
    private static final int AHEAD = 50;
    private static final String PADDING = "x".repeat(300);

    @TempDir
    Path store;

    @RegisterExtension
    final AcceptorFixture acceptor = new AcceptorFixture();

    @Test
    void messagesBeyondTheByteBoundAreDroppedAndComeAgainThroughTheResend() throws Exception
    {
        acceptor.start(AcceptorFixture.local(store, FixSessionSettings.builder("ISLD", "TW").build())
                .withMaxQueuedBytesPerSession(8 * 1024));
        final AcceptorSession session = (AcceptorSession) acceptor.session(new FixSessionId("ISLD", "TW"));
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            // 2 to 4 never sent: 50 messages of ~400 bytes ahead of the gap, far more than 8 KiB
            for (int seqNum = FIRST_AHEAD; seqNum < FIRST_AHEAD + AHEAD; seqNum++)
            {
                client.send("35=1|34=" + seqNum + "|49=TW|52=<TIME>|56=ISLD|112=Q" + seqNum + "-" + PADDING + "|");
            }
            final Map<Integer, String> resendRequest = client.await("2", WAIT);
            assertNotNull(resendRequest);
            assertEquals("2", resendRequest.get(7));
            assertEquals("0", resendRequest.get(16), "everything from the gap on");

            client.send("35=4|34=2|43=Y|49=TW|52=<TIME>|56=ISLD|122=<TIME>|123=Y|36=" + FIRST_AHEAD + "|");
            assertEquals(FIRST_AHEAD, awaitExpectedTargetChangedFrom(session, 2),
                    "the queue was dropped: the acceptor waits for the resends, it did not process 50 held messages");
            assertTrue(session.isLoggedOn(), "dropping the queue does not end the session");

            for (int seqNum = FIRST_AHEAD; seqNum < FIRST_AHEAD + AHEAD; seqNum++)
            {
                client.send("35=1|34=" + seqNum + "|43=Y|49=TW|52=<TIME>|56=ISLD|122=<TIME>|112=Q" + seqNum + "-"
                        + PADDING + "|");
            }
            final Set<String> answered = new HashSet<>();
            for (int i = 0; i < AHEAD; i++)
            {
                final Map<Integer, String> heartbeat = client.await("0", WAIT);
                assertNotNull(heartbeat, "heartbeat " + i);
                assertTrue(answered.add(heartbeat.get(112)), "answered once: " + heartbeat.get(112).substring(0, 4));
            }
            assertEquals(FIRST_AHEAD + AHEAD, expectedTarget(session));
            assertTrue(session.isLoggedOn());
        }
    }

    private static int awaitExpectedTargetChangedFrom(final AcceptorSession session, final int from)
    {
        return await().atMost(WAIT, TimeUnit.MILLISECONDS).until(() -> expectedTarget(session), not(from));
    }

    private static int expectedTarget(final AcceptorSession session) throws Exception
    {
        return session.eventLoop().submit(session::nextTargetSeqNum).get(WAIT, TimeUnit.MILLISECONDS);
    }
}
