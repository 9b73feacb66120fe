package io.carbonx.server;

import io.carbonx.server.config.ClusterConfig;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --cluster-node N}: the member it names must be in the configuration's cluster section, else the server stops
 * with status 2 naming the problem.
 */
class ClusterNodeOptionTest
{
    private static final String CLUSTER = """

        cluster:
          members:
            - { id: 0, host: 127.0.0.1, basePort: 20000 }
            - { id: 1, host: 127.0.0.1, basePort: 20010 }
            - { id: 2, host: 127.0.0.1, basePort: 20020 }
        """;

    @TempDir
    Path folder;

    @Test
    void namesAMemberOfTheClusterSection() throws IOException
    {
        final ExchangeConfig config = CarbonxServer.config(file(template() + CLUSTER), null, null, null);
        final ClusterConfig.MemberConfig member = CarbonxServer.clusterMember(config, 1);
        assertEquals(new ClusterConfig.MemberConfig(1, "127.0.0.1", 20_010), member);
    }

    @Test
    void refusesAConfigurationWithoutAClusterSection()
    {
        final ConfigException problem = assertThrows(ConfigException.class,
            () -> CarbonxServer.clusterMember(ConfigLoader.loadDefault(), 0));
        assertTrue(problem.getMessage().startsWith("cluster: --cluster-node 0 needs a cluster section in the " +
            "configuration"), problem.getMessage());
    }

    @Test
    void stopsWithStatusTwoNamingAMemberThatIsNotThere() throws IOException
    {
        final Path file = file(template() + CLUSTER);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream original = System.err;
        final int status;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            status = new CommandLine(new CarbonxServer()).execute("--cluster-node", "3", "-c", file.toString());
        }
        finally
        {
            System.setErr(original);
        }
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
            "carbonx-server: bad configuration: cluster.members: no member 3: the members are 0..2"),
            err.toString(StandardCharsets.UTF_8));
    }

    private Path file(final String text) throws IOException
    {
        final Path file = folder.resolve("exchange.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String template() throws IOException
    {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
