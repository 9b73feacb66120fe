package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Large-holder report: at each day's close, every account holding at least the threshold of an instrument, with its
 * share of the units outstanding (percent, two decimals, rounded half up).
 */
public final class LargeHolders implements ReportFold
{
    private final Instruments instruments;
    private final long threshold;
    private final Map<Integer, Table> tables = new HashMap<>();

    /**
     * @param threshold in tonnes: holdings of at least this are listed.
     */
    public LargeHolders(final Instruments instruments, final long threshold)
    {
        this.instruments = instruments;
        this.threshold = threshold;
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        tables.putIfAbsent(date, table(instruments, threshold, ReportFold.dateText(date), closing));
    }

    /**
     * The large holders in a day's closing balances: what the fold builds, and the analytic store from its tables.
     */
    public static Table table(final Instruments instruments, final long threshold, final String dateText,
        final Balances closing)
    {
        final Table table = new Table("date", "instrument", "account", "type", "units", "outstanding", "sharePercent");
        for (final Map.Entry<Integer, Long> instrument : closing.outstanding().entrySet())
        {
            final long outstanding = instrument.getValue();
            for (final Balances.AccountBalance account : closing.accounts().values())
            {
                final long units = account.units(instrument.getKey());
                if (units >= threshold && units > 0)
                {
                    table.row(dateText, instruments.symbol(instrument.getKey()), account.accountId(), account.type(),
                        units,
                        outstanding, BigDecimal.valueOf(units).movePointRight(2)
                            .divide(BigDecimal.valueOf(outstanding), 2, RoundingMode.HALF_UP).toPlainString());
                }
            }
        }
        return table;
    }

    @Override
    public Table table(final int date)
    {
        return tables.get(date);
    }
}
