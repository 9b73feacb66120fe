package io.carbonx.cluster.node;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.carbonx.cluster.protocol.ClusterMessages;
import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A minimal gateway for tests, on a raw {@link AeronCluster}: numbers its commands, keeps the unconfirmed ones, asks
 * for a catch-up after connecting and after every new leader, re-offers the unconfirmed after CAUGHT_UP, and applies
 * the committed commands in sequence order to its own mirror of the exchange. Used by the test thread only.
 */
final class TestGateway implements AutoCloseable
{
    private final int gatewayId;
    private final MediaDriver driver;
    private final AeronCluster cluster;
    private final ExchangeStateMachine mirror;
    private final CapturedEvents events = new CapturedEvents();
    private final TreeMap<Long, byte[]> unconfirmed = new TreeMap<>();
    /** Not yet taken by the ingress publication; offered strictly in clientSeq order (the cluster drops a lower
     * clientSeq arriving after a higher one as a duplicate). */
    private final TreeMap<Long, byte[]> unsent = new TreeMap<>();
    private int failedOffers;
    private final List<Long> committedClientSeqs = new ArrayList<>();
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(1024);
    private long nextClientSeq = 1;
    private long lastDelivered = -1;
    private int newLeaders;
    private int caughtUps;
    private long lastCaughtUp = Long.MIN_VALUE;
    private boolean catchUpWanted = true;
    private boolean catchingUp = true;
    private String failure;
    private long lastKeepAliveMs;

    TestGateway(final int gatewayId, final String ingressEndpoints, final ExchangeSettings settings)
    {
        this.gatewayId = gatewayId;
        this.mirror = new ExchangeStateMachine(settings);
        final String dir = "/dev/shm/carbonx-test-gateway-" + UUID.randomUUID();
        this.driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(4 * 1024 * 1024)
            .ipcTermBufferLength(4 * 1024 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        this.cluster = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressChannel("aeron:udp")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=localhost:0")
            .egressListener(new Listener()));
    }

    /**
     * Offer one engine command (bytes at offset 0), numbered with the next clientSeq.
     */
    void send(final DirectBuffer command, final int length)
    {
        final byte[] copy = new byte[length];
        command.getBytes(0, copy);
        final long clientSeq = nextClientSeq++;
        unconfirmed.put(clientSeq, copy);
        unsent.put(clientSeq, copy);
        offerUnsent();
    }

    /**
     * Poll egress; send the pending catch-up request and keep-alives.
     */
    int poll()
    {
        final long nowMs = System.currentTimeMillis();
        if (nowMs - lastKeepAliveMs > 500)
        {
            cluster.sendKeepAlive();
            lastKeepAliveMs = nowMs;
        }
        if (catchUpWanted)
        {
            ClusterMessages.control(message, 0, ClusterMessages.CATCH_UP, gatewayId, lastDelivered + 1);
            if (cluster.offer(message, 0, ClusterMessages.CONTROL_LENGTH) > 0)
            {
                catchUpWanted = false;
            }
        }
        offerUnsent();
        return cluster.pollEgress();
    }

    int failedOffers()
    {
        return failedOffers;
    }

    private void offerUnsent()
    {
        while (!unsent.isEmpty() && !catchingUp)
        {
            final Map.Entry<Long, byte[]> next = unsent.firstEntry();
            if (!offer(next.getKey(), next.getValue()))
            {
                failedOffers++;
                return;
            }
            unsent.remove(next.getKey());
        }
    }

    long lastDelivered()
    {
        return lastDelivered;
    }

    long stateHash()
    {
        return mirror.stateHash();
    }

    CapturedEvents events()
    {
        return events;
    }

    int unconfirmed()
    {
        return unconfirmed.size();
    }

    List<Long> committedClientSeqs()
    {
        return committedClientSeqs;
    }

    int newLeaders()
    {
        return newLeaders;
    }

    int caughtUps()
    {
        return caughtUps;
    }

    long lastCaughtUp()
    {
        return lastCaughtUp;
    }

    String failure()
    {
        return failure;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(cluster, driver);
    }

    private boolean offer(final long clientSeq, final byte[] command)
    {
        ClusterMessages.commandHeader(message, 0, gatewayId, clientSeq);
        message.putBytes(ClusterMessages.COMMAND_HEADER_LENGTH, command);
        return cluster.offer(message, 0, ClusterMessages.COMMAND_HEADER_LENGTH + command.length) > 0;
    }

    private void onCommitted(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = ClusterMessages.committedSequence(buffer, offset);
        if (sequence <= lastDelivered)
        {
            return;
        }
        if (sequence != lastDelivered + 1)
        {
            failure = "gap: got sequence " + sequence + " after " + lastDelivered;
            return;
        }
        mirror.apply(sequence, buffer, offset + ClusterMessages.COMMITTED_HEADER_LENGTH,
            length - ClusterMessages.COMMITTED_HEADER_LENGTH, events);
        lastDelivered = sequence;
        if (ClusterMessages.gatewayId(buffer, offset) == gatewayId)
        {
            final long clientSeq = ClusterMessages.clientSeq(buffer, offset);
            committedClientSeqs.add(clientSeq);
            unconfirmed.remove(clientSeq);
        }
    }

    private final class Listener implements EgressListener
    {
        @Override
        public void onMessage(
            final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset,
            final int length, final Header header)
        {
            final int type = ClusterMessages.type(buffer, offset);
            if (type == ClusterMessages.COMMITTED)
            {
                onCommitted(buffer, offset, length);
            }
            else if (type == ClusterMessages.CAUGHT_UP)
            {
                caughtUps++;
                catchingUp = false;
                lastCaughtUp = ClusterMessages.sequenceArgument(buffer, offset);
                // Everything unconfirmed again, in order (the cluster ignores those it already applied).
                unsent.putAll(unconfirmed);
                offerUnsent();
            }
            else if (type == ClusterMessages.CATCH_UP_GAP)
            {
                failure = "catch-up gap: oldest retained " + ClusterMessages.sequenceArgument(buffer, offset);
            }
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            newLeaders++;
            // New commands wait until the catch-up is over: offered before the re-offers, they would make the
            // cluster take the re-offered (lower) clientSeqs for duplicates.
            catchUpWanted = true;
            catchingUp = true;
        }
    }

    static UnsafeBuffer buffer()
    {
        return new UnsafeBuffer(new byte[1024]);
    }
}
