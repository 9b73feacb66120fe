package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.RawFix;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MsgSeqNum;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptor against a real FIX engine: QuickFIX/J as the member TW's initiator. */
class FixAcceptorQuickFixJTest
{
    private static final FixSessionId SESSION = new FixSessionId("ISLD", "TW");
    private static final long WAIT = 5_000;

    @TempDir
    Path acceptorStore;
    @TempDir
    Path initiatorStore;

    private final RecordingApplication application = new RecordingApplication();
    private FixAcceptor acceptor;
    private QuickFixInitiator initiator;

    @AfterEach
    void tearDown() throws Exception
    {
        if (initiator != null)
        {
            initiator.close();
        }
        if (acceptor != null)
        {
            acceptor.close();
        }
    }

    @Test
    void logsOnAndHeartbeats() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 1).start();
        assertTrue(initiator.awaitLogon(WAIT));
        assertTrue(acceptor.session(SESSION).isLoggedOn());
        assertNotNull(initiator.nextAdmin("0", 3_000), "first heartbeat");
        assertNotNull(initiator.nextAdmin("0", 3_000), "second heartbeat");
        assertEquals(SESSION, application.logons.poll(WAIT, TimeUnit.MILLISECONDS));
    }

    @Test
    void deliversValidOrdersToTheApplicationAndItsRepliesBack() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").allowedAccounts(java.util.Set.of("ACC-1")).build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));

        final NewOrderSingle order = order("ORD-1");
        order.setString(FixTags.ACCOUNT, "ACC-1");
        initiator.send(order);
        assertEquals("D ORD-1 CEA-2025 250.00", application.orders.poll(WAIT, TimeUnit.MILLISECONDS));
        final Message report = initiator.nextApp("8", WAIT);
        assertNotNull(report);
        assertEquals("ORD-1", report.getString(FixTags.CL_ORD_ID));

        final NewOrderSingle foreign = order("ORD-2");
        foreign.setString(FixTags.ACCOUNT, "SOMEONE-ELSE");
        initiator.send(foreign);
        final Message refused = initiator.nextApp("j", WAIT);
        assertNotNull(refused);
        assertEquals(6, refused.getInt(FixTags.BUSINESS_REJECT_REASON));
        assertNull(application.orders.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void rejectsAnInvalidMessageWithTheReasonAndTag() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));

        final NewOrderSingle noSymbol = order("ORD-1");
        noSymbol.removeField(Symbol.FIELD);
        initiator.send(noSymbol);
        final Message reject = initiator.nextAdmin("3", WAIT);
        assertNotNull(reject);
        assertEquals(1, reject.getInt(FixTags.SESSION_REJECT_REASON));
        assertEquals(55, reject.getInt(FixTags.REF_TAG_ID));
        assertEquals("D", reject.getString(FixTags.REF_MSG_TYPE));
        assertEquals(2, reject.getInt(FixTags.REF_SEQ_NUM));
        assertTrue(initiator.session().isLoggedOn(), "a Reject does not end the session");
        assertNull(application.orders.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void refusesApplicationMessagesBeyondTheRateLimit() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").maxMessagesPerSecond(3).build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));
        for (int i = 1; i <= 5; i++)
        {
            initiator.send(order("ORD-" + i));
        }
        for (int i = 0; i < 2; i++)
        {
            final Message refused = initiator.nextApp("j", WAIT);
            assertNotNull(refused, "the excess is refused");
            assertTrue(refused.getString(FixTags.TEXT).startsWith("Message rate limit of 3/s exceeded"));
        }
        assertEquals(3, application.orders.size(), "the burst allowance reached the application");
        assertTrue(initiator.session().isLoggedOn(), "refused, not disconnected");
    }

    @Test
    void closesTheConnectionOnOversizedInput() throws Exception
    {
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, acceptorStore,
                List.of(FixSessionSettings.builder("ISLD", "TW").build())).withMaxMessageSize(1024), application);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));
        final NewOrderSingle huge = order("ORD-1");
        huge.setString(FixTags.TEXT, "x".repeat(2_000));
        initiator.send(huge);
        assertTrue(awaitLoggedOff(acceptor.session(SESSION)));
        assertNull(application.orders.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void refusesAWrongPasswordAndAcceptsTheRightOne() throws Exception
    {
        final PasswordHash hash = PasswordHash.create("right".toCharArray(), 10_000);
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").password(hash).build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).password("wrong").start();
        final Message logout = initiator.nextAdmin("5", WAIT);
        assertNotNull(logout, "the refusal is a Logout");
        assertTrue(logout.getString(FixTags.TEXT).startsWith("Logon rejected"));
        assertFalse(acceptor.session(SESSION).isLoggedOn());
        initiator.stop();

        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).password("right").start();
        assertTrue(initiator.awaitLogon(WAIT));
    }

    @Test
    void refusesASecondLogonWhileTheSessionIsLive() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));

        try (Socket intruder = new Socket("127.0.0.1", acceptor.port()))
        {
            intruder.setSoTimeout((int) WAIT);
            final String sendingTime = RecordingApplication.UTC_SECONDS.format(Instant.now());
            intruder.getOutputStream()
                .write(RawFix.frame("35=A|34=1|49=TW|52=" + sendingTime + "|56=ISLD|98=0|108=30|"));
            final InputStream in = intruder.getInputStream();
            assertEquals(-1, in.read(), "closed without a word");
        }
        assertTrue(initiator.session().isLoggedOn());
        assertTrue(acceptor.session(SESSION).isLoggedOn());
        initiator.send(order("ORD-1"));
        assertNotNull(application.orders.poll(WAIT, TimeUnit.MILLISECONDS), "the live session still works");
    }

    @Test
    void resumesSequenceNumbersAfterAReconnect() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));
        initiator.send(order("ORD-1"));
        assertNotNull(initiator.nextApp("8", WAIT));
        initiator.stop();
        // in: Logon 1, order 2, Logout 3; out: Logon 1, report 2, Logout 3
        initiator.start();
        assertTrue(initiator.awaitLogon(WAIT));
        // the Logon answering ours, not the session's counter at some later moment (a busy machine may have let more
        // through by then)
        final Message logon = initiator.nextAdmin("A", WAIT);
        assertNotNull(logon, "the acceptor's Logon");
        assertEquals(4, logon.getHeader().getInt(MsgSeqNum.FIELD), "our Logon was 4, nothing was reset");
        assertEquals(5, initiator.session().getExpectedSenderNum());
        initiator.send(order("ORD-2"));
        assertEquals("ORD-2", initiator.nextApp("8", WAIT).getString(FixTags.CL_ORD_ID));
        assertNull(initiator.nextAdmin("2", 300), "no gap, so no ResendRequest");
    }

    @Test
    void resumesSequenceNumbersAfterAnAcceptorRestart() throws Exception
    {
        final FixSessionSettings settings = FixSessionSettings.builder("ISLD", "TW").build();
        startAcceptor(settings, 0);
        final int port = acceptor.port();
        initiator = new QuickFixInitiator(port, initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));
        initiator.send(order("ORD-1"));
        assertNotNull(initiator.nextApp("8", WAIT));

        acceptor.close();
        assertNotNull(initiator.nextAdmin("5", WAIT), "the acceptor logs out as it stops");
        startAcceptor(settings, port);
        assertTrue(awaitLoggedOn(acceptor.session(SESSION)), "the initiator reconnects by itself");
        // out: Logon 1, report 2, Logout 3, Logon 4. The acceptor may count itself logged on before the initiator has
        // read that Logon, so wait for the initiator to have read it.
        assertEquals(5, awaitExpectedTargetNum(5));
        initiator.send(order("ORD-2"));
        assertEquals("ORD-2", initiator.nextApp("8", WAIT).getString(FixTags.CL_ORD_ID));
    }

    @Test
    void recoversMessagesSentWhileDisconnectedThroughResend() throws Exception
    {
        startAcceptor(FixSessionSettings.builder("ISLD", "TW").build(), 0);
        initiator = new QuickFixInitiator(acceptor.port(), initiatorStore, 30).start();
        assertTrue(initiator.awaitLogon(WAIT));
        initiator.stop();
        assertTrue(awaitLoggedOff(acceptor.session(SESSION)));

        for (final String id : List.of("R-1", "R-2", "R-3"))
        {
            acceptor.send(SESSION, RecordingApplication.executionReport(id));
        }
        initiator.start();
        assertTrue(initiator.awaitLogon(WAIT));
        for (final String id : List.of("R-1", "R-2", "R-3"))
        {
            final Message report = initiator.nextApp("8", WAIT);
            assertNotNull(report, id);
            assertEquals(id, report.getString(FixTags.CL_ORD_ID));
            assertTrue(report.getHeader().getBoolean(FixTags.POSS_DUP_FLAG));
            assertTrue(report.getHeader().isSetField(FixTags.ORIG_SENDING_TIME));
        }
    }

    private void startAcceptor(final FixSessionSettings settings, final int port) throws Exception
    {
        acceptor =
            FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", port, acceptorStore, List.of(settings)), application);
    }

    private static NewOrderSingle order(final String clOrdId)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(Side.BUY),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.MARKET));
        order.set(new Symbol("CEA-2025"));
        order.set(new OrderQty(250));
        return order;
    }

    private int awaitExpectedTargetNum(final int expected)
    {
        return await().atMost(WAIT, TimeUnit.MILLISECONDS)
            .until(() -> initiator.session().getExpectedTargetNum(), equalTo(expected));
    }

    private static boolean awaitLoggedOn(final FixSession session)
    {
        return awaitState(session, true);
    }

    private static boolean awaitLoggedOff(final FixSession session)
    {
        return awaitState(session, false);
    }

    /** True once the session's logon state is {@code loggedOn}, false if it is not within {@link #WAIT}. */
    private static boolean awaitState(final FixSession session, final boolean loggedOn)
    {
        try
        {
            await().atMost(WAIT, TimeUnit.MILLISECONDS).until(() -> session.isLoggedOn() == loggedOn);
            return true;
        }
        catch (final ConditionTimeoutException e)
        {
            return false;
        }
    }

    /** Records what reaches the application and answers each order with an ExecutionReport. */
    static final class RecordingApplication implements FixApplication
    {
        private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss")
            .withZone(ZoneOffset.UTC);
        final BlockingQueue<FixSessionId> logons = new LinkedBlockingQueue<>();
        final BlockingQueue<String> orders = new LinkedBlockingQueue<>();

        @Override
        public void onLogon(final FixSession session)
        {
            logons.add(session.id());
        }

        @Override
        public void onMessage(final FixSession session, final FixMessage message)
        {
            final String clOrdId = message.getString(FixTags.CL_ORD_ID);
            final long quantity = message.scaledAt(message.indexOf(38), 2);
            orders.add(message.msgType() + " " + clOrdId + " " + message.getString(55) + " "
                    + java.math.BigDecimal.valueOf(quantity, 2));
            session.send(executionReport(clOrdId));
        }

        static ApplicationMessage executionReport(final String clOrdId)
        {
            return ApplicationMessage.builder("8").add(37, "O-" + clOrdId).add(FixTags.CL_ORD_ID, clOrdId)
                    .add(17, "E-" + clOrdId).add(150, '0').add(39, '0').add(55, "CEA-2025").add(54, '1')
                    .add(151, 250).add(14, 0).add(6, 0).add(60, UTC_SECONDS.format(Instant.now())).build();
        }
    }
}
