package io.carbonx.clearing.compliance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Allowance volume and turnover per calendar month, summed over every ALLOWANCE instrument (all vintages) from the
 * figures of each closed trading day, for the average price a market-price penalty is based on.
 * <p>
 * Bounded: the last {@link #MONTHS} months are kept in a ring indexed by month, so the state never grows. A month is
 * the {@code yyyymm} of the trading date; a day older than what its slot holds is ignored.
 */
final class MonthlyAllowancePrices
{
    static final int MONTHS = 24;

    private final int[] months = new int[MONTHS];
    private final long[] volume = new long[MONTHS];
    private final long[] turnover = new long[MONTHS];

    /**
     * @param tradingDate yyyymmdd.
     */
    void onDay(final int tradingDate, final long dayVolume, final long dayTurnover)
    {
        if (dayVolume <= 0)
        {
            return;
        }
        final int month = tradingDate / 100;
        final int slot = slot(month);
        if (months[slot] > month)
        {
            return;
        }
        if (months[slot] != month)
        {
            months[slot] = month;
            volume[slot] = 0;
            turnover[slot] = 0;
        }
        volume[slot] += dayVolume;
        turnover[slot] += dayTurnover;
    }

    /**
     * The volume-weighted average price of the month, or of the latest earlier month with trades within the kept
     * history when it had none, rounded half up to 0.01 units.
     *
     * @param month yyyymm.
     * @return the price, or 0 when no kept month up to {@code month} had a trade.
     */
    long averagePrice(final int month)
    {
        int candidate = month;
        for (int i = 0; i < MONTHS; i++)
        {
            final int slot = slot(candidate);
            if (months[slot] == candidate && volume[slot] > 0)
            {
                return (turnover[slot] + volume[slot] / 2) / volume[slot];
            }
            candidate = previousMonth(candidate);
        }
        return 0;
    }

    static int previousMonth(final int month)
    {
        return month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;
    }

    void write(final DataOutput out) throws IOException
    {
        for (int i = 0; i < MONTHS; i++)
        {
            out.writeInt(months[i]);
            out.writeLong(volume[i]);
            out.writeLong(turnover[i]);
        }
    }

    void read(final DataInput in) throws IOException
    {
        for (int i = 0; i < MONTHS; i++)
        {
            months[i] = in.readInt();
            volume[i] = in.readLong();
            turnover[i] = in.readLong();
        }
    }

    private static int slot(final int month)
    {
        return Math.floorMod((month / 100) * 12 + month % 100 - 1, MONTHS);
    }
}
