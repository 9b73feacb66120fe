package io.carbonx.server;

import io.carbonx.server.config.ClusterConfig;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.fix.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code carbonx-server}: start the exchange on a configuration file, or on the embedded demo configuration (in demo
 * mode) when none is given, and run until SIGTERM or Ctrl-C, which logs the FIX sessions out and flushes the journal,
 * then exits with status 0. With {@code --cluster-node N} it runs member N of the configuration's cluster instead.
 */
@Command(
    name = "carbonx-server",
    mixinStandardHelpOptions = true,
    versionProvider = CarbonxServer.Version.class,
    description = "Runs the CarbonX exchange: the matching engine, its journal and the FIX 4.4 gateway.",
    subcommands = {CarbonxServer.HashPassword.class, ReportCommand.class, DemoComplianceYear.class})
public final class CarbonxServer implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "YAML configuration; default: the embedded demo market (see carbonx-default.yaml)")
    private Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "overrides server.dataFolder")
    private String dataFolder;

    @Option(names = "--fix-port", paramLabel = "PORT", description = "overrides server.fixPort (0 picks a free port)")
    private Integer fixPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "overrides server.httpPort (0 picks a free port)")
    private Integer httpPort;

    @Option(names = "--bind", paramLabel = "ADDRESS",
        description = "overrides server.bindAddress: the interface FIX and HTTP listen on (default 127.0.0.1)")
    private String bindAddress;

    @Option(names = "--demo",
        description = "demo mode: accept the published demo credentials (passwordless sessions, demo tokens)")
    private boolean demo;

    @Option(names = "--cluster-node", paramLabel = "N",
        description = "run member N of the configuration's cluster section (a node of the replicated cluster) " +
            "instead of the exchange's gateway")
    private Integer clusterNode;

    public static void main(final String[] args)
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(new CommandLine(new CarbonxServer()).execute(args));
    }

    @Override
    public Integer call()
    {
        if (clusterNode != null)
        {
            return callClusterNode(clusterNode);
        }
        final StopSignal stop = StopSignal.install();
        final ExchangeServer server;
        try
        {
            server = ExchangeServer.start(config());
        }
        catch (final ConfigException ex)
        {
            System.err.println("carbonx-server: bad configuration: " + ex.getMessage());
            return 2;
        }
        catch (final ServerStartException ex)
        {
            System.err.println("carbonx-server: " + ex.getMessage());
            return 1;
        }

        // Other ways the JVM may end (SIGHUP, an exit elsewhere) still close the journal; SIGTERM and Ctrl-C are the
        // StopSignal's, so the clean stop below runs on this thread and main exits 0.
        final Thread hook = new Thread(() -> stop(server), "carbonx-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        warnDemo(server.demoCredentials());
        System.out.println("carbonx-server: " + readyLine(server));
        stop.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        stop(server);
        System.out.println("carbonx-server: stopped");
        return 0;
    }

    private Integer callClusterNode(final int node)
    {
        final ExchangeConfig config;
        final ClusterConfig.MemberConfig member;
        try
        {
            config = config();
            member = clusterMember(config, node);
        }
        catch (final ConfigException ex)
        {
            System.err.println("carbonx-server: bad configuration: " + ex.getMessage());
            return 2;
        }
        return runClusterNode(config, member);
    }

    /**
     * @return the member of the configuration's cluster that {@code --cluster-node node} names.
     * @throws ConfigException if the configuration has no cluster section or no such member.
     */
    static ClusterConfig.MemberConfig clusterMember(final ExchangeConfig config, final int node)
    {
        if (config.cluster() == null)
        {
            throw new ConfigException("cluster", "--cluster-node " + node + " needs a cluster section in the " +
                "configuration (its members with their hosts and ports); see docs/operations.md");
        }
        return config.cluster().member(node);
    }

    /**
     * Run one node of the cluster, in {@link ClusterConfig#nodeFolder} of the data folder, until SIGTERM or Ctrl-C.
     *
     * @param config the validated configuration, with its cluster section.
     * @param member the member this process is.
     * @return the process's exit status.
     */
    static int runClusterNode(final ExchangeConfig config, final ClusterConfig.MemberConfig member)
    {
        final StopSignal stop = StopSignal.install();
        final ClusterNodeServer node;
        try
        {
            node = ClusterNodeServer.start(config, member.id());
        }
        catch (final ServerStartException ex)
        {
            System.err.println("carbonx-server: " + ex.getMessage());
            return 1;
        }
        final Thread hook = new Thread(node::close, "carbonx-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("carbonx-server: " + node.readyLine());
        stop.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        System.out.println("carbonx-server: stopping cluster node " + member.id());
        node.close();
        System.out.println("carbonx-server: stopped");
        return 0;
    }

    private static void stop(final ExchangeServer server)
    {
        System.out.println("carbonx-server: stopping: logging out FIX sessions and flushing the journal");
        server.close();
    }

    /**
     * e.g. {@code ready. FIX 4.4 on port 9880; HTTP API on port 8080; listening on 127.0.0.1; new exchange;
     * data folder /srv/carbonx/data; Ctrl-C to stop}
     */
    static String readyLine(final ExchangeServer server)
    {
        final long last = server.recovery().lastSequence();
        return "ready. FIX 4.4 on port " + server.fixPort() + "; " +
            (server.httpPort() < 0 ? "no HTTP API" : "HTTP API on port " + server.httpPort()) + "; " +
            "listening on " + listening(server.fixAddress().getAddress()) + "; " +
            (last < 0 ? "new exchange" : "recovered to command " + last) + "; " +
            "data folder " + server.dataFolder() + "; Ctrl-C to stop";
    }

    private static String listening(final InetAddress address)
    {
        return address.isAnyLocalAddress() ? "every interface" : address.getHostAddress();
    }

    private static void warnDemo(final List<String> credentials)
    {
        if (credentials.isEmpty())
        {
            return;
        }
        final String bar = "carbonx-server: WARNING: " + "*".repeat(80);
        System.err.println(bar);
        System.err.println("carbonx-server: WARNING: DEMO MODE. These published credentials let anyone who reaches " +
            "the ports trade, or act as the regulator:");
        credentials.forEach(line -> System.err.println("carbonx-server: WARNING:   " + line));
        System.err.println("carbonx-server: WARNING: never run demo mode on an address others can reach, nor with " +
            "real accounts; without server.demo or --demo a file holding these is refused.");
        System.err.println(bar);
    }

    private ExchangeConfig config()
    {
        return config(configFile, dataFolder, fixPort, httpPort, bindAddress, demo);
    }

    /**
     * The configuration file, or the embedded default, with the command line's overrides; the demo mode as the file
     * (or the embedded default, always in demo mode) says.
     */
    static ExchangeConfig config(final Path configFile, final String dataFolder, final Integer fixPort,
        final Integer httpPort)
    {
        return config(configFile, dataFolder, fixPort, httpPort, null, false);
    }

    /**
     * The configuration file, or the embedded default, with the command line's overrides.
     *
     * @param demoMode true puts the server in demo mode; false leaves it as the file says.
     */
    static ExchangeConfig config(
        final Path configFile, final String dataFolder, final Integer fixPort, final Integer httpPort,
        final String bindAddress, final boolean demoMode)
    {
        final ExchangeConfig loaded = configFile == null ? ConfigLoader.loadDefault() : ConfigLoader.load(configFile);
        final ExchangeConfig.ServerConfig server = loaded.server();
        final ExchangeConfig.ServerConfig overridden = new ExchangeConfig.ServerConfig(
            fixPort == null ? server.fixPort() : fixPort,
            dataFolder == null ? server.dataFolder() : dataFolder,
            server.bookCapacity(),
            httpPort == null ? server.httpPort() : httpPort,
            bindAddress == null ? server.bindAddress() : bindAddress,
            demoMode || server.demoMode(),
            server.journalDurability(),
            server.serialRangeCapacity(),
            server.threads(),
            server.scheduler(),
            server.analytics());
        return loaded.withServer(overridden).validate();
    }

    /**
     * The project's version, from a resource Maven fills in at build time.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        static final String RESOURCE = "/io/carbonx/server/version.properties";

        @Override
        public String[] getVersion() throws IOException
        {
            return new String[] {"carbonx-server " + version()};
        }

        static String version() throws IOException
        {
            try (InputStream in = CarbonxServer.class.getResourceAsStream(RESOURCE))
            {
                if (in == null)
                {
                    return "(version unknown: " + RESOURCE + " is missing)";
                }
                final Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "(version unknown)");
            }
        }
    }

    /**
     * Prints the salted hash of a password, to paste into a session's {@code passwordHash}.
     */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Prints the salted PBKDF2 hash of a password for a session's passwordHash.")
    static final class HashPassword implements Callable<Integer>
    {
        @Parameters(paramLabel = "PASSWORD", description = "the password")
        private String password;

        @Override
        public Integer call()
        {
            System.out.println(PasswordHash.create(password.toCharArray()).encoded());
            return 0;
        }
    }
}
