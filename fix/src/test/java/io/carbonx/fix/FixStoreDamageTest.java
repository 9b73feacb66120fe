package io.carbonx.fix;

import io.carbonx.fix.session.FixAcceptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session whose store files were emptied, deleted or truncated while the acceptor was down refuses
 * to log on, with a Logout saying why and an error log naming the file, instead of starting again at
 * MsgSeqNum 1 (where the member's PossDup resends would look new). Other sessions are unaffected.
 */
class FixStoreDamageTest
{
    private static final long WAIT = 5_000;
    private static final FixSessionId TW = new FixSessionId("ISLD", "TW");

    @TempDir
    Path store;

    @RegisterExtension
    final AcceptorFixture acceptor = new AcceptorFixture();

    @Test
    void anEmptiedSequenceFileRefusesTheLogon() throws Exception
    {
        tradeThenStop();
        try (FileChannel seqnums = FileChannel.open(sessionFolder().resolve("seqnums"), StandardOpenOption.WRITE))
        {
            seqnums.truncate(0);
        }
        assertRefusedNamingFile("seqnums");
    }

    @Test
    void aDeletedSequenceFileRefusesTheLogon() throws Exception
    {
        tradeThenStop();
        Files.delete(sessionFolder().resolve("seqnums"));
        assertRefusedNamingFile("seqnums");
    }

    @Test
    void aTruncatedMessageLogRefusesTheLogon() throws Exception
    {
        tradeThenStop();
        try (FileChannel log = FileChannel.open(sessionFolder().resolve("messages"), StandardOpenOption.WRITE))
        {
            log.truncate(log.size() / 2);
        }
        assertRefusedNamingFile("messages");
    }

    @Test
    void anUndamagedStoreResumesWhereItStopped() throws Exception
    {
        tradeThenStop();
        start();
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(4, "");
            final Map<Integer, String> logon = client.await("A", WAIT);
            assertNotNull(logon);
            assertTrue(Integer.parseInt(logon.get(34)) > 1, "the acceptor's numbers continue: " + logon);
        }
    }

    /** Logs on, has a TestRequest answered and an order acknowledged (a stored ExecutionReport), logs out, stops. */
    private void tradeThenStop() throws Exception
    {
        start();
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(1, "");
            assertNotNull(client.await("A", WAIT));
            client.send("35=1|34=2|49=TW|52=<TIME>|56=ISLD|112=HELLO|");
            assertNotNull(client.await("0", WAIT));
            client.send("35=D|34=3|49=TW|52=<TIME>|56=ISLD|11=O1|55=CEA-2025|54=1|60=<TIME>|38=100|40=1|");
            assertNotNull(client.await("8", WAIT));
        }
        acceptor.stop();
    }

    private void assertRefusedNamingFile(final String file) throws Exception
    {
        final ByteArrayOutputStream log = acceptor.captureErr();
        start();
        try (RawFixClient client = new RawFixClient(acceptor.port()))
        {
            client.logon(4, "");
            final Map<Integer, String> logout = client.await("5", WAIT);
            assertNotNull(logout, "a Logout saying why");
            assertTrue(logout.get(58).contains("store is damaged"), logout.get(58));
            assertTrue(client.awaitClosed(WAIT));
        }
        try (RawFixClient other = new RawFixClient(acceptor.port()))
        {
            other.send("35=A|34=1|49=TW2|52=<TIME>|56=ISLD|98=0|108=30|");
            assertNotNull(other.await("A", WAIT), "the other session logs on");
        }
        System.err.flush();
        final String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(sessionFolder().resolve(file).toString()), "the error names the file: " + text);
        assertTrue(!acceptor.session(TW).isLoggedOn());
        assertEquals(true, Files.exists(sessionFolder()), "nothing is deleted or reset");
    }

    private void start() throws IOException, InterruptedException
    {
        acceptor.start(AcceptorFixture.local(store,
                FixSessionSettings.builder("ISLD", "TW").build(), FixSessionSettings.builder("ISLD", "TW2").build()));
    }

    private Path sessionFolder()
    {
        return FixAcceptor.storeDirectory(store, TW);
    }
}
