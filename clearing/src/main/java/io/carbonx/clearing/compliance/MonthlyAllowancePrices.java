package io.carbonx.clearing.compliance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Allowance volume and turnover per trading date, summed over every ALLOWANCE instrument (all vintages) from the
 * figures of each closed trading day, for the average price a market-price penalty is based on: over a
 * {@link ReferencePriceWindow}, or the same window a month earlier when it had no trades, up to {@link #MONTHS} back.
 * <p>
 * Bounded: the last {@link #DAYS} days (more than {@link #MONTHS} months) are kept in a ring indexed by the date's
 * epoch day, so the state never grows. A day older than what its slot holds is ignored.
 */
final class MonthlyAllowancePrices
{
    static final int MONTHS = 24;
    static final int DAYS = 31 * MONTHS;

    private final int[] dates = new int[DAYS];
    private final long[] volume = new long[DAYS];
    private final long[] turnover = new long[DAYS];

    /**
     * @param tradingDate yyyymmdd, a valid date.
     */
    void onDay(final int tradingDate, final long dayVolume, final long dayTurnover)
    {
        if (dayVolume <= 0)
        {
            return;
        }
        final int slot = slot(date(tradingDate));
        if (dates[slot] > tradingDate)
        {
            return;
        }
        if (dates[slot] != tradingDate)
        {
            dates[slot] = tradingDate;
            volume[slot] = 0;
            turnover[slot] = 0;
        }
        volume[slot] += dayVolume;
        turnover[slot] += dayTurnover;
    }

    /**
     * The volume-weighted average price of the window of a deadline, or of the latest earlier window (the same window
     * a month earlier, then two, ...) with trades within the kept history when it had none, rounded half up to 0.01
     * units.
     *
     * @return the price, or 0 when no such window had a trade.
     */
    long averagePrice(final ReferencePriceWindow window, final LocalDate deadlineDate)
    {
        for (int earlier = 0; earlier < MONTHS; earlier++)
        {
            long windowVolume = 0;
            long windowTurnover = 0;
            final LocalDate last = window.last(deadlineDate, earlier);
            for (LocalDate day = window.first(deadlineDate, earlier); !day.isAfter(last); day = day.plusDays(1))
            {
                final int slot = slot(day);
                if (dates[slot] == yyyymmdd(day))
                {
                    windowVolume += volume[slot];
                    windowTurnover += turnover[slot];
                }
            }
            if (windowVolume > 0)
            {
                return (windowTurnover + windowVolume / 2) / windowVolume;
            }
        }
        return 0;
    }

    void write(final DataOutput out) throws IOException
    {
        for (int i = 0; i < DAYS; i++)
        {
            out.writeInt(dates[i]);
            out.writeLong(volume[i]);
            out.writeLong(turnover[i]);
        }
    }

    void read(final DataInput in) throws IOException
    {
        for (int i = 0; i < DAYS; i++)
        {
            dates[i] = in.readInt();
            volume[i] = in.readLong();
            turnover[i] = in.readLong();
        }
    }

    private static int slot(final LocalDate date)
    {
        return (int)Math.floorMod(date.toEpochDay(), (long)DAYS);
    }

    private static LocalDate date(final int yyyymmdd)
    {
        return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    private static int yyyymmdd(final LocalDate date)
    {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }
}
