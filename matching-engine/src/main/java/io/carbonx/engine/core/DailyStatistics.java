package io.carbonx.engine.core;

import io.carbonx.protocol.StateHash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One instrument's trading figures for the current day (open, high, low, last, volume, turnover), from which the
 * closing price is derived. Prices are 0 until the day's first trade.
 * <p>
 * The one implementation of the day's figures: the state machine keeps one per instrument (written by the
 * business-logic thread, handed out as a {@link DailyStatisticsView}), and market data keeps its own copies, written by
 * its listener thread, from the same trade events, so both show the same figures.
 */
public final class DailyStatistics implements DailyStatisticsView
{
    private long open;
    private long last;
    private long lastQuantity;
    private long high;
    private long low;
    private long volume;
    private long turnover;

    /**
     * Count a trade of the day.
     */
    public void onTrade(final long price, final long quantity)
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

    /**
     * Start a new day: no trades yet.
     */
    public void reset()
    {
        open = 0;
        last = 0;
        lastQuantity = 0;
        high = 0;
        low = 0;
        volume = 0;
        turnover = 0;
    }

    /**
     * Take over another instrument-day's figures, e.g. a recovered state machine's or the last published ones.
     */
    public void copyFrom(final DailyStatisticsView other)
    {
        open = other.open();
        last = other.last();
        lastQuantity = other.lastQuantity();
        high = other.high();
        low = other.low();
        volume = other.volume();
        turnover = other.turnover();
    }

    @Override
    public long open()
    {
        return open;
    }

    /**
     * @return the price of the day's latest trade.
     */
    @Override
    public long last()
    {
        return last;
    }

    /**
     * @return the quantity of the day's latest trade.
     */
    @Override
    public long lastQuantity()
    {
        return lastQuantity;
    }

    @Override
    public long high()
    {
        return high;
    }

    @Override
    public long low()
    {
        return low;
    }

    @Override
    public long volume()
    {
        return volume;
    }

    @Override
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
