package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Daily market report per instrument: open (first trade), high, low, close, volume, turnover and trade count. The
 * close is the engine's own {@code DayClosed} closing price (the volume-weighted average of the day's trades, or the
 * previous close carried over when nothing traded); the open day has no close yet.
 */
public final class MarketReport implements ReportFold
{
    private static final class Day
    {
        long open;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long volume;
        long turnover;
        int trades;
        long close;
        boolean closed;
    }

    private final Instruments instruments;
    private TreeMap<Integer, Day> current = new TreeMap<>();
    private final Map<Integer, Table> tables = new HashMap<>();

    public MarketReport(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        final Day day = current.computeIfAbsent(trade.instrumentId(), id -> new Day());
        final long price = trade.price();
        if (day.trades == 0)
        {
            day.open = price;
        }
        day.high = Math.max(day.high, price);
        day.low = Math.min(day.low, price);
        day.volume += trade.quantity();
        day.turnover = Math.addExact(day.turnover, Math.multiplyExact(price, trade.quantity()));
        day.trades++;
    }

    @Override
    public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
    {
        final Day day = current.computeIfAbsent(dayClosed.instrumentId(), id -> new Day());
        day.close = dayClosed.closingPrice();
        day.closed = true;
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        final Table table =
            new Table("date", "instrument", "open", "high", "low", "close", "volume", "turnover", "trades");
        final String dateText = ReportFold.dateText(date);
        for (final Map.Entry<Integer, Day> entry : current.entrySet())
        {
            final Day day = entry.getValue();
            final boolean traded = day.trades > 0;
            table.row(dateText, instruments.symbol(entry.getKey()),
                traded ? Money.format(day.open) : "",
                traded ? Money.format(day.high) : "",
                traded ? Money.format(day.low) : "",
                day.closed ? Money.format(day.close) : "",
                day.volume, Money.format(day.turnover), day.trades);
        }
        tables.putIfAbsent(date, table);
        current = new TreeMap<>();
    }

    @Override
    public Table table(final int date)
    {
        return tables.get(date);
    }
}
