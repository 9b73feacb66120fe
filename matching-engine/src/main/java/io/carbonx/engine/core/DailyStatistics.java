package io.carbonx.engine.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One instrument's trading figures for the current day, from which the closing price is derived. Prices are 0 until
 * the day's first trade. Read-only outside the state machine.
 */
public final class DailyStatistics
{
    private long open;
    private long last;
    private long lastQuantity;
    private long high;
    private long low;
    private long volume;
    private long turnover;

    void onTrade(final long price, final long quantity)
    {
        if (volume == 0)
        {
            open = price;
            high = price;
            low = price;
        }
        else
        {
            high = Math.max(high, price);
            low = Math.min(low, price);
        }
        last = price;
        lastQuantity = quantity;
        volume += quantity;
        turnover += price * quantity;
    }

    /**
     * The closing price: the volume-weighted average price of the day's trades rounded half up to the tick, or the
     * previous close when nothing traded.
     */
    long closingPrice(final long previousClose, final long tickSize)
    {
        if (volume == 0)
        {
            return previousClose;
        }
        final long ticks = (turnover + volume * tickSize / 2) / (volume * tickSize);
        return Math.max(tickSize, ticks * tickSize);
    }

    void reset()
    {
        open = 0;
        last = 0;
        lastQuantity = 0;
        high = 0;
        low = 0;
        volume = 0;
        turnover = 0;
    }

    public long open()
    {
        return open;
    }

    /**
     * @return the price of the day's latest trade.
     */
    public long last()
    {
        return last;
    }

    /**
     * @return the quantity of the day's latest trade.
     */
    public long lastQuantity()
    {
        return lastQuantity;
    }

    public long high()
    {
        return high;
    }

    public long low()
    {
        return low;
    }

    public long volume()
    {
        return volume;
    }

    public long turnover()
    {
        return turnover;
    }

    long hashInto(final long hash)
    {
        long mixed = StateHash.mix(hash, open);
        mixed = StateHash.mix(mixed, last);
        mixed = StateHash.mix(mixed, lastQuantity);
        mixed = StateHash.mix(mixed, high);
        mixed = StateHash.mix(mixed, low);
        mixed = StateHash.mix(mixed, volume);
        return StateHash.mix(mixed, turnover);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(open);
        out.writeLong(last);
        out.writeLong(lastQuantity);
        out.writeLong(high);
        out.writeLong(low);
        out.writeLong(volume);
        out.writeLong(turnover);
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        open = in.readLong();
        last = in.readLong();
        lastQuantity = in.readLong();
        high = in.readLong();
        low = in.readLong();
        volume = in.readLong();
        turnover = in.readLong();
    }
}
