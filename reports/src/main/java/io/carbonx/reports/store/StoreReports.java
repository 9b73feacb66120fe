package io.carbonx.reports.store;

import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.reports.Balances;
import io.carbonx.reports.ComplianceReport;
import io.carbonx.reports.LargeHolders;
import io.carbonx.reports.ReportFold;
import io.carbonx.reports.ReportSource;
import io.carbonx.reports.Reports;
import io.carbonx.reports.SettlementStatement;
import io.carbonx.reports.Table;
import io.carbonx.reports.ZonedTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reports as queries over the analytic store: the same {@link Table}s as the replay folds (which stay the
 * reference, see the consistency test), without a journal replay per request. Each result names the journal sequence
 * and state hash it reflects: a closed day's close, or for the open day (and the compliance years, which later fines
 * settle) the follower's position once it has reached every command journaled when the request came.
 * <p>
 * Thread-safe: each call reads through a connection of its own.
 */
public final class StoreReports implements ReportSource
{

    /**
     * One bar of a price chart: prices and turnover in 0.01 currency units, volume in tonnes.
     *
     * @param time a trading date {@code yyyy-mm-dd}, or a minute {@code yyyy-mm-ddThh:mm} in the scheme's zone.
     */
    public record Bar(String time, long open, long high, long low, long close, long volume, long turnover)
    {
    }

    private record Close(int date, long sequence, long stateHash)
    {
    }

    private record Range(long after, long upTo, String dateText)
    {
    }

    private final AnalyticsStore store;
    private final AnalyticsFollower follower;
    private final ExchangeSettings settings;
    private final Instruments instruments;
    private final Map<Long, String> accountNames;
    private final ZoneId zone;
    private final long timeoutMs;

    /**
     * @param timeoutMs how long a request waits for the follower to reach the journal's end.
     */
    public StoreReports(final AnalyticsStore store, final AnalyticsFollower follower, final ExchangeSettings settings,
        final Instruments instruments, final Map<Long, String> accountNames, final long timeoutMs)
    {
        this.store = store;
        this.follower = follower;
        this.settings = settings;
        this.instruments = instruments;
        this.accountNames = Map.copyOf(accountNames);
        this.zone = settings.calendar().zone();
        this.timeoutMs = timeoutMs;
    }

    /**
     * Nothing is cached: a query is as quick as a lookup would be.
     */
    @Override
    public Reports.Result cached(final String kind, final int date, final long threshold)
    {
        return null;
    }

    @Override
    public Reports.Result build(final String kind, final int date, final long threshold)
    {
        if (!Reports.KINDS.contains(kind))
        {
            throw new IllegalArgumentException("no report '" + kind + "'; reports: " +
                String.join(", ", Reports.KINDS));
        }
        final boolean yearly = !Reports.DAILY_KINDS.contains(kind);
        final long journalEnd = follower.journalEnd();
        final AnalyticsFollower.Point point;
        if (yearly || date == 0)
        {
            point = follower.point(journalEnd, kind.equals("settlement") || kind.equals("large-holders"), timeoutMs);
        }
        else
        {
            follower.awaitCommitted(journalEnd, timeoutMs);
            point = null;
        }
        final long upTo = point == null ? follower.committedSequence() : point.sequence();
        try (Connection connection = store.connect())
        {
            final List<Close> closes = closes(connection, upTo);
            final List<Integer> days = new ArrayList<>();
            closes.forEach(close -> days.add(close.date()));
            days.add(0);
            if (yearly)
            {
                return new Reports.Result(compliance(connection, date, upTo), days, upTo, hex(point.stateHash()));
            }
            final Range range;
            final long sequence;
            final long hash;
            if (date == 0)
            {
                final long after = closes.isEmpty() ? -1 : closes.get(closes.size() - 1).sequence();
                range = new Range(after, upTo, ReportFold.dateText(0));
                sequence = upTo;
                hash = point.stateHash();
            }
            else
            {
                int index = 0;
                while (index < closes.size() && closes.get(index).date() != date)
                {
                    index++;
                }
                if (index == closes.size())
                {
                    return new Reports.Result(null, days, upTo, null);
                }
                final Close close = closes.get(index);
                range = new Range(index == 0 ? -1 : closes.get(index - 1).sequence(), close.sequence(),
                    ReportFold.dateText(date));
                sequence = close.sequence();
                hash = close.stateHash();
            }
            final Table table = switch (kind)
            {
                case "market" -> market(connection, range);
                case "registry-log" -> registryLog(connection, range);
                case "auctions" -> auctions(connection, range);
                case "large-holders" -> LargeHolders.table(instruments, threshold, range.dateText(),
                    closing(connection, range, point));
                case "settlement" -> SettlementStatement.statement(instruments, range.dateText(),
                    range.after() < 0 ? Balances.empty() : balances(connection, range.after()),
                    closing(connection, range, point), movements(connection, range));
                default -> throw new IllegalArgumentException("no report '" + kind + "'");
            };
            return new Reports.Result(table, days, sequence, hex(hash));
        }
        catch (final SQLException ex)
        {
            throw new StoreException("cannot read the " + kind + " report from the analytic store: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * @return how reports write a state hash: 16 hex digits.
     */
    public static String hex(final long stateHash)
    {
        return String.format("%016x", stateHash);
    }

    /**
     * Wait until the store holds every command journaled now, so a read sees what was acknowledged before it.
     *
     * @throws StoreException when it does not within the timeout.
     */
    public void awaitJournalEnd()
    {
        follower.awaitCommitted(follower.journalEnd(), timeoutMs);
    }

    /**
     * Price bars of one instrument from its trades (block trades are off-book and not in them).
     *
     * @param interval {@code day} (trading days; the open day dated by its last trade) or {@code minute}.
     */
    public List<Bar> bars(final int instrumentId, final String interval)
    {
        awaitJournalEnd();
        final boolean daily = interval.equals("day");
        if (!daily && !interval.equals("minute"))
        {
            throw new IllegalArgumentException("interval: day or minute, was '" + interval + "'");
        }
        final String sql = daily ?
            "SELECT trading_date, open, high, low, close, volume, turnover, last_ts FROM day_bars " +
                "WHERE instrument = ? ORDER BY trading_date = 0, trading_date" :
            "SELECT ts // 60000000000 AS minute, arg_min(price, sequence * 65536 + event), max(price), min(price), " +
                "arg_max(price, sequence * 65536 + event), CAST(sum(quantity) AS BIGINT), " +
                "CAST(sum(price * quantity) AS BIGINT), 0 FROM trades WHERE instrument = ? GROUP BY 1 ORDER BY 1";
        final List<Bar> bars = new ArrayList<>();
        try (Connection connection = store.connect(); PreparedStatement statement = connection.prepareStatement(sql))
        {
            statement.setLong(1, instrumentId);
            try (ResultSet rows = statement.executeQuery())
            {
                while (rows.next())
                {
                    final String time;
                    if (daily)
                    {
                        final int date = rows.getInt(1);
                        time = date != 0 ? ReportFold.dateText(date) :
                            Instant.ofEpochSecond(0, rows.getLong(8)).atZone(zone).toLocalDate().toString();
                    }
                    else
                    {
                        time = Instant.ofEpochSecond(rows.getLong(1) * 60).toString();
                    }
                    bars.add(new Bar(time, rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6), rows.getLong(7)));
                }
            }
            return daily ? bars : latestDay(bars);
        }
        catch (final SQLException ex)
        {
            throw new StoreException("cannot read bars from the analytic store: " + ex.getMessage(), ex);
        }
    }

    /**
     * The minutes of the latest day (in the scheme's zone) that traded: an intraday chart, not the whole history.
     */
    private List<Bar> latestDay(final List<Bar> minutes)
    {
        if (minutes.isEmpty())
        {
            return minutes;
        }
        final LocalDate latest = Instant.parse(minutes.get(minutes.size() - 1).time()).atZone(zone).toLocalDate();
        final List<Bar> day = new ArrayList<>();
        for (final Bar bar : minutes)
        {
            if (Instant.parse(bar.time()).atZone(zone).toLocalDate().equals(latest))
            {
                day.add(bar);
            }
        }
        return day;
    }

    private static List<Close> closes(final Connection connection, final long upTo) throws SQLException
    {
        final List<Close> closes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT trading_date, sequence, state_hash FROM day_closes WHERE sequence <= ? ORDER BY sequence"))
        {
            statement.setLong(1, upTo);
            try (ResultSet rows = statement.executeQuery())
            {
                while (rows.next())
                {
                    closes.add(new Close(rows.getInt(1), rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return closes;
    }

    private Table market(final Connection connection, final Range range) throws SQLException
    {
        final Table table = new Table("date", "instrument", "open", "high", "low", "close", "volume", "turnover",
            "trades");
        final TreeMap<Integer, Object[]> days = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT instrument, arg_min(price, sequence * 65536 + event), max(price), min(price), " +
                "CAST(sum(quantity) AS BIGINT), CAST(sum(price * quantity) AS BIGINT), count(*) FROM trades " +
                "WHERE sequence > ? AND sequence <= ? GROUP BY instrument"))
        {
            bind(statement, range);
            try (ResultSet rows = statement.executeQuery())
            {
                while (rows.next())
                {
                    days.put(rows.getInt(1), new Object[] {
                        Money.format(rows.getLong(2)), Money.format(rows.getLong(3)), Money.format(rows.getLong(4)),
                        "", rows.getLong(5), Money.format(rows.getLong(6)), rows.getInt(7)});
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT instrument, closing_price FROM instrument_closes WHERE sequence > ? AND sequence <= ? " +
                "ORDER BY sequence, event"))
        {
            bind(statement, range);
            try (ResultSet rows = statement.executeQuery())
            {
                while (rows.next())
                {
                    days.computeIfAbsent(rows.getInt(1), id -> new Object[] {"", "", "", "", 0L, Money.format(0), 0})
                        [3] = Money.format(rows.getLong(2));
                }
            }
        }
        for (final Map.Entry<Integer, Object[]> day : days.entrySet())
        {
            final Object[] v = day.getValue();
            table.row(range.dateText(), instruments.symbol(day.getKey()), v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        return table;
    }

    private Table registryLog(final Connection connection, final Range range) throws SQLException
    {
        final Table table = new Table("date", "sequence", "time", "operation", "from", "to", "instrument", "quantity",
            "amount", "reference", "first", "last", "user");
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence, event, block, ts, operation, from_account, to_account, instrument, quantity, " +
                "NULL AS amount, reference, first_serial, last_serial, user_name FROM serial_blocks " +
                "WHERE sequence > ? AND sequence <= ? " +
                "UNION ALL SELECT sequence, event, 0, ts, operation, account, counterparty, NULL, 0, amount, 0, " +
                "NULL, NULL, user_name FROM registry_changes WHERE sequence > ? AND sequence <= ? AND operation IN " +
                "('OPEN_ACCOUNT', 'LINK_BROKER', 'DEPOSIT', 'WITHDRAW') ORDER BY sequence, event, block"))
        {
            bind(statement, range);
            statement.setLong(3, range.after());
            statement.setLong(4, range.upTo());
            try (ResultSet rows = statement.executeQuery())
            {
                while (rows.next())
                {
                    final boolean blocks = rows.getObject(10) == null;
                    table.row(range.dateText(), rows.getLong(1), ZonedTime.format(rows.getLong(4), zone),
                        rows.getString(5), rows.getLong(6), rows.getLong(7),
                        blocks ? instruments.symbol(rows.getInt(8)) : "", rows.getLong(9),
                        blocks ? "" : Money.format(rows.getLong(10)), rows.getLong(11),
                        blocks ? (Object)rows.getLong(12) : "", blocks ? (Object)rows.getLong(13) : "",
                        rows.getString(14));
                }
            }
        }
        return table;
    }

    private Table auctions(final Connection connection, final Range range) throws SQLException
    {
        final TreeMap<Long, Object[]> lines = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, auction, instrument, account, bid, bid_price, bid_quantity, quantity, " +
                "clearing_price, amount FROM auction_allocations WHERE sequence > ? AND sequence <= ?"))
        {
            bind(statement, range);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    lines.put(r.getLong(1), new Object[] {"", r.getLong(2), "ALLOCATION",
                        instruments.symbol(r.getInt(3)), r.getLong(4), r.getLong(5), Money.format(r.getLong(6)),
                        r.getLong(7), r.getLong(8), Money.format(r.getLong(9)), Money.format(r.getLong(10)), "", "",
                        "", "", "", "", ""});
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, auction, instrument, auction_account, volume_sold, clearing_price, " +
                "proceeds, volume_offered, bids, bidders, winners, cover_ratio_bps FROM auction_results " +
                "WHERE sequence > ? AND sequence <= ?"))
        {
            bind(statement, range);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    lines.put(r.getLong(1), new Object[] {"", r.getLong(2), "RESULT", instruments.symbol(r.getInt(3)),
                        r.getLong(4), "", "", "", r.getLong(5), Money.format(r.getLong(6)),
                        Money.format(r.getLong(7)), r.getLong(8), r.getLong(5), r.getLong(9), r.getLong(10),
                        r.getLong(11), r.getLong(12), ""});
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, auction, instrument, clearing_price, volume_offered, bids, bidders, " +
                "reason FROM auction_cancellations WHERE sequence > ? AND sequence <= ?"))
        {
            bind(statement, range);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    lines.put(r.getLong(1), new Object[] {"", r.getLong(2), "CANCELLED",
                        instruments.symbol(r.getInt(3)), "", "", "", "", 0L, Money.format(r.getLong(4)), "",
                        r.getLong(5), 0L, r.getLong(6), r.getLong(7), 0L, "", r.getString(8)});
                }
            }
        }
        final Table table = new Table("date", "auction", "line", "instrument", "account", "bid", "bidPrice",
            "bidQuantity", "quantity", "clearingPrice", "amount", "volumeOffered", "volumeSold", "bids", "bidders",
            "winners", "coverRatioBps", "reason");
        for (final Object[] line : lines.values())
        {
            line[0] = range.dateText();
            table.row(line);
        }
        return table;
    }

    private Map<Long, List<SettlementStatement.Movement>> movements(final Connection connection, final Range range)
        throws SQLException
    {
        final Map<Long, List<SettlementStatement.Movement>> movements = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT account, line, reference, instrument, price, units, cash, fee, user_name FROM cash_movements " +
                "WHERE sequence > ? AND sequence <= ? ORDER BY sequence, event, line_no"))
        {
            bind(statement, range);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    movements.computeIfAbsent(r.getLong(1), id -> new ArrayList<>()).add(
                        new SettlementStatement.Movement(r.getString(2), r.getString(3), r.getInt(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8), r.getString(9)));
                }
            }
        }
        return movements;
    }

    private Balances closing(final Connection connection, final Range range, final AnalyticsFollower.Point point)
        throws SQLException
    {
        return point != null && point.sequence() == range.upTo() && point.balances() != null ? point.balances() :
            balances(connection, range.upTo());
    }

    /**
     * @param sequence of a day close.
     */
    private static Balances balances(final Connection connection, final long sequence) throws SQLException
    {
        final SortedMap<Long, String> types = new TreeMap<>();
        final SortedMap<Long, Long> cash = new TreeMap<>();
        final SortedMap<Long, SortedMap<Integer, Long>> units = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT account, account_type, instrument, amount FROM balances WHERE sequence = ? " +
                "ORDER BY account, instrument"))
        {
            statement.setLong(1, sequence);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    final long account = r.getLong(1);
                    types.put(account, r.getString(2));
                    units.computeIfAbsent(account, id -> new TreeMap<>());
                    if (r.getInt(3) == 0)
                    {
                        cash.put(account, r.getLong(4));
                    }
                    else
                    {
                        units.get(account).put(r.getInt(3), r.getLong(4));
                    }
                }
            }
        }
        final SortedMap<Long, Balances.AccountBalance> accounts = new TreeMap<>();
        for (final Map.Entry<Long, String> account : types.entrySet())
        {
            accounts.put(account.getKey(), new Balances.AccountBalance(account.getKey(), account.getValue(),
                cash.getOrDefault(account.getKey(), 0L), units.get(account.getKey())));
        }
        final SortedMap<Integer, Long> outstanding = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT instrument, units FROM outstanding WHERE sequence = ?"))
        {
            statement.setLong(1, sequence);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    outstanding.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return new Balances(accounts, outstanding);
    }

    private Table compliance(final Connection connection, final int year, final long upTo) throws SQLException
    {
        final ComplianceReport report =
            new ComplianceReport(accountNames, settings.compliance().currency(), UserNames.NONE);
        final TreeMap<Long, Runnable> steps = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, account, emissions, carried_forward, obligation, " +
                "allowances_surrendered, offsets_surrendered, surrendered_late, shortfall, status, status_code, " +
                "penalty, reference_price, next_year_deduction, next_year_carry_forward, user_name " +
                "FROM compliance_assessments WHERE year = ? AND sequence <= ?"))
        {
            statement.setLong(1, year);
            statement.setLong(2, upTo);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    final ComplianceReport.Assessment assessment = new ComplianceReport.Assessment(year, r.getLong(2),
                        r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8),
                        r.getLong(9), r.getString(10), r.getLong(11), r.getLong(12), r.getLong(13), r.getLong(14),
                        r.getLong(15), r.getString(16));
                    steps.put(r.getLong(1), () -> report.assessed(assessment));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, account, status FROM fines WHERE year = ? AND sequence <= ?"))
        {
            statement.setLong(1, year);
            statement.setLong(2, upTo);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    final long account = r.getLong(2);
                    final String status = r.getString(3);
                    steps.put(r.getLong(1), () -> report.fineStatus(year, account, status));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT sequence * 65536 + event, reference_price, user_name FROM compliance_closes " +
                "WHERE year = ? AND sequence <= ?"))
        {
            statement.setLong(1, year);
            statement.setLong(2, upTo);
            try (ResultSet r = statement.executeQuery())
            {
                while (r.next())
                {
                    final long referencePrice = r.getLong(2);
                    final String user = r.getString(3);
                    steps.put(r.getLong(1), () -> report.yearClosed(year, referencePrice, user));
                }
            }
        }
        steps.values().forEach(Runnable::run);
        return report.table(year);
    }

    private static void bind(final PreparedStatement statement, final Range range) throws SQLException
    {
        statement.setLong(1, range.after());
        statement.setLong(2, range.upTo());
    }
}
