package io.carbonx.server;

import io.carbonx.gateway.orders.EngineHalt;
import io.carbonx.gateway.orders.DropCopy;
import io.carbonx.gateway.orders.DropCopyApplication;
import io.carbonx.gateway.orders.ExecutionReports;
import io.carbonx.gateway.orders.InboundOrders;
import io.carbonx.gateway.orders.OrderLog;
import io.carbonx.gateway.orders.OrderSessions;
import io.carbonx.gateway.orders.ReportCheckpoint;
import io.carbonx.gateway.orders.StoredExecIds;
import io.carbonx.gateway.ApplicationRouter;

import io.carbonx.protocol.InvalidFieldException;

import io.carbonx.cluster.client.ClusterClientSettings;
import io.carbonx.cluster.client.ClusterCommandLog;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.sequencer.CommandLog;
import io.carbonx.server.calendar.EngineScheduledCommands;
import io.carbonx.server.calendar.TradingSchedule;
import io.carbonx.server.calendar.TradingScheduler;
import io.carbonx.engine.core.ExchangeView;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EngineRecovery;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.RecoveryResult;
import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.DemoCredentials;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.ThreadsConfig;
import io.carbonx.server.config.ExchangeConfig.DropCopyConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.fix.session.FixAcceptor;
import io.carbonx.fix.FixAcceptorConfig;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;
import io.carbonx.fix.PasswordHash;
import io.carbonx.fix.SessionRole;
import io.carbonx.gateway.http.AccessLog;
import io.carbonx.gateway.http.ApiUsers;
import io.carbonx.gateway.http.HttpGateway;
import io.carbonx.gateway.http.HttpLimits;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.gateway.http.console.Console;
import io.carbonx.gateway.http.console.ConsoleSessions;
import io.carbonx.gateway.http.console.MarketEndpoints;
import io.carbonx.gateway.marketdata.MarketDataHub;
import io.carbonx.gateway.marketdata.MarketDataListener;
import io.carbonx.gateway.marketdata.MarketDataRequests;
import io.carbonx.gateway.http.AlertStreams;
import io.carbonx.gateway.http.AnalyticsEndpoints;
import io.carbonx.gateway.http.ReportEndpoints;
import io.carbonx.gateway.http.SerialEndpoints;
import io.carbonx.gateway.http.TradeRecord;
import io.carbonx.reports.Reports;
import io.carbonx.reports.surveillance.AlertBook;
import io.carbonx.reports.surveillance.SurveillanceFeed;
import io.carbonx.reports.surveillance.SurveillanceMonitor;
import io.carbonx.gateway.http.SurveillanceEndpoints;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole exchange in one process: the engine recovered from its journal (or started from the configuration's genesis
 * commands on an entirely new data folder, see {@link DataFolder}), and the FIX acceptor in front of it.
 */
public final class ExchangeServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServer.class);
    /** The gateway's order log, in the FIX store folder: see {@link OrderLog}. */
    static final String ORDER_LOG = "orders.log";
    /** How far the order entry's reports are stored, beside the order log: see {@link ReportCheckpoint}. */
    static final String REPORT_CHECKPOINT = "reported.seq";
    /** The HTTP API's access log, in the data folder: see {@link AccessLog}. */
    static final String ACCESS_LOG = "access.log";
    /**
     * 8 MiB, about 30,000 copies: a drop copy may be sent the reports of every member at once, so its outbound queue is
     * eight times a member's; direct memory, per drop copy.
     */
    static final int DROP_COPY_QUEUE_BYTES = 8 * 1024 * 1024;
    /** How long a gateway may take to bring its journal level with the cluster's log at start. */
    private static final Duration CLUSTER_CATCH_UP = Duration.ofMinutes(2);

    private final EnginePipeline engine;
    private final FixAcceptor acceptor;
    private final ExchangeStateMachine machine;
    private final RecoveryResult recovery;
    private final HttpGateway http;
    private final OrderLog orderLog;
    private final DataFolder dataFolder;
    private final List<String> demoCredentials;
    private final ReportCheckpoint checkpoint;
    private final TradingScheduler scheduler;

    private ExchangeServer(
        final EnginePipeline engine, final FixAcceptor acceptor, final ExchangeStateMachine machine,
        final RecoveryResult recovery, final HttpGateway http, final OrderLog orderLog, final DataFolder dataFolder,
        final List<String> demoCredentials, final ReportCheckpoint checkpoint, final TradingScheduler scheduler)
    {
        this.scheduler = scheduler;
        this.dataFolder = dataFolder;
        this.demoCredentials = demoCredentials;
        this.orderLog = orderLog;
        this.checkpoint = checkpoint;
        this.engine = engine;
        this.acceptor = acceptor;
        this.machine = machine;
        this.recovery = recovery;
        this.http = http;
    }

    /**
     * Start an exchange on a configuration.
     *
     * @throws ConfigException when the configuration cannot be used, or holds demo credentials outside demo mode.
     * @throws ServerStartException when the data folder or the port cannot be used.
     */
    public static ExchangeServer start(final ExchangeConfig config)
    {
        return start(config, Clock.systemUTC());
    }

    /**
     * Start an exchange whose trading scheduler (when {@code server.scheduler} is on) reads {@code clock}.
     */
    static ExchangeServer start(final ExchangeConfig config, final Clock schedulerClock)
    {
        final List<String> demoCredentials = DemoCredentials.check(config);
        final DataFolder dataFolder = DataFolder.open(config.server().dataPath());
        try
        {
            return start(config, dataFolder, demoCredentials, schedulerClock);
        }
        catch (final RuntimeException | Error ex)
        {
            dataFolder.close();
            throw ex;
        }
    }

    /**
     * Start on a data folder this server has locked and checked.
     */
    private static ExchangeServer start(
        final ExchangeConfig config, final DataFolder dataFolder, final List<String> demoCredentials,
        final Clock schedulerClock)
    {
        final Path data = dataFolder.path();
        final EngineSetup setup = new EngineSetup(config);
        final TradingSchedule schedule = schedule(config, setup);
        final ExchangeStateMachine machine = new ExchangeStateMachine(setup.settings());
        final EngineSettings engineSettings = engineSettings(config, data);
        final AlertStreams alerts = new AlertStreams(new AlertBook(AlertBook.DEFAULT_CAPACITY));
        // one monitor: the analytic store's follower runs it when the store is on (its alerts are rows), else this feed
        final boolean storeSurveils = config.server().analyticsOrDefault().on();
        final SurveillanceFeed surveillance =
            new SurveillanceFeed(new SurveillanceMonitor(setup.surveillance(), alerts));

        final List<FixSessionId> sessionIds = new ArrayList<>();
        final List<Integer> brokerIds = new ArrayList<>();
        final List<FixSessionSettings> sessions = new ArrayList<>();
        for (int i = 0; i < config.sessions().size(); i++)
        {
            final FixSessionSettings settings = sessionSettings("sessions[" + i + "]", config.sessions().get(i));
            sessions.add(settings);
            sessionIds.add(settings.id());
            brokerIds.add(config.sessions().get(i).brokerId());
        }
        final List<DropCopy> dropCopies = new ArrayList<>();
        for (int i = 0; i < config.dropCopy().size(); i++)
        {
            final DropCopyConfig copy = config.dropCopy().get(i);
            final FixSessionSettings settings = dropCopySettings("dropCopy[" + i + "]", copy);
            sessions.add(settings);
            dropCopies.add(copy.allAccounts() ? DropCopy.ofAllAccounts(settings.id()) :
                DropCopy.ofAccounts(settings.id(), copy.coveredAccounts(config.sessions())));
        }
        final Map<String, Integer> instrumentIds = new HashMap<>();
        for (final InstrumentSpec spec : setup.instruments())
        {
            instrumentIds.put(spec.symbol(), spec.id());
        }

        final OrderLog orderLog = openOrderLog(data.resolve("fix").resolve(ORDER_LOG),
            engineSettings.journalDurability() == JournalDurability.SYNC_PER_BATCH);
        final ReportCheckpoint checkpoint = openCheckpoint(data.resolve("fix").resolve(REPORT_CHECKPOINT), orderLog);
        final OrderSessions orderSessions = new OrderSessions(sessionIds, brokerIds, dropCopies);
        final EngineFailSwitch engineFailure = new EngineFailSwitch();
        final ExecutionReports reports = new ExecutionReports(orderSessions, orderLog, checkpoint, engineFailure);
        final RecoveryResult recovery;
        try
        {
            // the reports see again the events they may not have stored: see ExecutionReports
            recovery = EngineRecovery.recover(engineSettings, machine, reports, reports.load());
        }
        catch (final RuntimeException ex)
        {
            closeOpened(null, null, orderLog, checkpoint);
            throw new ServerStartException("cannot recover the engine from " + data.toAbsolutePath() + ": " +
                ex.getMessage(), ex);
        }
        final boolean genesis = admit(dataFolder, recovery, orderLog, checkpoint);
        final Map<FixSessionId, Set<String>> storedExecIds = restoreOrders(reports, recovery,
            sessions.stream().map(FixSessionSettings::id).toList(), data.resolve("fix"), orderLog, checkpoint);
        final MarketDataHub marketData = new MarketDataHub();
        final HttpGateway http = httpGateway(config, setup, engineSettings, data, alerts, marketData);
        final MarketDataListener marketDataListener = new MarketDataListener(marketData);
        marketDataListener.initialise(machine, setup.settings().maxInstrumentId());
        if (http != null)
        {
            rememberLatestTrades(http, marketData, setup);
        }
        final List<EngineEventListener> listeners = new ArrayList<>(List.of(reports, marketDataListener));
        if (http != null)
        {
            listeners.add(http.engineListener());
            // alerts are read over HTTP only: without it, no replay at start and no thread for them
            if (!storeSurveils)
            {
                catchUp(surveillance, engineSettings, setup, http, orderLog, checkpoint);
                listeners.add(surveillance);
            }
        }
        warnOfBusyThreads(config, listeners.size());
        // on a cluster, the commands are ordered by the cluster's log, from the one after this gateway's journal
        final CommandLog clusterLog = openClusterLog(config, data, recovery.lastSequence() + 1, http, orderLog,
            checkpoint);
        final EnginePipeline engine = new EnginePipeline(engineSettings, machine, clusterLog, listeners);
        engineFailure.connect(engine);
        final InboundOrders orderEntry =
            new InboundOrders(orderSessions, reports, orderLog, instrumentIds, engine::tryPublish, engine::fail);
        // read before the engine takes commands: the business-logic thread owns the state from then on
        final int lastClosedDate = machine.lastClosedTradingDate();
        engine.start();
        dataFolder.markJournal();
        if (genesis && (clusterLog == null || awaitCluster(engine, http, orderLog, checkpoint) < 0))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
            setup.genesis(System.currentTimeMillis() * 1_000_000, command ->
            {
                buffer.putBytes(0, command);
                engine.publish(buffer, 0, command.length);
            });
            LOG.info("genesis: listed {} instruments and opened {} accounts from the configuration",
                setup.instruments().size(), config.accounts().size());
        }

        final String bindAddress = config.server().bindAddressOrDefault();
        try
        {
            final FixAcceptor acceptor = FixAcceptor.start(acceptorConfig(config, data, sessions),
                new ApplicationRouter(orderEntry, new MarketDataRequests(marketData),
                    new DropCopyApplication(reports)));
            reports.bindSessions(acceptor::session);
            LOG.info("order entry: {} report(s) of journaled commands sent again",
                reports.sendRecovered(storedExecIds, recovery.lastSequence()));
            startHttp(http, engine, bindAddress, config.server().httpPort(), acceptor);
            final TradingScheduler scheduler = schedule == null ? null :
                new TradingScheduler(schedule, schedulerClock, lastClosedDate, new EngineScheduledCommands(engine));
            if (scheduler != null)
            {
                scheduler.start();
            }
            return new ExchangeServer(engine, acceptor, machine, recovery, http, orderLog, dataFolder,
                demoCredentials, checkpoint, scheduler);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeOpened(http, engine, orderLog, checkpoint);
            if (ex instanceof ServerStartException startException)
            {
                throw startException;
            }
            throw new ServerStartException("cannot listen for FIX on " + bindAddress + " port " +
                config.server().fixPort() + ": " + bindProblem(ex), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            closeOpened(http, engine, orderLog, checkpoint);
            throw new ServerStartException("interrupted while starting", ex);
        }
    }

    /**
     * @return the cluster's log from {@code fromSequence} on, or null when the configuration has no cluster section.
     * @throws ServerStartException when no cluster answers.
     */
    private static CommandLog openClusterLog(
        final ExchangeConfig config, final Path data, final long fromSequence, final HttpGateway http,
        final OrderLog orderLog, final ReportCheckpoint checkpoint)
    {
        if (config.cluster() == null)
        {
            return null;
        }
        try
        {
            final ClusterClientSettings settings = ClusterWiring.clientSettings(config, data);
            LOG.info("gateway {}: connecting to the cluster at {}", settings.gatewayId(), settings.ingressEndpoints());
            return ClusterCommandLog.open(settings, fromSequence);
        }
        catch (final RuntimeException ex)
        {
            closeOpened(http, null, orderLog, checkpoint);
            throw new ServerStartException("cannot join the cluster: " + ex.getMessage(), ex);
        }
    }

    /**
     * Wait until this gateway holds every command the cluster had committed when it connected.
     *
     * @return the cluster's last sequence then: -1 for a new market, which needs its genesis.
     * @throws ServerStartException when the gateway cannot catch up.
     */
    private static long awaitCluster(
        final EnginePipeline engine, final HttpGateway http, final OrderLog orderLog, final ReportCheckpoint checkpoint)
    {
        try
        {
            final long committed = engine.awaitLogCaughtUp(CLUSTER_CATCH_UP);
            LOG.info("gateway: level with the cluster's log at command {}", committed);
            return committed;
        }
        catch (final RuntimeException ex)
        {
            closeOpened(http, engine, orderLog, checkpoint);
            throw new ServerStartException("cannot catch up with the cluster: " + ex.getMessage() +
                (engine.failureCause() == null ? "" : " (" + engine.failureCause().getMessage() + ")"), ex);
        }
    }

    /**
     * The console shows each instrument's latest trades: after a restart, those the read replica recovered from the
     * journal.
     */
    private static void rememberLatestTrades(final HttpGateway http, final MarketDataHub marketData,
        final EngineSetup setup)
    {
        for (final InstrumentSpec spec : setup.instruments())
        {
            final List<TradeRecord> trades = http.replica().instrumentTrades(spec.id());
            final int from = Math.max(0, trades.size() - MarketDataHub.RECENT_TRADES);
            for (final TradeRecord trade : trades.subList(from, trades.size()))
            {
                marketData.rememberTrade(spec.id(), trade.price(), trade.quantity(), trade.timestamp());
            }
        }
    }

    /**
     * @return the calendar's day as commands when {@code server.scheduler} is on, else null.
     * @throws ConfigException when the scheduler is on and the calendar has no sessions to schedule.
     */
    private static TradingSchedule schedule(final ExchangeConfig config, final EngineSetup setup)
    {
        if (!config.server().schedulerOn())
        {
            return null;
        }
        if (setup.settings().calendar().sessions().isEmpty())
        {
            throw new ConfigException("server.scheduler", "scheme.calendar.sessions is empty: nothing to schedule");
        }
        return new TradingSchedule(setup.settings().calendar());
    }

    /**
     * The surveillance monitor sees the journal the engine recovered from before the engine appends to it, so the
     * alerts of earlier runs are back and the live events follow on.
     */
    private static void catchUp(
        final SurveillanceFeed surveillance, final EngineSettings engineSettings, final EngineSetup setup,
        final HttpGateway http, final OrderLog orderLog, final ReportCheckpoint checkpoint)
    {
        try
        {
            final long replayed = surveillance.catchUp(engineSettings.journalDirectory(), setup.settings());
            LOG.info("surveillance: caught up with the journal to command {}", replayed);
        }
        catch (final RuntimeException ex)
        {
            closeOpened(http, null, orderLog, checkpoint);
            throw new ServerStartException("cannot replay the journal for surveillance: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return whether the folder is new, so genesis must run.
     * @throws ServerStartException when the recovered journal is shorter than what the folder has seen.
     */
    private static boolean admit(
        final DataFolder dataFolder, final RecoveryResult recovery, final OrderLog orderLog,
        final ReportCheckpoint checkpoint)
    {
        try
        {
            return dataFolder.admit(recovery.lastSequence());
        }
        catch (final RuntimeException ex)
        {
            closeOpened(null, null, orderLog, checkpoint);
            throw ex;
        }
    }

    /**
     * The engine's folders under the data folder, and the journal's durability as the configuration says.
     */
    static EngineSettings engineSettings(final ExchangeConfig config, final Path data)
    {
        final ThreadsConfig threads = config.server().threadsOrDefault();
        return EngineSettings.builder()
            .journalDirectory(data.resolve("journal"))
            .snapshotDirectory(data.resolve("snapshots"))
            .journalDurability(config.server().journalDurabilityOrDefault())
            .commandWaitStrategy(threads.commandWaitStrategyOrDefault())
            .eventWaitStrategy(threads.eventWaitStrategyOrDefault())
            .build();
    }

    /**
     * The FIX acceptor's settings: where it listens, its sessions' stores under the data folder, and its event loops as
     * the configuration's threads section says.
     */
    static FixAcceptorConfig acceptorConfig(
        final ExchangeConfig config, final Path data, final List<FixSessionSettings> sessions)
    {
        return FixAcceptorConfig.of(config.server().bindAddressOrDefault(), config.server().fixPort(),
                data.resolve("fix"), sessions)
            .withSessionThreads(config.server().threadsOrDefault().fixSessionThreadsOrDefault())
            .withIoIdleStrategy(config.server().threadsOrDefault().fixIoIdleStrategyOrDefault());
    }

    /**
     * A spinning thread per core starves the threads with work (see docs/operations.md#threads): said at start, not
     * refused, since a configuration is judged the same on every machine and a dedicated one may mean it.
     */
    private static void warnOfBusyThreads(final ExchangeConfig config, final int eventListeners)
    {
        final int busy = config.server().threadsOrDefault().busyThreads(eventListeners);
        final int cores = Runtime.getRuntime().availableProcessors();
        if (busy >= cores)
        {
            LOG.warn("server.threads: {} thread(s) spin while idle (YIELDING, BUSY_SPIN or SPINNING) on {} core(s), " +
                "leaving the FIX and other threads no core of their own; use BACKOFF on a machine this small",
                busy, cores);
        }
    }

    /**
     * @return the HTTP API with its read replica recovered, or null when the configuration has no httpPort.
     */
    private static HttpGateway httpGateway(
        final ExchangeConfig config, final EngineSetup setup, final EngineSettings engineSettings, final Path data,
        final AlertStreams alerts, final MarketDataHub marketData)
    {
        if (config.server().httpPort() == null)
        {
            return null;
        }
        final Instruments instruments = new Instruments(setup.instruments());
        final Reports reports = new Reports(engineSettings.journalDirectory(), setup.settings(), instruments,
            setup.userNames(), config.accountNames());
        final HttpLimits limits = ExchangeConfig.HttpConfig.limits(config.http());
        final Analytics analytics = Analytics.open(config, setup, engineSettings, data, instruments, alerts);
        try
        {
            final HttpGateway gateway = HttpGateway.create(setup.settings(), engineSettings, instruments,
                config.accountNames(), apiUsers(config), limits, accessLog(config, data), (routes, authorizer) ->
                {
                    // the reports come from the analytic store, or replay the journal when it is off
                    new ReportEndpoints(analytics == null ? reports : analytics.reports(),
                        analytics == null ? null : analytics.sql()::exportParquet, authorizer, limits)
                        .register(routes);
                    new SerialEndpoints(reports, authorizer, instruments, limits).register(routes);
                    new SurveillanceEndpoints(alerts, authorizer, setup.settings().calendar().zone())
                        .register(routes);
                    if (analytics != null)
                    {
                        new AnalyticsEndpoints(analytics.sql(), analytics.reports(), authorizer, instruments)
                            .register(routes);
                    }
                });
            // the console's market endpoints and pages, on the same listener and users
            new MarketEndpoints(marketData).register(gateway.routes());
            gateway.console(new Console(gateway.users(), new ConsoleSessions(
                ExchangeConfig.HttpConfig.consoleSessionSeconds(config.http()), System::currentTimeMillis),
                marketData));
            if (analytics != null)
            {
                gateway.closeAfter(analytics);
                analytics.start();
            }
            return gateway;
        }
        catch (final RuntimeException ex)
        {
            if (analytics != null)
            {
                closeQuietly(analytics);
            }
            throw ex;
        }
    }

    private static void startHttp(
        final HttpGateway http, final EnginePipeline engine, final String bindAddress, final Integer port,
        final FixAcceptor acceptor)
        throws InterruptedException
    {
        if (http == null)
        {
            return;
        }
        try
        {
            http.start(engine, bindAddress, port);
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final Exception ex) // Netty rethrows the bind's IOException unchecked
        {
            acceptor.close();
            throw new ServerStartException("cannot listen for HTTP on " + bindAddress + " port " + port + ": " +
                bindProblem(ex), ex);
        }
    }

    /**
     * A port in use, or an address that is not this machine's, in words.
     */
    private static String bindProblem(final Exception ex)
    {
        if (ex instanceof BindException)
        {
            final String message = String.valueOf(ex.getMessage());
            return message.contains("in use") ? "the port is already in use" :
                message.contains("assign") ? "the address is not one of this machine's" : message;
        }
        return ex.getMessage();
    }

    /**
     * @return the access log in the data folder, or {@link AccessLog#NONE} when the configuration turns it off.
     */
    private static AccessLog accessLog(final ExchangeConfig config, final Path data)
    {
        if (!ExchangeConfig.HttpConfig.accessLogOn(config.http()))
        {
            return AccessLog.NONE;
        }
        final Path file = data.resolve(ACCESS_LOG);
        try
        {
            return AccessLog.open(file);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot open the access log " + file.toAbsolutePath() + ": " + ex, ex);
        }
    }

    private static OrderLog openOrderLog(final Path file, final boolean syncEveryWrite)
    {
        try
        {
            return OrderLog.open(file, syncEveryWrite);
        }
        catch (final IOException ex)
        {
            throw new ServerStartException("cannot open the order log " + file.toAbsolutePath() + ": " + ex, ex);
        }
    }

    /**
     * Once recovery has replayed the journal through the order entry, before anything else writes: compact the order
     * log, and read which reports the FIX stores already hold.
     *
     * @return the ExecIDs each session's store holds.
     */
    private static Map<FixSessionId, Set<String>> restoreOrders(
        final ExecutionReports reports, final RecoveryResult recovery, final List<FixSessionId> sessionIds,
        final Path storeRoot, final OrderLog orderLog, final ReportCheckpoint checkpoint)
    {
        try
        {
            final int unjournaled = reports.finishRecovery(recovery.lastSequence());
            LOG.info("order entry: {} order(s) restored from {}; {} never journaled, rejected",
                reports.orderCount(), ORDER_LOG, unjournaled);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeOpened(null, null, orderLog, checkpoint);
            throw new ServerStartException("cannot restore the orders from the order log: " + ex.getMessage(), ex);
        }
        final Map<FixSessionId, Set<String>> storedExecIds = new HashMap<>();
        for (final FixSessionId id : sessionIds)
        {
            storedExecIds.put(id, StoredExecIds.read(storeRoot, id));
        }
        return storedExecIds;
    }

    private static ReportCheckpoint openCheckpoint(final Path file, final OrderLog orderLog)
    {
        try
        {
            return ReportCheckpoint.open(file);
        }
        catch (final IOException ex)
        {
            closeQuietly(orderLog);
            throw new ServerStartException("cannot open the report checkpoint " + file.toAbsolutePath() + ": " + ex,
                ex);
        }
    }

    /**
     * The one edge back from order entry's reports to the engine: the engine is built with the reports as one of its
     * listeners, so it cannot be given to them when they are built; it is connected once, right after the engine is
     * built and before it starts. Reports are only delivered (and can only fail) once the engine runs, so no halt is
     * lost; one before that would be logged. Connected by the starting thread, used by any.
     */
    private static final class EngineFailSwitch implements EngineHalt
    {
        private volatile EnginePipeline engine;

        void connect(final EnginePipeline engine)
        {
            this.engine = engine;
        }

        @Override
        public void halt(final String reason, final Throwable cause)
        {
            final EnginePipeline connected = engine;
            if (connected == null)
            {
                LOG.error("{}", reason, cause);
            }
            else
            {
                connected.fail(reason, cause);
            }
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            LOG.warn("cannot close {}: {}", closeable, ex.toString());
        }
    }

    /**
     * Close what a start opened, the last opened first; null for what it had not opened yet. Used by a start that
     * failed part way and by {@link #close()}.
     */
    private static void closeOpened(
        final HttpGateway http, final EnginePipeline engine, final OrderLog orderLog, final ReportCheckpoint checkpoint)
    {
        if (http != null)
        {
            http.close();
        }
        if (engine != null)
        {
            engine.close();
        }
        closeQuietly(orderLog);
        closeQuietly(checkpoint);
    }

    /**
     * @return the HTTP API's port, or -1 when it is not enabled.
     */
    public int httpPort()
    {
        return http == null ? -1 : http.port();
    }

    /**
     * @return the HTTP API, or null without one; for tests that look inside it.
     */
    HttpGateway httpGateway()
    {
        return http;
    }

    public int fixPort()
    {
        return acceptor.port();
    }

    /**
     * @return the address and port the FIX acceptor listens on.
     */
    public InetSocketAddress fixAddress()
    {
        return acceptor.localAddress();
    }

    /**
     * @return the data folder, absolute.
     */
    public Path dataFolder()
    {
        return dataFolder.path().toAbsolutePath().normalize();
    }

    /**
     * @return the published demo credentials this server accepts (it is in demo mode), one line each; empty when none.
     */
    public List<String> demoCredentials()
    {
        return demoCredentials;
    }

    public RecoveryResult recovery()
    {
        return recovery;
    }

    /**
     * The engine's state, for tests and tools that read it once the engine is idle: read-only views.
     */
    public ExchangeView machine()
    {
        return machine;
    }

    /**
     * The trading scheduler, or null when {@code server.scheduler} is off: for tests that move its clock.
     */
    TradingScheduler scheduler()
    {
        return scheduler;
    }

    /**
     * The running engine, for tests that send commands no FIX message carries (trading phases, the end of the day).
     */
    EnginePipeline engine()
    {
        return engine;
    }

    /**
     * Log out the FIX sessions, then stop the engine once every journaled command has been applied and reported.
     */
    @Override
    public void close()
    {
        if (scheduler != null)
        {
            scheduler.close();
        }
        try
        {
            acceptor.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            closeOpened(http, engine, orderLog, checkpoint);
            dataFolder.close();
        }
    }

    private static FixSessionSettings sessionSettings(final String path, final SessionConfig session)
    {
        final Set<String> accounts = new HashSet<>();
        session.accounts().forEach(account -> accounts.add(Long.toString(account)));
        final FixSessionSettings.Builder builder =
            FixSessionSettings.builder(session.targetCompId(), session.senderCompId())
            .allowedAccounts(accounts)
            .role(role(path + ".role", session.role()))
            .cancelOnDisconnect(session.cancelOnDisconnect());
        if (session.messagesPerSecond() != null)
        {
            builder.maxMessagesPerSecond(session.messagesPerSecond());
        }
        if (session.passwordHash() != null)
        {
            try
            {
                builder.password(PasswordHash.parse(session.passwordHash()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(path + ".passwordHash", ex.getMessage());
            }
        }
        return builder.build();
    }

    /**
     * A drop copy's session: read-only, with no account list of its own (the application refuses whatever it sends),
     * and an outbound queue big enough for the copies of every member it covers.
     */
    private static FixSessionSettings dropCopySettings(final String path, final DropCopyConfig copy)
    {
        final FixSessionSettings.Builder builder =
            FixSessionSettings.builder(copy.targetCompId(), copy.senderCompId())
            .role(copy.allAccounts() ? SessionRole.REGULATOR : SessionRole.BROKER)
            .dropCopy(true)
            .outboundQueueBytes(DROP_COPY_QUEUE_BYTES);
        if (copy.passwordHash() != null)
        {
            try
            {
                builder.password(PasswordHash.parse(copy.passwordHash()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(path + ".passwordHash", ex.getMessage());
            }
        }
        return builder.build();
    }

    private static SessionRole role(final String path, final String role)
    {
        for (final SessionRole value : SessionRole.values())
        {
            if (value.name().equalsIgnoreCase(role))
            {
                return value;
            }
        }
        throw new ConfigException(path, "must be one of " + List.of(SessionRole.values()) + ", was '" + role + "'");
    }

    private static ApiUsers apiUsers(final ExchangeConfig config)
    {
        try
        {
            return new ApiUsers(config.apiUsers().stream().map(ExchangeConfig.ApiUserConfig::credential).toList());
        }
        catch (final InvalidFieldException ex)
        {
            throw new ConfigException("", ex.getMessage());
        }
    }
}
