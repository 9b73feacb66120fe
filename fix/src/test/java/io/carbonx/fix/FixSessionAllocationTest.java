package io.carbonx.fix;

import io.carbonx.fix.codec.RawFix;
import io.carbonx.fix.session.FixAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard that keeps the wire path garbage-free: after a warm-up, NewOrderSingles over a real socket, each answered
 * with an ExecutionReport through {@link FixSession#offer}, must cost the session's event loop (decode, validation,
 * session checks, the outbound queue, encoding, the store, the socket write) almost no allocated bytes per message.
 */
class FixSessionAllocationTest
{
    private static final FixSessionId SESSION = new FixSessionId("ISLD", "TW");
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 30_000;
    private static final int FRAMES_PER_WRITE = 20;
    private static final long MAX_BYTES_PER_MESSAGE = 32;

    @TempDir
    Path store;

    private final OfferingApplication application = new OfferingApplication();
    private FixAcceptor acceptor;
    private Socket socket;
    private Thread reader;

    @AfterEach
    void tearDown() throws Exception
    {
        if (socket != null)
        {
            socket.close();
        }
        if (reader != null)
        {
            reader.join(5_000);
        }
        if (acceptor != null)
        {
            acceptor.close();
        }
    }

    @Test
    void theSessionThreadAllocatesAlmostNothingPerOrderAndReport() throws Exception
    {
        final FixSessionSettings settings = FixSessionSettings.builder("ISLD", "TW")
                .maxMessagesPerSecond(100_000_000).build();
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(settings)), application);
        socket = new Socket("127.0.0.1", acceptor.port());
        socket.setTcpNoDelay(true);
        final OutputStream out = socket.getOutputStream();
        startReader(socket.getInputStream());
        out.write(RawFix.frame("35=A|34=1|49=TW|52=" + RawFixClient.now() + "|56=ISLD|98=0|108=30|"));
        out.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptor.session(SESSION).isLoggedOn());

        sendOrders(out, 2, WARM_UP);
        await().atMost(Duration.ofSeconds(60)).until(() -> application.stored.get() == WARM_UP);
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long threadId = application.sessionThread.getId();
        final long before = threads.getThreadAllocatedBytes(threadId);

        sendOrders(out, 2 + WARM_UP, MEASURED);
        await().atMost(Duration.ofSeconds(60)).until(() -> application.stored.get() == WARM_UP + MEASURED);
        final long perMessage = (threads.getThreadAllocatedBytes(threadId) - before) / MEASURED;

        System.out.println("RESULT test=session-allocation bytes_per_message=" + perMessage);
        assertEquals(0, application.refusedOffers.get(), "offers refused");
        assertEquals(0, application.outOfOrderTags.get(), "stored tags out of order");
        assertTrue(application.failedTags.isEmpty(), "failed: " + application.failedTags);
        assertTrue(perMessage < MAX_BYTES_PER_MESSAGE, "the session thread allocated " + perMessage
                + " bytes per order and report; the bound is " + MAX_BYTES_PER_MESSAGE);
    }

    @Test
    void offeringFromAnotherThreadAllocatesNothingOnThatThread() throws Exception
    {
        final FixSessionSettings settings = FixSessionSettings.builder("ISLD", "TW").build();
        acceptor = FixAcceptor.start(FixAcceptorConfig.of("127.0.0.1", 0, store, List.of(settings)), application);
        final FixSession session = acceptor.session(SESSION);
        final MessageBody report = new MessageBody();
        final long[] perOffer = new long[1];
        final Thread producer = new Thread(() ->
        {
            final com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            offer(session, report, 0, WARM_UP);
            final long before = threads.getCurrentThreadAllocatedBytes();
            offer(session, report, WARM_UP, MEASURED);
            perOffer[0] = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
        }, "allocation-test-producer");
        producer.start();
        producer.join(60_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> application.stored.get() == WARM_UP + MEASURED);
        System.out.println("RESULT test=offer-allocation bytes_per_offer=" + perOffer[0]);
        assertEquals(0, application.outOfOrderTags.get(), "stored tags out of order");
        assertTrue(perOffer[0] < 8, "the producing thread allocated " + perOffer[0] + " bytes per offer");
    }

    /** A report per tag, offered again until the queue takes it, as a producer that must not lose one does. */
    private static void offer(final FixSession session, final MessageBody report, final int first, final int count)
    {
        for (int tag = first; tag < first + count; tag++)
        {
            report.reset("8").add(37, tag).add(17, tag).add(150, 'F').add(39, '2').addScaled(31, 8525, 2);
            while (!session.offer(report, tag))
            {
                Thread.onSpinWait();
            }
        }
    }

    /** Orders with MsgSeqNum from first on, written a few frames at a time as a busy member's engine does. */
    private static void sendOrders(final OutputStream out, final int first, final int count) throws IOException
    {
        final ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            final int seqNum = first + i;
            final String now = RawFixClient.now();
            frames.writeBytes(RawFix.frame("35=D|34=" + seqNum + "|49=TW|52=" + now + "|56=ISLD|11=C" + seqNum
                    + "|55=CEA-2025|54=1|60=" + now + "|38=100|40=2|44=85.25|"));
            if ((i + 1) % FRAMES_PER_WRITE == 0 || i == count - 1)
            {
                frames.writeTo(out);
                out.flush();
                frames.reset();
            }
        }
    }

    /** Reads and drops what the acceptor sends, so that its socket never backs up. */
    private void startReader(final InputStream in)
    {
        reader = new Thread(() ->
        {
            final byte[] sink = new byte[64 * 1024];
            try
            {
                while (in.read(sink) >= 0)
                {
                    // dropped
                }
            }
            catch (final IOException closed)
            {
                // the test is over
            }
        }, "allocation-test-reader");
        reader.setDaemon(true);
        reader.start();
    }
}
