package io.carbonx.bench.wire;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The load generator's reader thread: splits what the exchange sends into FIX messages, finds the message each
 * ExecutionReport or OrderCancelReject answers by its ClOrdID (the message's index in the run), and records the latency
 * of the first answer to each measured message from the time it was meant to be sent. It also counts every kind of
 * refusal, which a valid run has none of.
 * <p>
 * It parses in place and allocates nothing per message; the run's figures are read once the thread has ended.
 */
final class ReportReader implements Runnable
{
    private static final byte SOH = 1;
    private static final byte[] BEGIN = "8=FIX.4.4\u00019=".getBytes(US_ASCII);
    /** "10=nnn" and its SOH. */
    private static final int TRAILER_LENGTH = 7;
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final SocketChannel channel;
    private final byte[] data = new byte[1 << 20];
    private final ByteBuffer buffer = ByteBuffer.wrap(data);
    private final Histogram latencies = new Histogram(HIGHEST_LATENCY_NANOS, 3);
    private final long[] answeredBits;
    private final long messages;
    private final long firstMeasured;

    private volatile long startNanos;
    private volatile int rate;
    private volatile long answered;
    private volatile boolean loggedOn;
    private volatile boolean loggedOut;
    private volatile boolean logoutRequested;
    private volatile IOException failure;

    private long lastMeasuredAnswerNanos;
    private long sessionRejects;
    private long businessRejects;
    private long cancelRejects;
    private long orderRejects;
    private long unexpected;
    private String firstRefusal;

    /**
     * @param messages      in the run; ClOrdIDs are 0 to messages - 1.
     * @param firstMeasured the first message whose latency counts; those before it warm up.
     */
    ReportReader(final SocketChannel channel, final long messages, final long firstMeasured)
    {
        this.channel = channel;
        this.messages = messages;
        this.firstMeasured = firstMeasured;
        this.answeredBits = new long[(int)((messages + 63) >>> 6)];
    }

    /**
     * Fix the schedule before the first order leaves: message i is meant to be sent at start + i / rate.
     */
    void schedule(final long startNanos, final int rate)
    {
        this.startNanos = startNanos;
        this.rate = rate;
    }

    /**
     * The generator is about to log out: a Logout from now on is the answer, not a refusal.
     */
    void logoutRequested()
    {
        logoutRequested = true;
    }

    static long intendedNanos(final long startNanos, final int rate, final long message)
    {
        return startNanos + message * 1_000_000_000L / rate;
    }

    @Override
    public void run()
    {
        try
        {
            while (!loggedOut)
            {
                if (channel.read(buffer) < 0)
                {
                    return;
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
                    throw new IOException("not a FIX 4.4 message at " +
                        new String(data, start, Math.min(40, end - start), US_ASCII));
                }
                System.arraycopy(data, start, data, 0, end - start);
                buffer.position(end - start);
            }
        }
        catch (final ClosedChannelException ignored)
        {
            // the generator closed the connection: the run is over
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
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
                    orderRejects++;
                    refusal(start, end);
                }
                answer(clOrdId, now);
            }
            case '9' ->
            {
                cancelRejects++;
                refusal(start, end);
                answer(clOrdId, now);
            }
            case '3' ->
            {
                sessionRejects++;
                refusal(start, end);
            }
            case 'j' ->
            {
                businessRejects++;
                refusal(start, end);
            }
            case 'A' -> loggedOn = true;
            case '5' ->
            {
                if (!logoutRequested)
                {
                    unexpected++;
                    refusal(start, end);
                }
                loggedOut = true;
            }
            default ->
            {
                // heartbeats and test requests: the run is too busy and too short for the exchange to need answers
            }
        }
    }

    private void answer(final long clOrdId, final long now)
    {
        if (clOrdId < 0 || clOrdId >= messages)
        {
            unexpected++;
            return;
        }
        final int word = (int)(clOrdId >>> 6);
        final long bit = 1L << clOrdId;
        if ((answeredBits[word] & bit) != 0)
        {
            return;
        }
        answeredBits[word] |= bit;
        answered = answered + 1;
        if (clOrdId >= firstMeasured)
        {
            final long latency = now - intendedNanos(startNanos, rate, clOrdId);
            latencies.recordValue(Math.min(HIGHEST_LATENCY_NANOS, Math.max(0, latency)));
            lastMeasuredAnswerNanos = Math.max(lastMeasuredAnswerNanos, now);
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

    private void refusal(final int start, final int end)
    {
        if (firstRefusal == null)
        {
            firstRefusal = new String(data, start, end - start, US_ASCII).replace('\u0001', '|');
        }
    }

    boolean loggedOn()
    {
        return loggedOn;
    }

    boolean loggedOut()
    {
        return loggedOut;
    }

    long answered()
    {
        return answered;
    }

    IOException failure()
    {
        return failure;
    }

    // read only after the thread has ended

    Histogram latencies()
    {
        return latencies;
    }

    long lastMeasuredAnswerNanos()
    {
        return lastMeasuredAnswerNanos;
    }

    long sessionRejects()
    {
        return sessionRejects;
    }

    long businessRejects()
    {
        return businessRejects;
    }

    long cancelRejects()
    {
        return cancelRejects;
    }

    long orderRejects()
    {
        return orderRejects;
    }

    long unexpected()
    {
        return unexpected;
    }

    String firstRefusal()
    {
        return firstRefusal;
    }
}
