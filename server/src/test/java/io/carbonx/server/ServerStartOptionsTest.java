package io.carbonx.server;

import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.fix.FixAcceptorConfig;
import io.carbonx.fix.IoIdleStrategy;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.ServerConfig;
import io.carbonx.server.config.ExchangeConfig.ThreadsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server settings an operator chooses: where it listens, whether the demo credentials are accepted, how durable
 * its journal is, and its threads.
 */
class ServerStartOptionsTest
{
    @TempDir
    Path folder;

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(folder, TestExchange.demo(folder, true)))
        {
            final ExchangeServer server = exchange.server();
            assertEquals(InetAddress.getByName("127.0.0.1"), server.fixAddress().getAddress());
            assertTrue(connects(InetAddress.getLoopbackAddress(), server.fixPort()));
            assertTrue(connects(InetAddress.getLoopbackAddress(), server.httpPort()));

            final Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent())
            {
                assertFalse(connects(other.get(), server.fixPort()), "FIX reachable on " + other.get());
                assertFalse(connects(other.get(), server.httpPort()), "HTTP reachable on " + other.get());
            }
            else
            {
                System.out.println("ServerStartOptionsTest: no non-loopback IPv4 address here; checked the bound " +
                    "address only");
            }
        }
    }

    @Test
    void listensOnEveryInterfaceWhenTheConfigurationSaysSo() throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ServerConfig server = demo.server();
        final ExchangeConfig everywhere = demo.withServer(new ServerConfig(server.fixPort(), server.dataFolder(),
            server.bookCapacity(), server.httpPort(), "0.0.0.0", true, null)).validate();
        try (TestExchange exchange = TestExchange.start(folder, everywhere))
        {
            assertTrue(exchange.server().fixAddress().getAddress().isAnyLocalAddress());
            final Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent())
            {
                assertTrue(connects(other.get(), exchange.server().fixPort()), "FIX on " + other.get());
                assertTrue(connects(other.get(), exchange.server().httpPort()), "HTTP on " + other.get());
            }
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesStopsTheStartWithAClearMessage()
    {
        final ExchangeConfig demo = TestExchange.demo(folder, false);
        final ServerConfig server = demo.server();
        // 192.0.2.0/24 is TEST-NET-1: documentation only; 192.0.2.77 is not an address of a test machine
        final ExchangeConfig elsewhere = demo.withServer(new ServerConfig(server.fixPort(), server.dataFolder(),
            server.bookCapacity(), null, "192.0.2.77", true, null)).validate();

        final ServerStartException error =
            assertThrows(ServerStartException.class, () -> ExchangeServer.start(elsewhere));

        assertEquals("cannot listen for FIX on 192.0.2.77 port 0: the address is not one of this machine's",
            error.getMessage());
    }

    @Test
    void demoCredentialsAreRefusedOutsideDemoModeBeforeAnythingIsWritten()
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig notDemo = demo.withServer(demo.server().withDemo(false));

        final ConfigException refused = assertThrows(ConfigException.class, () -> ExchangeServer.start(notDemo));

        assertTrue(refused.getMessage().contains(
            "FIX session BROKER1 -> CARBONX (sessions[0]): no passwordHash"), refused.getMessage());
        assertTrue(refused.getMessage().contains(
            "HTTP API user mee (apiUsers[0], REGULATOR): tokenHash verifies the published demo secret " +
                "'regulator-demo-token' (token 'mee.regulator-demo-token')"), refused.getMessage());
        assertFalse(Files.exists(folder.resolve("data")), "a refused start must not create the data folder");
    }

    @Test
    void demoModeStartsAndReportsItsDemoCredentials() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(folder, TestExchange.demo(folder, false)))
        {
            assertEquals(4, exchange.server().demoCredentials().size(), exchange.server().demoCredentials().toString());
            assertTrue(exchange.server().demoCredentials().get(0).startsWith("FIX session BROKER1 -> CARBONX"));
        }
    }

    @Test
    void journalDurabilityReachesTheEngine() throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, false);
        final ServerConfig server = demo.server();
        final ExchangeConfig synced = demo.withServer(new ServerConfig(server.fixPort(), server.dataFolder(),
            server.bookCapacity(), null, null, true, "SYNC_PER_BATCH")).validate();
        assertEquals(JournalDurability.SYNC_PER_BATCH,
            ExchangeServer.engineSettings(synced, folder).journalDurability());
        assertEquals(JournalDurability.PAGE_CACHE, ExchangeServer.engineSettings(demo, folder).journalDurability());

        try (TestExchange exchange = TestExchange.start(folder, synced))
        {
            final FixClient citic = exchange.connect("CITIC");
            citic.send(TestExchange.limitOrder("SYNC-1", "3001", "CEA-2025", '1', 10, "91.00", '0'));
            final Message ack = citic.next("8", WAIT);
            assertNotNull(ack, "no ExecutionReport from a SYNC_PER_BATCH journal");
            assertEquals('0', ack.getChar(150), ack.toString());
        }
    }

    @Test
    void threadSettingsReachTheEngineAndTheAcceptor() throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, false);
        assertEquals(WaitStrategyType.BACKOFF, ExchangeServer.engineSettings(demo, folder).commandWaitStrategy());
        assertEquals(WaitStrategyType.BACKOFF, ExchangeServer.engineSettings(demo, folder).eventWaitStrategy());
        assertEquals(1, ExchangeServer.acceptorConfig(demo, folder, List.of()).sessionThreads());
        assertEquals(IoIdleStrategy.BLOCKING, ExchangeServer.acceptorConfig(demo, folder, List.of()).ioIdleStrategy());

        final ExchangeConfig chosen = demo.withServer(demo.server()
            .withThreads(new ThreadsConfig(2, "BLOCKING", "SLEEPING", "SPINNING"))).validate();
        final EngineSettings engine = ExchangeServer.engineSettings(chosen, folder);
        assertEquals(WaitStrategyType.BLOCKING, engine.commandWaitStrategy());
        assertEquals(WaitStrategyType.SLEEPING, engine.eventWaitStrategy());
        final FixAcceptorConfig acceptor = ExchangeServer.acceptorConfig(chosen, folder, List.of());
        assertEquals(2, acceptor.sessionThreads());
        assertEquals(IoIdleStrategy.SPINNING, acceptor.ioIdleStrategy());
        assertEquals(folder.resolve("fix"), acceptor.storeDirectory());

        try (TestExchange exchange = TestExchange.start(folder, chosen))
        {
            final FixClient citic = exchange.connect("CITIC");
            final FixClient broker = exchange.connect("BROKER1");
            citic.send(TestExchange.limitOrder("THREADS-1", "3001", "CEA-2025", '1', 10, "91.00", '0'));
            broker.send(TestExchange.limitOrder("THREADS-2", "1001", "CEA-2025", '2', 10, "93.00", '0'));
            final Message bought = citic.next("8", WAIT);
            final Message sold = broker.next("8", WAIT);
            assertNotNull(bought, "no ExecutionReport with two FIX event loops and BLOCKING/SLEEPING rings");
            assertNotNull(sold, "no ExecutionReport on the second session");
            assertEquals('0', bought.getChar(150), bought.toString());
            assertEquals('0', sold.getChar(150), sold.toString());
        }
    }

    @Test
    void theCommandLinesOverridesKeepTheThreadSettings() throws IOException
    {
        final Path file = folder.resolve("threads.yaml");
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .replace("fixSessionThreads: 1", "fixSessionThreads: 3")
                .replace("eventWaitStrategy: BACKOFF", "eventWaitStrategy: BLOCKING")
                .replace("fixIoIdleStrategy: BLOCKING", "fixIoIdleStrategy: SPINNING"));
        }

        final ExchangeConfig config =
            CarbonxServer.config(file, folder.resolve("other").toString(), 0, 0, "127.0.0.1", true);

        assertEquals(new ThreadsConfig(3, "BACKOFF", "BLOCKING", "SPINNING"), config.server().threads());
        assertEquals(folder.resolve("other").toString(), config.server().dataFolder());
    }

    private static boolean connects(final InetAddress address, final int port) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(address, port), (int)WAIT);
            return true;
        }
        catch (final ConnectException ex)
        {
            return false;
        }
    }

    /**
     * An IPv4 address of this machine other than loopback, if it has one.
     */
    static Optional<InetAddress> nonLoopbackAddress() throws SocketException
    {
        for (final NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces()))
        {
            if (!network.isUp() || network.isLoopback())
            {
                continue;
            }
            for (final InetAddress address : Collections.list(network.getInetAddresses()))
            {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
