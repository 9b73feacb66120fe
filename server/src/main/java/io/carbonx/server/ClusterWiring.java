package io.carbonx.server;

import io.carbonx.cluster.DriverDirectories;
import io.carbonx.cluster.client.ClusterClientSettings;
import io.carbonx.cluster.node.ClusterNodeSettings;
import io.carbonx.cluster.service.ExchangeClusteredService;
import io.carbonx.server.config.ClusterConfig;
import io.carbonx.server.config.ExchangeConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The configuration's {@code cluster:} section turned into the cluster module's settings: a node's, for
 * {@code --cluster-node N}, and the gateway's client of the cluster, so that both sides read one section the same way.
 */
final class ClusterWiring
{
    private ClusterWiring()
    {
    }

    /**
     * Node {@code id}'s settings: its folder under the data folder, the failover timeouts derived from the heartbeat
     * timeout the configuration sets (see {@link ClusterNodeSettings#withLeaderHeartbeatTimeout}).
     */
    static ClusterNodeSettings nodeSettings(final ExchangeConfig config, final int id)
    {
        final ClusterConfig cluster = config.cluster();
        final long heartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(cluster.leaderHeartbeatTimeoutMsOrDefault());
        return ClusterNodeSettings.of(id, members(cluster), ClusterConfig.nodeFolder(config.server().dataPath(), id))
            .withSnapshotIntervalCommands(cluster.snapshotIntervalCommandsOrDefault())
            .withRetainedWindow(cluster.retainedCommandsOrDefault(), ExchangeClusteredService.DEFAULT_RETAINED_BYTES)
            .withLeaderHeartbeatTimeout(heartbeatTimeoutNs);
    }

    /**
     * The gateway's client: its own media driver, named after the data folder, which this gateway has locked, so two
     * gateways never share one and a restart reuses a killed run's.
     */
    static ClusterClientSettings clientSettings(final ExchangeConfig config, final Path dataFolder)
    {
        final ClusterConfig cluster = config.cluster();
        return ClusterClientSettings.builder()
            .gatewayId(cluster.gatewayIdOrDefault())
            .ingressEndpoints(ClusterNodeSettings.ingressEndpoints(members(cluster)))
            .driverDirectory(DriverDirectories.forFolder("carbonx-gateway", dataFolder.resolve("cluster")))
            .build();
    }

    private static List<ClusterNodeSettings.Member> members(final ClusterConfig cluster)
    {
        return cluster.members().stream()
            .map(member -> new ClusterNodeSettings.Member(member.id(), member.host(), member.basePort()))
            .toList();
    }
}
