package io.carbonx.gateway.http;


import io.carbonx.engine.instrument.Instruments;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The regulator and enterprise HTTP API, assembled: the read replica, the engine listener that routes answers, the
 * command and read endpoints, and the Netty listener.
 * <p>
 * Lifecycle: {@link #create} recovers the replica (before the engine starts appending); the engine is built with
 * {@link #engineListener()} among its listeners; {@link #start} tails the journal and listens; {@link #close} stops.
 * <p>
 * Created, started and closed by one thread, the one composing the server; only it writes the changing fields
 * ({@link #console}, {@link #routes}, before {@link #start}; the server in {@link #start}). Its parts name the threads
 * that use them.
 */
public final class HttpGateway implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);

    /**
     * How long a request waits for the engine or the replica before answering 503.
     */
    public static final long TIMEOUT_MS = 10_000;

    private final PendingCommands pending = new PendingCommands();
    private final HttpEventRouter router = new HttpEventRouter(pending);
    private final ReadReplica replica;
    private final CommandPublisher publisher;
    private final ApiUsers users;
    private final RouteTable routes;
    private final HttpLimits limits;
    private final AccessLog accessLog;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private HttpApiServer server;
    private BrowserConsole console = BrowserConsole.NONE;

    private HttpGateway(
        final ExchangeSettings settings,
        final EngineSettings engineSettings,
        final Instruments instruments,
        final Map<Long, String> accountNames,
        final ApiUsers users,
        final HttpLimits limits,
        final AccessLog accessLog,
        final BiConsumer<RouteTable, Authorizer> moreRoutes)
    {
        this.accessLog = accessLog;
        this.users = users;
        this.limits = limits;
        replica = new ReadReplica(settings, engineSettings, pending);
        publisher = new CommandPublisher(pending, instruments, settings.calendar().zone());
        final Authorizer authorizer = new Authorizer(replica);
        routes = new RouteTable();
        new CommandEndpoints(publisher, authorizer, TIMEOUT_MS).register(routes);
        new ReadEndpoints(replica, authorizer, instruments, settings.calendar().zone(), accountNames).register(routes);
        new ProposalEndpoints(replica, authorizer, instruments, users).register(routes);
        moreRoutes.accept(routes, authorizer);
    }

    /**
     * Build the API and recover its read replica from the journal.
     *
     * @param accountNames names of accounts by id, for the published compliance lists.
     * @param users      the API's users; the gateway closes them.
     * @param accessLog  records every request answered; the gateway closes it.
     * @param moreRoutes adds further routes (the reports) with the API's authorizer.
     */
    public static HttpGateway create(
        final ExchangeSettings settings,
        final EngineSettings engineSettings,
        final Instruments instruments,
        final Map<Long, String> accountNames,
        final ApiUsers users,
        final HttpLimits limits,
        final AccessLog accessLog,
        final BiConsumer<RouteTable, Authorizer> moreRoutes)
    {
        final HttpGateway gateway = new HttpGateway(
            settings, engineSettings, instruments, accountNames, users, limits, accessLog, moreRoutes);
        gateway.replica.recover();
        return gateway;
    }

    /**
     * Serve the browser console too; call before {@link #start}.
     */
    public void console(final BrowserConsole browserConsole)
    {
        this.console = browserConsole;
    }

    /**
     * The API's routes, to add more before {@link #start} (the console's JSON endpoints).
     */
    public RouteTable routes()
    {
        return routes;
    }

    public EngineEventListener engineListener()
    {
        return router;
    }

    /**
     * Start tailing the journal and listening.
     *
     * @param bindAddress the interface to listen on, e.g. "127.0.0.1".
     * @param port        0 for a free port.
     */
    public void start(final EnginePipeline engine, final String bindAddress, final int port) throws InterruptedException
    {
        publisher.engine(engine);
        replica.start();
        final BrowserConsole browserConsole = console;
        server = HttpApiServer.start(
            workers -> new HttpApi(users, routes, replica, workers, TIMEOUT_MS, accessLog, browserConsole), limits,
            bindAddress, port);
    }

    public int port()
    {
        return server.port();
    }

    public ReadReplica replica()
    {
        return replica;
    }

    /**
     * @return the HTTP connections open now.
     */
    public int openConnections()
    {
        return server.openConnections();
    }

    public ApiUsers users()
    {
        return users;
    }

    /**
     * Close this too when the API closes, after it stops listening: what its routes read (the analytic store).
     */
    public void closeAfter(final AutoCloseable resource)
    {
        closeAfter.add(resource);
    }

    @Override
    public void close()
    {
        if (server != null)
        {
            server.close();
        }
        replica.close();
        users.close();
        accessLog.close();
        for (final AutoCloseable resource : closeAfter)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                LOG.warn("cannot close {}: {}", resource, ex.getMessage());
            }
        }
    }
}
