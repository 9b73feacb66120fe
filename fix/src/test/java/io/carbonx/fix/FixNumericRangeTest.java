package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers that overflow their type, sent over a real socket to a real acceptor: each is answered with
 * the session Reject or Logout FIX requires, and none reaches the application as another value.
 */
class FixNumericRangeTest
{
    private static final long WAIT = 5_000;
    private static final String ORDER = "49=TW|52=<TIME>|56=ISLD|11=O1|55=CEA-2025|54=1|60=<TIME>|38=100|40=2|";

    @TempDir
    Path store;

    private final FixAcceptorQuickFixJTest.RecordingApplication application =
        new FixAcceptorQuickFixJTest.RecordingApplication();
    private FixAcceptor acceptor;
    private RawFixClient client;

    @BeforeEach
    void logOn() throws Exception
    {
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store,
                List.of(FixSessionSettings.builder("ISLD", "TW").build())), application);
        client = new RawFixClient(acceptor.port());
        client.logon(1, "");
        assertNotNull(client.await("A", WAIT));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        client.close();
        acceptor.close();
    }

    @Test
    void aPriceThatOverflowsTheFixedPointLongIsRejectedNotWrapped() throws Exception
    {
        client.send("35=D|34=2|" + ORDER + "44=4611686018427388004|");
        assertReject(2, 44, 5);
        assertNull(application.orders.poll(200, TimeUnit.MILLISECONDS));
        assertSessionAlive(3);
    }

    @Test
    void aQuantityBeyondALongIsRejected() throws Exception
    {
        client.send("35=D|34=2|49=TW|52=<TIME>|56=ISLD|11=O1|55=CEA-2025|54=1|60=<TIME>|38=99999999999999999999|40=1|");
        assertReject(2, 38, 5);
        assertSessionAlive(3);
    }

    @Test
    void aNegativeGroupCountIsRejected() throws Exception
    {
        client.send("35=D|34=2|" + ORDER + "44=10|453=-1|");
        assertReject(2, 453, 5);
        assertSessionAlive(3);
    }

    @Test
    void aTwentyDigitGroupCountIsRejected() throws Exception
    {
        client.send("35=D|34=2|" + ORDER + "44=10|453=18446744073709551617|448=P|447=D|452=1|");
        assertReject(2, 453, 5);
        assertSessionAlive(3);
    }

    @Test
    void anIntBeyond32BitsIsRejected() throws Exception
    {
        client.send("35=1|34=2|49=TW|52=<TIME>|56=ISLD|369=4294967297|112=T|");
        assertReject(2, 369, 5);
        assertSessionAlive(3);
    }

    @Test
    void aMsgSeqNumBeyond32BitsIsNotTakenAsAnotherNumber() throws Exception
    {
        // 4294967298 wrapped to 2, the expected number
        client.send("35=1|34=4294967298|49=TW|52=<TIME>|56=ISLD|112=WRAPPED|");
        final Map<Integer, String> logout = client.await("5", WAIT);
        assertNotNull(logout, "a Logout, not a Heartbeat");
        assertTrue(logout.get(58).contains("MsgSeqNum"), logout.get(58));
        assertTrue(client.awaitClosed(WAIT));
        assertEquals(2, acceptorExpectedTarget());
    }

    @Test
    void aSequenceResetToTheLastNumberDoesNotOverflow() throws Exception
    {
        client.send("35=4|34=2|49=TW|52=<TIME>|56=ISLD|36=2147483647|");
        client.send("35=1|34=2147483647|49=TW|52=<TIME>|56=ISLD|112=LAST|");
        final Map<Integer, String> heartbeat = client.await("0", WAIT);
        assertNotNull(heartbeat);
        assertEquals("LAST", heartbeat.get(112));
        final Map<Integer, String> logout = client.await("5", WAIT);
        assertNotNull(logout);
        assertTrue(logout.get(58).contains("ResetSeqNumFlag"), logout.get(58));
        assertEquals(Integer.MAX_VALUE, acceptorExpectedTarget());
    }

    @Test
    void aSequenceResetBeyond32BitsIsRejected() throws Exception
    {
        client.send("35=4|34=2|49=TW|52=<TIME>|56=ISLD|36=4294967299|");
        assertReject(2, 36, 5);
        assertEquals(2, acceptorExpectedTarget());
    }

    private void assertReject(final int refSeqNum, final int refTag, final int reason) throws Exception
    {
        final Map<Integer, String> reject = client.await("3", WAIT);
        assertNotNull(reject, "a session Reject");
        assertEquals(String.valueOf(refSeqNum), reject.get(45));
        assertEquals(String.valueOf(refTag), reject.get(371));
        assertEquals(String.valueOf(reason), reject.get(373));
    }

    private void assertSessionAlive(final int seqNum) throws Exception
    {
        client.send("35=1|34=" + seqNum + "|49=TW|52=<TIME>|56=ISLD|112=ALIVE|");
        final Map<Integer, String> heartbeat = client.await("0", WAIT);
        assertNotNull(heartbeat);
        assertEquals("ALIVE", heartbeat.get(112));
    }

    private int acceptorExpectedTarget() throws Exception
    {
        final io.carbonx.fix.session.AcceptorSession session =
                (io.carbonx.fix.session.AcceptorSession) acceptor.session(new FixSessionId("ISLD", "TW"));
        return session.eventLoop().submit(session::nextTargetSeqNum).get(WAIT, TimeUnit.MILLISECONDS);
    }
}
