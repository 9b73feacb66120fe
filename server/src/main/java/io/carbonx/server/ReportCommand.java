package io.carbonx.server;

import io.carbonx.server.config.ConfigException;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.Fields;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.gateway.http.StrictJson;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.Reports;
import io.carbonx.reports.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code carbonx-server report}: writes reports for one day from the journal in the data folder into a folder, as
 * CSV and/or JSON, one file per report, e.g. {@code reports/market-2026-11-20.csv}. Safe while the server runs: it
 * only reads the journal.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes the daily reports of one trading day from the journal: market, settlement, registry-log, " +
        "large-holders.")
final class ReportCommand implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description =
        "the exchange's YAML configuration; default: embedded")
    private Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "overrides server.dataFolder")
    private String dataFolder;

    @Option(names = "--date", paramLabel = "DATE", defaultValue = "open",
        description = "yyyy-mm-dd of a closed trading day, or 'open' for the day still open (default)")
    private String date;

    @Option(names = "--year", paramLabel = "YEAR",
        description = "a closed compliance year for the compliance report (included by default when given)")
    private Integer year;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
        description = "market, settlement, registry-log, large-holders, auctions, compliance (needs --year); " +
            "default: the daily ones, and compliance with --year")
    private List<String> kinds;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "both", description =
        "csv, json or both (default)")
    private String format;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
        description = "folder to write into (default: reports)")
    private Path out;

    @Option(names = "--threshold", paramLabel = "TONNES", description = "large-holder threshold (default: 100000)")
    private Long threshold;

    @Override
    public Integer call()
    {
        final ExchangeConfig config;
        final int day;
        try
        {
            config = CarbonxServer.config(configFile, dataFolder, null, null);
            day = date.equals("open") ? 0 : Fields.date("--date", date);
        }
        catch (final ConfigException ex)
        {
            System.err.println("carbonx-server report: bad configuration: " + ex.getMessage());
            return 2;
        }
        catch (final InvalidFieldException ex)
        {
            System.err.println("carbonx-server report: " + ex.getMessage());
            return 2;
        }
        if (!List.of("csv", "json", "both").contains(format))
        {
            System.err.println("carbonx-server report: --format must be csv, json or both, was '" + format + "'");
            return 2;
        }
        final List<String> selected = new ArrayList<>(kinds == null ? Reports.DAILY_KINDS : kinds);
        if (kinds == null && year != null)
        {
            selected.add("compliance");
        }
        if (selected.contains("compliance") && year == null)
        {
            System.err.println("carbonx-server report: the compliance report needs --year");
            return 2;
        }
        final Path journal = config.server().dataPath().resolve("journal");
        if (!Files.isDirectory(journal))
        {
            System.err.println("carbonx-server report: no journal in " + journal.toAbsolutePath());
            return 1;
        }

        final EngineSetup setup = new EngineSetup(config);
        final Reports reports = new Reports(journal, setup.settings(), new Instruments(setup.instruments()),
            setup.userNames(), config.accountNames());
        final List<ReportFold> folds = new ArrayList<>();
        try
        {
            for (final String kind : selected)
            {
                folds.add(reports.fold(kind, threshold == null ? Reports.DEFAULT_LARGE_HOLDER_THRESHOLD : threshold));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("carbonx-server report: " + ex.getMessage());
            return 2;
        }
        final List<Integer> days = reports.buildAll(folds);
        if (!days.contains(day))
        {
            final List<String> known = new ArrayList<>();
            days.forEach(d -> known.add(d == 0 ? "open" : Fields.formatDate(d)));
            System.err.println("carbonx-server report: no trading day " + date + " in the journal; days: " + known);
            return 1;
        }
        try
        {
            Files.createDirectories(out);
            for (int i = 0; i < selected.size(); i++)
            {
                final boolean yearly = !Reports.DAILY_KINDS.contains(selected.get(i));
                final Table table = folds.get(i).table(yearly ? year : day);
                if (table == null)
                {
                    System.err.println("carbonx-server report: compliance year " + year + " has not been closed");
                    return 1;
                }
                write(selected.get(i), yearly ? Integer.toString(year) : date, table);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("carbonx-server report: cannot write to " + out.toAbsolutePath() + ": " +
                ex.getMessage());
            return 1;
        }
        return 0;
    }

    private void write(final String kind, final String key, final Table table) throws IOException
    {
        final String base = kind + "-" + key;
        if (!format.equals("json"))
        {
            final Path file = out.resolve(base + ".csv");
            Files.writeString(file, table.toCsv(), StandardCharsets.UTF_8);
            System.out.println("carbonx-server report: wrote " + file.toAbsolutePath());
        }
        if (!format.equals("csv"))
        {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("report", kind);
            body.put(key.equals(date) ? "date" : "year", key);
            body.put("rows", table.rowMaps());
            final Path file = out.resolve(base + ".json");
            Files.write(file, StrictJson.write(body));
            System.out.println("carbonx-server report: wrote " + file.toAbsolutePath());
        }
    }
}
