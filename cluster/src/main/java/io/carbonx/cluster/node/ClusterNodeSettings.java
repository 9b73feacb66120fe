package io.carbonx.cluster.node;

import io.carbonx.cluster.service.ExchangeClusteredService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How to run one node of the cluster: which member it is, every member's host and base port, where its files live,
 * the failover timeouts, the snapshot interval and the retained window. Immutable.
 * <p>
 * Each member uses five consecutive ports from its base port: ingress (gateways), consensus, log, catch-up, archive
 * control ({@link #INGRESS_OFFSET} ...). Members on one host need base ports at least {@link #PORTS_PER_MEMBER} apart.
 * <p>
 * Default timeouts, chosen for a failover well under a second on a LAN (Aeron's defaults: 10 s heartbeat timeout):
 * a leader heartbeat every 100 ms and a heartbeat timeout of 500 ms, so a dead leader is noticed after 5 missed
 * heartbeats (enough slack for a GC pause or a busy shared core without false elections); an election timeout of a
 * quarter of the heartbeat timeout, 125 ms (with a member down an election canvasses for all of it, then spreads
 * nominations over half of it; a split vote is retried after it; loopback or LAN round trips are far shorter); a
 * startup canvass of 2 s (Aeron wants at least twice the heartbeat timeout), so a cluster with a member down still
 * starts quickly; and a generous session timeout of 10 s, far above a failover, so a gateway's session survives the
 * election and the new leader's egress reaches it without a reconnect. {@link #withLeaderHeartbeatTimeout} derives
 * them all from another heartbeat timeout the same way.
 *
 * @param memberId                 this node's member id.
 * @param members                  every member of the cluster, this one included.
 * @param nodeFolder               the node's own folder: archive, cluster files, {@code node-status.json}.
 * @param aeronDirectory           the media driver's folder (memory-mapped; best under /dev/shm), or null for one
 *                                 named after the node folder under /dev/shm (or in the node folder without
 *                                 /dev/shm); deleted on start and on close.
 * @param snapshotIntervalCommands the leader asks for a snapshot after this many commands.
 * @param retainedCommands         how many committed commands the service keeps for catching gateways up.
 * @param retainedBytes            the most bytes of commands it keeps (whichever limit comes first).
 * @param idle                     how the node's threads wait when idle.
 */
public record ClusterNodeSettings(
    int memberId,
    List<Member> members,
    Path nodeFolder,
    Path aeronDirectory,
    long snapshotIntervalCommands,
    long leaderHeartbeatTimeoutNs,
    long leaderHeartbeatIntervalNs,
    long electionTimeoutNs,
    long startupCanvassTimeoutNs,
    long sessionTimeoutNs,
    int retainedCommands,
    int retainedBytes,
    IdleChoice idle)
{
    public static final int PORTS_PER_MEMBER = 5;
    public static final int INGRESS_OFFSET = 0;
    public static final int CONSENSUS_OFFSET = 1;
    public static final int LOG_OFFSET = 2;
    public static final int CATCHUP_OFFSET = 3;
    public static final int ARCHIVE_OFFSET = 4;

    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final long DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS / 5;
    public static final long DEFAULT_ELECTION_TIMEOUT_NS = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS / 4;
    public static final long DEFAULT_STARTUP_CANVASS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    public static final long DEFAULT_SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * How a node's threads wait: {@link #BACKOFF} spins briefly, yields, then parks up to 1 ms (low latency, little
     * CPU when idle); {@link #SLEEPING} sleeps 1 ms (least CPU, a millisecond more latency).
     */
    public enum IdleChoice
    {
        BACKOFF,
        SLEEPING
    }

    /**
     * One member: its id, host and first port.
     */
    public record Member(int id, String host, int basePort)
    {
        public Member
        {
            if (id < 0 || host == null || host.isBlank() || basePort < 1 || basePort + PORTS_PER_MEMBER > 65_536)
            {
                throw new IllegalArgumentException("bad cluster member: id " + id + ", host " + host + ", base port " +
                    basePort);
            }
        }

        public int port(final int offset)
        {
            return basePort + offset;
        }

        public String endpoint(final int offset)
        {
            return host + ":" + port(offset);
        }
    }

    public ClusterNodeSettings
    {
        members = List.copyOf(members);
        if (members.stream().noneMatch(member -> member.id() == memberId))
        {
            throw new IllegalArgumentException("member " + memberId + " is not among the members " + members);
        }
        if (members.stream().map(Member::id).distinct().count() != members.size())
        {
            throw new IllegalArgumentException("member ids must be distinct: " + members);
        }
        if (snapshotIntervalCommands < 1 || retainedCommands < 1 || retainedBytes < 1)
        {
            throw new IllegalArgumentException("the snapshot interval and the retained window must be positive");
        }
    }

    /**
     * Settings with the defaults: the timeouts above, a snapshot every 100 000 commands, a window of 65 536 commands
     * or 16 MiB, backoff idling.
     */
    public static ClusterNodeSettings of(final int memberId, final List<Member> members, final Path nodeFolder)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, null,
            ExchangeClusteredService.DEFAULT_SNAPSHOT_INTERVAL_COMMANDS, DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS,
            DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS, DEFAULT_ELECTION_TIMEOUT_NS, DEFAULT_STARTUP_CANVASS_TIMEOUT_NS,
            DEFAULT_SESSION_TIMEOUT_NS, ExchangeClusteredService.DEFAULT_RETAINED_COMMANDS,
            ExchangeClusteredService.DEFAULT_RETAINED_BYTES, IdleChoice.BACKOFF);
    }

    public ClusterNodeSettings withSnapshotIntervalCommands(final long commands)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, aeronDirectory, commands,
            leaderHeartbeatTimeoutNs, leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs,
            sessionTimeoutNs, retainedCommands, retainedBytes, idle);
    }

    public ClusterNodeSettings withRetainedWindow(final int commands, final int bytes)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, aeronDirectory, snapshotIntervalCommands,
            leaderHeartbeatTimeoutNs, leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs,
            sessionTimeoutNs, commands, bytes, idle);
    }

    public ClusterNodeSettings withAeronDirectory(final Path directory)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, directory, snapshotIntervalCommands,
            leaderHeartbeatTimeoutNs, leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs,
            sessionTimeoutNs, retainedCommands, retainedBytes, idle);
    }

    public ClusterNodeSettings withTimeouts(
        final long heartbeatTimeoutNs, final long heartbeatIntervalNs, final long electionNs, final long canvassNs,
        final long sessionNs)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, aeronDirectory, snapshotIntervalCommands,
            heartbeatTimeoutNs, heartbeatIntervalNs, electionNs, canvassNs, sessionNs, retainedCommands,
            retainedBytes, idle);
    }

    /**
     * The failover timeouts derived from a leader heartbeat timeout as the defaults are: heartbeats five times per
     * timeout, the election timeout a quarter of it, the startup canvass at least twice it (2 s at the least); the
     * session timeout unchanged. Measured with the leader SIGKILLed under load (server's ClusterFailoverTest, 500 ms):
     * commits resume ~850 ms after the kill, against ~970 ms with half and ~1.3 s with all of it as election timeout.
     */
    public ClusterNodeSettings withLeaderHeartbeatTimeout(final long heartbeatTimeoutNs)
    {
        return withTimeouts(heartbeatTimeoutNs, heartbeatTimeoutNs / 5, heartbeatTimeoutNs / 4,
            Math.max(DEFAULT_STARTUP_CANVASS_TIMEOUT_NS, 2 * heartbeatTimeoutNs), sessionTimeoutNs);
    }

    public ClusterNodeSettings withIdle(final IdleChoice choice)
    {
        return new ClusterNodeSettings(memberId, members, nodeFolder, aeronDirectory, snapshotIntervalCommands,
            leaderHeartbeatTimeoutNs, leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs,
            sessionTimeoutNs, retainedCommands, retainedBytes, choice);
    }

    public Member self()
    {
        return members.stream().filter(member -> member.id() == memberId).findFirst().orElseThrow();
    }

    /**
     * @return the members in Aeron's format: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String clusterMembers()
    {
        return clusterMembers(members);
    }

    /**
     * @return the members' ingress endpoints for {@code AeronCluster.Context.ingressEndpoints}:
     *         {@code id=host:port,...}.
     */
    public String ingressEndpoints()
    {
        return ingressEndpoints(members);
    }

    public static String clusterMembers(final List<Member> members)
    {
        final StringBuilder text = new StringBuilder();
        for (final Member member : members)
        {
            if (text.length() > 0)
            {
                text.append('|');
            }
            text.append(member.id())
                .append(',').append(member.endpoint(INGRESS_OFFSET))
                .append(',').append(member.endpoint(CONSENSUS_OFFSET))
                .append(',').append(member.endpoint(LOG_OFFSET))
                .append(',').append(member.endpoint(CATCHUP_OFFSET))
                .append(',').append(member.endpoint(ARCHIVE_OFFSET));
        }
        return text.toString();
    }

    public static String ingressEndpoints(final List<Member> members)
    {
        final StringBuilder text = new StringBuilder();
        for (final Member member : members)
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(member.id()).append('=').append(member.endpoint(INGRESS_OFFSET));
        }
        return text.toString();
    }

    /**
     * Parse {@code "0,localhost:20000|1,localhost:20010|2,localhost:20020"}: per member its id, host and base port.
     */
    public static List<Member> parseMembers(final String text)
    {
        final List<Member> members = new ArrayList<>();
        for (final String entry : text.split("\\|"))
        {
            final String[] idAndAddress = entry.trim().split(",");
            final int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
            if (colon < 1)
            {
                throw new IllegalArgumentException("a member must be 'id,host:basePort', was '" + entry + "'");
            }
            try
            {
                members.add(new Member(Integer.parseInt(idAndAddress[0].trim()),
                    idAndAddress[1].substring(0, colon).trim(),
                    Integer.parseInt(idAndAddress[1].substring(colon + 1).trim())));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("a member must be 'id,host:basePort', was '" + entry + "'", ex);
            }
        }
        return members;
    }
}
