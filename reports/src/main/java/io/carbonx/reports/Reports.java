package io.carbonx.reports;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.UserNames;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports an exchange's journal yields, each computed on demand by replaying the whole journal (see
 * {@link JournalReports} for how events are dated). Adding a report is a new {@link ReportFold} and one line in
 * {@link #fold}.
 * <p>
 * A report of a closed day (or a closed compliance year) cannot change, since later commands belong to later days,
 * so it is remembered once built, by kind, date and threshold, up to {@link #CACHED_REPORTS} of them (least recently
 * used forgotten first). Thread-safe: any API worker builds and reads.
 */
public final class Reports implements ReportSource, SerialHistorySource
{
    /**
     * Closed days' reports remembered.
     */
    public static final int CACHED_REPORTS = 256;

    /**
     * The kinds of report, as named in {@code GET /reports/{kind}} and the {@code report} command.
     */
    public static final List<String> KINDS =
        List.of("market", "settlement", "registry-log", "large-holders", "auctions", "compliance");

    /**
     * The kinds of report per trading day ({@code date=}); the others are per compliance year ({@code year=}).
     */
    public static final List<String> DAILY_KINDS =
        List.of("market", "settlement", "registry-log", "large-holders", "auctions");

    /**
     * Holdings of at least this many tonnes are large unless a threshold is given.
     */
    public static final long DEFAULT_LARGE_HOLDER_THRESHOLD = 100_000;

    /**
     * One report for one day.
     *
     * @param table     null when the journal has no such day.
     * @param days      the days the journal has: closed dates (yyyymmdd) in order, then 0 for the open day.
     * @param sequence  the journal sequence of the last command the report reflects, or -1 when its source does not
     *                  say (a replay).
     * @param stateHash the engine's state hash after that command (16 hex digits), or null when not known.
     */
    public record Result(Table table, List<Integer> days, long sequence, String stateHash)
    {
        public Result(final Table table, final List<Integer> days)
        {
            this(table, days, -1, null);
        }
    }

    private record Key(String kind, int date, long threshold)
    {
    }

    private final Map<Key, Result> closed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Key, Result> eldest)
        {
            return size() > CACHED_REPORTS;
        }
    });
    private final Path journalDirectory;
    private final ExchangeSettings settings;
    private final Instruments instruments;
    private final Map<Long, String> accountNames;
    private final UserNames users;

    /**
     * @param users        names the users in the reports' {@code user} columns.
     * @param accountNames names of accounts by id, for the reports that show them (compliance).
     */
    public Reports(final Path journalDirectory, final ExchangeSettings settings, final Instruments instruments,
        final UserNames users, final Map<Long, String> accountNames)
    {
        this.journalDirectory = journalDirectory;
        this.settings = settings;
        this.instruments = instruments;
        this.accountNames = Map.copyOf(accountNames);
        this.users = users;
    }

    /**
     * @throws IllegalArgumentException for an unknown kind.
     */
    public ReportFold fold(final String kind, final long threshold)
    {
        return switch (kind)
        {
            case "market" -> new MarketReport(instruments);
            case "settlement" -> new SettlementStatement(instruments, settings.feeAccountId(), users);
            case "registry-log" -> new RegistryLog(instruments, users, settings.calendar().zone());
            case "large-holders" -> new LargeHolders(instruments, threshold);
            case "auctions" -> new AuctionReport(instruments);
            case "compliance" -> new ComplianceReport(accountNames, settings.compliance().currency(), users);
            default ->
                throw new IllegalArgumentException("no report '" + kind + "'; reports: " + String.join(", ", KINDS));
        };
    }

    /**
     * @param date yyyymmdd, or 0 for the open day; the year for a yearly report.
     */
    @Override
    public Result build(final String kind, final int date, final long threshold)
    {
        final ReportFold fold = fold(kind, threshold);
        final List<Integer> days = JournalReports.replay(journalDirectory, settings, List.of(fold));
        final Result result = new Result(fold.table(date), days);
        if (date != 0 && result.table() != null)
        {
            closed.put(new Key(kind, date, threshold), result);
        }
        return result;
    }

    /**
     * @return a closed day's (or year's) report built before, or null; its {@code days} are those of its build.
     */
    @Override
    public Result cached(final String kind, final int date, final long threshold)
    {
        return date == 0 ? null : closed.get(new Key(kind, date, threshold));
    }

    /**
     * The history of one tonne, from a replay of the whole journal (an analytic store would answer without one).
     *
     * @param instrumentId a listed instrument's id.
     * @param serial       any serial number; {@link SerialHistory#state()} says whether it was issued.
     */
    @Override
    public SerialHistory serialHistory(final int instrumentId, final long serial)
    {
        final SerialHistory history = new SerialHistory(instruments, settings.calendar().zone(), instrumentId, serial);
        JournalReports.replay(journalDirectory, settings, List.of(history));
        return history;
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
