package io.carbonx.fix;

import io.carbonx.fix.codec.RawFix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FIX counterparty over a plain socket for tests that need what a real engine would refuse to send:
 * out-of-range numbers, sequence gaps, wrong passwords. Messages are written as readable
 * {@code tag=value|} text; {@code <TIME>} is replaced by the current SendingTime. Used from the test thread.
 */
final class RawFixClient implements AutoCloseable
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    RawFixClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code 35=...|34=...|...} framed with BeginString, BodyLength and CheckSum. */
    RawFixClient send(final String fields) throws IOException
    {
        out.write(RawFix.frame(fields.replace("<TIME>", now())));
        out.flush();
        return this;
    }

    /** TW's Logon to ISLD with this MsgSeqNum and optional extra fields, e.g. {@code "554=pw|"}. */
    RawFixClient logon(final int seqNum, final String extra) throws IOException
    {
        return send("35=A|34=" + seqNum + "|49=TW|52=<TIME>|56=ISLD|98=0|108=30|" + extra);
    }

    static String now()
    {
        return ZonedDateTime.now(ZoneOffset.UTC).format(TIME);
    }

    /**
     * The next message of this MsgType, skipping others (heartbeats, resends), as tag to value with the
     * last occurrence of each tag; null if none came before the deadline or the connection closed first.
     */
    Map<Integer, String> await(final String msgType, final long timeoutMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            final Map<Integer, String> message = next(deadline);
            if (message == null)
            {
                return null;
            }
            if (msgType.equals(message.get(35)))
            {
                return message;
            }
        }
        return null;
    }

    /** True if the acceptor closes the connection before the deadline (anything it sends first is skipped). */
    boolean awaitClosed(final long timeoutMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        final byte[] sink = new byte[4096];
        while (System.currentTimeMillis() < deadline)
        {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try
            {
                if (in.read(sink) < 0)
                {
                    return true;
                }
            }
            catch (final SocketTimeoutException e)
            {
                return false;
            }
            catch (final IOException reset)
            {
                return true;
            }
        }
        return false;
    }

    private Map<Integer, String> next(final long deadline) throws IOException
    {
        final byte[] chunk = new byte[4096];
        while (true)
        {
            final Map<Integer, String> frame = takeFrame();
            if (frame != null)
            {
                return frame;
            }
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0)
            {
                return null;
            }
            socket.setSoTimeout((int) left);
            final int read;
            try
            {
                read = in.read(chunk);
            }
            catch (final SocketTimeoutException e)
            {
                return null;
            }
            catch (final IOException reset)
            {
                return null;
            }
            if (read < 0)
            {
                return null;
            }
            pending.write(chunk, 0, read);
        }
    }

    /** Removes the first whole frame (ending in the CheckSum field) from what was read. */
    private Map<Integer, String> takeFrame()
    {
        final String text = pending.toString(StandardCharsets.ISO_8859_1);
        final int checksum = text.indexOf("\u000110=");
        if (checksum < 0 || text.indexOf('\u0001', checksum + 1) < 0)
        {
            return null;
        }
        final int end = text.indexOf('\u0001', checksum + 1) + 1;
        final Map<Integer, String> fields = new LinkedHashMap<>();
        for (final String field : text.substring(0, end).split("\u0001"))
        {
            final int equals = field.indexOf('=');
            fields.put(Integer.parseInt(field.substring(0, equals)), field.substring(equals + 1));
        }
        final byte[] rest = text.substring(end).getBytes(StandardCharsets.ISO_8859_1);
        pending.reset();
        pending.writeBytes(rest);
        return fields;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
