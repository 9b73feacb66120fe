package io.carbonx.bench.wire;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * What the exchange answered in one run, over all its sessions: which messages have had their first answer, the
 * latency of each measured one from the time it was meant to be sent, and every kind of refusal, which a valid run has
 * none of. Messages are numbered over the whole run (their ClOrdID), whichever session sent them, so that one schedule
 * and one histogram cover all the sessions.
 * <p>
 * Written by one thread, the {@link ReportReader}; the sender reads {@link #answered()} while it runs and everything
 * else once the reader has ended.
 */
final class Answers
{
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram latencies = new Histogram(HIGHEST_LATENCY_NANOS, 3);
    private final long[] answeredBits;
    private final long messages;
    private final long firstMeasured;

    private volatile long startNanos;
    private volatile int rate;
    private volatile long answered;

    private long lastMeasuredAnswerNanos;
    private long sessionRejects;
    private long businessRejects;
    private long cancelRejects;
    private long orderRejects;
    private long unexpected;
    private String firstRefusal;

    /**
     * @param messages      in the run, over all sessions; ClOrdIDs are 0 to messages - 1.
     * @param firstMeasured the first message whose latency counts; those before it warm up.
     */
    Answers(final long messages, final long firstMeasured)
    {
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

    static long intendedNanos(final long startNanos, final int rate, final long message)
    {
        return startNanos + message * 1_000_000_000L / rate;
    }

    /**
     * The first ExecutionReport or OrderCancelReject for a ClOrdID counts; later ones for it do not.
     *
     * @param clOrdId the answer's ClOrdID, or -1 when it had none that is a number.
     * @param now     when the bytes holding the answer were read.
     */
    void answer(final long clOrdId, final long now)
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

    void orderRejected(final byte[] data, final int start, final int end)
    {
        orderRejects++;
        refusal(data, start, end);
    }

    void cancelRejected(final byte[] data, final int start, final int end)
    {
        cancelRejects++;
        refusal(data, start, end);
    }

    void sessionRejected(final byte[] data, final int start, final int end)
    {
        sessionRejects++;
        refusal(data, start, end);
    }

    void businessRejected(final byte[] data, final int start, final int end)
    {
        businessRejects++;
        refusal(data, start, end);
    }

    /**
     * A Logout the generator did not ask for.
     */
    void unexpectedLogout(final byte[] data, final int start, final int end)
    {
        unexpected++;
        refusal(data, start, end);
    }

    private void refusal(final byte[] data, final int start, final int end)
    {
        if (firstRefusal == null)
        {
            firstRefusal = new String(data, start, end - start, US_ASCII).replace('\u0001', '|');
        }
    }

    long answered()
    {
        return answered;
    }

    // read only after the reader has ended

    Histogram latencies()
    {
        return latencies;
    }

    long lastMeasuredAnswerNanos()
    {
        return lastMeasuredAnswerNanos;
    }

    /**
     * @return session Rejects, BusinessMessageRejects, OrderCancelRejects, rejected orders and answers the run did not
     * ask for.
     */
    long refusals()
    {
        return sessionRejects + businessRejects + cancelRejects + orderRejects + unexpected;
    }

    String firstRefusal()
    {
        return firstRefusal;
    }
}
