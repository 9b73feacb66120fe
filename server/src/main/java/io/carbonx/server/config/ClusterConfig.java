package io.carbonx.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.carbonx.cluster.service.ExchangeClusteredService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code cluster:} section: the exchange runs on a replicated cluster of nodes (see docs/operations.md, Cluster
 * configuration). Absent, the server is a single node, the default. Each setting but {@code members} is optional.
 *
 * @param gatewayId                this gateway's number in the cluster's log, which tells its commands from other
 *                                 gateways'; absent: {@value #DEFAULT_GATEWAY_ID}.
 * @param members                  the cluster's nodes, ids 0..N-1.
 * @param snapshotIntervalCommands the nodes snapshot after this many commands, at least 1;
 *                                 absent: {@value #DEFAULT_SNAPSHOT_INTERVAL_COMMANDS}.
 * @param leaderHeartbeatTimeoutMs how long followers wait without hearing from the leader before electing another,
 *                                 which bounds the failover time; absent:
 *                                 {@value #DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS}.
 * @param retainedCommands         the last committed commands the nodes keep for a gateway that reconnects and catches
 *                                 up; absent: {@value #DEFAULT_RETAINED_COMMANDS}.
 */
public record ClusterConfig(
    Integer gatewayId,
    @JsonProperty(required = true) List<MemberConfig> members,
    Long snapshotIntervalCommands,
    Long leaderHeartbeatTimeoutMs,
    Integer retainedCommands)
{
    /**
     * A member uses this many consecutive ports from its base port: ingress, consensus, log, catch-up and archive,
     * the rest kept free for the cluster's later needs.
     */
    public static final int PORTS_PER_MEMBER = 10;
    public static final int DEFAULT_GATEWAY_ID = 1;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_COMMANDS =
        ExchangeClusteredService.DEFAULT_SNAPSHOT_INTERVAL_COMMANDS;
    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS = 500;
    public static final int DEFAULT_RETAINED_COMMANDS = 65_536;
    public static final long MIN_LEADER_HEARTBEAT_TIMEOUT_MS = 100;
    public static final long MAX_LEADER_HEARTBEAT_TIMEOUT_MS = 60_000;
    public static final int MAX_RETAINED_COMMANDS = 16 * 1024 * 1024;
    public static final int MAX_MEMBERS = 9;

    private static final String PATH = "cluster.";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost");

    public ClusterConfig
    {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * One node of the cluster.
     *
     * @param id       its member id, 0..N-1.
     * @param host     the host name or IPv4 address the other members and the gateways reach it at.
     * @param basePort the first of its {@link #PORTS_PER_MEMBER} consecutive ports.
     */
    public record MemberConfig(
        @JsonProperty(required = true) Integer id,
        @JsonProperty(required = true) String host,
        @JsonProperty(required = true) Integer basePort)
    {
        /**
         * @return its last port.
         */
        public int lastPort()
        {
            return basePort + PORTS_PER_MEMBER - 1;
        }

        private boolean overlaps(final MemberConfig other)
        {
            return sameHost(host, other.host) && basePort <= other.lastPort() && other.basePort <= lastPort();
        }
    }

    public int gatewayIdOrDefault()
    {
        return gatewayId == null ? DEFAULT_GATEWAY_ID : gatewayId;
    }

    public long snapshotIntervalCommandsOrDefault()
    {
        return snapshotIntervalCommands == null ? DEFAULT_SNAPSHOT_INTERVAL_COMMANDS : snapshotIntervalCommands;
    }

    public long leaderHeartbeatTimeoutMsOrDefault()
    {
        return leaderHeartbeatTimeoutMs == null ? DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS : leaderHeartbeatTimeoutMs;
    }

    public int retainedCommandsOrDefault()
    {
        return retainedCommands == null ? DEFAULT_RETAINED_COMMANDS : retainedCommands;
    }

    /**
     * @return the member with this id.
     * @throws ConfigException if there is none.
     */
    public MemberConfig member(final int id)
    {
        if (id < 0 || id >= members.size())
        {
            throw new ConfigException(PATH + "members", "no member " + id + ": the members are 0.." +
                (members.size() - 1));
        }
        return members.stream().filter(member -> member.id() == id).findFirst().orElseThrow();
    }

    /**
     * @return the members as {@code id,host:basePort|id,host:basePort|...}, in id order.
     */
    public String membersSpec()
    {
        final List<String> specs = new ArrayList<>();
        for (int id = 0; id < members.size(); id++)
        {
            final MemberConfig member = member(id);
            specs.add(id + "," + member.host() + ":" + member.basePort());
        }
        return String.join("|", specs);
    }

    /**
     * @return where node {@code id} keeps its log, archive and snapshots: {@code cluster/node-<id>} in the data folder.
     */
    public static Path nodeFolder(final Path dataFolder, final int id)
    {
        return dataFolder.resolve("cluster").resolve("node-" + id);
    }

    /**
     * Check ranges, that the ids are 0..N-1 each once, and that no two members on one host share a port, nor a member
     * on this machine a port of the server's FIX or HTTP API.
     *
     * @param server the server settings, whose ports a member on loopback must leave alone.
     * @throws ConfigException naming the first problem found.
     */
    void validate(final ExchangeConfig.ServerConfig server)
    {
        if (gatewayId != null && gatewayId < 1)
        {
            throw new ConfigException(PATH + "gatewayId", "must be positive, was " + gatewayId);
        }
        if (snapshotIntervalCommands != null && snapshotIntervalCommands < 1)
        {
            throw new ConfigException(PATH + "snapshotIntervalCommands",
                "must be 1 or more, was " + snapshotIntervalCommands);
        }
        if (leaderHeartbeatTimeoutMs != null && (leaderHeartbeatTimeoutMs < MIN_LEADER_HEARTBEAT_TIMEOUT_MS ||
            leaderHeartbeatTimeoutMs > MAX_LEADER_HEARTBEAT_TIMEOUT_MS))
        {
            throw new ConfigException(PATH + "leaderHeartbeatTimeoutMs", "must be " +
                MIN_LEADER_HEARTBEAT_TIMEOUT_MS + ".." + MAX_LEADER_HEARTBEAT_TIMEOUT_MS + ", was " +
                leaderHeartbeatTimeoutMs);
        }
        if (retainedCommands != null && (retainedCommands < 1 || retainedCommands > MAX_RETAINED_COMMANDS))
        {
            throw new ConfigException(PATH + "retainedCommands", "must be 1.." + MAX_RETAINED_COMMANDS + ", was " +
                retainedCommands);
        }
        if (members.isEmpty() || members.size() > MAX_MEMBERS)
        {
            throw new ConfigException(PATH + "members", "must list 1.." + MAX_MEMBERS +
                " members (3 to survive the loss of one), was " + members.size());
        }
        final boolean[] seen = new boolean[members.size()];
        for (int i = 0; i < members.size(); i++)
        {
            final MemberConfig member = members.get(i);
            final String path = PATH + "members[" + i + "]";
            if (member == null)
            {
                throw new ConfigException(path, "must be { id, host, basePort }");
            }
            validateMember(path, member);
            if (seen[member.id()])
            {
                throw new ConfigException(path + ".id", "duplicate member id " + member.id());
            }
            seen[member.id()] = true;
            for (int j = 0; j < i; j++)
            {
                if (member.overlaps(members.get(j)))
                {
                    throw new ConfigException(path + ".basePort", "ports " + member.basePort() + ".." +
                        member.lastPort() + " overlap those of member " + members.get(j).id() + " on " +
                        member.host() + " (" + members.get(j).basePort() + ".." + members.get(j).lastPort() +
                        "): each member uses " + PORTS_PER_MEMBER + " ports from its basePort");
                }
            }
            if (isLoopback(member.host()))
            {
                requireFree(path, member, "server.fixPort", server.fixPort());
                requireFree(path, member, "server.httpPort", server.httpPort());
            }
        }
    }

    private void validateMember(final String path, final MemberConfig member)
    {
        if (member.id() < 0 || member.id() >= members.size())
        {
            throw new ConfigException(path + ".id", "must be 0.." + (members.size() - 1) +
                " (the ids of " + members.size() + " members are 0..N-1), was " + member.id());
        }
        if (member.host().isBlank() || !member.host().matches("[A-Za-z0-9.-]+"))
        {
            throw new ConfigException(path + ".host", "must be a host name or an IPv4 address, was '" +
                member.host() + "'");
        }
        final int lastBase = 65_535 - PORTS_PER_MEMBER + 1;
        if (member.basePort() < 1 || member.basePort() > lastBase)
        {
            throw new ConfigException(path + ".basePort", "must be 1.." + lastBase + " (the member uses " +
                PORTS_PER_MEMBER + " ports from it), was " + member.basePort());
        }
    }

    private static void requireFree(final String path, final MemberConfig member, final String key, final Integer port)
    {
        if (port != null && port > 0 && port >= member.basePort() && port <= member.lastPort())
        {
            throw new ConfigException(path + ".basePort", "ports " + member.basePort() + ".." + member.lastPort() +
                " on this machine include " + key + " " + port);
        }
    }

    private static boolean sameHost(final String one, final String other)
    {
        return one.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT)) ||
            isLoopback(one) && isLoopback(other);
    }

    private static boolean isLoopback(final String host)
    {
        final String lower = host.toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(lower) || lower.startsWith("127.");
    }
}
