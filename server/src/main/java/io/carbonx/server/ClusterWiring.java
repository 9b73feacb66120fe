package io.carbonx.server;

import io.carbonx.cluster.client.ClusterClientSettings;
import io.carbonx.cluster.node.ClusterNodeSettings;
import io.carbonx.cluster.service.ExchangeClusteredService;
import io.carbonx.server.config.ClusterConfig;
import io.carbonx.server.config.ExchangeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The configuration's {@code cluster:} section turned into the cluster module's settings: a node's, for
 * {@code --cluster-node N}, and the gateway's client of the cluster, so that both sides read one section the same way.
 */
final class ClusterWiring
{
    /**
     * Aeron wants the startup canvass at least twice the heartbeat timeout; 2 s lets a cluster with a member down start
     * quickly while the heartbeat timeout stays short.
     */
    private static final long MIN_STARTUP_CANVASS_NS = TimeUnit.SECONDS.toNanos(2);
    /** Far above a failover, so a gateway's session survives an election without a reconnect. */
    private static final long SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private ClusterWiring()
    {
    }

    /**
     * Node {@code id}'s settings: its folder under the data folder, the failover timeouts derived from the one the
     * configuration sets. Heartbeats five times per timeout, so a leader is given up after five missed heartbeats.
     * After that, an election with a member down canvasses for the whole election timeout (no unanimity is possible)
     * and then waits a random part of half of it before nominating: a quarter of the heartbeat timeout (125 ms by
     * default) keeps that short while leaving the ballot, a few round trips on a LAN, ample time. Measured with the
     * leader SIGKILLed under load (ClusterFailoverTest): commits resume after ~850 ms (~970 ms with half, ~1.3 s with
     * the whole heartbeat timeout).
     */
    static ClusterNodeSettings nodeSettings(final ExchangeConfig config, final int id)
    {
        final ClusterConfig cluster = config.cluster();
        final long heartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(cluster.leaderHeartbeatTimeoutMsOrDefault());
        return ClusterNodeSettings.of(id, members(cluster), ClusterConfig.nodeFolder(config.server().dataPath(), id))
            .withSnapshotIntervalCommands(cluster.snapshotIntervalCommandsOrDefault())
            .withRetainedWindow(cluster.retainedCommandsOrDefault(), ExchangeClusteredService.DEFAULT_RETAINED_BYTES)
            .withTimeouts(heartbeatTimeoutNs, heartbeatTimeoutNs / 5, heartbeatTimeoutNs / 4,
                Math.max(MIN_STARTUP_CANVASS_NS, 2 * heartbeatTimeoutNs), SESSION_TIMEOUT_NS);
    }

    /**
     * The gateway's client: its own media driver in shared memory when the machine has it (named after the data
     * folder, which this gateway has locked, so two gateways never share one and a restart reuses a killed run's).
     */
    static ClusterClientSettings clientSettings(final ExchangeConfig config, final Path dataFolder)
    {
        final ClusterConfig cluster = config.cluster();
        return ClusterClientSettings.builder()
            .gatewayId(cluster.gatewayIdOrDefault())
            .ingressEndpoints(ClusterNodeSettings.ingressEndpoints(members(cluster)))
            .driverDirectory(driverDirectory(dataFolder))
            .build();
    }

    private static Path driverDirectory(final Path dataFolder)
    {
        final Path absolute = dataFolder.toAbsolutePath().normalize();
        final String name = "carbonx-gateway-" + Integer.toHexString(absolute.toString().hashCode());
        return Files.isDirectory(SHARED_MEMORY) ? SHARED_MEMORY.resolve(name) :
            absolute.resolve("cluster").resolve("gateway-driver");
    }

    private static List<ClusterNodeSettings.Member> members(final ClusterConfig cluster)
    {
        return cluster.members().stream()
            .map(member -> new ClusterNodeSettings.Member(member.id(), member.host(), member.basePort()))
            .toList();
    }
}
