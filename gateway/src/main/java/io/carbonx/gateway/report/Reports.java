package io.carbonx.gateway.report;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.gateway.http.Instruments;

import java.nio.file.Path;
import java.util.List;

/**
 * The reports an exchange's journal yields, each computed on demand by replaying the whole journal (see
 * {@link JournalReports} for how events are dated). Adding a report is a new {@link ReportFold} and one line in
 * {@link #fold}.
 */
public final class Reports
{
    /**
     * The kinds of report, as named in {@code GET /reports/{kind}} and the {@code report} command.
     */
    public static final List<String> KINDS = List.of("market", "settlement", "registry-log", "large-holders");

    /**
     * Holdings of at least this many tonnes are large unless a threshold is given.
     */
    public static final long DEFAULT_LARGE_HOLDER_THRESHOLD = 100_000;

    /**
     * One report for one day.
     *
     * @param table null when the journal has no such day.
     * @param days  the days the journal has: closed dates (yyyymmdd) in order, then 0 for the open day.
     */
    public record Result(Table table, List<Integer> days)
    {
    }

    private final Path journalDirectory;
    private final ExchangeSettings settings;
    private final Instruments instruments;

    public Reports(final Path journalDirectory, final ExchangeSettings settings, final Instruments instruments)
    {
        this.journalDirectory = journalDirectory;
        this.settings = settings;
        this.instruments = instruments;
    }

    /**
     * @throws IllegalArgumentException for an unknown kind.
     */
    public ReportFold fold(final String kind, final long threshold)
    {
        return switch (kind)
        {
            case "market" -> new MarketReport(instruments);
            case "settlement" -> new SettlementStatement(instruments, settings.feeAccountId());
            case "registry-log" -> new RegistryLog(instruments);
            case "large-holders" -> new LargeHolders(instruments, threshold);
            default -> throw new IllegalArgumentException("no report '" + kind + "'; reports: " + String.join(", ", KINDS));
        };
    }

    /**
     * @param date yyyymmdd, or 0 for the open day.
     */
    public Result build(final String kind, final int date, final long threshold)
    {
        final ReportFold fold = fold(kind, threshold);
        final List<Integer> days = JournalReports.replay(journalDirectory, settings, List.of(fold));
        return new Result(fold.table(date), days);
    }

    /**
     * Build several reports from one replay.
     *
     * @return the folds, in the order of the kinds, and the days seen.
     */
    public List<Integer> buildAll(final List<ReportFold> folds)
    {
        return JournalReports.replay(journalDirectory, settings, folds);
    }
}
