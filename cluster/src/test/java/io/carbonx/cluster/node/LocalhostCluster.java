package io.carbonx.cluster.node;

import io.aeron.cluster.service.Cluster;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the cluster tests that run three nodes on this machine share: the members on localhost, ten ports apart from a
 * base port, and which of the nodes leads. Stateless.
 */
public final class LocalhostCluster
{
    private static final int PORT_SPACING = 10;

    private LocalhostCluster()
    {
    }

    /**
     * @return members 0, 1 and 2 on localhost, at {@code basePort}, {@code basePort + 10} and {@code basePort + 20}.
     */
    public static List<ClusterNodeSettings.Member> members(final int basePort)
    {
        return List.of(
            new ClusterNodeSettings.Member(0, "localhost", basePort),
            new ClusterNodeSettings.Member(1, "localhost", basePort + PORT_SPACING),
            new ClusterNodeSettings.Member(2, "localhost", basePort + 2 * PORT_SPACING));
    }

    /**
     * @param nodes by member id; null where a node is not running in this JVM.
     * @return the id of the node that leads, -1 if none does.
     */
    public static int leaderOrMinusOne(final ClusterNode[] nodes)
    {
        for (int id = 0; id < nodes.length; id++)
        {
            if (nodes[id] != null && nodes[id].role() == Cluster.Role.LEADER)
            {
                return id;
            }
        }
        return -1;
    }

    /**
     * @return the id of the node that leads; fails the test if none does.
     */
    public static int leader(final ClusterNode[] nodes)
    {
        final int leader = leaderOrMinusOne(nodes);
        assertTrue(leader >= 0, "a leader");
        return leader;
    }
}
