package io.carbonx.server.config;

import io.carbonx.gateway.http.ApiUsers;
import io.carbonx.gateway.http.HttpLimits;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.fix.IoIdleStrategy;
import io.carbonx.fix.FixAcceptorConfig;
import io.netty.util.NetUtil;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole configuration of an exchange server, as written in its YAML file.
 *
 * @param server      ports and folders.
 * @param scheme      the trading scheme's rules: fees, holding limits, the fee account, compliance rules.
 * @param instruments listed at first start.
 * @param accounts    opened, funded and credited at first start.
 * @param sessions    the FIX sessions that may log on.
 * @param apiUsers    who may use the HTTP API; absent: nobody.
 * @param http        the HTTP API's timeouts and limits; absent settings take their defaults.
 * @param dropCopy    the read-only FIX drop-copy sessions; absent: none.
 * @param cluster     the replicated cluster the exchange runs on; absent: a single node, the default.
 */
public record ExchangeConfig(
    @JsonProperty(required = true) ServerConfig server,
    @JsonProperty(required = true) SchemeConfig scheme,
    @JsonProperty(required = true) List<InstrumentConfig> instruments,
    @JsonProperty(required = true) List<AccountConfig> accounts,
    @JsonProperty(required = true) List<SessionConfig> sessions,
    List<ApiUserConfig> apiUsers,
    HttpConfig http,
    List<DropCopyConfig> dropCopy,
    ClusterConfig cluster)
{
    public ExchangeConfig
    {
        apiUsers = apiUsers == null ? List.of() : apiUsers;
        dropCopy = dropCopy == null ? List.of() : dropCopy;
    }

    /**
     * A single-node configuration.
     */
    public ExchangeConfig(
        final ServerConfig server,
        final SchemeConfig scheme,
        final List<InstrumentConfig> instruments,
        final List<AccountConfig> accounts,
        final List<SessionConfig> sessions,
        final List<ApiUserConfig> apiUsers,
        final HttpConfig http,
        final List<DropCopyConfig> dropCopy)
    {
        this(server, scheme, instruments, accounts, sessions, apiUsers, http, dropCopy, null);
    }

    /**
     * A configuration without drop-copy sessions.
     */
    public ExchangeConfig(
        final ServerConfig server,
        final SchemeConfig scheme,
        final List<InstrumentConfig> instruments,
        final List<AccountConfig> accounts,
        final List<SessionConfig> sessions,
        final List<ApiUserConfig> apiUsers,
        final HttpConfig http)
    {
        this(server, scheme, instruments, accounts, sessions, apiUsers, http, null);
    }

    /**
     * @return each configured account's name by id (accounts without a name are left out), for reports.
     */
    public Map<Long, String> accountNames()
    {
        final Map<Long, String> names = new TreeMap<>();
        for (final AccountConfig account : accounts)
        {
            if (account.name() != null)
            {
                names.put(account.id(), account.name());
            }
        }
        return names;
    }

    /**
     * A configuration with the HTTP API's default limits.
     */
    public ExchangeConfig(
        final ServerConfig server,
        final SchemeConfig scheme,
        final List<InstrumentConfig> instruments,
        final List<AccountConfig> accounts,
        final List<SessionConfig> sessions,
        final List<ApiUserConfig> apiUsers)
    {
        this(server, scheme, instruments, accounts, sessions, apiUsers, null);
    }

    /**
     * The HTTP API's timeouts and limits, each optional (defaults in docs/http-api.md).
     *
     * @param idleTimeoutMs            close a connection without a request in progress after this long without traffic.
     * @param requestTimeoutMs         close a connection whose request has not fully arrived this long after it began.
     * @param maxConnections           HTTP connections open at once.
     * @param maxConnectionsPerAddress HTTP connections open at once from one remote address.
     * @param maxReportBuilds          reports being built at once (each replays the journal).
     * @param maxReportBuildsPerUser   reports being built at once for one user.
     * @param accessLog                whether every request is logged to {@code access.log} in the data folder;
     *                                 absent: true.
     * @param consoleSessionSeconds    how long a browser console sign-in lasts; absent:
     *                                 {@link #DEFAULT_CONSOLE_SESSION_SECONDS} (8 hours).
     */
    public record HttpConfig(
        Long idleTimeoutMs,
        Long requestTimeoutMs,
        Integer maxConnections,
        Integer maxConnectionsPerAddress,
        Integer maxReportBuilds,
        Integer maxReportBuildsPerUser,
        Boolean accessLog,
        Long consoleSessionSeconds)
    {
        public static final long DEFAULT_CONSOLE_SESSION_SECONDS = 8 * 3600;

        /**
         * The limits alone, with the access log on.
         */
        public HttpConfig(
            final Long idleTimeoutMs,
            final Long requestTimeoutMs,
            final Integer maxConnections,
            final Integer maxConnectionsPerAddress,
            final Integer maxReportBuilds,
            final Integer maxReportBuildsPerUser)
        {
            this(idleTimeoutMs, requestTimeoutMs, maxConnections, maxConnectionsPerAddress, maxReportBuilds,
                maxReportBuildsPerUser, null, null);
        }

        /**
         * @param config the configuration's {@code http} section, or null.
         * @return how long a console session lasts, in seconds.
         */
        public static long consoleSessionSeconds(final HttpConfig config)
        {
            return config == null || config.consoleSessionSeconds() == null ? DEFAULT_CONSOLE_SESSION_SECONDS :
                config.consoleSessionSeconds();
        }

        /**
         * @param config the configuration's {@code http} section, or null.
         * @return whether requests are logged to {@code access.log} (unless said otherwise, they are).
         */
        public static boolean accessLogOn(final HttpConfig config)
        {
            return config == null || config.accessLog() == null || config.accessLog();
        }

        /**
         * @param config the configuration's {@code http} section, or null: its absent settings take the defaults.
         */
        public static HttpLimits limits(final HttpConfig config)
        {
            final HttpLimits defaults = HttpLimits.DEFAULTS;
            if (config == null)
            {
                return defaults;
            }
            return new HttpLimits(
                or(config.idleTimeoutMs(), defaults.idleTimeoutMs()),
                or(config.requestTimeoutMs(), defaults.requestTimeoutMs()),
                (int)or(config.maxConnections(), defaults.maxConnections()),
                (int)or(config.maxConnectionsPerAddress(), defaults.maxConnectionsPerAddress()),
                (int)or(config.maxReportBuilds(), defaults.maxReportBuilds()),
                (int)or(config.maxReportBuildsPerUser(), defaults.maxReportBuildsPerUser()));
        }

        private static long or(final Number value, final long otherwise)
        {
            return value == null ? otherwise : value.longValue();
        }
    }

    /**
     * A configuration without HTTP API users.
     */
    public ExchangeConfig(
        final ServerConfig server,
        final SchemeConfig scheme,
        final List<InstrumentConfig> instruments,
        final List<AccountConfig> accounts,
        final List<SessionConfig> sessions)
    {
        this(server, scheme, instruments, accounts, sessions, List.of());
    }

    /**
     * @return this configuration with other server settings.
     */
    public ExchangeConfig withServer(final ServerConfig newServer)
    {
        return new ExchangeConfig(newServer, scheme, instruments, accounts, sessions, apiUsers, http, dropCopy,
            cluster);
    }

    /**
     * @return this configuration with these drop-copy sessions instead of its own.
     */
    public ExchangeConfig withDropCopy(final List<DropCopyConfig> newDropCopy)
    {
        return new ExchangeConfig(server, scheme, instruments, accounts, sessions, apiUsers, http, newDropCopy,
            cluster);
    }

    /**
     * @param newCluster the cluster to run on, or null for a single node.
     * @return this configuration on another cluster, or on a single node.
     */
    public ExchangeConfig withCluster(final ClusterConfig newCluster)
    {
        return new ExchangeConfig(server, scheme, instruments, accounts, sessions, apiUsers, http, dropCopy,
            newCluster);
    }

    /**
     * @param fixPort           TCP port of the FIX acceptor.
     * @param dataFolder        where the journal, snapshots and FIX session stores live.
     * @param bookCapacity      the most orders that may rest in one book.
     * @param httpPort          TCP port of the HTTP API (0 picks a free port); absent: no HTTP API.
     * @param bindAddress       the IP address of the interface the FIX acceptor and the HTTP API listen on; absent:
     *                          127.0.0.1, so a server is reachable from other machines only when its file says so.
     * @param demo              whether the published demo credentials (passwordless sessions, the README's tokens)
     *                          are accepted; absent: false, and a file holding one is refused at start.
     * @param journalDurability PAGE_CACHE or SYNC_PER_BATCH (see {@link JournalDurability}); absent: PAGE_CACHE.
     * @param serialRangeCapacity serial ranges the registry makes room for at start, 16 bytes each, so that trading
     *                          allocates nothing until holdings' serials fragment into more ranges than this; absent:
     *                          {@link ExchangeSettings#DEFAULT_SERIAL_RANGE_CAPACITY}.
     * @param threads           how many threads serve FIX and how the engine's threads wait; absent: the defaults of
     *                          {@link ThreadsConfig}.
     * @param scheduler         whether the trading scheduler publishes the calendar's phases and ends of day;
     *                          absent: false, phases and ends of day are sent by hand.
     */
    /**
     * The analytic store (see docs/operations.md, Analytic store), each setting optional.
     *
     * @param enabled           whether the server keeps the store and serves the reports, SQL and exports from it;
     *                          absent: true. Off, the reports replay the journal per request and /sql, /export and
     *                          /analytics answer 404.
     * @param path              the DuckDB file, relative to the data folder; absent: analytics/carbonx.duckdb.
     * @param sqlMaxRows        rows a POST /sql answers at most; absent: 10000.
     * @param sqlTimeoutSeconds how long a POST /sql query may run; absent: 10.
     */
    public record AnalyticsConfig(Boolean enabled, String path, Integer sqlMaxRows, Integer sqlTimeoutSeconds)
    {
        public static final AnalyticsConfig DEFAULTS = new AnalyticsConfig(null, null, null, null);
        public static final String DEFAULT_PATH = "analytics/carbonx.duckdb";

        public AnalyticsConfig
        {
            if (sqlMaxRows != null && sqlMaxRows < 1)
            {
                throw new ConfigException("server.analytics.sqlMaxRows", "must be at least 1, was " + sqlMaxRows);
            }
            if (sqlTimeoutSeconds != null && sqlTimeoutSeconds < 1)
            {
                throw new ConfigException("server.analytics.sqlTimeoutSeconds",
                    "must be at least 1, was " + sqlTimeoutSeconds);
            }
        }

        public boolean on()
        {
            return enabled == null || enabled;
        }

        public Path file(final Path dataFolder)
        {
            return dataFolder.resolve(path == null ? DEFAULT_PATH : path);
        }

        public int sqlMaxRowsOrDefault()
        {
            return sqlMaxRows == null ? 10_000 : sqlMaxRows;
        }

        public int sqlTimeoutSecondsOrDefault()
        {
            return sqlTimeoutSeconds == null ? 10 : sqlTimeoutSeconds;
        }
    }

    public record ServerConfig(
        @JsonProperty(required = true) int fixPort,
        @JsonProperty(required = true) String dataFolder,
        @JsonProperty(defaultValue = "100000") Integer bookCapacity,
        Integer httpPort,
        String bindAddress,
        Boolean demo,
        String journalDurability,
        Long serialRangeCapacity,
        ThreadsConfig threads,
        Boolean scheduler,
        AnalyticsConfig analytics)
    {
        /** Where a server listens when its configuration does not say: this machine only. */
        public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

        /**
         * A server without the HTTP API.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity)
        {
            this(fixPort, dataFolder, bookCapacity, null);
        }

        /**
         * A server on loopback, outside demo mode, journaling to the page cache.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity,
            final Integer httpPort)
        {
            this(fixPort, dataFolder, bookCapacity, httpPort, null, null, null);
        }

        /**
         * A server with the default serial range capacity.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity,
            final Integer httpPort, final String bindAddress, final Boolean demo, final String journalDurability)
        {
            this(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo, journalDurability, null);
        }

        /**
         * A server with the default thread settings.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity,
            final Integer httpPort, final String bindAddress, final Boolean demo, final String journalDurability,
            final Long serialRangeCapacity)
        {
            this(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo, journalDurability,
                serialRangeCapacity, null);
        }

        /**
         * A server without the trading scheduler.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity,
            final Integer httpPort, final String bindAddress, final Boolean demo, final String journalDurability,
            final Long serialRangeCapacity, final ThreadsConfig threads)
        {
            this(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo, journalDurability,
                serialRangeCapacity, threads, null);
        }

        /**
         * A server with the analytic store's defaults.
         */
        public ServerConfig(final int fixPort, final String dataFolder, final Integer bookCapacity,
            final Integer httpPort, final String bindAddress, final Boolean demo, final String journalDurability,
            final Long serialRangeCapacity, final ThreadsConfig threads, final Boolean scheduler)
        {
            this(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo, journalDurability,
                serialRangeCapacity, threads, scheduler, null);
        }

        /**
         * @param newAnalytics the analytic store's settings, or null for the defaults.
         * @return this server with other analytic store settings.
         */
        public ServerConfig withAnalytics(final AnalyticsConfig newAnalytics)
        {
            return new ServerConfig(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo,
                journalDurability, serialRangeCapacity, threads, scheduler, newAnalytics);
        }

        /**
         * @return the analytic store's settings, the defaults where the configuration has none.
         */
        public AnalyticsConfig analyticsOrDefault()
        {
            return analytics == null ? AnalyticsConfig.DEFAULTS : analytics;
        }

        /**
         * @return this server in demo mode, or out of it.
         */
        public ServerConfig withDemo(final boolean demoMode)
        {
            return new ServerConfig(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demoMode,
                journalDurability, serialRangeCapacity, threads, scheduler, analytics);
        }

        /**
         * @param newThreads the thread settings, or null for the defaults.
         * @return this server with other thread settings.
         */
        public ServerConfig withThreads(final ThreadsConfig newThreads)
        {
            return new ServerConfig(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo,
                journalDurability, serialRangeCapacity, newThreads, scheduler, analytics);
        }

        /**
         * @param on whether the trading scheduler runs; null: it does not.
         * @return this server with the scheduler on or off.
         */
        public ServerConfig withScheduler(final Boolean on)
        {
            return new ServerConfig(fixPort, dataFolder, bookCapacity, httpPort, bindAddress, demo,
                journalDurability, serialRangeCapacity, threads, on, analytics);
        }

        /**
         * @return the thread settings, the defaults where the configuration has none.
         */
        public ThreadsConfig threadsOrDefault()
        {
            return threads == null ? ThreadsConfig.DEFAULTS : threads;
        }

        public Path dataPath()
        {
            return Path.of(dataFolder);
        }

        public int bookCapacityOrDefault()
        {
            return bookCapacity == null ? 100_000 : bookCapacity;
        }

        public long serialRangeCapacityOrDefault()
        {
            return serialRangeCapacity == null ? ExchangeSettings.DEFAULT_SERIAL_RANGE_CAPACITY : serialRangeCapacity;
        }

        public String bindAddressOrDefault()
        {
            return bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
        }

        public boolean schedulerOn()
        {
            return Boolean.TRUE.equals(scheduler);
        }

        public boolean demoMode()
        {
            return Boolean.TRUE.equals(demo);
        }

        /**
         * @throws ConfigException when journalDurability names no durability.
         */
        public JournalDurability journalDurabilityOrDefault()
        {
            return exactName("server.journalDurability", journalDurability, JournalDurability.values(),
                JournalDurability.PAGE_CACHE);
        }
    }

    /**
     * The server's {@code threads} section: how many threads serve the FIX connections and how the engine's threads
     * wait for work. Each setting is optional. The defaults suit a machine with two cores (the floor the exchange must
     * run well on, see docs/operations.md#threads): one FIX event loop, and {@link WaitStrategyType#BACKOFF} on both
     * of the engine's rings, so that no thread spins while the exchange is idle and no thread takes a core the
     * threads with work need.
     *
     * @param fixSessionThreads   event loops ({@code FixAcceptorConfig#sessionThreads}) the FIX sessions are spread
     *                            over, {@value #MIN_FIX_SESSION_THREADS}..{@value #MAX_FIX_SESSION_THREADS}; absent:
     *                            {@link FixAcceptorConfig#DEFAULT_SESSION_THREADS}.
     * @param commandWaitStrategy how the business-logic thread waits for commands: a {@link WaitStrategyType} name;
     *                            absent: {@link #DEFAULT_WAIT_STRATEGY}.
     * @param eventWaitStrategy   how each event listener thread (execution reports, market data, the HTTP API's
     *                            answers) waits for events: a {@link WaitStrategyType} name; absent:
     *                            {@link #DEFAULT_WAIT_STRATEGY}.
     * @param fixIoIdleStrategy   what the FIX event loops do while idle: an {@link IoIdleStrategy} name, BLOCKING (in
     *                            select, no CPU) or SPINNING (one busy core per loop, a wake-up less per message);
     *                            absent: BLOCKING.
     */
    public record ThreadsConfig(
        Integer fixSessionThreads,
        String commandWaitStrategy,
        String eventWaitStrategy,
        String fixIoIdleStrategy)
    {
        public static final int MIN_FIX_SESSION_THREADS = 1;
        /** More event loops than this would only contend for the cores; one loop serves many sessions. */
        public static final int MAX_FIX_SESSION_THREADS = 64;
        /** The engine's own default ({@code EngineSettings}): no CPU while idle, never blocked while busy. */
        public static final WaitStrategyType DEFAULT_WAIT_STRATEGY = WaitStrategyType.BACKOFF;
        /** Every setting absent. */
        public static final ThreadsConfig DEFAULTS = new ThreadsConfig(null, null, null, null);

        public int fixSessionThreadsOrDefault()
        {
            return fixSessionThreads == null ? FixAcceptorConfig.DEFAULT_SESSION_THREADS : fixSessionThreads;
        }

        /**
         * @throws ConfigException when commandWaitStrategy names no wait strategy.
         */
        public WaitStrategyType commandWaitStrategyOrDefault()
        {
            return waitStrategy("server.threads.commandWaitStrategy", commandWaitStrategy);
        }

        /**
         * @throws ConfigException when eventWaitStrategy names no wait strategy.
         */
        public WaitStrategyType eventWaitStrategyOrDefault()
        {
            return waitStrategy("server.threads.eventWaitStrategy", eventWaitStrategy);
        }

        /**
         * @throws ConfigException when fixIoIdleStrategy names no idle strategy.
         */
        public IoIdleStrategy fixIoIdleStrategyOrDefault()
        {
            return exactName("server.threads.fixIoIdleStrategy", fixIoIdleStrategy, IoIdleStrategy.values(),
                IoIdleStrategy.BLOCKING);
        }

        /**
         * @param eventListeners the engine's event listener threads, each of which waits as eventWaitStrategy says.
         * @return how many threads keep a core busy while the exchange is idle: the engine's whose wait strategy is
         * YIELDING or BUSY_SPIN, and the FIX event loops when they spin.
         */
        public int busyThreads(final int eventListeners)
        {
            return (busy(commandWaitStrategyOrDefault()) ? 1 : 0) +
                (busy(eventWaitStrategyOrDefault()) ? eventListeners : 0) +
                (fixIoIdleStrategyOrDefault() == IoIdleStrategy.SPINNING ? fixSessionThreadsOrDefault() : 0);
        }

        /**
         * @throws ConfigException naming the first setting out of range or naming nothing known.
         */
        public void validate()
        {
            if (fixSessionThreads != null &&
                (fixSessionThreads < MIN_FIX_SESSION_THREADS || fixSessionThreads > MAX_FIX_SESSION_THREADS))
            {
                throw new ConfigException("server.threads.fixSessionThreads", "must be " + MIN_FIX_SESSION_THREADS +
                    ".." + MAX_FIX_SESSION_THREADS + ", was " + fixSessionThreads);
            }
            commandWaitStrategyOrDefault();
            eventWaitStrategyOrDefault();
            fixIoIdleStrategyOrDefault();
        }

        private static boolean busy(final WaitStrategyType strategy)
        {
            return strategy == WaitStrategyType.YIELDING || strategy == WaitStrategyType.BUSY_SPIN;
        }

        /**
         * Names are matched exactly, as journalDurability's are: a near miss such as 'backoff' is an error, not a
         * guess.
         */
        private static WaitStrategyType waitStrategy(final String path, final String name)
        {
            return exactName(path, name, WaitStrategyType.values(), DEFAULT_WAIT_STRATEGY);
        }
    }

    /**
     * @param name            for people, e.g. "China national ETS".
     * @param feeAccount      the exchange's account that collects fees.
     * @param buyerFee        e.g. "3bps" or "0.05/t".
     * @param sellerFee       as buyerFee.
     * @param holdingLimits   tonnes per account type (COMPLIANCE: allocation plus this); missing types are unlimited.
     * @param blockThreshold  the least quantity of a block trade in tonnes; absent: 100,000.
     * @param blockPriceBandBps how far a block trade's price may be from the reference price; absent: 3000 (30%).
     * @param blockTradesInClose whether block trades count in the closing-price VWAP; absent: false.
     * @param preset          the compliance rules to start from: CHINA_NATIONAL (when absent), EU_ETS or CALIFORNIA.
     * @param compliance      overrides of the preset's compliance rules; absent: the preset as it is.
     * @param calendar        the trading calendar; absent: every day trades, in UTC, with no sessions.
     * @param referencePriceWindow which month before a deadline makes a market-price fine's reference price:
     *                        CALENDAR_MONTH_BEFORE (when absent) or MONTH_BEFORE_DEADLINE, in the calendar's zone.
     * @param fourEyes        the commands a regulator may only propose, for another regulator to approve; absent:
     *                        none.
     * @param surveillance    the thresholds of the surveillance rules; absent: their defaults.
     */
    public record SchemeConfig(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) long feeAccount,
        @JsonProperty(required = true) String buyerFee,
        @JsonProperty(required = true) String sellerFee,
        Map<String, Long> holdingLimits,
        Long blockThreshold,
        Integer blockPriceBandBps,
        Boolean blockTradesInClose,
        String preset,
        ComplianceConfig compliance,
        CalendarConfig calendar,
        String referencePriceWindow,
        FourEyesConfig fourEyes,
        SurveillanceConfig surveillance)
    {
        /**
         * A scheme with the default surveillance thresholds.
         */
        public SchemeConfig(final String name, final long feeAccount, final String buyerFee, final String sellerFee,
            final Map<String, Long> holdingLimits, final Long blockThreshold, final Integer blockPriceBandBps,
            final Boolean blockTradesInClose, final String preset, final ComplianceConfig compliance,
            final CalendarConfig calendar, final String referencePriceWindow, final FourEyesConfig fourEyes)
        {
            this(name, feeAccount, buyerFee, sellerFee, holdingLimits, blockThreshold, blockPriceBandBps,
                blockTradesInClose, preset, compliance, calendar, referencePriceWindow, fourEyes, null);
        }

        /**
         * A scheme with the default calendar and reference-price window, without a four-eyes rule.
         */
        public SchemeConfig(final String name, final long feeAccount, final String buyerFee, final String sellerFee,
            final Map<String, Long> holdingLimits, final Long blockThreshold, final Integer blockPriceBandBps,
            final Boolean blockTradesInClose, final String preset, final ComplianceConfig compliance)
        {
            this(name, feeAccount, buyerFee, sellerFee, holdingLimits, blockThreshold, blockPriceBandBps,
                blockTradesInClose, preset, compliance, null, null, null, null);
        }
    }

    /**
     * The scheme's four-eyes rule.
     *
     * @param commands                the HTTP command names that need a second regulator's approval: any of
     *                                issue-units, allocate-allowances, close-compliance-year.
     * @param proposalLifetimeSeconds how long a proposal may be approved; absent: a day.
     */
    public record FourEyesConfig(List<String> commands, Long proposalLifetimeSeconds)
    {
    }

    /**
     * The scheme's surveillance thresholds, each optional (defaults in docs/reports.md, Surveillance).
     *
     * @param washTradeWindowSeconds two accounts of one broker or owner trading both ways within this long: a wash
     *                               trade.
     * @param owners                 owner name to the accounts it owns (two or more), for the wash-trade rule.
     * @param largeOrderQuantity     tonnes from which an order counts for layering.
     * @param layeringCancelMillis   a large order cancelled within this long of its placement is a quick cancel.
     * @param layeringCount          quick cancels of one account and instrument that make layering ...
     * @param layeringWindowSeconds  ... within this long.
     * @param largeHolderThreshold   tonnes from which a holding is large.
     * @param concentrationShareBps  share of an instrument's units in existence from which a holding is concentrated.
     * @param priceNearBandBps       a trade this close to a price band edge (bps of the reference price) alerts.
     * @param holdingLimitShareBps   share of an account's holding limit from which a holding is concentrated.
     */
    public record SurveillanceConfig(
        Long washTradeWindowSeconds,
        Map<String, List<Long>> owners,
        Long largeOrderQuantity,
        Long layeringCancelMillis,
        Integer layeringCount,
        Long layeringWindowSeconds,
        Long largeHolderThreshold,
        Integer concentrationShareBps,
        Integer priceNearBandBps,
        Integer holdingLimitShareBps)
    {
    }

    /**
     * The scheme's trading calendar; every key is optional.
     *
     * @param zone        the time zone, e.g. "Asia/Shanghai"; absent: UTC.
     * @param tradingDays the weekdays that trade, e.g. [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]; absent: all.
     * @param holidays    dates yyyy-mm-dd without trading although their weekday trades.
     * @param sessions    the day's continuous sessions, "HH:MM-HH:MM" in local time, in order; absent: none, and
     *                    the scheduler has nothing to publish.
     */
    public record CalendarConfig(
        String zone,
        List<String> tradingDays,
        List<String> holidays,
        List<String> sessions)
    {
    }

    /**
     * Overrides of a preset's compliance rules; every key is optional and an absent key keeps the preset's value.
     *
     * @param currency                  ISO code, e.g. "CNY".
     * @param offsetCapBps              offsets and sink credits counted, in basis points of verified emissions.
     * @param offsetCapBpsFrom          later caps by first compliance year, e.g. {2026: 600}.
     * @param offsetsEligible           OFFSET instruments count (inside the cap).
     * @param sinksEligible             SINK instruments count (inside the cap).
     * @param banking                   allowances of earlier vintages count.
     * @param borrowing                 allowances of later vintages count.
     * @param penaltyPriceMultiple      fine per tonne short as a multiple of the month-before-deadline average price,
     *                                  within the preset's bounds (China 5..10).
     * @param penaltyPerTonne           fine per tonne short, e.g. "100.00", before indexing.
     * @param penaltyIndexBps           per compliance year, the index applied to penaltyPerTonne, e.g. {2025: 12500}.
     * @param nextYearDeductionMultiple times the shortfall withheld from next year's allocation.
     * @param carryForwardMultiple      times the carryBasis tonnes added to next year's obligation.
     * @param fineBasis                 DEADLINE (every tonne not surrendered by the deadline is fined, EU) or CLOSE.
     * @param deductionBasis            DEADLINE or CLOSE (China: a late surrender before the close, within the
     *                                  correction period, avoids the allocation cut).
     * @param carryBasis                DEADLINE (California: 4 x the tonnes not surrendered on time, whatever came
     *                                  later) or CLOSE (EU: what is still owed at the close).
     * @param carriedOffsetShareBps     share of a carried obligation that may be met with offsets (California 2500).
     * @param penaltyIndexRequired      refuse to close a year without a penaltyIndexBps entry (EU: true).
     * @param fineDueDays               a fine is due this many days after the close that assessed it.
     * @param inclusionEligible         CARBON_INCLUSION instruments (e.g. PHCER) count (inside the cap); else they
     *                                  serve voluntary retirement only.
     * @param offsetProjectsRegisteredFrom a date, yyyy-mm-dd: offsets, sink and carbon-inclusion credits count only
     *                                  from projects registered on or after it.
     * @param offsetLabelsRequired      labels (ARTICLE6_AUTHORISED, CORRESPONDING_ADJUSTMENT, CORSIA_ELIGIBLE) every
     *                                  counted offset, sink or carbon-inclusion credit must carry.
     */
    public record ComplianceConfig(
        String currency,
        Integer offsetCapBps,
        Map<Integer, Integer> offsetCapBpsFrom,
        Boolean offsetsEligible,
        Boolean sinksEligible,
        Boolean banking,
        Boolean borrowing,
        Long penaltyPriceMultiple,
        String penaltyPerTonne,
        Map<Integer, Integer> penaltyIndexBps,
        Long nextYearDeductionMultiple,
        Long carryForwardMultiple,
        String fineBasis,
        String deductionBasis,
        String carryBasis,
        Integer carriedOffsetShareBps,
        Boolean penaltyIndexRequired,
        Integer fineDueDays,
        Boolean inclusionEligible,
        String offsetProjectsRegisteredFrom,
        List<String> offsetLabelsRequired)
    {
    }

    /**
     * @param referencePrice the previous close, e.g. "90.00".
     * @param tick           price increment, e.g. "0.01".
     * @param priceBandBps   distance from the reference price an order may have, in basis points (1000 = 10%).
     */
    public record InstrumentConfig(
        @JsonProperty(required = true) int id,
        @JsonProperty(required = true) String symbol,
        @JsonProperty(required = true) String kind,
        int vintage,
        @JsonProperty(required = true) String tick,
        @JsonProperty(required = true) long lot,
        @JsonProperty(required = true) long minQuantity,
        @JsonProperty(required = true) long maxQuantity,
        @JsonProperty(required = true) int priceBandBps,
        @JsonProperty(required = true) String referencePrice,
        String selfTradePolicy)
    {
    }

    /**
     * @param holdings units credited at first start, by instrument symbol.
     * @param cash     credited at first start, e.g. "1000000.00".
     */
    public record AccountConfig(
        @JsonProperty(required = true) long id,
        @JsonProperty(required = true) String type,
        String name,
        String cash,
        Map<String, Long> holdings)
    {
    }

    /**
     * @param senderCompId       the member's CompID (tag 49 of what it sends).
     * @param targetCompId       the exchange's CompID in this session (tag 56 of what the member sends).
     * @param passwordHash       as printed by {@code carbonx-server hash-password}; absent: no password.
     * @param role               BROKER, ENTERPRISE or REGULATOR.
     * @param brokerId           the member number orders are sent under; 0: the session trades only its own accounts.
     * @param accounts           the accounts the session may trade for.
     * @param messagesPerSecond  inbound rate limit.
     * @param cancelOnDisconnect cancel the session's working orders when it disconnects.
     */
    public record SessionConfig(
        @JsonProperty(required = true) String senderCompId,
        @JsonProperty(required = true) String targetCompId,
        String passwordHash,
        @JsonProperty(required = true) String role,
        int brokerId,
        @JsonProperty(required = true) List<Long> accounts,
        Integer messagesPerSecond,
        boolean cancelOnDisconnect)
    {
    }

    /**
     * A read-only FIX drop-copy session: it is sent a copy (CopyMsgIndicator 797=Y) of every ExecutionReport the
     * exchange sends a member about an account it covers, and may send nothing but session messages. Give either
     * {@code accounts} or {@code brokerId}.
     *
     * @param senderCompId the drop-copy client's CompID (tag 49 of what it sends).
     * @param targetCompId the exchange's CompID in this session (tag 56 of what it sends).
     * @param passwordHash as printed by {@code carbonx-server hash-password}; absent: no password.
     * @param accounts     {@code all} (a regulator's: every account) or a list of account ids.
     * @param brokerId     a broker's member number: the accounts of every session in {@code sessions} with that
     *                     brokerId, which are the accounts linked to the broker in the registry at genesis.
     */
    public record DropCopyConfig(
        @JsonProperty(required = true) String senderCompId,
        @JsonProperty(required = true) String targetCompId,
        String passwordHash,
        Object accounts,
        Integer brokerId)
    {
        /** The value of {@code accounts} that covers every account. */
        public static final String ALL_ACCOUNTS = "all";

        /**
         * @return whether the session covers every account.
         */
        public boolean allAccounts()
        {
            return ALL_ACCOUNTS.equals(accounts);
        }

        /**
         * The accounts a drop copy of a configuration covers, when it does not cover all.
         *
         * @param sessions the configuration's sessions, which give a broker's accounts.
         * @return the account ids, in the order given.
         */
        public List<Long> coveredAccounts(final List<SessionConfig> sessions)
        {
            final Set<Long> covered = new LinkedHashSet<>();
            if (brokerId != null)
            {
                for (final SessionConfig session : sessions)
                {
                    if (session.brokerId() == brokerId)
                    {
                        covered.addAll(session.accounts());
                    }
                }
            }
            else if (accounts instanceof List<?> list)
            {
                for (final Object account : list)
                {
                    covered.add(((Number)account).longValue());
                }
            }
            return List.copyOf(covered);
        }
    }

    /**
     * A user of the HTTP API, who sends {@code Authorization: Bearer <token>}.
     *
     * @param name      for logs and messages.
     * @param tokenHash the token's hash as printed by {@code carbonx-server hash-password TOKEN}.
     * @param role      REGULATOR, ENTERPRISE or BROKER.
     * @param accounts  the accounts an enterprise owns or a broker acts for.
     * @param brokerId  a broker's member number: it may also act for every account linked to it in the registry.
     */
    public record ApiUserConfig(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String tokenHash,
        @JsonProperty(required = true) String role,
        List<Long> accounts,
        int brokerId)
    {
        public ApiUserConfig
        {
            accounts = accounts == null ? List.of() : accounts;
        }

        public ApiUsers.Credential credential()
        {
            return new ApiUsers.Credential(name, tokenHash, role, accounts, brokerId);
        }
    }

    /**
     * Check what the types alone cannot: ranges, references between sections, duplicates.
     *
     * @return this configuration.
     * @throws ConfigException naming the first problem found.
     */
    public ExchangeConfig validate()
    {
        if (server.fixPort() < 0 || server.fixPort() > 65_535)
        {
            throw new ConfigException("server.fixPort", "must be 0..65535, was " + server.fixPort());
        }
        if (server.httpPort() != null && (server.httpPort() < 0 || server.httpPort() > 65_535))
        {
            throw new ConfigException("server.httpPort", "must be 0..65535, was " + server.httpPort());
        }
        if (server.dataFolder().isBlank())
        {
            throw new ConfigException("server.dataFolder", "must not be blank");
        }
        if (server.bookCapacityOrDefault() < 1)
        {
            throw new ConfigException("server.bookCapacity", "must be positive");
        }
        if (server.serialRangeCapacityOrDefault() < 0)
        {
            throw new ConfigException("server.serialRangeCapacity", "must not be negative");
        }
        validateBindAddress(server.bindAddressOrDefault());
        server.journalDurabilityOrDefault(); // throws naming the key when it names no durability
        server.threadsOrDefault().validate();
        final Set<String> symbols = new HashSet<>();
        final Set<Integer> instrumentIds = new HashSet<>();
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentConfig instrument = instruments.get(i);
            if (!instrumentIds.add(instrument.id()))
            {
                throw new ConfigException("instruments[" + i + "].id", "duplicate instrument id " + instrument.id());
            }
            if (!symbols.add(instrument.symbol()))
            {
                throw new ConfigException("instruments[" + i + "].symbol", "duplicate symbol " + instrument.symbol());
            }
        }
        final Set<Long> accountIds = new HashSet<>();
        accountIds.add(scheme.feeAccount());
        for (int i = 0; i < accounts.size(); i++)
        {
            final AccountConfig account = accounts.get(i);
            if (!accountIds.add(account.id()))
            {
                throw new ConfigException("accounts[" + i + "].id", "duplicate account id " + account.id() +
                    (account.id() == scheme.feeAccount() ? " (it is the scheme's fee account)" : ""));
            }
            if (account.holdings() != null)
            {
                for (final Map.Entry<String, Long> holding : account.holdings().entrySet())
                {
                    if (!symbols.contains(holding.getKey()))
                    {
                        throw new ConfigException("accounts[" + i + "].holdings." + holding.getKey(),
                            "no such instrument");
                    }
                    if (holding.getValue() == null || holding.getValue() <= 0)
                    {
                        throw new ConfigException("accounts[" + i + "].holdings." + holding.getKey(),
                            "must be positive");
                    }
                }
            }
        }
        final Set<String> sessionKeys = new HashSet<>();
        for (int i = 0; i < sessions.size(); i++)
        {
            final SessionConfig session = sessions.get(i);
            if (!sessionKeys.add(session.senderCompId() + "->" + session.targetCompId()))
            {
                throw new ConfigException("sessions[" + i + "]",
                    "duplicate session " + session.senderCompId() + " -> " + session.targetCompId());
            }
            for (int a = 0; a < session.accounts().size(); a++)
            {
                if (!accountIds.contains(session.accounts().get(a)))
                {
                    throw new ConfigException("sessions[" + i + "].accounts[" + a + "]",
                        "no such account " + session.accounts().get(a));
                }
            }
            if (session.messagesPerSecond() != null && session.messagesPerSecond() < 1)
            {
                throw new ConfigException("sessions[" + i + "].messagesPerSecond", "must be positive");
            }
            if (session.brokerId() < 0)
            {
                throw new ConfigException("sessions[" + i + "].brokerId", "must not be negative");
            }
        }
        validateDropCopies(accountIds, sessionKeys);
        validateApiUsers(accountIds);
        validateHttp();
        if (cluster != null)
        {
            cluster.validate(server);
        }
        return this;
    }

    /**
     * Each drop copy: CompIDs of no other session, and exactly one scope, {@code accounts} (all, or existing account
     * ids) or {@code brokerId} (a broker some session trades for).
     */
    private void validateDropCopies(final Set<Long> accountIds, final Set<String> sessionKeys)
    {
        final Set<Integer> brokerIds = new HashSet<>();
        sessions.forEach(session -> brokerIds.add(session.brokerId()));
        for (int i = 0; i < dropCopy.size(); i++)
        {
            final DropCopyConfig copy = dropCopy.get(i);
            final String path = "dropCopy[" + i + "]";
            if (copy.senderCompId().isBlank() || copy.targetCompId().isBlank())
            {
                throw new ConfigException(path, "senderCompId and targetCompId must not be blank");
            }
            if (!sessionKeys.add(copy.senderCompId() + "->" + copy.targetCompId()))
            {
                throw new ConfigException(path, "duplicate session " + copy.senderCompId() + " -> " +
                    copy.targetCompId() + ": a drop copy needs CompIDs of its own, not those of another session");
            }
            if ((copy.accounts() == null) == (copy.brokerId() == null))
            {
                throw new ConfigException(path, "give either accounts (all, or a list of account ids) or brokerId " +
                    "(a broker's accounts), " + (copy.accounts() == null ? "not neither" : "not both"));
            }
            if (copy.brokerId() != null)
            {
                if (copy.brokerId() <= 0 || !brokerIds.contains(copy.brokerId()))
                {
                    throw new ConfigException(path + ".brokerId", "no session in sessions has brokerId " +
                        copy.brokerId() + ", so it covers no account");
                }
                continue;
            }
            if (copy.accounts() instanceof String text)
            {
                if (!DropCopyConfig.ALL_ACCOUNTS.equals(text))
                {
                    throw new ConfigException(path + ".accounts",
                        "must be 'all' or a list of account ids, was '" + text + "'");
                }
                continue;
            }
            if (!(copy.accounts() instanceof List<?> list) || list.isEmpty())
            {
                throw new ConfigException(path + ".accounts",
                    "must be 'all' or a non-empty list of account ids, was " + copy.accounts());
            }
            for (int a = 0; a < list.size(); a++)
            {
                final Object account = list.get(a);
                if (!(account instanceof Integer || account instanceof Long) ||
                    !accountIds.contains(((Number)account).longValue()))
                {
                    throw new ConfigException(path + ".accounts[" + a + "]", "no such account " + account);
                }
            }
        }
    }

    /**
     * An IP literal, checked without a name lookup so a configuration is judged the same on every machine.
     */
    private static void validateBindAddress(final String address)
    {
        if (!NetUtil.isValidIpV4Address(address) && !NetUtil.isValidIpV6Address(address))
        {
            throw new ConfigException("server.bindAddress", "must be an IP address (127.0.0.1: this machine only; " +
                "0.0.0.0: every interface), was '" + address + "'");
        }
    }

    private void validateHttp()
    {
        if (http == null)
        {
            return;
        }
        final Map<String, Number> settings = new LinkedHashMap<>();
        settings.put("idleTimeoutMs", http.idleTimeoutMs());
        settings.put("requestTimeoutMs", http.requestTimeoutMs());
        settings.put("maxConnections", http.maxConnections());
        settings.put("maxConnectionsPerAddress", http.maxConnectionsPerAddress());
        settings.put("maxReportBuilds", http.maxReportBuilds());
        settings.put("maxReportBuildsPerUser", http.maxReportBuildsPerUser());
        settings.put("consoleSessionSeconds", http.consoleSessionSeconds());
        settings.forEach((name, value) ->
        {
            if (value != null && value.longValue() < 1)
            {
                throw new ConfigException("http." + name, "must be positive, was " + value);
            }
        });
    }

    private void validateApiUsers(final Set<Long> accountIds)
    {
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < apiUsers.size(); i++)
        {
            final ApiUserConfig user = apiUsers.get(i);
            final String path = "apiUsers[" + i + "]";
            if (!names.add(user.name()))
            {
                throw new ConfigException(path + ".name", "duplicate user " + user.name());
            }
            if (user.name() == null || user.name().isEmpty() || user.name().indexOf('.') >= 0)
            {
                throw new ConfigException(path + ".name",
                    "must be non-empty without '.', since a token is <name>.<secret>, was '" + user.name() + "'");
            }
            if (!Set.of("REGULATOR", "ENTERPRISE", "BROKER").contains(user.role()))
            {
                throw new ConfigException(path + ".role", "must be REGULATOR, ENTERPRISE or BROKER, was '" +
                    user.role() + "'");
            }
            for (int a = 0; a < user.accounts().size(); a++)
            {
                if (!accountIds.contains(user.accounts().get(a)))
                {
                    throw new ConfigException(path + ".accounts[" + a + "]", "no such account " + user.accounts()
                        .get(a));
                }
            }
            if (user.brokerId() < 0)
            {
                throw new ConfigException(path + ".brokerId", "must not be negative");
            }
        }
    }

    /**
     * The constant of {@code values} named exactly {@code name}, or {@code absent} when there is no name: a near miss
     * such as 'backoff' is an error naming the setting and the choices, not a guess.
     *
     * @throws ConfigException when the name is none of the constants'.
     */
    static <E extends Enum<E>> E exactName(final String path, final String name, final E[] values, final E absent)
    {
        if (name == null)
        {
            return absent;
        }
        for (final E value : values)
        {
            if (value.name().equals(name))
            {
                return value;
            }
        }
        throw new ConfigException(path, "must be one of " + List.of(values) + ", was '" + name + "'");
    }
}
