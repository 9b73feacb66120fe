package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP connection on a raw socket, for what a polite client never does: pipelining, idling, trickling bytes.
 */
final class RawHttp implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;

    RawHttp(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    /**
     * A response as read off the wire.
     */
    record Response(int status, String body)
    {
        JsonNode json() throws IOException
        {
            return JSON.readTree(body);
        }
    }

    static String request(final String method, final String path, final String token, final String body)
    {
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            (token == null ? "" : "Authorization: Bearer " + token + "\r\n") +
            (body == null ? "" : "Content-Type: application/json\r\n") +
            "Content-Length: " + bytes.length + "\r\n\r\n" + (body == null ? "" : body);
    }

    void write(final String text) throws IOException
    {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /**
     * @return the next response, read by its Content-Length.
     */
    Response read() throws IOException
    {
        final String head = readHead();
        final String[] lines = head.split("\r\n");
        final int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = 0;
        for (final String line : lines)
        {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
            {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        final byte[] body = in.readNBytes(length);
        if (body.length != length)
        {
            throw new IOException("the connection closed inside a body");
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * @return whether the server closes the connection within {@code millis}: the next read sees the end of the stream
     * (or a reset) rather than data or a time-out.
     */
    boolean closedByServerWithin(final long millis) throws IOException
    {
        socket.setSoTimeout((int)millis);
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex) // reset by the server
        {
            return true;
        }
    }

    /**
     * Send {@code text} one byte at a time, each after a quiet {@code gapMillis}, until the server closes the
     * connection.
     *
     * @return whether the server closed it before the whole text was sent.
     */
    boolean trickleUntilClosed(final String text, final int gapMillis) throws IOException
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (final byte b : bytes)
        {
            try
            {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
            }
            catch (final IOException ex)
            {
                return true;
            }
            if (closedByServerWithin(gapMillis))
            {
                return true;
            }
        }
        return false;
    }

    private String readHead() throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("the connection closed after " + head.size() + " bytes of a response head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
