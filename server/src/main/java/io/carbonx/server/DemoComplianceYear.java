package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.protocol.Fields;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.gateway.http.StrictJson;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.Reports;
import io.carbonx.reports.Table;
import io.carbonx.server.demo.DemoFixClient;
import io.carbonx.server.demo.DemoHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code carbonx-server demo-compliance-year}: runs a whole compliance year on the embedded default configuration in
 * a fresh data folder, through the server's real interfaces. It starts the server in-process on free ports; the
 * regulator and the enterprises act over the HTTP API with the demo tokens, the members trade over FIX 4.4. Then it
 * writes the market, settlement, registry-log and compliance reports and prints the compliance table.
 * <p>
 * The trading day is dated the last trading day (by the scheme's calendar) of the month before the deadline's, so its
 * trades set the reference price of China's fine; the second day, the latest trading day up to today, holds the
 * surrenders and the close (left open when no trading day lies between them, e.g. on the 1st of a month that is a
 * Sunday).
 */
@Command(name = "demo-compliance-year", mixinStandardHelpOptions = true,
    description =
        "Runs a whole compliance year (allocation, a trading day over FIX, surrenders, close with penalties) " +
        "on the embedded default configuration in a fresh data folder, then writes the reports.")
public final class DemoComplianceYear implements Callable<Integer>
{
    static final int YEAR = 2025;
    private static final String REGULATOR = "mee.regulator-demo-token";
    private static final String HUANENG = "huaneng.huaneng-demo-token";
    private static final String BROKER1 = "broker1.broker1-demo-token";
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--data", paramLabel = "DIR",
        description = "a new or empty data folder (default: ./demo-<timestamp>; never the server's ./data)")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the reports (default: <data>/reports)")
    private Path out;

    @Option(names = "--deadline-seconds", paramLabel = "SECONDS", defaultValue = "8",
        description = "how far after opening the year its deadline lies (default: 8); the on-time steps must fit in it")
    private int deadlineSeconds;

    private final PrintStream console;

    public DemoComplianceYear()
    {
        this(System.out);
    }

    DemoComplianceYear(final PrintStream console)
    {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception
    {
        final Path folder = data != null ? data :
            Path.of("demo-" + LocalDateTime.now(ZoneOffset.UTC).format(FOLDER_TIME));
        if (Files.isDirectory(folder))
        {
            try (var entries = Files.list(folder))
            {
                if (entries.findAny().isPresent())
                {
                    System.err.println("demo-compliance-year: " + folder.toAbsolutePath() + " is not empty; the demo " +
                        "needs a fresh data folder");
                    return 2;
                }
            }
        }
        final Path reportFolder = out != null ? out : folder.resolve("reports");
        final ExchangeConfig loaded = ConfigLoader.loadDefault();
        final ExchangeConfig config = new ExchangeConfig(
            new ExchangeConfig.ServerConfig(0, folder.toString(), loaded.server().bookCapacity(), 0).withDemo(true),
            loaded.scheme(), withNextVintage(loaded.instruments()), loaded.accounts(), loaded.sessions(),
            loaded.apiUsers()).validate();

        console.println("demo-compliance-year: data folder " + folder.toAbsolutePath());
        // the scheme's calendar dates both days: the last trading day of the month before the deadline's (today's,
        // in the scheme's zone), and the latest trading day up to today after it, or none (the open day) if none is
        final TradingCalendar calendar = new EngineSetup(config).settings().calendar();
        final LocalDate today = LocalDate.now(calendar.zone());
        final LocalDate tradingDay = calendar.previousTradingDay(today.withDayOfMonth(1));
        final LocalDate latest = calendar.isTradingDay(today) ? today : calendar.previousTradingDay(today);
        final LocalDate secondDay = latest.isAfter(tradingDay) ? latest : null;
        try (ExchangeServer server = ExchangeServer.start(config))
        {
            new Script(new DemoHttp(server.httpPort()), server.fixPort(), console)
                .run(tradingDay, secondDay, deadlineSeconds);
        }

        final EngineSetup setup = new EngineSetup(config);
        final Reports reports =
            new Reports(folder.resolve("journal"), setup.settings(), new Instruments(setup.instruments()),
                setup.userNames(), config.accountNames());
        final List<String> kinds = List.of("market", "settlement", "registry-log", "compliance");
        final List<ReportFold> folds = new ArrayList<>();
        for (final String kind : kinds)
        {
            folds.add(reports.fold(kind, Reports.DEFAULT_LARGE_HOLDER_THRESHOLD));
        }
        reports.buildAll(folds);
        Files.createDirectories(reportFolder);
        final List<Path> written = new ArrayList<>();
        for (final int day : List.of(date(tradingDay), secondDay == null ? 0 : date(secondDay)))
        {
            for (int i = 0; i < 3; i++)
            {
                written.addAll(write(reportFolder, kinds.get(i), "date", day == 0 ? "open" : Fields.formatDate(day),
                    folds.get(i).table(day)));
            }
        }
        final Table compliance = folds.get(3).table(YEAR);
        written.addAll(write(reportFolder, "compliance", "year", Integer.toString(YEAR), compliance));

        console.println();
        console.println("Reports written to " + reportFolder.toAbsolutePath() + ":");
        written.forEach(file -> console.println("  " + file.getFileName()));
        console.println();
        console.println("Compliance year " + YEAR + " (" + config.scheme().preset() + "):");
        printTable(compliance);
        return 0;
    }

    private static int date(final LocalDate date)
    {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    private static List<Path> write(final Path folder, final String kind, final String keyName, final String key,
        final Table table) throws IOException
    {
        final Path csv = folder.resolve(kind + "-" + key + ".csv");
        Files.writeString(csv, table.toCsv(), StandardCharsets.UTF_8);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", kind);
        body.put(keyName, key);
        body.put("rows", table.rowMaps());
        final Path json = folder.resolve(kind + "-" + key + ".json");
        Files.write(json, StrictJson.write(body));
        return List.of(csv, json);
    }

    private void printTable(final Table table)
    {
        final List<String> columns = List.of("account", "obligation", "allowancesSurrendered", "offsetsSurrendered",
            "surrenderedLate", "shortfall", "status", "penalty", "referencePrice", "nextYearDeduction");
        final List<String> headings = List.of("account", "obligation", "allowances", "offsets", "late", "shortfall",
            "status", "penalty", "ref. price", "next-year cut");
        final List<List<String>> lines = new ArrayList<>();
        lines.add(headings);
        for (final Map<String, Object> row : table.rowMaps())
        {
            final List<String> cells = new ArrayList<>();
            for (final String column : columns)
            {
                final Object value = row.get(column);
                cells.add(value == null ? "" : value.toString());
            }
            lines.add(cells);
        }
        // each column as wide as its widest cell (the TOTAL row's status counts are long), two blanks apart
        final int[] widths = new int[headings.size()];
        for (final List<String> cells : lines)
        {
            for (int i = 0; i < cells.size(); i++)
            {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        for (final List<String> cells : lines)
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++)
            {
                line.append(" ".repeat(widths[i] + 2 - cells.get(i).length())).append(cells.get(i));
            }
            console.println(line);
        }
    }

    /**
     * The demo's next year needs allowances of its own vintage (allocation checks the vintage against the year).
     */
    static List<ExchangeConfig.InstrumentConfig> withNextVintage(final List<ExchangeConfig.InstrumentConfig> listed)
    {
        final List<ExchangeConfig.InstrumentConfig> instruments = new ArrayList<>(listed);
        int id = 0;
        for (final ExchangeConfig.InstrumentConfig instrument : listed)
        {
            if (instrument.symbol().equals("CEA-" + (YEAR + 1)))
            {
                return listed;
            }
            id = Math.max(id, instrument.id());
        }
        instruments.add(new ExchangeConfig.InstrumentConfig(id + 1, "CEA-" + (YEAR + 1), "ALLOWANCE", YEAR + 1,
            "0.01", 1, 1, 99_999, 1_000, "92.00", null));
        return instruments;
    }

    /**
     * The year's steps, in order, against the running server.
     */
    private static final class Script
    {
        private final DemoHttp http;
        private final int fixPort;
        private final PrintStream console;

        Script(final DemoHttp http, final int fixPort, final PrintStream console)
        {
            this.http = http;
            this.fixPort = fixPort;
            this.console = console;
        }

        /**
         * @param today the second trading day, closed at the end; null to leave it open.
         */
        void run(final LocalDate tradingDay, final LocalDate today, final int deadlineSeconds) throws Exception
        {
            final Instant deadline = Instant.now().plusSeconds(deadlineSeconds);
            step("open compliance year " + YEAR + ", deadline " + deadline);
            http.command(REGULATOR, "open-compliance-year", "{\"year\":" + YEAR + ",\"deadline\":\"" + deadline +
                "\"}");

            step("allocate free allowances (CEA-2025): 1001 50000 t, 1002 60000 t, 1003 40000 t");
            allocate(1001, 50_000);
            allocate(1002, 60_000);
            allocate(1003, 40_000);

            step("record verified emissions: 1001 350000 t, 1002 140000 t, 1003 80000 t");
            emissions(1001, 350_000);
            emissions(1002, 140_000);
            emissions(1003, 80_000);

            step("trading day " + tradingDay + " over FIX: BROKER1, FOREST and CITIC trade CEA-2025 and CCER");
            trade();
            http.command(REGULATOR, "end-of-trading-day", "{\"tradingDate\":\"" + tradingDay + "\"}");

            step("surrenders before the deadline");
            surrender(HUANENG, 1001, "CCER", 17_500);
            final DemoHttp.Answer overCap = http.post(HUANENG, "surrender-units",
                surrenderBody(1001, "CCER", 1));
            console.println("    1001 one more CCER tonne above the 5% cap: " + overCap.status() + " " +
                overCap.error());
            surrender(HUANENG, 1001, "CEA-2024", 200_000);
            surrender(HUANENG, 1001, "CEA-2025", 132_500);
            surrender(BROKER1, 1002, "CEA-2025", 110_000);
            surrender(REGULATOR, 1003, "CEA-2025", 40_000);

            final long wait = deadline.toEpochMilli() - System.currentTimeMillis() + 200;
            step("waiting " + Math.max(0, wait) + " ms for the deadline");
            if (wait > 0)
            {
                Thread.sleep(wait);
            }
            step("late surrender: 1002 30000 t");
            surrender(BROKER1, 1002, "CEA-2025", 30_000);

            step("close compliance year " + YEAR);
            final JsonNode closed = http.command(REGULATOR, "close-compliance-year", "{\"year\":" + YEAR + "}");
            for (final JsonNode event : closed.get("events"))
            {
                if (event.get("type").asText().equals("ComplianceYearClosed"))
                {
                    console.println("    total shortfall " + event.get("totalShortfall") + " t, total penalty " +
                        event.get("totalPenalty").asText() + ", reference price " + event.get("referencePrice")
                        .asText());
                }
            }

            step("open " + (YEAR + 1) + " and allocate 50000 t to 1003: China withholds last year's shortfall");
            http.command(REGULATOR, "open-compliance-year", "{\"year\":" + (YEAR + 1) + ",\"deadline\":\"" +
                (YEAR + 2) + "-12-31\"}");
            final JsonNode allocated = allocate(YEAR + 1, 1003, 50_000);
            console.println("    requested " + allocated.get("requestedQuantity") + ", deducted " +
                allocated.get("deductedQuantity") + ", issued " + allocated.get("quantity"));

            if (today == null)
            {
                step("no trading day since " + tradingDay + " up to today: the second day stays open");
                return;
            }
            step("end of trading day " + today);
            http.command(REGULATOR, "end-of-trading-day", "{\"tradingDate\":\"" + today + "\"}");
        }

        private void trade() throws Exception
        {
            try (DemoFixClient broker = new DemoFixClient(fixPort, "BROKER1");
                 DemoFixClient forest = new DemoFixClient(fixPort, "FOREST");
                 DemoFixClient citic = new DemoFixClient(fixPort, "CITIC"))
            {
                broker.logon();
                forest.logon();
                citic.logon();
                broker.order("S1", 1001, "CEA-2025", '2', 30_000, "92.00");
                broker.order("B1", 1002, "CEA-2025", '1', 30_000, "92.00");
                broker.awaitFilled("S1");
                broker.awaitFilled("B1");
                forest.order("F1", 2001, "CCER", '2', 20_000, "80.00");
                broker.order("B2", 1001, "CCER", '1', 20_000, "80.00");
                forest.awaitFilled("F1");
                broker.awaitFilled("B2");
                broker.order("S2", 1001, "CEA-2025", '2', 5_000, "92.50");
                citic.order("C1", 3001, "CEA-2025", '1', 5_000, "92.50");
                broker.awaitFilled("S2");
                citic.awaitFilled("C1");
                console.println("    1001 sold 30000 t CEA-2025 at 92.00 to 1002 and 5000 t at 92.50 to 3001; " +
                    "bought 20000 t CCER at 80.00 from 2001");
            }
        }

        private void allocate(final long account, final long quantity) throws Exception
        {
            allocate(YEAR, account, quantity);
        }

        private JsonNode allocate(final int year, final long account, final long quantity) throws Exception
        {
            final JsonNode answer =
                http.command(REGULATOR, "allocate-allowances", "{\"year\":" + year + ",\"account\":" +
                account + ",\"instrument\":\"CEA-" + year + "\",\"quantity\":" + quantity + "}");
            return answer.get("events").get(0);
        }

        private void emissions(final long account, final long tonnes) throws Exception
        {
            http.command(REGULATOR, "record-emissions",
                "{\"year\":" + YEAR + ",\"account\":" + account + ",\"emissions\":" + tonnes + "}");
        }

        private void surrender(final String token, final long account, final String instrument, final long quantity)
            throws Exception
        {
            final JsonNode events = http.command(token, "surrender-units", surrenderBody(account, instrument, quantity))
                .get("events");
            final JsonNode event = events.get(0);
            final StringBuilder blocks = new StringBuilder();
            for (final JsonNode part : events)
            {
                for (final JsonNode block : part.path("blocks"))
                {
                    blocks.append(blocks.length() == 0 ? "" : ", ").append(block.get("first")).append('-')
                        .append(block.get("last"));
                }
            }
            console.println("    " + account + " surrendered " + quantity + " t " + instrument + " (serials " +
                blocks +
                (event.get("late").asBoolean() ? ", late" : "") +
                "), remaining obligation " + event.get("remainingObligation") + " t");
        }

        private static String surrenderBody(final long account, final String instrument, final long quantity)
        {
            return "{\"year\":" + YEAR + ",\"account\":" + account + ",\"instrument\":\"" + instrument +
                "\",\"quantity\":" + quantity + "}";
        }

        private void step(final String what)
        {
            console.println("  - " + what);
        }
    }
}
