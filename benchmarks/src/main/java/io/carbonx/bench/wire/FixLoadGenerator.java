package io.carbonx.bench.wire;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean FIX 4.4 initiator that sends an {@link OrderFlow} at a fixed rate over one session, open loop: message i is
 * due at start + i / rate whatever happened before, so a stall of the exchange shows as latency of every message due
 * during it instead of slowing the sender down. Messages that are due together (because the sender fell behind) go out
 * in one write. A {@link ReportReader} thread matches the answers.
 * <p>
 * Every message carries the next MsgSeqNum, the current SendingTime, a correct BodyLength and CheckSum; the send path
 * allocates nothing.
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

    private final InetSocketAddress exchange;
    private final FixEncoder encoder;
    private final OrderFlow flow;
    private final long sellAccount;
    private final long buyAccount;
    private final byte[] sendBytes = new byte[SEND_BUFFER];
    private final ByteBuffer sendBuffer = ByteBuffer.wrap(sendBytes);
    private final UtcTimestampFormat timestamps = new UtcTimestampFormat();
    private final Histogram sendLag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

    /**
     * @param sellAccount the account sells are sent for; buyAccount, buys.
     */
    public FixLoadGenerator(
        final InetSocketAddress exchange, final String senderCompId, final String targetCompId, final String symbol,
        final OrderFlow flow, final long sellAccount, final long buyAccount)
    {
        this.exchange = exchange;
        this.encoder = new FixEncoder(senderCompId, targetCompId, symbol);
        this.flow = flow;
        this.sellAccount = sellAccount;
        this.buyAccount = buyAccount;
    }

    /**
     * Log on, send {@code rate * (warmupSeconds + measuredSeconds)} messages on schedule, wait up to
     * {@code drainSeconds} for the last answers, log out.
     */
    public WireRun run(final int rate, final double warmupSeconds, final double measuredSeconds,
        final double drainSeconds)
        throws IOException, InterruptedException
    {
        final long firstMeasured = (long)(rate * warmupSeconds);
        final long messages = firstMeasured + (long)(rate * measuredSeconds);
        try (SocketChannel channel = SocketChannel.open(exchange))
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final ReportReader reader = new ReportReader(channel, messages, firstMeasured);
            final Thread readerThread = new Thread(reader, "wire-bench-reader");
            readerThread.setDaemon(true);
            readerThread.start();

            int seqNum = 1;
            write(channel, encoder.logon(sendBytes, 0, seqNum++, now(), HEARTBEAT_SECONDS));
            await(reader, true);

            final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
            reader.schedule(start, rate);
            sendLag.reset();
            long message = 0;
            while (message < messages)
            {
                final long due = ReportReader.intendedNanos(start, rate, message);
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
                int length = 0;
                while (message < messages && length <= SEND_BUFFER - FixEncoder.MAX_MESSAGE_LENGTH &&
                    ReportReader.intendedNanos(start, rate, message) <= time)
                {
                    length += encode(message++, seqNum++, sendingTime, length);
                }
                write(channel, length);
            }

            final long drainDeadline = System.nanoTime() + (long)(drainSeconds * 1e9);
            while (reader.answered() < messages && System.nanoTime() < drainDeadline && reader.failure() == null &&
                !reader.loggedOut())
            {
                Thread.sleep(1);
            }
            reader.logoutRequested();
            if (!reader.loggedOut())
            {
                write(channel, encoder.logout(sendBytes, 0, seqNum, now()));
                await(reader, false);
            }
            channel.close();
            readerThread.join(TimeUnit.NANOSECONDS.toMillis(LOGOUT_TIMEOUT_NANOS));
            if (reader.failure() != null)
            {
                throw reader.failure();
            }
            return figures(reader, rate, messages, firstMeasured, start, sendLag);
        }
    }

    private int encode(final long message, final int seqNum, final byte[] sendingTime, final int offset)
    {
        final long target = flow.kind(message) == OrderFlow.CANCEL ? OrderFlow.cancelTarget(message) : message;
        final byte side = flow.side(target);
        final long account = side == OrderFlow.SELL ? sellAccount : buyAccount;
        if (target != message)
        {
            return encoder.cancel(sendBytes, offset, seqNum, sendingTime, message, target, account, side,
                flow.quantity(target));
        }
        return encoder.newOrder(sendBytes, offset, seqNum, sendingTime, message, account, side, flow.quantity(message),
            flow.price(message));
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

    private void write(final SocketChannel channel, final int length) throws IOException
    {
        sendBuffer.clear().limit(length);
        while (sendBuffer.hasRemaining())
        {
            channel.write(sendBuffer);
        }
    }

    /**
     * @param logon waiting for the Logon answer, which a Logout refuses; otherwise for the Logout answer.
     */
    private static void await(final ReportReader reader, final boolean logon) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + (logon ? LOGON_TIMEOUT_NANOS : LOGOUT_TIMEOUT_NANOS);
        while (logon ? !reader.loggedOn() : !reader.loggedOut())
        {
            if (reader.failure() != null)
            {
                throw reader.failure();
            }
            if (System.nanoTime() > deadline || logon && reader.loggedOut())
            {
                throw new IOException((logon ? "logon refused or unanswered" : "no answer to Logout") +
                    (reader.firstRefusal() == null ? "" : ": " + reader.firstRefusal()));
            }
            Thread.sleep(1);
        }
    }

    private static WireRun figures(
        final ReportReader reader, final int rate, final long messages, final long firstMeasured, final long start,
        final Histogram sendLag)
    {
        final Histogram latencies = reader.latencies();
        final long measured = messages - firstMeasured;
        final long measuredStart = ReportReader.intendedNanos(start, rate, firstMeasured);
        final long elapsed = reader.lastMeasuredAnswerNanos() - measuredStart;
        final double achieved = elapsed <= 0 ? 0 : latencies.getTotalCount() * 1e9 / elapsed;
        final long refusals = reader.sessionRejects() + reader.businessRejects() + reader.cancelRejects() +
            reader.orderRejects() + reader.unexpected();
        return new WireRun(rate, measured,
            micros(latencies.getValueAtPercentile(50)), micros(latencies.getValueAtPercentile(99)),
            micros(latencies.getValueAtPercentile(99.9)), micros(latencies.getMaxValue()), achieved, refusals,
            messages - reader.answered(), micros(sendLag.getValueAtPercentile(99)), reader.firstRefusal());
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
