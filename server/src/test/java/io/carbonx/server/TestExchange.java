package io.carbonx.server;

import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.ExchangeConfig;
import quickfix.Message;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.ApiClient.BROKER1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server on a test's temporary folder, with the QuickFIX/J members and the HTTP client that talk to it over
 * real sockets; closing it logs the members out and stops the server.
 */
final class TestExchange implements AutoCloseable
{
    /** How long to wait for a logon, a report or the read replica. */
    static final long WAIT = 10_000;

    private final Path folder;
    private final ExchangeServer server;
    private final List<FixClient> clients = new ArrayList<>();

    private TestExchange(final Path folder, final ExchangeConfig config)
    {
        this(folder, config, Clock.systemUTC());
    }

    private TestExchange(final Path folder, final ExchangeConfig config, final Clock schedulerClock)
    {
        this.folder = folder;
        this.server = ExchangeServer.start(config, schedulerClock);
    }

    /**
     * The embedded demo configuration, in demo mode (its sessions have no passwords and its API users the published
     * tokens), with its journal under {@code folder} and the FIX acceptor on a free port.
     *
     * @param http whether to serve the HTTP API too, on a free port.
     */
    static ExchangeConfig demo(final Path folder, final boolean http)
    {
        final ExchangeConfig demo = ConfigLoader.loadDefault();
        return new ExchangeConfig(
            new ExchangeConfig.ServerConfig(0, folder.resolve("data").toString(), 10_000, http ? 0 : null)
                .withDemo(true),
            demo.scheme(), demo.instruments(), demo.accounts(), demo.sessions(), http ? demo.apiUsers() : List.of())
            .validate();
    }

    /**
     * The demo over FIX only.
     */
    static TestExchange fix(final Path folder)
    {
        return start(folder, demo(folder, false));
    }

    /**
     * The demo over FIX and HTTP, once genesis has reached the HTTP API's read replica.
     */
    static TestExchange http(final Path folder) throws Exception
    {
        return start(folder, demo(folder, true)).awaitGenesis();
    }

    static TestExchange start(final Path folder, final ExchangeConfig config)
    {
        return new TestExchange(folder, config);
    }

    /**
     * A server whose trading scheduler (when the configuration turns it on) reads {@code schedulerClock}.
     */
    static TestExchange start(final Path folder, final ExchangeConfig config, final Clock schedulerClock)
    {
        return new TestExchange(folder, config, schedulerClock);
    }

    ExchangeServer server()
    {
        return server;
    }

    ApiClient api()
    {
        return new ApiClient(server.httpPort());
    }

    /**
     * Genesis is published once the engine runs; its last commands link broker 1 to its accounts.
     */
    TestExchange awaitGenesis() throws Exception
    {
        final ApiClient api = api();
        await("genesis reaches the read replica").atMost(Duration.ofSeconds(20))
            .until(() -> api.get(BROKER1, "/accounts/1002").status() == 200);
        return this;
    }

    FixClient connect(final String member) throws Exception
    {
        return connect(member, null);
    }

    /**
     * @param password the Logon's Password (554), or null for none.
     */
    FixClient connect(final String member, final String password) throws Exception
    {
        final FixClient client = open(member, password, "client-" + member);
        assertTrue(client.awaitLogon(WAIT), member + " did not log on");
        return client;
    }

    /**
     * Start the members' initiators together, then wait for each logon: QuickFIX/J takes a while to connect.
     */
    List<FixClient> connectAll(final String... members) throws Exception
    {
        final List<FixClient> started = new ArrayList<>();
        for (final String member : members)
        {
            started.add(open(member, null, "client-" + member));
        }
        for (final FixClient client : started)
        {
            assertTrue(client.awaitLogon(WAIT), client.sessionId + " did not log on");
        }
        return started;
    }

    /**
     * Start a member's initiator without waiting for its logon.
     *
     * @param store the folder under the test's folder for the initiator's file store.
     */
    FixClient open(final String member, final String password, final String store) throws Exception
    {
        final FixClient client = new FixClient(member, "CARBONX", server.fixPort(), folder.resolve(store), password);
        clients.add(client);
        return client.start();
    }

    /**
     * A NewOrderSingle (D) for a limit order, stamped now.
     */
    static Message limitOrder(
        final String clOrdId, final String account, final String symbol, final char side, final long quantity,
        final String price, final char timeInForce)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        order.setString(11, clOrdId);
        order.setString(1, account);
        order.setString(55, symbol);
        order.setChar(54, side);
        order.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        order.setDouble(38, quantity);
        order.setChar(40, '2');
        order.setString(44, price);
        order.setChar(59, timeInForce);
        return order;
    }

    @Override
    public void close()
    {
        clients.forEach(FixClient::close);
        server.close();
    }
}
