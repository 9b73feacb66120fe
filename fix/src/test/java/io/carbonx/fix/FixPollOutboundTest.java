package io.carbonx.fix;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.session.FixAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FixSession#pollOutbound}: an application waiting on its event loop for a producer that is itself waiting for
 * room in another session's outbound queue on the same loop (the engine's command ring and its listener) lets that
 * producer go on, instead of both waiting for ever.
 */
class FixPollOutboundTest
{
    private static final long WAIT = 10_000;
    private static final int REPORTS = 2_000;
    private static final String ORDER = "55=CEA-2025|54=1|60=<TIME>|38=100|40=2|44=85.25|";

    @TempDir
    Path store;

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
    void anApplicationWaitingOnItsLoopDrainsTheQueuesOfEverySessionOfTheLoop() throws Exception
    {
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicBoolean producerDone = new AtomicBoolean();
        final AtomicBoolean waitedOut = new AtomicBoolean();
        final AtomicInteger storedForPw = new AtomicInteger();
        final FixApplication application = new FixApplication()
        {
            private final MessageBody answer = new MessageBody();

            @Override
            public void onMessage(final FixSession session, final FixMessage message)
            {
                // TW's order: wait, on the loop, for the producer that fills PW's queue
                go.countDown();
                final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
                while (!producerDone.get())
                {
                    if (System.nanoTime() > deadline)
                    {
                        waitedOut.set(true);
                        break;
                    }
                    session.pollOutbound();
                    Thread.onSpinWait();
                }
                answer.reset("8").add(11, message.getString(11)).add(150, '0');
                session.offer(answer, -1);
            }

            @Override
            public void onOutboundStored(final FixSession session, final long tag)
            {
                storedForPw.incrementAndGet();
            }
        };
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(
                FixSessionSettings.builder("ISLD", "TW").build(),
                FixSessionSettings.builder("ISLD", "PW")
                        .outboundQueueBytes(FixSessionSettings.MIN_OUTBOUND_QUEUE_BYTES).build())), application);
        final FixSession pw = acceptor.session(new FixSessionId("ISLD", "PW"));
        final Thread producer = new Thread(() ->
        {
            final MessageBody report = new MessageBody();
            try
            {
                go.await();
            }
            catch (final InterruptedException e)
            {
                return;
            }
            for (int i = 0; i < REPORTS; i++)
            {
                report.reset("8").add(11, "R" + i).add(58, "x".repeat(200));
                while (!pw.offer(report, i))
                {
                    Thread.onSpinWait();
                }
            }
            producerDone.set(true);
        }, "test-producer");
        producer.setDaemon(true);
        producer.start();

        try (RawFixClient pwClient = new RawFixClient(acceptor.port());
             RawFixClient twClient = new RawFixClient(acceptor.port()))
        {
            pwClient.send("35=A|34=1|49=PW|52=<TIME>|56=ISLD|98=0|108=30|");
            assertNotNull(pwClient.await("A", WAIT), "PW logon");
            twClient.logon(1, "");
            assertNotNull(twClient.await("A", WAIT), "TW logon");
            twClient.send("35=D|34=2|49=TW|52=<TIME>|56=ISLD|11=WAITS|" + ORDER);

            final Map<Integer, String> answer = twClient.await("8", WAIT + 5_000);
            assertNotNull(answer, "TW's answer");
            assertEquals("WAITS", answer.get(11));
            assertTrue(producerDone.get(), "the producer finished");
            assertFalse(waitedOut.get(), "the loop waited out its deadline: PW's queue was not drained");
            for (int i = 0; i < REPORTS; i++)
            {
                final Map<Integer, String> report = pwClient.await("8", WAIT);
                assertNotNull(report, "report " + i + " to PW");
                assertEquals("R" + i, report.get(11));
            }
            assertEquals(REPORTS, storedForPw.get(), "each of PW's reports told stored once");
        }
    }

    @Test
    void refusedOffTheSessionsLoop() throws Exception
    {
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store,
                List.of(FixSessionSettings.builder("ISLD", "TW").build())), new OfferingApplication());
        final FixSession session = acceptor.session(new FixSessionId("ISLD", "TW"));
        assertThrows(IllegalStateException.class, session::pollOutbound);
    }
}
