package io.carbonx.cluster.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.RethrowingErrorHandler;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.ControlledEgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import io.carbonx.cluster.protocol.ClusterMessages;
import io.carbonx.engine.sequencer.CommandLog;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The gateway's client of the cluster: a {@link CommandLog} whose order is the Aeron Cluster's replicated log. The
 * gateway offers its commands on the cluster's ingress and polls the committed commands of every gateway back from its
 * egress, with the sequence the cluster gave each (protocol: {@link ClusterMessages}, the rules:
 * {@link GatewayLogProtocol}).
 * <p>
 * Open with {@link #open(ClusterClientSettings, long)}: it starts the gateway's own embedded media driver (shared
 * threading, a backing-off idle strategy, small term buffers, its directory deleted on start and close), connects to
 * the cluster (trying for the connect timeout) and asks for the committed commands from {@code fromSequence} on.
 * <p>
 * Offered commands are copied into a bounded store of unconfirmed commands, numbered 1, 2, 3 ... from a per-open base
 * (see below), and sent at once when the session can take them, else by a later {@link #poll}. A leader change or a
 * lost session is handled inside {@link #poll}: the session follows the new leader (or a new session is opened, the
 * numbering continuing), catches up from the last delivered command, and sends the unconfirmed commands again; the
 * cluster applies each gateway's command once, by gateway id and client sequence. Back pressure and disconnection
 * never throw: {@link #offer} returns false only when the unconfirmed store is full. Only a
 * {@link ClusterCommandLogException} does, for the cases retrying cannot mend.
 * <p>
 * Client sequences start, at each open, from the wall clock in microseconds: the cluster remembers the highest it
 * applied per gateway id across gateway restarts, so a restarted gateway must number above its previous run, which
 * it does unless that run averaged more than one command per microsecond.
 * <p>
 * Idle behaviour: {@link #poll} drives everything (egress, sends, keep-alives, reconnection) and must be called
 * regularly, at least every {@code keepAliveInterval}; when nothing else was sent for that long it sends a
 * keep-alive, so the cluster's session timeout (10 s by default) never closes an idle gateway's session. The media
 * driver and the Aeron client's conductor run on their own threads and sleep when idle.
 * <p>
 * Threading: everything but construction runs on the engine's business-logic thread (AeronCluster is not
 * thread-safe); the counters may be read from any thread (racy, for measurement).
 */
public final class ClusterCommandLog implements CommandLog
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommandLog.class);

    private static final long RECONNECT_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MAX_EGRESS_POLLS = 16;
    private static final LeaderChangeListener NO_LISTENER = (leaderMemberId, leadershipTermId, reconnected) ->
    {
    };

    private final ClusterClientSettings settings;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final GatewayLogProtocol protocol;
    private final GatewayLogProtocol.Ingress ingress = this::sendToCluster;
    private final EgressListener egressListener = new EgressListener();
    private final long keepAliveIntervalNs;
    private final int maxCommandLength;

    private AeronCluster cluster;
    private AeronCluster.AsyncConnect connecting;
    private long nextConnectAttemptNs;
    private long lastSentNs;
    private boolean closed;
    private LeaderChangeListener leaderChangeListener = NO_LISTENER;
    private final FailoverTimer failoverTimer;

    private volatile int leaderMemberId = -1;
    private volatile long lastLeaderChangeNanos;
    private volatile long leaderChanges;
    private volatile long reconnects;

    private ClusterCommandLog(
        final ClusterClientSettings settings, final long fromSequence, final MediaDriver driver, final Aeron aeron)
    {
        this.settings = settings;
        this.driver = driver;
        this.aeron = aeron;
        this.keepAliveIntervalNs = settings.keepAliveInterval().toNanos();
        final UnconfirmedCommands unconfirmed = new UnconfirmedCommands(settings.gatewayId(),
            settings.maxUnconfirmedBytes(), settings.maxUnconfirmedCommands(),
            TimeUnit.MILLISECONDS.toMicros(settings.epochClock().time()));
        this.failoverTimer = new FailoverTimer(settings.gatewayId());
        this.protocol = new GatewayLogProtocol(
            settings.gatewayId(), fromSequence, settings.catchUpTimeout().toNanos(), unconfirmed);
        // an ingress message must fit one Aeron message: a term buffer holds messages of at most an eighth of it
        this.maxCommandLength = Math.min(unconfirmed.maxCommandLength(),
            settings.termBufferLength() / 8 - AeronCluster.SESSION_HEADER_LENGTH - ClusterMessages.COMMAND_HEADER_LENGTH
                - 64);
    }

    /**
     * Start the gateway's media driver, connect to the cluster and ask for the committed commands from
     * {@code fromSequence} on. Blocks until a session is open, for at most the connect timeout.
     *
     * @param fromSequence the first sequence wanted: the one after the last this gateway has journaled (0 when its
     *                     journal is empty).
     * @throws ClusterCommandLogException ({@link ClusterCommandLogException.Reason#CONNECT_FAILED}) when no session
     *                                    opened within the connect timeout.
     */
    public static ClusterCommandLog open(final ClusterClientSettings settings, final long fromSequence)
    {
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(settings.driverDirectory().toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MILLISECONDS.toNanos(1)))
                .termBufferSparseFile(true)
                .imageLivenessTimeoutNs(settings.livenessTimeout().toNanos())
                .publicationConnectionTimeoutNs(settings.livenessTimeout().toNanos())
                .publicationTermBufferLength(settings.termBufferLength())
                .ipcTermBufferLength(settings.termBufferLength())
                .errorHandler(ex -> LOG.warn("gateway {} media driver: {}", settings.gatewayId(), ex.toString())));
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                // an exception from the engine's handler must reach the engine, not be logged and the command skipped
                .subscriberErrorHandler(RethrowingErrorHandler.INSTANCE)
                .errorHandler(ex -> LOG.warn("gateway {} Aeron client: {}", settings.gatewayId(), ex.toString())));
            final ClusterCommandLog log = new ClusterCommandLog(settings, fromSequence, driver, aeron);
            log.connectBlocking();
            return log;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            throw ex;
        }
    }

    private void connectBlocking()
    {
        final long deadlineNs = clock.nanoTime() + settings.connectTimeout().toNanos();
        final BackoffIdleStrategy idle = new BackoffIdleStrategy(
            10, 20, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
        RuntimeException lastFailure = null;
        while (cluster == null)
        {
            final long nowNs = clock.nanoTime();
            if (nowNs - deadlineNs > 0)
            {
                CloseHelper.quietClose(connecting);
                connecting = null;
                throw new ClusterCommandLogException(ClusterCommandLogException.Reason.CONNECT_FAILED,
                    "gateway " + settings.gatewayId() + " could not open a session with the cluster at " +
                    settings.ingressEndpoints() + " within " + settings.connectTimeout().toMillis() + " ms: check " +
                    "that a majority of the nodes runs and that the endpoints match their configuration",
                    lastFailure);
            }
            try
            {
                stepConnect(nowNs);
            }
            catch (final RuntimeException ex)
            {
                lastFailure = ex;
            }
            idle.idle();
        }
        sendPending(clock.nanoTime());
    }

    /**
     * Set who is told about leader changes; replaces the previous listener.
     */
    public void leaderChangeListener(final LeaderChangeListener listener)
    {
        this.leaderChangeListener = listener == null ? NO_LISTENER :
            listener;
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throwIfFailed();
        if (closed)
        {
            throw new IllegalStateException("the cluster command log is closed");
        }
        if (length > maxCommandLength)
        {
            throw new IllegalArgumentException(
                "a command of " + length + " bytes is longer than the cluster log takes: " + maxCommandLength);
        }
        return protocol.offer(buffer, offset, length, cluster == null ? null : ingress);
    }

    @Override
    public int poll(final CommittedCommandHandler handler, final int limit)
    {
        throwIfFailed();
        if (closed)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (cluster == null)
        {
            stepConnectQuietly(nowNs);
        }
        int delivered = 0;
        if (cluster != null)
        {
            protocol.beginDelivery(handler, limit);
            try
            {
                int polls = 0;
                while (polls++ < MAX_EGRESS_POLLS && cluster.controlledPollEgress() > 0 && !protocol.deliveryFull() &&
                    !cluster.isClosed())
                {
                    // more egress may be waiting: one poll reads at most a few fragments
                }
            }
            catch (final AeronException ex)
            {
                onSessionLost("the session failed: " + ex);
            }
            finally
            {
                delivered = protocol.endDelivery();
            }
            if (delivered > 0)
            {
                failoverTimer.onDelivered(clock.nanoTime());
            }
            if (cluster != null && cluster.isClosed())
            {
                onSessionLost("the session ended (closed by the cluster, or no new leader in the new leader timeout)");
            }
            if (cluster != null)
            {
                sendPending(nowNs);
            }
        }
        throwIfFailed();
        return delivered;
    }

    private void sendPending(final long nowNs)
    {
        try
        {
            final int sent = protocol.sendPending(ingress, nowNs);
            if (sent > 0)
            {
                lastSentNs = nowNs;
            }
            else if (nowNs - lastSentNs >= keepAliveIntervalNs && cluster.sendKeepAlive())
            {
                lastSentNs = nowNs;
            }
        }
        catch (final AeronException ex)
        {
            onSessionLost("sending failed: " + ex);
        }
    }

    private boolean sendToCluster(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = cluster.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }
        if (Publication.MAX_POSITION_EXCEEDED == result)
        {
            LOG.warn("gateway {}: the ingress publication is full (max position), the session will be reopened",
                settings.gatewayId());
        }
        return false; // back pressured, not connected, awaiting a new leader: the protocol retries
    }

    private void stepConnectQuietly(final long nowNs)
    {
        try
        {
            stepConnect(nowNs);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("gateway {}: connecting to the cluster failed, retrying: {}", settings.gatewayId(), ex.toString());
        }
    }

    /**
     * One non-blocking step of opening a session: start an attempt when due, poll it, and on success ask for a
     * catch-up.
     */
    private void stepConnect(final long nowNs)
    {
        if (connecting == null)
        {
            if (nowNs - nextConnectAttemptNs < 0)
            {
                return;
            }
            connecting = AeronCluster.asyncConnect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(settings.ingressEndpoints())
                .egressChannel(settings.egressChannel())
                .messageTimeoutNs(settings.messageTimeout().toNanos())
                .newLeaderTimeoutNs(settings.newLeaderTimeout().toNanos())
                .idleStrategy(new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(100)))
                .controlledEgressListener(egressListener)
                .errorHandler(ex -> LOG.warn("gateway {} cluster client: {}", settings.gatewayId(), ex.toString())));
        }
        final AeronCluster connected;
        try
        {
            connected = connecting.poll();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connecting);
            connecting = null;
            nextConnectAttemptNs = nowNs + RECONNECT_BACKOFF_NS;
            throw ex;
        }
        if (connected == null)
        {
            return;
        }
        connecting = null;
        cluster = connected;
        final boolean reconnected = leaderMemberId != -1;
        if (reconnected)
        {
            reconnects++;
        }
        onLeader(connected.leaderMemberId(), connected.leadershipTermId(), reconnected, nowNs);
        LOG.info("gateway {}: session {} open with the cluster, leader member {} (term {})", settings.gatewayId(),
            connected.clusterSessionId(), connected.leaderMemberId(), connected.leadershipTermId());
        lastSentNs = nowNs;
        protocol.onSessionStart();
    }

    private void onLeader(final int memberId, final long termId, final boolean reconnected, final long nowNs)
    {
        leaderMemberId = memberId;
        lastLeaderChangeNanos = nowNs;
        leaderChanges++;
        failoverTimer.onLeaderChange();
        leaderChangeListener.onLeaderChange(memberId, termId, reconnected);
    }

    private void onSessionLost(final String why)
    {
        LOG.warn("gateway {}: {}; opening a new session (last delivered {}, {} unconfirmed)", settings.gatewayId(),
            why, protocol.lastDelivered(), protocol.unconfirmedCount());
        CloseHelper.quietClose(cluster);
        cluster = null;
        nextConnectAttemptNs = clock.nanoTime();
    }

    private void throwIfFailed()
    {
        final ClusterCommandLogException failure = protocol.failure();
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public boolean caughtUp()
    {
        return protocol.caughtUp();
    }

    @Override
    public long committedAtOpen()
    {
        return protocol.committedAtOpen();
    }

    /**
     * @return the sequence of the last command delivered by {@link #poll}.
     */
    public long lastDelivered()
    {
        return protocol.lastDelivered();
    }

    /**
     * @return the member the session last followed as leader, -1 before the first session.
     */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * @return the last failover as this gateway saw it, from the last commit delivered before a leader change to the
     *         first after it, in nanoseconds; -1 before the first.
     */
    public long lastFailoverNanos()
    {
        return failoverTimer.lastFailoverNs();
    }

    /**
     * @return {@link System#nanoTime()} when the session last followed a new leader or was (re)opened.
     */
    public long lastLeaderChangeNanos()
    {
        return lastLeaderChangeNanos;
    }

    /**
     * @return how many times a session opened or followed a new leader (the first connect counts one).
     */
    public long leaderChanges()
    {
        return leaderChanges;
    }

    /**
     * @return how many times a lost session was replaced by a new one.
     */
    public long reconnects()
    {
        return reconnects;
    }

    /**
     * @return how many commands were sent again after a leader change or a new session.
     */
    public long reofferedCommands()
    {
        return protocol.reofferedCommands();
    }

    /**
     * @return how many catch-ups were asked for (one per session start, plus gaps and timeouts).
     */
    public long catchUpRequests()
    {
        return protocol.catchUpRequests();
    }

    @Override
    public int unconfirmedCommands()
    {
        return protocol.unconfirmedCount();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.quietCloseAll(connecting, cluster, aeron, driver);
        connecting = null;
        cluster = null;
        LOG.info("gateway {}: cluster command log closed at sequence {}, {} commands unconfirmed", settings.gatewayId(),
            protocol.lastDelivered(), protocol.unconfirmedCount());
    }

    /**
     * Egress from the current session, on the business-logic thread inside {@link #poll}.
     */
    private final class EgressListener implements ControlledEgressListener
    {
        @Override
        public Action onMessage(
            final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset,
            final int length, final Header header)
        {
            return protocol.onEgress(buffer, offset, length, clock.nanoTime()) ? Action.CONTINUE : Action.ABORT;
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            LOG.info("gateway {}: new leader member {} (term {}), was member {}", settings.gatewayId(), leaderMemberId,
                leadershipTermId, ClusterCommandLog.this.leaderMemberId);
            onLeader(leaderMemberId, leadershipTermId, false, clock.nanoTime());
            protocol.onSessionStart();
        }

        @Override
        public void onSessionEvent(
            final long correlationId, final long clusterSessionId, final long leadershipTermId,
            final int leaderMemberId, final EventCode code, final String detail)
        {
            if (EventCode.OK != code)
            {
                LOG.warn("gateway {}: session event {} from member {}: {}", settings.gatewayId(), code, leaderMemberId,
                    detail);
            }
        }
    }
}
