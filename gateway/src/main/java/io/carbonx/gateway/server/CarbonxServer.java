package io.carbonx.gateway.server;

import io.carbonx.gateway.config.ConfigException;
import io.carbonx.gateway.config.ConfigLoader;
import io.carbonx.gateway.config.ExchangeConfig;
import io.carbonx.gateway.demo.DemoComplianceYear;
import io.carbonx.gateway.fix.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code carbonx-server}: start the exchange on a configuration file, or on the embedded demo configuration when none
 * is given, and run until SIGTERM or Ctrl-C, which logs the FIX sessions out and flushes the journal.
 */
@Command(
    name = "carbonx-server",
    mixinStandardHelpOptions = true,
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

    public static void main(final String[] args)
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(new CommandLine(new CarbonxServer()).execute(args));
    }

    @Override
    public Integer call()
    {
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

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            System.out.println("carbonx-server: stopping: logging out FIX sessions and flushing the journal");
            server.close();
            stopped.countDown();
        }, "carbonx-shutdown"));
        System.out.printf("carbonx-server: ready. FIX 4.4 on port %d; %s; recovered to command %d; Ctrl-C to stop%n",
            server.fixPort(), server.httpPort() < 0 ? "no HTTP API" : "HTTP API on port " + server.httpPort(),
            server.recovery().lastSequence());
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ExchangeConfig config()
    {
        return config(configFile, dataFolder, fixPort, httpPort);
    }

    /**
     * The configuration file, or the embedded default, with the command line's overrides.
     */
    static ExchangeConfig config(final Path configFile, final String dataFolder, final Integer fixPort, final Integer httpPort)
    {
        final ExchangeConfig loaded = configFile == null ? ConfigLoader.loadDefault() : ConfigLoader.load(configFile);
        final ExchangeConfig.ServerConfig server = loaded.server();
        final ExchangeConfig.ServerConfig overridden = new ExchangeConfig.ServerConfig(
            fixPort == null ? server.fixPort() : fixPort,
            dataFolder == null ? server.dataFolder() : dataFolder,
            server.bookCapacity(),
            httpPort == null ? server.httpPort() : httpPort);
        return new ExchangeConfig(overridden, loaded.scheme(), loaded.instruments(), loaded.accounts(), loaded.sessions(),
            loaded.apiUsers(), loaded.http()).validate();
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
