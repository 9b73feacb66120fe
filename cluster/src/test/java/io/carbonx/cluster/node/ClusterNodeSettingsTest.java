package io.carbonx.cluster.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterNodeSettingsTest
{
    private static final List<ClusterNodeSettings.Member> MEMBERS =
        ClusterNodeSettings.parseMembers("0,localhost:20000| 1,10.0.0.2:20000 |2,host-c:20010");

    @Test
    void parsesMembersAndRendersAeronsStrings()
    {
        assertEquals(List.of(new ClusterNodeSettings.Member(0, "localhost", 20000),
            new ClusterNodeSettings.Member(1, "10.0.0.2", 20000), new ClusterNodeSettings.Member(2, "host-c", 20010)),
            MEMBERS);
        final ClusterNodeSettings settings = ClusterNodeSettings.of(1, MEMBERS, Path.of("node-1"));
        assertEquals("0,localhost:20000,localhost:20001,localhost:20002,localhost:20003,localhost:20004|" +
            "1,10.0.0.2:20000,10.0.0.2:20001,10.0.0.2:20002,10.0.0.2:20003,10.0.0.2:20004|" +
            "2,host-c:20010,host-c:20011,host-c:20012,host-c:20013,host-c:20014", settings.clusterMembers());
        assertEquals("0=localhost:20000,1=10.0.0.2:20000,2=host-c:20010", settings.ingressEndpoints());
        assertEquals("10.0.0.2", settings.self().host());
    }

    @Test
    void defaultsAreTheDocumentedOnes()
    {
        final ClusterNodeSettings settings = ClusterNodeSettings.of(0, MEMBERS, Path.of("node-0"));
        assertEquals(500_000_000L, settings.leaderHeartbeatTimeoutNs());
        assertEquals(100_000_000L, settings.leaderHeartbeatIntervalNs());
        assertEquals(125_000_000L, settings.electionTimeoutNs());
        assertEquals(2_000_000_000L, settings.startupCanvassTimeoutNs());
        assertEquals(10_000_000_000L, settings.sessionTimeoutNs());
        assertEquals(1_000_000, settings.snapshotIntervalCommands());
        assertEquals(65_536, settings.retainedCommands());
        assertEquals(16 * 1024 * 1024, settings.retainedBytes());
        assertEquals(ClusterNodeSettings.IdleChoice.BACKOFF, settings.idle());
    }

    @Test
    void rejectsBadMembers()
    {
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeSettings.parseMembers("0,localhost"));
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeSettings.parseMembers("x,localhost:1"));
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeSettings.parseMembers("0,localhost:65535"));
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeSettings.of(3, MEMBERS, Path.of("n")));
        assertThrows(IllegalArgumentException.class,
            () -> ClusterNodeSettings.of(0, ClusterNodeSettings.parseMembers("0,a:1000|0,b:2000"), Path.of("n")));
        assertThrows(IllegalArgumentException.class,
            () -> ClusterNodeSettings.of(0, MEMBERS, Path.of("n")).withSnapshotIntervalCommands(0));
    }
}
