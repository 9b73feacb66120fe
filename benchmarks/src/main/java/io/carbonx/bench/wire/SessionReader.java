package io.carbonx.bench.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * What one session's connection receives: splits the bytes into FIX messages, tells the {@link Answers} which message
 * each ExecutionReport or OrderCancelReject answers (by its ClOrdID) and every refusal, and follows the session's Logon
 * and Logout.
 * <p>
 * Read by one thread, the {@link ReportReader}; the sender reads the volatile Logon and Logout state and sets
 * {@link #logoutRequested()}. It parses in place and allocates nothing per message.
 */
final class SessionReader
{
    private static final byte SOH = 1;
    private static final byte[] BEGIN = "8=FIX.4.4\u00019=".getBytes(US_ASCII);
    /** "10=nnn" and its SOH. */
    private static final int TRAILER_LENGTH = 7;

    private final String senderCompId;
    private final SocketChannel channel;
    private final Answers answers;
    private final byte[] data;
    private final ByteBuffer buffer;

    private volatile boolean loggedOn;
    private volatile boolean loggedOut;
    private volatile boolean closed;
    private volatile boolean logoutRequested;

    /**
     * @param bufferBytes how much one read takes at most; at least the largest message the exchange sends.
     */
    SessionReader(final String senderCompId, final SocketChannel channel, final Answers answers,
        final int bufferBytes)
    {
        this.senderCompId = senderCompId;
        this.channel = channel;
        this.answers = answers;
        this.data = new byte[bufferBytes];
        this.buffer = ByteBuffer.wrap(data);
    }

    SocketChannel channel()
    {
        return channel;
    }

    /**
     * Read what the channel holds and handle every whole message in it.
     *
     * @return false once the exchange has closed the connection.
     * @throws IOException when the channel fails or sends something that is not FIX 4.4.
     */
    boolean read() throws IOException
    {
        final int read = channel.read(buffer);
        if (read < 0)
        {
            closed = true;
            return false;
        }
        final long now = System.nanoTime();
        final int end = buffer.position();
        int start = 0;
        int length;
        while ((length = frameLength(start, end)) > 0)
        {
            onMessage(start, start + length, now);
            start += length;
        }
        if (length < 0)
        {
            throw new IOException(senderCompId + ": not a FIX 4.4 message at " +
                new String(data, start, Math.min(40, end - start), US_ASCII));
        }
        System.arraycopy(data, start, data, 0, end - start);
        buffer.position(end - start);
        return true;
    }

    /**
     * The generator is about to log out: a Logout from now on is the answer, not a refusal.
     */
    void logoutRequested()
    {
        logoutRequested = true;
    }

    boolean loggedOn()
    {
        return loggedOn;
    }

    boolean loggedOut()
    {
        return loggedOut;
    }

    /**
     * @return whether nothing more will come: the session logged out or the connection closed.
     */
    boolean finished()
    {
        return loggedOut || closed;
    }

    String senderCompId()
    {
        return senderCompId;
    }

    /**
     * @return the length of the complete message at {@code start}, 0 if it is not all there yet, -1 if it is not FIX.
     */
    private int frameLength(final int start, final int end)
    {
        final int lengthStart = start + BEGIN.length;
        if (end < lengthStart)
        {
            return 0;
        }
        for (int i = 0; i < BEGIN.length; i++)
        {
            if (data[start + i] != BEGIN[i])
            {
                return -1;
            }
        }
        int bodyLength = 0;
        int i = lengthStart;
        while (i < end && data[i] != SOH)
        {
            bodyLength = bodyLength * 10 + data[i++] - '0';
        }
        if (i >= end)
        {
            return 0;
        }
        final int total = i + 1 - start + bodyLength + TRAILER_LENGTH;
        if (total > data.length)
        {
            return -1;
        }
        return end - start >= total ? total : 0;
    }

    private void onMessage(final int start, final int end, final long now)
    {
        byte msgType = 0;
        byte execType = 0;
        long clOrdId = -1;
        int i = start;
        while (i < end)
        {
            int tag = 0;
            while (data[i] != '=')
            {
                tag = tag * 10 + data[i++] - '0';
            }
            final int valueStart = ++i;
            while (data[i] != SOH)
            {
                i++;
            }
            switch (tag)
            {
                case 35 -> msgType = i - valueStart == 1 ? data[valueStart] : 0;
                case 150 -> execType = data[valueStart];
                case 11 -> clOrdId = natural(valueStart, i);
                default ->
                {
                    // not needed to match or count the message
                }
            }
            i++;
        }
        switch (msgType)
        {
            case '8' ->
            {
                if (execType == '8')
                {
                    answers.orderRejected(data, start, end);
                }
                answers.answer(clOrdId, now);
            }
            case '9' ->
            {
                answers.cancelRejected(data, start, end);
                answers.answer(clOrdId, now);
            }
            case '3' -> answers.sessionRejected(data, start, end);
            case 'j' -> answers.businessRejected(data, start, end);
            case 'A' -> loggedOn = true;
            case '5' ->
            {
                if (!logoutRequested)
                {
                    answers.unexpectedLogout(data, start, end);
                }
                loggedOut = true;
            }
            default ->
            {
                // heartbeats and test requests: the run is too busy and too short for the exchange to need answers
            }
        }
    }

    private long natural(final int from, final int to)
    {
        if (from == to || to - from > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final int digit = data[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
