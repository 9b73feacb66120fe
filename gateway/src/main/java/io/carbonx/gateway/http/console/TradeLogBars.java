package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.ReadReplica;
import io.carbonx.gateway.http.TradeRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MarketBars} folded from the read replica's trade log on each request: day bars by the trading date each
 * trade belongs to (a trade of the day still open by the date of its time in the scheme's zone), minute bars of the
 * latest day that traded by the minute of each trade's time. Block trades are not in the log, so not in the bars.
 * A stand-in for the analytic store's bars, which answer the same without folding the log.
 * <p>
 * Stateless; any HTTP worker calls it.
 */
public final class TradeLogBars implements MarketBars
{
    private final ReadReplica replica;
    private final ZoneId zone;

    /**
     * @param zone the scheme's time zone, which dates the open day's trades.
     */
    public TradeLogBars(final ReadReplica replica, final ZoneId zone)
    {
        this.replica = replica;
        this.zone = zone;
    }

    @Override
    public List<Bar> bars(final int instrumentId, final Interval interval)
    {
        final List<TradeRecord> trades = replica.instrumentTrades(instrumentId);
        return interval == Interval.DAY ? days(trades) : minutes(trades);
    }

    private List<Bar> days(final List<TradeRecord> trades)
    {
        final List<Bar> bars = new ArrayList<>();
        Folding bar = null;
        for (final TradeRecord trade : trades)
        {
            final String day = day(trade);
            if (bar == null || !bar.time.equals(day))
            {
                add(bars, bar);
                bar = new Folding(day, trade);
            }
            else
            {
                bar.add(trade);
            }
        }
        add(bars, bar);
        return bars;
    }

    private List<Bar> minutes(final List<TradeRecord> trades)
    {
        final List<Bar> bars = new ArrayList<>();
        if (trades.isEmpty())
        {
            return bars;
        }
        final String lastDay = day(trades.get(trades.size() - 1));
        Folding bar = null;
        for (final TradeRecord trade : trades)
        {
            if (!day(trade).equals(lastDay))
            {
                continue;
            }
            final String minute = instant(trade).truncatedTo(ChronoUnit.MINUTES).toString();
            if (bar == null || !bar.time.equals(minute))
            {
                add(bars, bar);
                bar = new Folding(minute, trade);
            }
            else
            {
                bar.add(trade);
            }
        }
        add(bars, bar);
        return bars;
    }

    private String day(final TradeRecord trade)
    {
        final int date = trade.tradingDate();
        if (date == 0)
        {
            return LocalDate.ofInstant(instant(trade), zone).toString();
        }
        return LocalDate.of(date / 10_000, date / 100 % 100, date % 100).toString();
    }

    private static Instant instant(final TradeRecord trade)
    {
        return Instant.ofEpochSecond(Math.floorDiv(trade.timestamp(), 1_000_000_000L),
            Math.floorMod(trade.timestamp(), 1_000_000_000L));
    }

    private static void add(final List<Bar> bars, final Folding bar)
    {
        if (bar != null)
        {
            bars.add(new Bar(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.turnover));
        }
    }

    /**
     * The bar being folded.
     */
    private static final class Folding
    {
        final String time;
        final long open;
        long high;
        long low;
        long close;
        long volume;
        long turnover;

        Folding(final String time, final TradeRecord first)
        {
            this.time = time;
            this.open = first.price();
            this.high = first.price();
            this.low = first.price();
            add(first);
        }

        void add(final TradeRecord trade)
        {
            high = Math.max(high, trade.price());
            low = Math.min(low, trade.price());
            close = trade.price();
            volume += trade.quantity();
            turnover = Math.addExact(turnover, Math.multiplyExact(trade.price(), trade.quantity()));
        }
    }
}
