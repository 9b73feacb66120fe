package io.carbonx.fix;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.session.AcceptorSession;
import io.carbonx.fix.session.FixAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With two session threads the sessions are spread over both loops, and every connection, wherever Netty first put
 * it, is served on its session's loop, a thread named carbonx-fix-io-N, with or without a password check.
 */
class FixSessionThreadsTest
{
    private static final long WAIT = 5_000;
    private static final FixSessionId TW = new FixSessionId("ISLD", "TW");
    private static final FixSessionId PW = new FixSessionId("ISLD", "PW");
    private static final String ORDER = "55=CEA-2025|54=1|60=<TIME>|38=100|40=2|44=85.25|";

    @TempDir
    Path store;

    private final Map<FixSessionId, Set<String>> threads = new ConcurrentHashMap<>();
    private final AtomicInteger wrongThread = new AtomicInteger();
    private FixAcceptor acceptor;

    @AfterEach
    void tearDown() throws Exception
    {
        if (acceptor != null)
        {
            acceptor.close();
        }
    }

    @Test
    void everyConnectionIsServedOnItsSessionsLoop() throws Exception
    {
        final FixApplication application = new FixApplication()
        {
            private final MessageBody report = new MessageBody();

            @Override
            public void onMessage(final FixSession session, final FixMessage message)
            {
                if (!((AcceptorSession) session).eventLoop().inEventLoop())
                {
                    wrongThread.incrementAndGet();
                }
                threads.computeIfAbsent(session.id(), id -> ConcurrentHashMap.newKeySet())
                        .add(Thread.currentThread().getName());
                report.reset("8").add(11, message.getString(11)).add(150, '0');
                session.offer(report, message.msgSeqNum());
            }
        };
        final PasswordHash password = PasswordHash.create("secret".toCharArray(), 1_000);
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(
                FixSessionSettings.builder("ISLD", "TW").build(),
                FixSessionSettings.builder("ISLD", "PW").password(password).build())).withSessionThreads(2),
                application);
        int seqNum = 1;
        for (int round = 0; round < 3; round++)
        {
            // both orders of connecting, so that each session gets connections first put on either loop
            final boolean twFirst = round % 2 == 0;
            try (RawFixClient first = new RawFixClient(acceptor.port());
                 RawFixClient second = new RawFixClient(acceptor.port()))
            {
                trade(twFirst ? first : second, "TW", "", seqNum);
                trade(twFirst ? second : first, "PW", "554=secret|", seqNum);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !acceptor.session(TW).isLoggedOn()
                    && !acceptor.session(PW).isLoggedOn());
            seqNum += 2;
        }
        assertEquals(0, wrongThread.get(), "messages handled off their session's loop");
        assertEquals(1, threads.get(TW).size(), "one thread for TW: " + threads.get(TW));
        assertEquals(1, threads.get(PW).size(), "one thread for PW: " + threads.get(PW));
        final String twThread = threads.get(TW).iterator().next();
        final String pwThread = threads.get(PW).iterator().next();
        assertNotEquals(twThread, pwThread, "the sessions share a loop");
        assertTrue(twThread.startsWith("carbonx-fix-io-"), twThread);
        assertTrue(pwThread.startsWith("carbonx-fix-io-"), pwThread);
    }

    @Test
    void aSpinningLoopServesItsSessionsToo() throws Exception
    {
        final OfferingApplication application = new OfferingApplication();
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store,
                List.of(FixSessionSettings.builder("ISLD", "TW").build())).withIoIdleStrategy(IoIdleStrategy.SPINNING),
                application);
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            trade(client, "TW", "", 1);
        }
        assertTrue(application.sessionThread.getName().startsWith("carbonx-fix-io-"));
    }

    private static void trade(final RawFixClient client, final String sender, final String logonExtra,
        final int seqNum) throws Exception
    {
        final String header = "49=" + sender + "|52=<TIME>|56=ISLD|";
        client.send("35=A|34=" + seqNum + "|" + header + "98=0|108=30|" + logonExtra);
        assertNotNull(client.await("A", WAIT), sender + " logon");
        client.send("35=D|34=" + (seqNum + 1) + "|" + header + "11=" + sender + seqNum + "|" + ORDER);
        final Map<Integer, String> report = client.await("8", WAIT);
        assertNotNull(report, sender + " report");
        assertEquals(sender + seqNum, report.get(11));
    }
}
