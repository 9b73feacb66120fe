package io.carbonx.bench.wire;

import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.AccountConfig;
import io.carbonx.server.config.ExchangeConfig.InstrumentConfig;
import io.carbonx.server.config.ExchangeConfig.SchemeConfig;
import io.carbonx.server.config.ExchangeConfig.ServerConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.server.ExchangeServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real exchange server, started in this process on a fresh data folder in the temp folder (deleted on close) with
 * a configuration for the wire benchmark: one instrument, a seller with units and a buyer with cash for far more than
 * any run trades, and one broker session for both with a rate limit the generator never reaches.
 */
public final class WireBenchServer implements AutoCloseable
{
    public static final String SENDER_COMP_ID = "BENCH";
    public static final String TARGET_COMP_ID = "CARBONX";
    public static final String SYMBOL = "CEA-2025";
    /** 92.00 in 0.01 units. */
    public static final long REFERENCE_PRICE = 9_200;
    public static final long SELL_ACCOUNT = 1001;
    public static final long BUY_ACCOUNT = 1002;
    private static final long UNITS = 10_000_000_000L;
    private static final String CASH = "100000000000.00";
    private static final int MESSAGES_PER_SECOND = 100_000_000;
    private static final int BOOK_CAPACITY = 100_000;

    private final Path folder;
    private final ExchangeServer server;

    private WireBenchServer(final Path folder, final ExchangeServer server)
    {
        this.folder = folder;
        this.server = server;
    }

    public static WireBenchServer start() throws IOException
    {
        final Path folder = Files.createTempDirectory("carbonx-wire-bench");
        try
        {
            return new WireBenchServer(folder, ExchangeServer.start(config(folder.resolve("data"))));
        }
        catch (final RuntimeException ex)
        {
            deleteRecursively(folder);
            throw ex;
        }
    }

    static ExchangeConfig config(final Path dataFolder)
    {
        return new ExchangeConfig(
            // demo mode: the benchmark's one session has no password, on loopback
            new ServerConfig(0, dataFolder.toString(), BOOK_CAPACITY).withDemo(true),
            new SchemeConfig("wire benchmark", 9000, "3bps", "3bps", Map.of(), null, null, null, null, null),
            List.of(new InstrumentConfig(1, SYMBOL, "ALLOWANCE", 2025, "0.01", 1, 1, 99_999, 1000, "92.00", null)),
            List.of(
                new AccountConfig(SELL_ACCOUNT, "TRADING", "seller", CASH, Map.of(SYMBOL, UNITS)),
                new AccountConfig(BUY_ACCOUNT, "TRADING", "buyer", CASH, Map.of())),
            List.of(new SessionConfig(SENDER_COMP_ID, TARGET_COMP_ID, null, "BROKER", 1,
                List.of(SELL_ACCOUNT, BUY_ACCOUNT), MESSAGES_PER_SECOND, false)))
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

    /**
     * A load generator for this server's session.
     */
    public FixLoadGenerator generator(final OrderFlow flow)
    {
        return new FixLoadGenerator(address(), SENDER_COMP_ID, TARGET_COMP_ID, SYMBOL, flow, SELL_ACCOUNT, BUY_ACCOUNT);
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
            deleteRecursively(folder);
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
