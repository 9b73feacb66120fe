package io.carbonx.server;

import io.carbonx.cluster.node.ClusterNode;
import io.carbonx.cluster.node.ClusterNodeSettings;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One node of a replicated exchange ({@code carbonx-server --cluster-node N}): the cluster module's {@link ClusterNode}
 * hosting the exchange's state machine, in its folder under the data folder, which it locks as a server locks its data
 * folder. It has no FIX, HTTP or journal of its own: gateways reach it through the cluster's ingress. Started and
 * closed by the main thread.
 */
final class ClusterNodeServer implements AutoCloseable
{
    private final ClusterNode node;
    private final FolderLock lock;

    private ClusterNodeServer(final ClusterNode node, final FolderLock lock)
    {
        this.node = node;
        this.lock = lock;
    }

    /**
     * @throws ServerStartException when the folder is in use or the node cannot start.
     */
    static ClusterNodeServer start(final ExchangeConfig config, final int memberId)
    {
        final ClusterNodeSettings settings = ClusterWiring.nodeSettings(config, memberId);
        final FolderLock lock = FolderLock.acquire(createFolder(settings.nodeFolder()));
        try
        {
            return new ClusterNodeServer(ClusterNode.launch(settings, new EngineSetup(config).settings()), lock);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw new ServerStartException("cluster node " + memberId + " cannot start in " + settings.nodeFolder() +
                ": " + ex.getMessage(), ex);
        }
    }

    private static Path createFolder(final Path folder)
    {
        try
        {
            return Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot create the cluster node folder " + folder + ": " + ex, ex);
        }
    }

    /**
     * e.g. {@code ready. cluster node 1 of 3, ingress 127.0.0.1:20010; folder data/cluster/node-1; Ctrl-C to stop}
     */
    String readyLine()
    {
        final ClusterNodeSettings settings = node.settings();
        return "ready. cluster node " + settings.memberId() + " of " + settings.members().size() + ", ingress " +
            settings.self().endpoint(ClusterNodeSettings.INGRESS_OFFSET) + "; folder " + settings.nodeFolder() +
            "; Ctrl-C to stop";
    }

    @Override
    public void close()
    {
        try
        {
            node.close();
        }
        finally
        {
            lock.close();
        }
    }
}
