package io.carbonx.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.carbonx.cluster.protocol.ClusterMessages;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.snapshot.SnapshotImage;
import io.carbonx.engine.snapshot.SnapshotInput;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exchange on Aeron Cluster: applies each command of the replicated log to an {@link ExchangeStateMachine}, gives
 * it the next sequence, retains it, and sends it back as COMMITTED to every connected gateway (the wire protocol is
 * {@link ClusterMessages}). Events are dropped here: each gateway applies the same commands to its own mirror and
 * publishes their events, which determinism makes the same events (equal state hashes prove it).
 * <p>
 * Deterministic: the state (sequence, per-gateway highest clientSeq, retained window, exchange) changes only in
 * {@link #onSessionMessage} from the log's bytes, never from a clock; the command's timestamp is inside the command.
 * <p>
 * Egress, and why a slow gateway cannot stall the node: each session has a cursor, the next sequence to send it. After
 * each applied command the cursors are advanced through the retained window with non-blocking offers, retried a few
 * times on back pressure only; a session whose offer still fails just stays behind (nothing is dropped: its cursor
 * stays), and the leader schedules a cluster timer that retries shortly after (Aeron forbids egress from
 * {@code doBackgroundWork}). A session that falls further behind than the retained window gets CATCH_UP_GAP. So the
 * service thread never waits on a gateway for more than a few idle periods per command. Only the leader really sends
 * (a follower's offers are no-ops that report success), so only a leader schedules retry timers.
 * <p>
 * Snapshots: every {@code snapshotIntervalCommands} commands the leader asks the consensus module for a snapshot via
 * the cluster's control toggle; {@link #onTakeSnapshot} logs how long writing it paused the service.
 * <p>
 * Single-threaded: everything runs on the clustered service container's thread; {@link #published()} is the one
 * value other threads may read.
 */
public final class ExchangeClusteredService implements ClusteredService
{
    /** Status of a node for other threads: role, last sequence and state hash, as of the last status write. */
    public record Published(String role, long sequence, boolean hashed, long stateHash)
    {
        /**
         * @return whether this status says the node applied up to {@code sequence} and has that state hash there.
         */
        public boolean agrees(final long expectedSequence, final long expectedStateHash)
        {
            return sequence == expectedSequence && hashed && stateHash == expectedStateHash;
        }
    }

    public static final int DEFAULT_RETAINED_COMMANDS = 65_536;
    public static final int DEFAULT_RETAINED_BYTES = 16 * 1024 * 1024;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_COMMANDS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeClusteredService.class);
    private static final int SNAPSHOT_VERSION = 2;
    private static final long STATUS_INTERVAL_NS = 100_000_000L;
    private static final int OFFER_ATTEMPTS = 3;
    private static final long RETRY_TIMER_ID = 1;
    private static final long RETRY_DELAY_MS = 10;
    private static final long NOT_CATCHING_UP = Long.MIN_VALUE;

    private final ExchangeStateMachine machine;
    private final RetainedCommands retained;
    private final long snapshotIntervalCommands;
    private final NodeStatus status;
    private final DiscardingEventSink events = new DiscardingEventSink();
    private final Long2LongHashMap highestClientSeq = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<SessionEgress> sessions = new Long2ObjectHashMap<>();
    private final List<SessionEgress> sessionOrder = new ArrayList<>();
    private final ExpandableArrayBuffer egress = new ExpandableArrayBuffer(1024);
    /** Reused by every snapshot: serialising into memory is what the service pauses for, so it must be quick. */
    private final SnapshotImage snapshot = new SnapshotImage(1 << 20);

    private Cluster cluster;
    private IdleStrategy idle;
    private AtomicCounter controlToggle;
    private Cluster.Role role = Cluster.Role.FOLLOWER;
    private long lastSequence = -1;
    private long commandsSinceSnapshot;
    private boolean snapshotRequested;
    private boolean snapshotTaken;
    private volatile int lastSnapshotBytes;
    private boolean retryTimerScheduled;
    private boolean roleChanged = true;
    private long statusWrittenNs;
    private volatile long loadedSnapshotSequence = Long.MIN_VALUE;
    private volatile Published published = new Published(Cluster.Role.FOLLOWER.name(), Long.MIN_VALUE, false, 0);

    /**
     * @param exchangeSettings         the exchange's fixed settings, the same on every node and gateway.
     * @param retainedCommands         how many committed commands to keep for catching gateways up.
     * @param retainedBytes            the most bytes of commands to keep (whichever limit comes first).
     * @param snapshotIntervalCommands the leader asks for a cluster snapshot after this many commands.
     * @param status                   where to write the node's status ({@link NodeStatus#NONE}: nowhere).
     */
    public ExchangeClusteredService(
        final ExchangeSettings exchangeSettings, final int retainedCommands, final int retainedBytes,
        final long snapshotIntervalCommands, final NodeStatus status)
    {
        if (snapshotIntervalCommands < 1)
        {
            throw new IllegalArgumentException(
                "snapshotIntervalCommands must be positive: " + snapshotIntervalCommands);
        }
        this.machine = new ExchangeStateMachine(exchangeSettings);
        this.retained = new RetainedCommands(retainedCommands, retainedBytes);
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        this.status = status;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        this.role = cluster.role();
        if (snapshotImage != null)
        {
            final long startNs = System.nanoTime();
            final byte[] bytes = SnapshotTransfer.read(snapshotImage, idle);
            try
            {
                readState(new SnapshotInput(bytes, 0, bytes.length));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the cluster snapshot", ex);
            }
            loadedSnapshotSequence = lastSequence;
            LOG.info("member {} loaded a snapshot at sequence {} ({} bytes, {} retained commands) in {} ms",
                status.memberId(), lastSequence, bytes.length, retained.size(),
                (System.nanoTime() - startNs) / 1_000_000);
        }
        // Sessions restored from the snapshot get no onSessionOpen: track them too, or a gateway connected before the
        // snapshot would be ignored by this node once it leads.
        for (final ClientSession session : cluster.clientSessions())
        {
            track(session);
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        track(session);
    }

    private SessionEgress track(final ClientSession session)
    {
        SessionEgress egressState = sessions.get(session.id());
        if (egressState == null)
        {
            egressState = new SessionEgress(session, lastSequence + 1);
            sessions.put(session.id(), egressState);
            sessionOrder.add(egressState);
        }
        return egressState;
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        final SessionEgress egressState = sessions.remove(session.id());
        if (egressState != null)
        {
            sessionOrder.remove(egressState);
        }
    }

    @Override
    public void onSessionMessage(
        final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        if (length < ClusterMessages.CONTROL_LENGTH)
        {
            LOG.warn("ignoring a message of {} bytes: shorter than any cluster message", length);
            return;
        }
        final int type = ClusterMessages.type(buffer, offset);
        if (type == ClusterMessages.COMMAND)
        {
            onCommand(buffer, offset, length);
        }
        else if (type == ClusterMessages.CATCH_UP)
        {
            onCatchUp(session, ClusterMessages.gatewayId(buffer, offset),
                ClusterMessages.sequenceArgument(buffer, offset));
        }
        else
        {
            LOG.warn("ignoring a message of unknown type {}", type);
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId == RETRY_TIMER_ID)
        {
            retryTimerScheduled = false;
            sendToAll();
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final long startNs = System.nanoTime();
        try
        {
            snapshot.clear();
            writeState(snapshot);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the cluster snapshot", ex);
        }
        final long serialisedNs = System.nanoTime();
        SnapshotTransfer.write(snapshotPublication, snapshot.body(), snapshot.length(), idle);
        final long endNs = System.nanoTime();
        commandsSinceSnapshot = 0;
        snapshotRequested = false;
        snapshotTaken = true;
        lastSnapshotBytes = snapshot.length();
        LOG.info("member {} took a snapshot at sequence {} ({} bytes): the service paused {} us (serialise {} us, " +
            "write {} us)", status.memberId(), lastSequence, snapshot.length(), (endNs - startNs) / 1_000,
            (serialisedNs - startNs) / 1_000, (endNs - serialisedNs) / 1_000);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        LOG.info("member {} is now {} at sequence {}", status.memberId(), newRole, lastSequence);
        role = newRole;
        roleChanged = true;
        // A retry timer scheduled by an earlier leadership may be gone; the gateway catches up after a new leader.
        retryTimerScheduled = false;
        // A snapshot asked for by an earlier leadership may never come: a new leader asks again when due.
        snapshotRequested = false;
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
    }

    /**
     * Publishes the node's status (role, sequence) at most every 100 ms while it changes, and the state hash only
     * once the node has been quiet for that long: the hash walks the whole state (at a large book, most of the
     * service's time when taken every 100 ms under load), and nodes are only comparable at the same sequence, which
     * under load they never are.
     */
    @Override
    public int doBackgroundWork(final long nowNs)
    {
        if (snapshotTaken)
        {
            // The container calls this while it waits for the snapshot's recording, when the node looks quiet but
            // is not: start a quiet interval from here rather than hash now and hold up the recording.
            snapshotTaken = false;
            statusWrittenNs = nowNs;
        }
        if (!roleChanged && nowNs - statusWrittenNs < STATUS_INTERVAL_NS)
        {
            return 0;
        }
        final Published last = published;
        final Published next;
        if (lastSequence != last.sequence())
        {
            next = new Published(role.name(), lastSequence, false, 0);
        }
        else if (!last.hashed())
        {
            next = new Published(role.name(), lastSequence, true, machine.stateHash());
        }
        else if (roleChanged)
        {
            next = new Published(role.name(), lastSequence, true, last.stateHash());
        }
        else
        {
            return 0;
        }
        published = next;
        status.write(next);
        roleChanged = false;
        statusWrittenNs = nowNs;
        return 1;
    }

    /**
     * @return the role, last sequence and (once quiet) state hash as of the last status write, see
     *         {@link #doBackgroundWork}; for any thread.
     */
    public Published published()
    {
        return published;
    }

    /**
     * @return the size of the last snapshot this service took, 0 if none; for any thread.
     */
    public int lastSnapshotBytes()
    {
        return lastSnapshotBytes;
    }

    /**
     * @return the last sequence of the snapshot this service started from, {@code Long.MIN_VALUE} if it started
     *         without one; for any thread.
     */
    public long loadedSnapshotSequence()
    {
        return loadedSnapshotSequence;
    }

    /**
     * @return the sequence of the last applied command, -1 if none; service thread only.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return the exchange's state hash now; service thread only.
     */
    public long stateHash()
    {
        return machine.stateHash();
    }

    /**
     * @return the highest clientSeq applied for a gateway, 0 if none; service thread only.
     */
    public long highestClientSeq(final int gatewayId)
    {
        return highestClientSeq.get(gatewayId);
    }

    RetainedCommands retained()
    {
        return retained;
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        final int gatewayId = ClusterMessages.gatewayId(buffer, offset);
        final long clientSeq = ClusterMessages.clientSeq(buffer, offset);
        if (clientSeq <= highestClientSeq.get(gatewayId))
        {
            // A re-offer after a leader change of a command already applied: the gateway's catch-up covers it.
            return;
        }
        highestClientSeq.put(gatewayId, clientSeq);
        final long sequence = lastSequence + 1;
        final int commandOffset = offset + ClusterMessages.COMMAND_HEADER_LENGTH;
        final int commandLength = length - ClusterMessages.COMMAND_HEADER_LENGTH;
        machine.apply(sequence, buffer, commandOffset, commandLength, events);
        lastSequence = sequence;
        retained.append(sequence, gatewayId, clientSeq, buffer, commandOffset, commandLength);
        sendToAll();
        commandsSinceSnapshot++;
        requestSnapshotIfDue();
    }

    private void onCatchUp(final ClientSession session, final int gatewayId, final long fromSequence)
    {
        if (session == null)
        {
            return;
        }
        final SessionEgress egressState = track(session);
        egressState.gatewayId = gatewayId;
        if (fromSequence <= lastSequence && !retained.contains(fromSequence))
        {
            // Too old: the window no longer holds it. Nothing more is sent to this session until it asks again.
            egressState.next = Long.MAX_VALUE;
            egressState.catchUpTarget = NOT_CATCHING_UP;
            egressState.gapPending = true;
        }
        else
        {
            egressState.next = Math.max(0, Math.min(fromSequence, lastSequence + 1));
            egressState.catchUpTarget = lastSequence;
            egressState.gapPending = false;
        }
        if (!send(egressState))
        {
            scheduleRetry();
        }
    }

    private void sendToAll()
    {
        boolean blocked = false;
        for (int i = 0; i < sessionOrder.size(); i++)
        {
            blocked |= !send(sessionOrder.get(i));
        }
        if (blocked)
        {
            scheduleRetry();
        }
    }

    /**
     * Send a session what it is owed: the commands from its cursor to the last sequence, then CAUGHT_UP if it asked for
     * a catch-up; stop at the first offer that fails.
     *
     * @return false if an offer failed (the rest waits for a retry).
     */
    private boolean send(final SessionEgress state)
    {
        if (state.gapPending)
        {
            final long oldest = retained.size() == 0 ? lastSequence + 1 : retained.firstSequence();
            ClusterMessages.control(egress, 0, ClusterMessages.CATCH_UP_GAP, state.gatewayId, oldest);
            if (!offer(state.session, ClusterMessages.CONTROL_LENGTH))
            {
                return false;
            }
            state.gapPending = false;
            return true;
        }
        while (true)
        {
            if (state.catchUpTarget != NOT_CATCHING_UP && state.next > state.catchUpTarget)
            {
                ClusterMessages.caughtUp(egress, 0, state.gatewayId, state.catchUpTarget,
                    highestClientSeq.get(state.gatewayId));
                if (!offer(state.session, ClusterMessages.CAUGHT_UP_LENGTH))
                {
                    return false;
                }
                state.catchUpTarget = NOT_CATCHING_UP;
            }
            if (state.next > lastSequence)
            {
                return true;
            }
            if (!retained.contains(state.next))
            {
                // Fell behind the window while blocked: the gateway cannot be caught up from here.
                state.next = Long.MAX_VALUE;
                state.catchUpTarget = NOT_CATCHING_UP;
                state.gapPending = true;
                return send(state);
            }
            final long sequence = state.next;
            ClusterMessages.committedHeader(egress, 0, retained.gatewayId(sequence), retained.clientSeq(sequence),
                sequence);
            final int length = retained.copy(sequence, egress, ClusterMessages.COMMITTED_HEADER_LENGTH);
            if (!offer(state.session, ClusterMessages.COMMITTED_HEADER_LENGTH + length))
            {
                return false;
            }
            state.next++;
        }
    }

    private boolean offer(final ClientSession session, final int length)
    {
        idle.reset();
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(egress, 0, length);
            if (result > 0)
            {
                return true;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                return false;
            }
            idle.idle();
        }
        return false;
    }

    private void scheduleRetry()
    {
        if (!retryTimerScheduled && role == Cluster.Role.LEADER)
        {
            retryTimerScheduled = cluster.scheduleTimer(RETRY_TIMER_ID, cluster.time() +
                cluster.timeUnit().convert(RETRY_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    private void requestSnapshotIfDue()
    {
        if (commandsSinceSnapshot < snapshotIntervalCommands || snapshotRequested || role != Cluster.Role.LEADER)
        {
            return;
        }
        if (controlToggle == null)
        {
            controlToggle = ClusterControl.findControlToggle(
                cluster.aeron().countersReader(), cluster.context().clusterId());
            if (controlToggle == null)
            {
                LOG.warn("member {}: no cluster control toggle found, cannot request a snapshot", status.memberId());
                return;
            }
        }
        snapshotRequested = ClusterControl.ToggleState.SNAPSHOT.toggle(controlToggle);
        if (snapshotRequested)
        {
            LOG.info("member {} (leader) requested a snapshot after {} commands, at sequence {}",
                status.memberId(), commandsSinceSnapshot, lastSequence);
        }
    }

    /**
     * Write the service's whole state: version, last sequence, per gateway (by id) the highest clientSeq applied, the
     * retained window, then the exchange's own snapshot (to the end).
     */
    void writeState(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(lastSequence);
        final long[] gateways = new long[highestClientSeq.size()];
        final Long2LongHashMap.KeyIterator keys = highestClientSeq.keySet().iterator();
        for (int i = 0; keys.hasNext(); i++)
        {
            gateways[i] = keys.nextValue();
        }
        Arrays.sort(gateways);
        out.writeInt(gateways.length);
        for (final long gateway : gateways)
        {
            out.writeInt((int)gateway);
            out.writeLong(highestClientSeq.get(gateway));
        }
        retained.write(out);
        machine.writeSnapshot(out);
    }

    void readState(final DataInput in) throws IOException
    {
        final int version = in.readInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IOException("cluster snapshot version " + version + ", expected " + SNAPSHOT_VERSION);
        }
        lastSequence = in.readLong();
        highestClientSeq.clear();
        final int gateways = in.readInt();
        for (int i = 0; i < gateways; i++)
        {
            final int gateway = in.readInt();
            highestClientSeq.put(gateway, in.readLong());
        }
        retained.read(in);
        machine.readSnapshot(in);
        if (machine.lastAppliedSequence() != lastSequence)
        {
            throw new IOException("the exchange snapshot is at sequence " + machine.lastAppliedSequence() +
                ", the cluster's at " + lastSequence);
        }
    }

    /**
     * What the service owes one gateway session on egress.
     */
    private static final class SessionEgress
    {
        private final ClientSession session;
        private long next;
        private long catchUpTarget = NOT_CATCHING_UP;
        private int gatewayId;
        private boolean gapPending;

        SessionEgress(final ClientSession session, final long next)
        {
            this.session = session;
            this.next = next;
        }
    }
}
