package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FixSession#offer}: the outbound queue, its numbering, stored callbacks, resend and back-pressure. */
class FixOfferTest
{
    private static final FixSessionId SESSION = new FixSessionId("ISLD", "TW");
    private static final long WAIT = 5_000;
    private static final String HEADER = "49=TW|52=<TIME>|56=ISLD|";
    private static final String ORDER = "55=CEA-2025|54=1|60=<TIME>|38=100|40=2|44=85.25|";

    @TempDir
    Path store;

    private final OfferingApplication application = new OfferingApplication();
    private FixAcceptor acceptor;

    @AfterEach
    void tearDown() throws Exception
    {
        if (acceptor != null)
        {
            acceptor.close();
        }
    }

    private void start(final FixSessionSettings settings) throws Exception
    {
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(settings)), application);
    }

    @Test
    void offeredReportsGoOutInOrderWithTheNextNumbersAndAreToldStored() throws Exception
    {
        start(FixSessionSettings.builder("ISLD", "TW").build());
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            client.send("35=D|34=2|" + HEADER + "11=C2|" + ORDER).send("35=D|34=3|" + HEADER + "11=C3|" + ORDER)
                    .send("35=D|34=4|" + HEADER + "11=C4|" + ORDER);
            for (int i = 2; i <= 4; i++)
            {
                final Map<Integer, String> report = client.await("8", WAIT);
                assertNotNull(report, "report " + i);
                assertEquals("C" + i, report.get(11));
                assertEquals(String.valueOf(i), report.get(34), "the Logon took 1");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> application.stored.get() == 3);
            assertEquals(4, application.lastStoredTag.get());
            assertEquals(0, application.outOfOrderTags.get());
        }
    }

    @Test
    void offersAndSendsFromAnotherThreadKeepTheirOrder() throws Exception
    {
        start(FixSessionSettings.builder("ISLD", "TW").build());
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            final FixSession session = acceptor.session(SESSION);
            final MessageBody body = new MessageBody();
            final int count = 2_000;
            final Thread producer = new Thread(() ->
            {
                for (int i = 0; i < count; i++)
                {
                    body.reset("8").add(11, "X" + i).add(150, '0');
                    if (i % 100 == 99)
                    {
                        // the copying path, given the next number after what was offered before it
                        session.send(body.toMessage());
                        continue;
                    }
                    while (!session.offer(body, i))
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "offer-test-producer");
            producer.start();
            for (int i = 0; i < count; i++)
            {
                final Map<Integer, String> report = client.await("8", WAIT);
                assertNotNull(report, "report " + i);
                assertEquals("X" + i, report.get(11));
                assertEquals(String.valueOf(i + 2), report.get(34));
            }
            producer.join();
            await().atMost(Duration.ofSeconds(5)).until(() -> application.stored.get() == count - count / 100);
            assertEquals(0, application.outOfOrderTags.get());
        }
    }

    @Test
    void aReportOfferedWhileDisconnectedIsStoredAndResentAsPossDup() throws Exception
    {
        start(FixSessionSettings.builder("ISLD", "TW").build());
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            client.send("35=5|34=2|49=TW|52=<TIME>|56=ISLD|");
            assertNotNull(client.await("5", WAIT));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !acceptor.session(SESSION).isLoggedOn());
        final MessageBody body = new MessageBody().reset("8").add(11, "WHILE-AWAY").add(150, '4');
        assertTrue(acceptor.session(SESSION).offer(body, 77));
        await().atMost(Duration.ofSeconds(5)).until(() -> application.lastStoredTag.get() == 77);
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(3, "");
            final Map<Integer, String> logon = client.await("A", WAIT);
            assertEquals("4", logon.get(34), "Logon, Logout, then the stored report took 1 to 3");
            client.send("35=2|34=4|49=TW|52=<TIME>|56=ISLD|7=3|16=0|");
            final Map<Integer, String> resent = client.await("8", WAIT);
            assertNotNull(resent);
            assertEquals("3", resent.get(34));
            assertEquals("Y", resent.get(43));
            assertEquals("WHILE-AWAY", resent.get(11));
        }
    }

    @Test
    void aFullQueueRefusesTheOfferAndTakesItOnceDrained() throws Exception
    {
        start(FixSessionSettings.builder("ISLD", "TW")
                .outboundQueueBytes(FixSessionSettings.MIN_OUTBOUND_QUEUE_BYTES).build());
        final FixSession session = acceptor.session(SESSION);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        // the event loop is busy elsewhere: nothing drains the queue
        ((io.carbonx.fix.session.AcceptorSession) session).eventLoop().execute(() ->
        {
            blocked.countDown();
            try
            {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(5, TimeUnit.SECONDS));
        final MessageBody body = new MessageBody().reset("8").add(11, "FILL").add(58, "x".repeat(200));
        int accepted = 0;
        while (session.offer(body, accepted))
        {
            accepted++;
            assertTrue(accepted < FixSessionSettings.MIN_OUTBOUND_QUEUE_BYTES, "the queue never filled");
        }
        assertTrue(accepted > 100, "accepted " + accepted);
        assertFalse(session.offer(body, accepted), "still full");
        release.countDown();
        final long expected = accepted;
        await().atMost(Duration.ofSeconds(5)).until(() -> application.stored.get() == expected);
        assertTrue(session.offer(body, accepted), "room again once drained");
        try
        {
            await().atMost(Duration.ofSeconds(5)).until(() -> application.stored.get() == expected + 1);
        }
        catch (final RuntimeException e)
        {
            throw new AssertionError("stored " + application.stored.get() + " expected " + expected + " last "
                    + application.lastStoredTag.get(), e);
        }
        assertEquals(0, application.outOfOrderTags.get());
    }

    @Test
    void aStoreFailureFailsTheOfferedReportsAndLogsOutWithTheReason() throws Exception
    {
        start(FixSessionSettings.builder("ISLD", "TW").build());
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            client.send("35=D|34=2|" + HEADER + "11=C2|" + ORDER);
            assertNotNull(client.await("8", WAIT));
            breakMessageLog();
            client.send("35=D|34=3|" + HEADER + "11=C3|" + ORDER);
            final Map<Integer, String> logout = client.await("5", WAIT);
            assertNotNull(logout, "a Logout saying why");
            assertTrue(logout.get(58).startsWith("exchange cannot record messages"), logout.get(58));
            assertEquals("3", logout.get(34), "the report that was not stored gave its number back");
            assertTrue(client.awaitClosed(WAIT));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> application.failedTags.contains(3L));
        assertEquals(1, application.stored.get(), "only the first report was stored");
    }

    @Test
    void aSenderThatSendsWhenToldStoredIsToldOnceForEachMessage() throws Exception
    {
        final java.util.List<Long> storedTags = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final FixApplication chaining = new FixApplication()
        {
            private final MessageBody report = new MessageBody();

            @Override
            public void onMessage(final FixSession session, final io.carbonx.fix.codec.FixMessage message)
            {
                report.reset("8").add(11, message.getString(11)).add(150, '0');
                session.offer(report, message.msgSeqNum());
            }

            @Override
            public void onOutboundStored(final FixSession session, final long tag)
            {
                storedTags.add(tag);
                if (tag == 3)
                {
                    // ends a batch inside the batch's own callbacks
                    session.send(ApplicationMessage.builder("8").add(11, "FOLLOW-UP").add(150, '0').build());
                }
            }
        };
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store,
                List.of(FixSessionSettings.builder("ISLD", "TW").build())), chaining);
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            client.send("35=D|34=2|" + HEADER + "11=C2|" + ORDER).send("35=D|34=3|" + HEADER + "11=C3|" + ORDER)
                    .send("35=D|34=4|" + HEADER + "11=C4|" + ORDER);
            final java.util.Set<String> received = new java.util.TreeSet<>();
            int lastSeqNum = 1;
            for (int i = 0; i < 4; i++)
            {
                final Map<Integer, String> report = client.await("8", WAIT);
                assertNotNull(report, "report " + i + " after " + received);
                received.add(report.get(11));
                final int seqNum = Integer.parseInt(report.get(34));
                assertEquals(lastSeqNum + 1, seqNum, "in MsgSeqNum order");
                lastSeqNum = seqNum;
            }
            assertEquals(java.util.Set.of("C2", "C3", "C4", "FOLLOW-UP"), received);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> storedTags.size() >= 3);
        assertEquals(List.of(2L, 3L, 4L), storedTags);
    }

    /** The session's message log can no longer be written, as on a failing disk. */
    private void breakMessageLog() throws Exception
    {
        final java.lang.reflect.Field stores = FixAcceptor.class.getDeclaredField("stores");
        stores.setAccessible(true);
        final Object store = ((List<?>) stores.get(acceptor)).get(0);
        final java.lang.reflect.Field messages = store.getClass().getDeclaredField("messages");
        messages.setAccessible(true);
        ((java.nio.channels.FileChannel) messages.get(store)).close();
    }
}
