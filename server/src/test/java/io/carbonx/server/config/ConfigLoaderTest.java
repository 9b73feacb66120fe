package io.carbonx.server.config;

import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.pipeline.WaitStrategyType;
import io.carbonx.fix.FixAcceptorConfig;
import io.carbonx.fix.IoIdleStrategy;
import io.carbonx.server.config.ExchangeConfig.ThreadsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest
{
    @Test
    void embeddedDefaultDescribesTheDemoMarket()
    {
        final ExchangeConfig config = ConfigLoader.loadDefault();
        final EngineSetup setup = new EngineSetup(config);

        assertEquals(List.of("CEA-2024", "CEA-2025", "CCER", "SINK-FOREST"),
            setup.instruments().stream().map(spec -> spec.symbol()).toList());
        assertEquals(88_50, setup.instruments().get(0).referencePrice());
        final ExchangeSettings settings = setup.settings();
        assertEquals(9000, settings.feeAccountId());
        assertEquals(300, settings.fees().buyerFee(100_00, 100), "3bps of 10,000.00");

        final List<byte[]> commands = new ArrayList<>();
        setup.genesis(1, commands::add);
        // 4 instruments; 6 accounts opened, 5 funded, 6 holdings issued; broker 1 linked to 2 accounts
        assertEquals(4 + 6 + 5 + 6 + 2, commands.size());
    }

    @Test
    void unknownKeyIsNamedWithItsPath()
    {
        final ConfigException error = assertThrows(ConfigException.class, () -> parse(defaultText()
            .replace("  bookCapacity: 100000", "  bookCapacity: 100000\n  bookCapacty: 5")));
        assertTrue(error.getMessage().startsWith("server: unknown key 'bookCapacty'"), error.getMessage());
    }

    @Test
    void wrongTypeIsNamedWithItsPath()
    {
        final ConfigException error = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("fixPort: 9880", "fixPort: ninety")));
        assertTrue(error.getMessage().startsWith("server.fixPort: "), error.getMessage());
    }

    @Test
    void missingKeyIsNamed()
    {
        final ConfigException error = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("  feeAccount: 9000", "")));
        assertTrue(error.getMessage().contains("feeAccount"), error.getMessage());
    }

    @Test
    void referencesBetweenSectionsAreChecked()
    {
        final ConfigException holding = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("CCER: 100000", "CCERX: 100000")));
        assertEquals("accounts[3].holdings.CCERX: no such instrument", holding.getMessage());

        final ConfigException session = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("accounts: [2001]", "accounts: [2009]")));
        assertEquals("sessions[1].accounts[0]: no such account 2009", session.getMessage());
    }

    @Test
    void amountsAndEnumsAreCheckedWhenTurnedIntoEngineSettings() throws IOException
    {
        final ConfigException price = assertThrows(ConfigException.class,
            () ->
                new EngineSetup(
                    parse(defaultText().replace("referencePrice: \"88.50\"", "referencePrice: \"88.505\""))));
        assertEquals("instruments[0].referencePrice: more than two decimals, or too large: '88.505'",
            price.getMessage());

        final ConfigException kind = assertThrows(ConfigException.class,
            () -> new EngineSetup(parse(defaultText().replace("kind: OFFSET", "kind: OFSET"))));
        assertEquals("instruments[2].kind: must be one of [ALLOWANCE, OFFSET, SINK, CARBON_INCLUSION], was 'OFSET'",
            kind.getMessage());

        final ConfigException fee = assertThrows(ConfigException.class,
            () -> new EngineSetup(parse(defaultText().replace("buyerFee: 3bps", "buyerFee: 3%"))).settings());
        assertTrue(fee.getMessage().startsWith("scheme.buyerFee: a fee is written"), fee.getMessage());
    }

    @Test
    void blockTradeRulesDefaultWhenAbsentAndAreChecked() throws IOException
    {
        final String withoutBlockKeys = defaultText().lines()
            .filter(line -> !line.trim().startsWith("block"))
            .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(new BlockTradeRules(100_000, 3_000, false),
            new EngineSetup(parse(withoutBlockKeys)).settings().blockTrades());
        assertEquals(new BlockTradeRules(50_000, 2_000, true), new EngineSetup(parse(defaultText()
            .replace("blockThreshold: 100000", "blockThreshold: 50000")
            .replace("blockPriceBandBps: 3000", "blockPriceBandBps: 2000")
            .replace("blockTradesInClose: false", "blockTradesInClose: true"))).settings().blockTrades());

        final ConfigException threshold = assertThrows(ConfigException.class, () -> new EngineSetup(
            parse(defaultText().replace("blockThreshold: 100000", "blockThreshold: 0"))).settings());
        assertEquals("scheme.blockThreshold: must be a positive number of tonnes", threshold.getMessage());
        final ConfigException band = assertThrows(ConfigException.class, () -> new EngineSetup(
            parse(defaultText().replace("blockPriceBandBps: 3000", "blockPriceBandBps: 10001"))).settings());
        assertEquals("scheme.blockPriceBandBps: must be 0 to 10000 basis points", band.getMessage());
    }

    @Test
    void apiUsersAreChecked()
    {
        final ExchangeConfig demo = ConfigLoader.loadDefault();
        assertEquals(8080, demo.server().httpPort());
        assertEquals(List.of("mee", "huaneng", "citic", "broker1"),
            demo.apiUsers().stream().map(ExchangeConfig.ApiUserConfig::name).toList());

        final ConfigException role = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("name: citic, role: ENTERPRISE", "name: citic, role: OWNER")));
        assertEquals("apiUsers[2].role: must be REGULATOR, ENTERPRISE or BROKER, was 'OWNER'", role.getMessage());
        final ConfigException account = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("accounts: [3001], tokenHash", "accounts: [3009], tokenHash")));
        assertEquals("apiUsers[2].accounts[0]: no such account 3009", account.getMessage());
        final ConfigException port = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("httpPort: 8080", "httpPort: 70000")));
        assertEquals("server.httpPort: must be 0..65535, was 70000", port.getMessage());
    }

    @Test
    void bindAddressDefaultsToLoopbackAndIsChecked() throws IOException
    {
        assertEquals("127.0.0.1", parse(defaultText()).server().bindAddressOrDefault());
        final String withoutBind = defaultText().lines()
            .filter(line -> !line.trim().startsWith("bindAddress"))
            .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(null, parse(withoutBind).server().bindAddress());
        assertEquals("127.0.0.1", parse(withoutBind).server().bindAddressOrDefault());
        assertEquals("0.0.0.0", parse(defaultText().replace("bindAddress: 127.0.0.1", "bindAddress: 0.0.0.0"))
            .server().bindAddressOrDefault());

        assertEquals("::1", parse(defaultText().replace("bindAddress: 127.0.0.1", "bindAddress: \"::1\""))
            .server().bindAddressOrDefault());

        for (final String wrong : List.of("\"  \"", "300.1.1.1", "localhost", "\"127.0.0.1 \""))
        {
            final ConfigException error = assertThrows(ConfigException.class,
                () -> parse(defaultText().replace("bindAddress: 127.0.0.1", "bindAddress: " + wrong)));
            assertEquals("server.bindAddress: must be an IP address (127.0.0.1: this machine only; 0.0.0.0: every " +
                "interface), was '" + wrong.replace("\"", "") + "'", error.getMessage());
        }
    }

    @Test
    void journalDurabilityIsReadAndChecked() throws IOException
    {
        assertEquals(JournalDurability.PAGE_CACHE, parse(defaultText()).server().journalDurabilityOrDefault());
        assertEquals(JournalDurability.SYNC_PER_BATCH, parse(defaultText()
            .replace("journalDurability: PAGE_CACHE", "journalDurability: SYNC_PER_BATCH"))
            .server().journalDurabilityOrDefault());
        final String withoutKey = defaultText().lines()
            .filter(line -> !line.trim().startsWith("journalDurability"))
            .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(JournalDurability.PAGE_CACHE, parse(withoutKey).server().journalDurabilityOrDefault());

        final ConfigException wrong = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("journalDurability: PAGE_CACHE", "journalDurability: FSYNC")));
        assertEquals("server.journalDurability: must be one of [PAGE_CACHE, SYNC_PER_BATCH], was 'FSYNC'",
            wrong.getMessage());
        final ConfigException lowerCase = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("journalDurability: PAGE_CACHE", "journalDurability: page_cache")));
        assertEquals("server.journalDurability: must be one of [PAGE_CACHE, SYNC_PER_BATCH], was 'page_cache'",
            lowerCase.getMessage());
    }

    @Test
    void serialRangeCapacityIsReadDefaultedAndChecked() throws IOException
    {
        final String line = "serialRangeCapacity: 1048576";
        assertTrue(defaultText().contains(line));
        assertEquals(1 << 20, new EngineSetup(parse(defaultText())).settings().serialRangeCapacity());
        assertEquals(5_000, new EngineSetup(parse(defaultText().replace(line, "serialRangeCapacity: 5000")))
            .settings().serialRangeCapacity());
        final String withoutKey = defaultText().lines()
            .filter(text -> !text.trim().startsWith("serialRangeCapacity"))
            .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(ExchangeSettings.DEFAULT_SERIAL_RANGE_CAPACITY,
            new EngineSetup(parse(withoutKey)).settings().serialRangeCapacity());
        assertEquals(77, parse(defaultText().replace(line, "serialRangeCapacity: 77")).server().withDemo(true)
            .serialRangeCapacityOrDefault(), "kept by withDemo");

        final ConfigException negative = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace(line, "serialRangeCapacity: -1")));
        assertEquals("server.serialRangeCapacity: must not be negative", negative.getMessage());
    }

    @Test
    void threadSettingsAreReadAndDefaultForTwoCores() throws IOException
    {
        final ThreadsConfig template = parse(defaultText()).server().threadsOrDefault();
        assertEquals(1, template.fixSessionThreadsOrDefault());
        assertEquals(WaitStrategyType.BACKOFF, template.commandWaitStrategyOrDefault());
        assertEquals(WaitStrategyType.BACKOFF, template.eventWaitStrategyOrDefault());
        assertEquals(IoIdleStrategy.BLOCKING, template.fixIoIdleStrategyOrDefault());
        assertEquals(IoIdleStrategy.SPINNING, parse(defaultText().replace("fixIoIdleStrategy: BLOCKING",
            "fixIoIdleStrategy: SPINNING")).server().threadsOrDefault().fixIoIdleStrategyOrDefault());
        assertEquals(FixAcceptorConfig.of("127.0.0.1", 0, Path.of("f"), List.of()).ioIdleStrategy(),
            ThreadsConfig.DEFAULTS.fixIoIdleStrategyOrDefault(), "the acceptor's own default");

        final ThreadsConfig chosen = parse(defaultText()
            .replace("fixSessionThreads: 1", "fixSessionThreads: 4")
            .replace("commandWaitStrategy: BACKOFF", "commandWaitStrategy: BUSY_SPIN")
            .replace("eventWaitStrategy: BACKOFF", "eventWaitStrategy: SLEEPING")).server().threadsOrDefault();
        assertEquals(new ThreadsConfig(4, "BUSY_SPIN", "SLEEPING", "BLOCKING"), chosen);
        assertEquals(4, chosen.fixSessionThreadsOrDefault());
        assertEquals(WaitStrategyType.BUSY_SPIN, chosen.commandWaitStrategyOrDefault());
        assertEquals(WaitStrategyType.SLEEPING, chosen.eventWaitStrategyOrDefault());
        for (final WaitStrategyType strategy : WaitStrategyType.values())
        {
            assertEquals(strategy, parse(defaultText().replace("eventWaitStrategy: BACKOFF",
                "eventWaitStrategy: " + strategy.name())).server().threadsOrDefault().eventWaitStrategyOrDefault());
        }

        final ExchangeConfig.ServerConfig bare = parse(withoutThreadsSection()).server();
        assertEquals(null, bare.threads());
        assertEquals(ThreadsConfig.DEFAULTS, bare.threadsOrDefault());
        assertEquals(template.fixSessionThreadsOrDefault(), bare.threadsOrDefault().fixSessionThreadsOrDefault());
        assertEquals(template.commandWaitStrategyOrDefault(), bare.threadsOrDefault().commandWaitStrategyOrDefault());
        assertEquals(template.eventWaitStrategyOrDefault(), bare.threadsOrDefault().eventWaitStrategyOrDefault());
        final String onlyOne = defaultText().replace("    commandWaitStrategy: BACKOFF", "    # none")
            .replace("    eventWaitStrategy: BACKOFF", "    # none")
            .replace("    fixIoIdleStrategy: BLOCKING", "    # none")
            .replace("fixSessionThreads: 1", "fixSessionThreads: 2");
        assertEquals(new ThreadsConfig(2, null, null, null), parse(onlyOne).server().threads());

        assertEquals(FixAcceptorConfig.DEFAULT_SESSION_THREADS, ThreadsConfig.DEFAULTS.fixSessionThreadsOrDefault(),
            "the acceptor's own default");
        final EngineSettings engineDefaults =
            EngineSettings.builder().journalDirectory(Path.of("j")).snapshotDirectory(Path.of("s")).build();
        assertEquals(engineDefaults.commandWaitStrategy(), ThreadsConfig.DEFAULTS.commandWaitStrategyOrDefault(),
            "the engine's own default");
        assertEquals(engineDefaults.eventWaitStrategy(), ThreadsConfig.DEFAULTS.eventWaitStrategyOrDefault());

        final ThreadsConfig threads = new ThreadsConfig(3, "SLEEPING", "BLOCKING", null);
        assertEquals(threads, parse(defaultText()).server().withThreads(threads).withDemo(true).threads(),
            "kept by withDemo");
    }

    @Test
    void fixSessionThreadsOutOfRangeAreRefused() throws IOException
    {
        for (final String wrong : List.of("0", "-1", "65", "100000"))
        {
            final ConfigException error = assertThrows(ConfigException.class,
                () -> parse(defaultText().replace("fixSessionThreads: 1", "fixSessionThreads: " + wrong)));
            assertEquals("server.threads.fixSessionThreads: must be 1..64, was " + wrong, error.getMessage());
        }
        final ConfigException notANumber = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("fixSessionThreads: 1", "fixSessionThreads: two")));
        assertTrue(notANumber.getMessage().startsWith("server.threads.fixSessionThreads: "),
            notANumber.getMessage());
        final ConfigException fraction = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("fixSessionThreads: 1", "fixSessionThreads: 1.5")));
        assertTrue(fraction.getMessage().startsWith("server.threads.fixSessionThreads: "), fraction.getMessage());
        assertEquals(64, assertDoesNotThrowParse(defaultText().replace("fixSessionThreads: 1",
            "fixSessionThreads: 64")).server().threadsOrDefault().fixSessionThreadsOrDefault(), "64 is in range");
    }

    @Test
    void unknownWaitStrategiesAndThreadKeysAreRefusedByName() throws IOException
    {
        final String known = "[BLOCKING, BACKOFF, SLEEPING, YIELDING, BUSY_SPIN]";
        final ConfigException command = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("commandWaitStrategy: BACKOFF", "commandWaitStrategy: SPIN")));
        assertEquals("server.threads.commandWaitStrategy: must be one of " + known + ", was 'SPIN'",
            command.getMessage());
        final ConfigException event = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("eventWaitStrategy: BACKOFF", "eventWaitStrategy: backoff")));
        assertEquals("server.threads.eventWaitStrategy: must be one of " + known + ", was 'backoff'",
            event.getMessage(), "names are exact, as journalDurability's");
        final ConfigException blank = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("eventWaitStrategy: BACKOFF", "eventWaitStrategy: \"\"")));
        assertEquals("server.threads.eventWaitStrategy: must be one of " + known + ", was ''", blank.getMessage());

        final ConfigException idle = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("fixIoIdleStrategy: BLOCKING", "fixIoIdleStrategy: BUSY_SPIN")));
        assertEquals("server.threads.fixIoIdleStrategy: must be one of [BLOCKING, SPINNING], was 'BUSY_SPIN'",
            idle.getMessage(), "the FIX loops' choices are not the engine's");

        final ConfigException key = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("fixSessionThreads: 1", "fixSessionThreads: 1\n    ioThreads: 2")));
        assertTrue(key.getMessage().startsWith("server.threads: unknown key 'ioThreads'"), key.getMessage());
        assertTrue(key.getMessage().contains("fixSessionThreads"), "lists the known keys: " + key.getMessage());
        final String scalar = withoutThreadsSection().replace("  journalDurability:",
            "  threads: 4\n  journalDurability:");
        final ConfigException notASection = assertThrows(ConfigException.class, () -> parse(scalar));
        assertTrue(notASection.getMessage().startsWith("server.threads"), notASection.getMessage());
    }

    @Test
    void busyThreadsCountTheSpinningStrategies()
    {
        assertEquals(0, ThreadsConfig.DEFAULTS.busyThreads(3));
        assertEquals(0, new ThreadsConfig(1, "SLEEPING", "BLOCKING", null).busyThreads(3));
        assertEquals(1, new ThreadsConfig(1, "YIELDING", "BACKOFF", null).busyThreads(3));
        assertEquals(3, new ThreadsConfig(1, "BACKOFF", "BUSY_SPIN", null).busyThreads(3));
        assertEquals(4, new ThreadsConfig(1, "BUSY_SPIN", "YIELDING", null).busyThreads(3));
        assertEquals(2, new ThreadsConfig(2, "BACKOFF", "BACKOFF", "SPINNING").busyThreads(3), "spinning FIX loops");
        assertEquals(0, new ThreadsConfig(2, "BACKOFF", "BACKOFF", "BLOCKING").busyThreads(3));
    }

    @Test
    void onlyTheEmbeddedDefaultIsInDemoModeUnlessAFileSaysSo() throws IOException
    {
        assertTrue(ConfigLoader.loadDefault().server().demoMode(), "started with no file: demo mode");
        assertFalse(parse(defaultText()).server().demoMode(), "a copy of the template: not demo mode");
        assertTrue(parse(defaultText().replace("# demo: true", "demo: true")).server().demoMode());
        assertFalse(parse(defaultText().replace("# demo: true", "demo: false")).server().demoMode());
        final ConfigException wrong = assertThrows(ConfigException.class,
            () -> parse(defaultText().replace("# demo: true", "demo: sometimes")));
        assertTrue(wrong.getMessage().startsWith("server.demo: "), wrong.getMessage());
    }

    @Test
    void missingFileIsReportedWithItsPath(@TempDir final Path folder)
    {
        final ConfigException error =
            assertThrows(ConfigException.class, () -> ConfigLoader.load(folder.resolve("no.yaml")));
        assertTrue(error.getMessage().startsWith("configuration file not found: "), error.getMessage());
    }

    @Test
    void fileIsLoaded(@TempDir final Path folder) throws IOException
    {
        final Path file = folder.resolve("exchange.yaml");
        Files.writeString(file, defaultText().replace("fixPort: 9880", "fixPort: 9999"));
        assertEquals(9999, ConfigLoader.load(file).server().fixPort());
    }

    private static String defaultText() throws IOException
    {
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutThreadsSection() throws IOException
    {
        return defaultText().lines()
            .filter(line -> !line.trim().startsWith("threads:") && !line.trim().startsWith("fixSessionThreads") &&
                !line.trim().contains("WaitStrategy") && !line.trim().startsWith("fixIoIdleStrategy"))
            .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static ExchangeConfig assertDoesNotThrowParse(final String yaml)
    {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> parse(yaml));
    }

    private static ExchangeConfig parse(final String yaml) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
