package io.carbonx.server.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code cluster:} section: absent for a single node, its defaults, its members' ports, and a precise error for
 * each mistake. The template's server listens on FIX 9880 and HTTP 8080.
 */
class ClusterConfigTest
{
    private static final String THREE_ON_LOOPBACK = """
        cluster:
          members:
            - { id: 0, host: 127.0.0.1, basePort: 20000 }
            - { id: 2, host: 127.0.0.1, basePort: 20020 }
            - { id: 1, host: 127.0.0.1, basePort: 20010 }
        """;

    @Test
    void withoutAClusterSectionTheServerIsASingleNode()
    {
        assertNull(ConfigLoader.loadDefault().cluster());
    }

    @Test
    void theTemplatesCommentedExampleIsAValidSection() throws IOException
    {
        final StringBuilder uncommented = new StringBuilder();
        boolean inExample = false;
        for (final String line : defaultText().split("\n"))
        {
            inExample |= line.startsWith("# cluster:");
            if (inExample && line.startsWith("# "))
            {
                uncommented.append(line.substring(2)).append('\n');
            }
            else if (inExample && !line.startsWith("#"))
            {
                inExample = false;
            }
        }
        assertTrue(uncommented.toString().startsWith("cluster:"), uncommented.toString());

        final ClusterConfig cluster = parse(defaultText() + "\n" + uncommented).cluster();
        assertEquals(3, cluster.members().size());
        assertEquals("0,127.0.0.1:20000|1,127.0.0.1:20010|2,127.0.0.1:20020", cluster.membersSpec());
        assertEquals(500, cluster.leaderHeartbeatTimeoutMsOrDefault());
    }

    @Test
    void absentSettingsTakeTheirDefaultsAndMembersAreFoundById() throws IOException
    {
        final ClusterConfig cluster = withCluster(THREE_ON_LOOPBACK).cluster();

        assertEquals(1, cluster.gatewayIdOrDefault());
        assertEquals(1_000_000, cluster.snapshotIntervalCommandsOrDefault());
        assertEquals(500, cluster.leaderHeartbeatTimeoutMsOrDefault());
        assertEquals(65_536, cluster.retainedCommandsOrDefault());
        assertEquals(20_020, cluster.member(2).basePort());
        assertEquals(20_029, cluster.member(2).lastPort());
        assertEquals("0,127.0.0.1:20000|1,127.0.0.1:20010|2,127.0.0.1:20020", cluster.membersSpec());
        assertEquals(Path.of("data", "cluster", "node-2"), ClusterConfig.nodeFolder(Path.of("data"), 2));
    }

    @Test
    void givenSettingsAreRead() throws IOException
    {
        final ClusterConfig cluster = withCluster("""
            cluster:
              gatewayId: 7
              members:
                - { id: 0, host: node-a.example, basePort: 30000 }
              snapshotIntervalCommands: 1
              leaderHeartbeatTimeoutMs: 500
              retainedCommands: 1024
            """).cluster();

        assertEquals(7, cluster.gatewayIdOrDefault());
        assertEquals(1, cluster.snapshotIntervalCommandsOrDefault());
        assertEquals(500, cluster.leaderHeartbeatTimeoutMsOrDefault());
        assertEquals(1_024, cluster.retainedCommandsOrDefault());
        assertEquals(List.of(new ClusterConfig.MemberConfig(0, "node-a.example", 30_000)), cluster.members());
    }

    @Test
    void membersOnDifferentHostsMayUseTheSamePorts() throws IOException
    {
        final ClusterConfig cluster = withCluster(members(
            "{ id: 0, host: 10.0.0.1, basePort: 20000 }",
            "{ id: 1, host: 10.0.0.2, basePort: 20000 }",
            "{ id: 2, host: 10.0.0.3, basePort: 20000 }")).cluster();
        assertEquals("0,10.0.0.1:20000|1,10.0.0.2:20000|2,10.0.0.3:20000", cluster.membersSpec());
    }

    @Test
    void aMemberThatIsNotThereIsNamed() throws IOException
    {
        final ClusterConfig cluster = withCluster(THREE_ON_LOOPBACK).cluster();
        final ConfigException problem = assertThrows(ConfigException.class, () -> cluster.member(3));
        assertEquals("cluster.members: no member 3: the members are 0..2", problem.getMessage());
        assertThrows(ConfigException.class, () -> cluster.member(-1));
    }

    @Test
    void eachMistakeIsNamedWithItsKey()
    {
        assertProblem("cluster:\n  members: []\n",
            "cluster.members: must list 1..9 members (3 to survive the loss of one), was 0");
        assertProblem("cluster:\n  gatewayId: 1\n", "cluster.members: Missing required creator property 'members'");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 20000 }", "{ id: 2, host: 127.0.0.1, " +
            "basePort: 20020 }"), "cluster.members[1].id: must be 0..1 (the ids of 2 members are 0..N-1), was 2");
        assertProblem(members("{ id: -1, host: 127.0.0.1, basePort: 20000 }"),
            "cluster.members[0].id: must be 0..0 (the ids of 1 members are 0..N-1), was -1");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 20000 }", "{ id: 0, host: 127.0.0.1, " +
            "basePort: 20010 }"), "cluster.members[1].id: duplicate member id 0");
        assertProblem(members("{ id: 0, host: '10.0.0.1:20000', basePort: 20000 }"),
            "cluster.members[0].host: must be a host name or an IPv4 address, was '10.0.0.1:20000'");
        assertProblem(members("{ id: 0, host: ' ', basePort: 20000 }"),
            "cluster.members[0].host: must be a host name or an IPv4 address, was ' '");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 0 }"),
            "cluster.members[0].basePort: must be 1..65526 (the member uses 10 ports from it), was 0");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 65527 }"),
            "cluster.members[0].basePort: must be 1..65526 (the member uses 10 ports from it), was 65527");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 20000 }", "{ id: 1, host: 127.0.0.1, " +
            "basePort: 20009 }"), "cluster.members[1].basePort: ports 20009..20018 overlap those of member 0 on " +
            "127.0.0.1 (20000..20009): each member uses 10 ports from its basePort");
        assertProblem(members("{ id: 0, host: localhost, basePort: 20005 }", "{ id: 1, host: 127.0.0.1, " +
            "basePort: 20000 }"), "cluster.members[1].basePort: ports 20000..20009 overlap those of member 0 on " +
            "127.0.0.1 (20005..20014)");
        assertProblem(members("{ id: 0, host: Node-A, basePort: 20005 }", "{ id: 1, host: node-a, " +
            "basePort: 20000 }"), "cluster.members[1].basePort: ports 20000..20009 overlap those of member 0");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 9871 }"),
            "cluster.members[0].basePort: ports 9871..9880 on this machine include server.fixPort 9880");
        assertProblem(members("{ id: 0, host: localhost, basePort: 8080 }"),
            "cluster.members[0].basePort: ports 8080..8089 on this machine include server.httpPort 8080");
        assertProblem(members("{ id: 0, host: 127.0.0.1, basePort: 20000, port: 1 }"),
            "cluster.members[0]: unknown key 'port'");
        assertProblem(THREE_ON_LOOPBACK + "  gatewayId: 0\n", "cluster.gatewayId: must be positive, was 0");
        assertProblem(THREE_ON_LOOPBACK + "  gatewayid: 2\n", "cluster: unknown key 'gatewayid'");
        assertProblem(THREE_ON_LOOPBACK + "  snapshotIntervalCommands: 0\n",
            "cluster.snapshotIntervalCommands: must be 1 or more, was 0");
        assertProblem(THREE_ON_LOOPBACK + "  leaderHeartbeatTimeoutMs: 99\n",
            "cluster.leaderHeartbeatTimeoutMs: must be 100..60000, was 99");
        assertProblem(THREE_ON_LOOPBACK + "  leaderHeartbeatTimeoutMs: 60001\n",
            "cluster.leaderHeartbeatTimeoutMs: must be 100..60000, was 60001");
        assertProblem(THREE_ON_LOOPBACK + "  retainedCommands: 0\n",
            "cluster.retainedCommands: must be 1..16777216, was 0");
    }

    @Test
    void tenMembersAreTooMany()
    {
        final String[] ten = new String[10];
        for (int i = 0; i < ten.length; i++)
        {
            ten[i] = "{ id: " + i + ", host: 127.0.0.1, basePort: " + (20_000 + 10 * i) + " }";
        }
        assertProblem(members(ten), "cluster.members: must list 1..9 members (3 to survive the loss of one), was 10");
    }

    @Test
    void otherSectionsKeepTheClusterSection() throws IOException
    {
        final ExchangeConfig config = withCluster(THREE_ON_LOOPBACK);
        assertEquals(config.cluster(), config.withServer(config.server().withDemo(true)).cluster());
        assertEquals(config.cluster(), config.withDropCopy(List.of()).cluster());
        assertNull(config.withCluster(null).cluster());
    }

    private static String members(final String... entries)
    {
        final StringBuilder section = new StringBuilder("cluster:\n  members:\n");
        for (final String entry : entries)
        {
            section.append("    - ").append(entry).append('\n');
        }
        return section.toString();
    }

    private static void assertProblem(final String section, final String expected)
    {
        final ConfigException problem = assertThrows(ConfigException.class, () -> withCluster(section));
        assertTrue(problem.getMessage().startsWith(expected), problem.getMessage());
    }

    static ExchangeConfig withCluster(final String section) throws IOException
    {
        return parse(defaultText() + "\n" + section);
    }

    static String defaultText()
    {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static ExchangeConfig parse(final String text) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
