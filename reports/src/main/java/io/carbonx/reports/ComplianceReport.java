package io.carbonx.reports;

import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.FineDueDecoder;
import io.carbonx.protocol.sbe.FineSettledDecoder;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compliance report per year, keyed by the compliance year rather than a trading day: one row per enterprise from the
 * close's {@code ComplianceAssessed} events, in account order, with its name (from the configuration) and the scheme's
 * currency: obligation, allowances and offsets surrendered, late tonnes, shortfall, status and status code, penalty
 * and the fine's payable status (DUE at the close; PAID or WAIVED by a later {@code FineSettled}), the reference
 * price, next year's deduction and carry-forward. A re-assessment (after a reopen) replaces the enterprise's row.
 * Then a {@code TOTAL} row: the number of enterprises, the sum of every quantity and of the penalties, the count of
 * each status, the highest status code, the count of fines per payable status, and the year's reference price.
 * OVERDUE is not reported here (it depends on the time of reading): see {@code GET /compliance/{year}/unpaid-fines}.
 * Each row names the user whose command assessed it (the close, or under four-eyes its proposer and approver); the
 * TOTAL row the user of the year's last close.
 */
public final class ComplianceReport extends ActingUserFold
{
    private static final String[] COLUMNS = {
        "year", "account", "name", "currency", "emissions", "carriedForward", "obligation", "allowancesSurrendered",
        "offsetsSurrendered", "surrenderedLate", "shortfall", "status", "statusCode", "penalty", "fineStatus",
        "referencePrice", "nextYearDeduction", "nextYearCarryForward", "user"};
    private static final int FINE_STATUS = 14;

    private final Map<Long, String> names;
    private final String currency;
    private final Map<Integer, TreeMap<Long, Object[]>> rows = new HashMap<>();
    private final Map<Integer, Long> referencePrices = new HashMap<>();
    private final Map<Integer, String> closedBy = new HashMap<>();

    /**
     * @param names    account names by id; an account without one shows an empty name.
     * @param currency the scheme's currency code.
     * @param users    names the user who closed each year (and who proposed the close, under four-eyes).
     */
    public ComplianceReport(final Map<Long, String> names, final String currency, final UserNames users)
    {
        super(users);
        this.names = names;
        this.currency = currency;
    }

    /**
     * One enterprise's assessment, as a {@code ComplianceAssessed} event says it.
     *
     * @param status the {@link ComplianceStatus}'s name; {@code statusCode} its value.
     * @param user   who assessed it.
     */
    public record Assessment(int year, long accountId, long emissions, long carriedForward, long obligation,
        long allowancesSurrendered, long offsetsSurrendered, long surrenderedLate, long shortfall, String status,
        long statusCode, long penalty, long referencePrice, long nextYearDeduction, long nextYearCarryForward,
        String user)
    {
    }

    @Override
    public void onComplianceAssessed(final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder e)
    {
        assessed(new Assessment(e.year(), e.accountId(), e.emissions(), e.carriedForward(), e.obligation(),
            e.allowancesSurrendered(), e.offsetsSurrendered(), e.surrenderedLate(), e.shortfall(), e.status().name(),
            e.status().value(), e.penalty(), e.referencePrice(), e.nextYearDeduction(), e.nextYearCarryForward(),
            actingUser()));
    }

    @Override
    public void onFineDue(final EventEnvelopeDecoder envelope, final FineDueDecoder e)
    {
        fineStatus(e.year(), e.accountId(), "DUE");
    }

    @Override
    public void onFineSettled(final EventEnvelopeDecoder envelope, final FineSettledDecoder e)
    {
        fineStatus(e.year(), e.accountId(), e.status().name());
    }

    @Override
    public void onComplianceYearClosed(final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder e)
    {
        yearClosed(e.year(), e.referencePrice(), actingUser());
    }

    /**
     * An enterprise was assessed (again, after a reopen: the new row replaces the old). The analytic store replays
     * its rows through this and the two methods below, in event order, to build the same table.
     */
    public void assessed(final Assessment a)
    {
        rows.computeIfAbsent(a.year(), year -> new TreeMap<>()).put(a.accountId(), new Object[] {
            (long)a.year(), a.accountId(), names.getOrDefault(a.accountId(), ""), currency, a.emissions(),
            a.carriedForward(), a.obligation(), a.allowancesSurrendered(), a.offsetsSurrendered(),
            a.surrenderedLate(), a.shortfall(), a.status(), a.statusCode(), a.penalty(), "",
            a.referencePrice(), a.nextYearDeduction(), a.nextYearCarryForward(), a.user()});
    }

    /**
     * A year was closed, at this reference price, by this user.
     */
    public void yearClosed(final int year, final long referencePrice, final String user)
    {
        referencePrices.put(year, referencePrice);
        closedBy.put(year, user);
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        // keyed by year: a year's rows end with its ComplianceYearClosed, not with a trading day
    }

    /**
     * @param year the compliance year.
     * @return the closed year's table, or null when the journal has no close of that year.
     */
    @Override
    public Table table(final int year)
    {
        final Long referencePrice = referencePrices.get(year);
        if (referencePrice == null)
        {
            return null;
        }
        final Table table = new Table(COLUMNS);
        final long[] sums = new long[COLUMNS.length];
        final Map<String, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> fines = new TreeMap<>();
        long worstCode = 0;
        final TreeMap<Long, Object[]> yearRows = rows.getOrDefault(year, new TreeMap<>());
        for (final Object[] row : yearRows.values())
        {
            final Object[] shown = row.clone();
            for (final int column : new int[] {4, 5, 6, 7, 8, 9, 10, 16, 17})
            {
                sums[column] += (long)row[column];
            }
            sums[13] += (long)row[13];
            statuses.merge((String)row[11], 1, Integer::sum);
            worstCode = Math.max(worstCode, (long)row[12]);
            if (!((String)row[FINE_STATUS]).isEmpty())
            {
                fines.merge((String)row[FINE_STATUS], 1, Integer::sum);
            }
            shown[13] = Money.format((long)row[13]);
            shown[15] = Money.format((long)row[15]);
            table.row(shown);
        }
        table.row((long)year, "TOTAL", yearRows.size() + " enterprises", currency, sums[4], sums[5], sums[6],
            sums[7], sums[8], sums[9], sums[10], counts(statuses), worstCode, Money.format(sums[13]), counts(fines),
            Money.format(referencePrice), sums[16], sums[17], closedBy.get(year));
        return table;
    }

    /**
     * The enterprise's fine of that year became DUE, PAID or WAIVED.
     */
    public void fineStatus(final int year, final long accountId, final String status)
    {
        final Object[] row = rows.getOrDefault(year, new TreeMap<>()).get(accountId);
        if (row != null)
        {
            row[FINE_STATUS] = status;
        }
    }

    /**
     * @return e.g. "COMPLETE 1 LATE 1 INCOMPLETE 1", in the order of the status codes, or "none".
     */
    private static String counts(final Map<String, Integer> counts)
    {
        final StringBuilder text = new StringBuilder();
        for (final ComplianceStatus status : ComplianceStatus.values())
        {
            append(text, status.name(), counts);
        }
        for (final String fine : new String[] {"DUE", "PAID", "WAIVED"})
        {
            append(text, fine, counts);
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    private static void append(final StringBuilder text, final String name, final Map<String, Integer> counts)
    {
        final Integer count = counts.get(name);
        if (count != null)
        {
            text.append(text.length() == 0 ? "" : " ").append(name).append(' ').append(count);
        }
    }
}
