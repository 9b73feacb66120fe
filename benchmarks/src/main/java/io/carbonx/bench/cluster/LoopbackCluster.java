package io.carbonx.bench.cluster;

import io.carbonx.cluster.node.ClusterNode;
import io.carbonx.cluster.node.ClusterNodeSettings;
import io.carbonx.cluster.service.ExchangeClusteredService;
import io.carbonx.engine.core.ExchangeSettings;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Three {@link ClusterNode}s in this JVM on loopback, for the benchmarks that measure the exchange through the cluster:
 * free ports below the system's ephemeral range (which Aeron's {@code :0} endpoints draw from), each node's files in
 * a folder of its own under the given one, the cluster module's default settings (the failover timeouts, a snapshot
 * every 1,000,000 commands, backing-off idle threads), so that what is measured is what a deployment would run.
 * <p>
 * In this JVM rather than in three child JVMs: the load and the gateway are in this JVM too, and the nodes' threads
 * compete for the same two cores either way; what an in-process node shares besides is the heap and its collector,
 * so a collection pauses the nodes and the gateway together, as it would not across processes. Created and closed by
 * the benchmark's driver thread.
 */
public final class LoopbackCluster implements AutoCloseable
{
    public static final int MEMBERS = 3;
    private static final String HOST = "127.0.0.1";
    /** Members' base ports this far apart: the server's configuration reserves ten ports per member. */
    private static final int PORT_SPACING = 10;
    private static final int FIRST_PORT = 20_000;
    private static final int PORT_SPAN = 12_000;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    private final List<ClusterNodeSettings.Member> members;
    private final List<ClusterNode> nodes;

    private LoopbackCluster(final List<ClusterNodeSettings.Member> members, final List<ClusterNode> nodes)
    {
        this.members = members;
        this.nodes = nodes;
    }

    /**
     * Launch the three nodes with the cluster module's default settings and wait until they have elected a leader.
     *
     * @param exchangeSettings the exchange's settings: the same as the gateway's state machine.
     * @param folder           an empty folder; node {@code i} keeps its files in {@code node-i}.
     */
    public static LoopbackCluster start(final ExchangeSettings exchangeSettings, final Path folder)
    {
        return start(exchangeSettings, folder, MEMBERS, ExchangeClusteredService.DEFAULT_SNAPSHOT_INTERVAL_COMMANDS);
    }

    /**
     * Launch the nodes and wait until they have elected a leader.
     *
     * @param memberCount              1 (a node alone: what one node costs without followers beside it on these
     *                                 cores) or 3.
     * @param snapshotIntervalCommands the nodes snapshot after this many commands.
     */
    public static LoopbackCluster start(
        final ExchangeSettings exchangeSettings, final Path folder, final int memberCount,
        final long snapshotIntervalCommands)
    {
        final int basePort = freePortRange(memberCount * PORT_SPACING);
        final List<ClusterNodeSettings.Member> members = new ArrayList<>();
        for (int id = 0; id < memberCount; id++)
        {
            members.add(new ClusterNodeSettings.Member(id, HOST, basePort + id * PORT_SPACING));
        }
        final List<ClusterNode> nodes = new ArrayList<>();
        final LoopbackCluster cluster = new LoopbackCluster(List.copyOf(members), nodes);
        try
        {
            for (int id = 0; id < memberCount; id++)
            {
                nodes.add(ClusterNode.launch(ClusterNodeSettings.of(id, members, folder.resolve("node-" + id))
                    .withSnapshotIntervalCommands(snapshotIntervalCommands), exchangeSettings));
            }
            cluster.awaitLeader();
            return cluster;
        }
        catch (final RuntimeException | Error ex)
        {
            cluster.close();
            throw ex;
        }
    }

    public List<ClusterNodeSettings.Member> members()
    {
        return members;
    }

    /**
     * @return the members' ingress endpoints as a gateway's client takes them.
     */
    public String ingressEndpoints()
    {
        return ClusterNodeSettings.ingressEndpoints(members);
    }

    /**
     * Wait until every node has published (once quiet for 100 ms) that it applied up to {@code sequence} with the given
     * state hash: the check that the cluster and the gateway's mirror computed the same exchange.
     *
     * @throws IllegalStateException naming what each node published, if they do not within the timeout.
     */
    public void awaitAgreement(final long sequence, final long stateHash, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!nodes.stream().allMatch(node -> node.status().agrees(sequence, stateHash)))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the nodes do not agree with the gateway (sequence " + sequence +
                    ", state hash " + Long.toHexString(stateHash) + ") within " + timeout + ": " +
                    nodes.stream().map(ClusterNode::status).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * @return the snapshots the nodes took since they started: the leader's count (every node takes each snapshot).
     */
    public long snapshots()
    {
        return nodes.stream().mapToLong(ClusterNode::snapshotCount).max().orElse(0);
    }

    /**
     * @return the longest snapshot any node took, in milliseconds, as its consensus module measured it.
     */
    public double maxSnapshotMillis()
    {
        return nodes.stream().mapToLong(ClusterNode::maxSnapshotNanos).max().orElse(0) / 1e6;
    }

    /**
     * Have the leader take a snapshot and wait until every node has taken it.
     *
     * @return the milliseconds from the request until the last node had taken it.
     */
    public double snapshotNow(final Duration timeout)
    {
        final long before = snapshots();
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeout.toNanos();
        boolean requested = false;
        while (!nodes.stream().allMatch(node -> node.snapshotCount() > before))
        {
            if (!requested)
            {
                requested = nodes.stream().filter(ClusterNode::isLeader).anyMatch(ClusterNode::requestSnapshot);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the nodes took no snapshot within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        return (System.nanoTime() - startNs) / 1e6;
    }

    /**
     * @return the size of the last snapshot the nodes took.
     */
    public int lastSnapshotBytes()
    {
        return nodes.get(0).lastSnapshotBytes();
    }

    private void awaitLeader()
    {
        final long deadlineNs = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (nodes.stream().noneMatch(ClusterNode::isLeader))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the cluster on " + members + " elected no leader within " +
                    LEADER_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Ports free for both TCP and UDP (Aeron's channels are UDP), {@code length} of them from the one returned.
     */
    private static int freePortRange(final int length)
    {
        final Random random = new Random();
        while (true)
        {
            final int base = FIRST_PORT + random.nextInt(PORT_SPAN);
            boolean free = true;
            for (int port = base; port < base + length && free; port++)
            {
                free = isFree(port);
            }
            if (free)
            {
                return base;
            }
        }
    }

    private static boolean isFree(final int port)
    {
        try (ServerSocket tcp = new ServerSocket();
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port)))
        {
            tcp.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return udp.getLocalPort() == port;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Close every node (as a crash would look to the others; the benchmark is done with them).
     */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(nodes);
    }
}
