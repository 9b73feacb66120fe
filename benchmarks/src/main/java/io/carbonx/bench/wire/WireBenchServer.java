package io.carbonx.bench.wire;

import io.carbonx.bench.cluster.LoopbackCluster;
import io.carbonx.server.config.ClusterConfig;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.AccountConfig;
import io.carbonx.server.config.ExchangeConfig.InstrumentConfig;
import io.carbonx.server.config.ExchangeConfig.SchemeConfig;
import io.carbonx.server.config.ExchangeConfig.ServerConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.server.config.ExchangeConfig.ThreadsConfig;
import io.carbonx.server.ExchangeServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real exchange server, started in this process on a fresh data folder in the temp folder (deleted on close) with
 * a configuration for the wire benchmark: one instrument and one or more broker sessions, each with a seller that holds
 * units and a buyer that holds cash for far more than any run trades, and a rate limit the generator never reaches.
 * Session {@code i} (from 0) is {@code BENCH<i+1>} trading for accounts {@code 1001 + 2i} (sells) and {@code 1002 + 2i}
 * (buys).
 * <p>
 * Through the cluster ({@code throughCluster}), the server is a gateway: three {@link LoopbackCluster} nodes in this
 * JVM, with the exchange settings of the same configuration, order its commands, and the configuration gets a
 * {@code cluster:} section naming them, as {@code scripts/cluster-local.sh} runs it on three processes.
 */
public final class WireBenchServer implements AutoCloseable
{
    public static final String TARGET_COMP_ID = "CARBONX";
    public static final String SYMBOL = "CEA-2025";
    /** 92.00 in 0.01 units. */
    public static final long REFERENCE_PRICE = 9_200;
    /** The account ids stay below the scheme's fee account (9000). */
    public static final int MAX_SESSIONS = 1_000;
    private static final String SENDER_COMP_ID_PREFIX = "BENCH";
    private static final long FIRST_ACCOUNT = 1001;
    private static final long FEE_ACCOUNT = 9000;
    private static final long UNITS = 10_000_000_000L;
    private static final String CASH = "100000000000.00";
    private static final int MESSAGES_PER_SECOND = 100_000_000;
    private static final int BOOK_CAPACITY = 100_000;
    private static final int BROKER_ID = 1;
    /** Longer than any pause of a server that is working, however loaded the machine. */
    private static final double STALL_SECONDS = 30;

    private final Path folder;
    private final ExchangeServer server;
    private final LoopbackCluster cluster; // null for a single node
    private final List<WireSession> sessions;

    private WireBenchServer(
        final Path folder, final ExchangeServer server, final LoopbackCluster cluster, final List<WireSession> sessions)
    {
        this.folder = folder;
        this.server = server;
        this.cluster = cluster;
        this.sessions = sessions;
    }

    /**
     * One session, the server's default thread settings.
     */
    public static WireBenchServer start() throws IOException
    {
        return start(1, null);
    }

    /**
     * @param sessionCount FIX sessions to configure, 1..{@value #MAX_SESSIONS}.
     * @param threads      the server's thread settings, or null for its defaults.
     */
    public static WireBenchServer start(final int sessionCount, final ThreadsConfig threads) throws IOException
    {
        return start(sessionCount, threads, false);
    }

    /**
     * @param sessionCount   FIX sessions to configure, 1..{@value #MAX_SESSIONS}.
     * @param threads        the server's thread settings, or null for its defaults.
     * @param throughCluster whether the server is the gateway of three cluster nodes in this JVM.
     */
    public static WireBenchServer start(final int sessionCount, final ThreadsConfig threads,
        final boolean throughCluster) throws IOException
    {
        final List<WireSession> sessions = sessions(sessionCount);
        final Path folder = Files.createTempDirectory("carbonx-wire-bench");
        LoopbackCluster cluster = null;
        try
        {
            ExchangeConfig config = config(folder.resolve("data"), sessions, threads);
            if (throughCluster)
            {
                cluster = LoopbackCluster.start(new EngineSetup(config).settings(), folder.resolve("cluster"));
                config = config.withCluster(new ClusterConfig(null, cluster.members().stream()
                    .map(member -> new ClusterConfig.MemberConfig(member.id(), member.host(), member.basePort()))
                    .toList(), null, null, null)).validate();
            }
            return new WireBenchServer(folder, ExchangeServer.start(config), cluster, sessions);
        }
        catch (final RuntimeException ex)
        {
            if (cluster != null)
            {
                cluster.close();
            }
            deleteRecursively(folder);
            throw ex;
        }
    }

    /**
     * @return the sessions of a server with {@code count} of them.
     */
    static List<WireSession> sessions(final int count)
    {
        if (count < 1 || count > MAX_SESSIONS)
        {
            throw new IllegalArgumentException("sessions must be 1.." + MAX_SESSIONS + ", was " + count);
        }
        final List<WireSession> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            sessions.add(new WireSession(SENDER_COMP_ID_PREFIX + (i + 1), FIRST_ACCOUNT + 2L * i,
                FIRST_ACCOUNT + 2L * i + 1));
        }
        return List.copyOf(sessions);
    }

    static ExchangeConfig config(final Path dataFolder, final List<WireSession> sessions, final ThreadsConfig threads)
    {
        final List<AccountConfig> accounts = new ArrayList<>();
        final List<SessionConfig> sessionConfigs = new ArrayList<>();
        for (final WireSession session : sessions)
        {
            accounts.add(new AccountConfig(session.sellAccount(), "TRADING", "seller " + session.senderCompId(), CASH,
                Map.of(SYMBOL, UNITS)));
            accounts.add(new AccountConfig(session.buyAccount(), "TRADING", "buyer " + session.senderCompId(), CASH,
                Map.of()));
            sessionConfigs.add(new SessionConfig(session.senderCompId(), TARGET_COMP_ID, null, "BROKER", BROKER_ID,
                List.of(session.sellAccount(), session.buyAccount()), MESSAGES_PER_SECOND, false));
        }
        return new ExchangeConfig(
            // demo mode: the benchmark's sessions have no password, on loopback
            new ServerConfig(0, dataFolder.toString(), BOOK_CAPACITY).withDemo(true).withThreads(threads),
            new SchemeConfig("wire benchmark", FEE_ACCOUNT, "3bps", "3bps", Map.of(), null, null, null, null, null),
            List.of(new InstrumentConfig(1, SYMBOL, "ALLOWANCE", 2025, "0.01", 1, 1, 99_999, 1000, "92.00", null)),
            accounts,
            sessionConfigs)
            .validate();
    }

    public InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", server.fixPort());
    }

    public ExchangeServer server()
    {
        return server;
    }

    public List<WireSession> sessions()
    {
        return sessions;
    }

    /**
     * A load generator with one connection for each of this server's sessions, which gives up on a connection the
     * server has read nothing from for {@value #STALL_SECONDS} s.
     */
    public FixLoadGenerator generator(final OrderFlow flow)
    {
        return generator(flow, STALL_SECONDS);
    }

    /**
     * @param stallSeconds how long the server may read nothing from a connection before the run fails.
     */
    public FixLoadGenerator generator(final OrderFlow flow, final double stallSeconds)
    {
        return new FixLoadGenerator(address(), sessions, TARGET_COMP_ID, SYMBOL, flow, stallSeconds);
    }

    /**
     * Close, giving up after {@code timeout}: a server whose threads are stuck (see {@link WireStall}) may never
     * finish closing. Its data folder is then left behind.
     *
     * @return whether it closed.
     */
    public boolean closeWithin(final Duration timeout) throws InterruptedException
    {
        final Thread closer = new Thread(this::close, "wire-bench-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(timeout.toMillis());
        return !closer.isAlive();
    }

    Path folder()
    {
        return folder;
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        finally
        {
            try
            {
                if (cluster != null)
                {
                    cluster.close();
                }
            }
            finally
            {
                deleteRecursively(folder);
            }
        }
    }

    private static void deleteRecursively(final Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + folder, ex);
        }
    }
}
