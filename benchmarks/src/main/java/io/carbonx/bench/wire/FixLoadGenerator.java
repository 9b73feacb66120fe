package io.carbonx.bench.wire;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean FIX 4.4 initiator that sends an {@link OrderFlow} at a fixed total rate over one or more sessions, one
 * connection each, open loop: message i of the run is due at start + i / rate whatever happened before, so a stall of
 * the exchange shows as latency of every message due during it instead of slowing the sender down. Message i goes to
 * session {@code i % sessions}, so the sessions share the rate evenly and in turn; each session sends the flow in its
 * own order ({@code i / sessions} is its place in the flow), so its pairs trade and its cancels find the passive orders
 * it placed. Messages of one session that are due together (because the sender fell behind) go out in one write.
 * <p>
 * The ClOrdID of message i is i, over all sessions, so one {@link ReportReader} thread with a selector matches every
 * answer to its intended send time. Every message carries its session's next MsgSeqNum, the current SendingTime, a
 * correct BodyLength and CheckSum; the send path allocates nothing.
 * <p>
 * Used by one thread, the caller of {@link #run}, which is the sender.
 */
public final class FixLoadGenerator
{
    private static final int HEARTBEAT_SECONDS = 30;
    private static final long LOGON_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long LOGOUT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PARK_THRESHOLD_NANOS = 200_000;
    private static final long PARK_MARGIN_NANOS = 150_000;
    private static final long YIELD_THRESHOLD_NANOS = 20_000;
    private static final int SEND_BUFFER = 64 * 1024;
    /**
     * One read takes at most this much of a session's reports (the largest report is far smaller); with 64 sessions
     * the buffers, allocated once per run, stay at 4 MiB.
     */
    private static final int READ_BUFFER = 64 * 1024;

    private final InetSocketAddress exchange;
    private final OrderFlow flow;
    private final long stallNanos;
    private final int sessionCount;
    private final String[] senderCompIds;
    private final long[] sellAccounts;
    private final long[] buyAccounts;
    private final FixEncoder[] encoders;
    private final byte[][] sendBytes;
    private final ByteBuffer[] sendBuffers;
    private final int[] lengths;
    private final int[] seqNums;
    private final int[] pending;
    private final boolean[] isPending;
    private final UtcTimestampFormat timestamps = new UtcTimestampFormat();
    private final Histogram sendLag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private int pendingCount;

    /**
     * @param sessions     the sessions to open, one connection each; the total rate is spread over them.
     * @param stallSeconds how long the exchange may take no bytes of a connection before the run fails with a
     *                     {@link WireStall}.
     */
    public FixLoadGenerator(
        final InetSocketAddress exchange, final List<WireSession> sessions, final String targetCompId,
        final String symbol, final OrderFlow flow, final double stallSeconds)
    {
        if (sessions.isEmpty())
        {
            throw new IllegalArgumentException("no session");
        }
        this.exchange = exchange;
        this.flow = flow;
        this.stallNanos = (long)(stallSeconds * 1e9);
        this.sessionCount = sessions.size();
        this.senderCompIds = new String[sessionCount];
        this.sellAccounts = new long[sessionCount];
        this.buyAccounts = new long[sessionCount];
        this.encoders = new FixEncoder[sessionCount];
        this.sendBytes = new byte[sessionCount][];
        this.sendBuffers = new ByteBuffer[sessionCount];
        this.lengths = new int[sessionCount];
        this.seqNums = new int[sessionCount];
        this.pending = new int[sessionCount];
        this.isPending = new boolean[sessionCount];
        for (int i = 0; i < sessionCount; i++)
        {
            final WireSession session = sessions.get(i);
            senderCompIds[i] = session.senderCompId();
            sellAccounts[i] = session.sellAccount();
            buyAccounts[i] = session.buyAccount();
            encoders[i] = new FixEncoder(session.senderCompId(), targetCompId, symbol);
            sendBytes[i] = new byte[SEND_BUFFER];
            sendBuffers[i] = ByteBuffer.wrap(sendBytes[i]);
        }
    }

    /**
     * Log every session on, send {@code rate * (warmupSeconds + measuredSeconds)} messages in all on schedule, wait up
     * to {@code drainSeconds} for the last answers, log every session out.
     *
     * @throws WireStall when the exchange stops reading a connection.
     */
    public WireRun run(final int rate, final double warmupSeconds, final double measuredSeconds,
        final double drainSeconds)
        throws IOException, InterruptedException
    {
        final long firstMeasured = (long)(rate * warmupSeconds);
        final long messages = firstMeasured + (long)(rate * measuredSeconds);
        final Answers answers = new Answers(messages, firstMeasured);
        try (Connections connections = Connections.open(exchange, sessionCount, stallNanos))
        {
            final List<SessionReader> readers = new ArrayList<>(sessionCount);
            for (int i = 0; i < sessionCount; i++)
            {
                readers.add(new SessionReader(senderCompIds[i], connections.channel(i), answers, READ_BUFFER));
            }
            try (ReportReader reader = new ReportReader(readers))
            {
                final Thread readerThread = new Thread(reader, "wire-bench-reader");
                readerThread.setDaemon(true);
                readerThread.start();
                final long start;
                try
                {
                    start = exchange(connections, readers, reader, answers, rate, messages, firstMeasured,
                        drainSeconds);
                }
                finally
                {
                    reader.stop();
                    readerThread.join(TimeUnit.NANOSECONDS.toMillis(LOGOUT_TIMEOUT_NANOS));
                }
                if (reader.failure() != null)
                {
                    throw reader.failure();
                }
                return figures(answers, rate, messages, firstMeasured, start);
            }
        }
    }

    /**
     * Log on, send on schedule, drain, log out.
     *
     * @return the schedule's start.
     */
    private long exchange(
        final Connections connections, final List<SessionReader> readers, final ReportReader reader,
        final Answers answers, final int rate, final long messages, final long firstMeasured,
        final double drainSeconds)
        throws IOException, InterruptedException
    {
        for (int i = 0; i < sessionCount; i++)
        {
            seqNums[i] = 1;
            lengths[i] = encoders[i].logon(sendBytes[i], 0, seqNums[i]++, now(), HEARTBEAT_SECONDS);
            write(connections, i);
        }
        awaitLogons(readers, reader);

        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        answers.schedule(start, rate);
        sendLag.reset();
        send(connections, rate, messages, firstMeasured, start);

        final long drainDeadline = System.nanoTime() + (long)(drainSeconds * 1e9);
        while (answers.answered() < messages && System.nanoTime() < drainDeadline && reader.failure() == null &&
            !anyFinished(readers))
        {
            Thread.sleep(1);
        }
        final byte[] sendingTime = now();
        for (int i = 0; i < sessionCount; i++)
        {
            final SessionReader session = readers.get(i);
            session.logoutRequested();
            if (!session.finished())
            {
                lengths[i] = encoders[i].logout(sendBytes[i], 0, seqNums[i], sendingTime);
                write(connections, i);
            }
        }
        awaitLogouts(readers, reader);
        return start;
    }

    private void send(
        final Connections connections, final int rate, final long messages, final long firstMeasured,
        final long start)
        throws IOException
    {
        long message = 0;
        while (message < messages)
        {
            final long due = Answers.intendedNanos(start, rate, message);
            final long time = System.nanoTime();
            if (time < due)
            {
                pause(due - time);
                continue;
            }
            if (message >= firstMeasured)
            {
                sendLag.recordValue(Math.min(sendLag.getHighestTrackableValue(), time - due));
            }
            final byte[] sendingTime = now();
            while (message < messages && Answers.intendedNanos(start, rate, message) <= time)
            {
                final int session = (int)(message % sessionCount);
                if (lengths[session] > SEND_BUFFER - FixEncoder.MAX_MESSAGE_LENGTH)
                {
                    write(connections, session);
                }
                if (!isPending[session])
                {
                    isPending[session] = true;
                    pending[pendingCount++] = session;
                }
                lengths[session] += encode(session, message++, sendingTime, lengths[session]);
            }
            for (int i = 0; i < pendingCount; i++)
            {
                final int session = pending[i];
                write(connections, session);
                isPending[session] = false;
            }
            pendingCount = 0;
        }
    }

    /**
     * @param message the message's number in the run, which is its ClOrdID.
     * @return the length written at {@code offset} of the session's buffer.
     */
    private int encode(final int session, final long message, final byte[] sendingTime, final int offset)
    {
        final long place = message / sessionCount;
        final long target = flow.kind(place) == OrderFlow.CANCEL ? OrderFlow.cancelTarget(place) : place;
        final byte side = flow.side(target);
        final long account = side == OrderFlow.SELL ? sellAccounts[session] : buyAccounts[session];
        final int seqNum = seqNums[session]++;
        if (target != place)
        {
            final long targetClOrdId = target * sessionCount + session;
            return encoders[session].cancel(sendBytes[session], offset, seqNum, sendingTime, message, targetClOrdId,
                account, side, flow.quantity(target));
        }
        return encoders[session].newOrder(sendBytes[session], offset, seqNum, sendingTime, message, account, side,
            flow.quantity(place), flow.price(place));
    }

    /**
     * Wait for the next message's time: park while it is far, give the core away while it is near, spin at the end.
     */
    private static void pause(final long remainingNanos)
    {
        if (remainingNanos > PARK_THRESHOLD_NANOS)
        {
            LockSupport.parkNanos(remainingNanos - PARK_MARGIN_NANOS);
        }
        else if (remainingNanos > YIELD_THRESHOLD_NANOS)
        {
            Thread.yield();
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    private byte[] now()
    {
        return timestamps.format(System.currentTimeMillis());
    }

    /**
     * Write what the session's buffer holds. When the socket's buffer is full (the exchange is not reading), this waits
     * for room: the sender falls behind its schedule, which the latencies count.
     */
    private void write(final Connections connections, final int session) throws IOException
    {
        final ByteBuffer buffer = sendBuffers[session];
        buffer.clear().limit(lengths[session]);
        connections.write(session, buffer);
        lengths[session] = 0;
    }

    private static boolean anyFinished(final List<SessionReader> readers)
    {
        for (int i = 0; i < readers.size(); i++)
        {
            if (readers.get(i).finished())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Wait for every session's Logon answer, which a Logout refuses.
     */
    private static void awaitLogons(final List<SessionReader> readers, final ReportReader reader)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + LOGON_TIMEOUT_NANOS;
        for (final SessionReader session : readers)
        {
            while (!session.loggedOn())
            {
                if (reader.failure() != null)
                {
                    throw reader.failure();
                }
                if (System.nanoTime() > deadline || session.finished())
                {
                    throw new IOException(session.senderCompId() + ": logon refused or unanswered");
                }
                Thread.sleep(1);
            }
        }
    }

    /**
     * Wait for every session's Logout answer, or its connection to close.
     */
    private static void awaitLogouts(final List<SessionReader> readers, final ReportReader reader)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + LOGOUT_TIMEOUT_NANOS;
        for (final SessionReader session : readers)
        {
            while (!session.finished())
            {
                if (reader.failure() != null)
                {
                    throw reader.failure();
                }
                if (System.nanoTime() > deadline)
                {
                    throw new IOException(session.senderCompId() + ": no answer to Logout");
                }
                Thread.sleep(1);
            }
        }
    }

    private WireRun figures(
        final Answers answers, final int rate, final long messages, final long firstMeasured, final long start)
    {
        final Histogram latencies = answers.latencies();
        final long measured = messages - firstMeasured;
        final long measuredStart = Answers.intendedNanos(start, rate, firstMeasured);
        final long elapsed = answers.lastMeasuredAnswerNanos() - measuredStart;
        final double achieved = elapsed <= 0 ? 0 : latencies.getTotalCount() * 1e9 / elapsed;
        return new WireRun(sessionCount, rate, measured,
            micros(latencies.getValueAtPercentile(50)), micros(latencies.getValueAtPercentile(99)),
            micros(latencies.getValueAtPercentile(99.9)), micros(latencies.getMaxValue()), achieved,
            answers.refusals(), messages - answers.answered(), micros(sendLag.getValueAtPercentile(99)),
            answers.firstRefusal());
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
