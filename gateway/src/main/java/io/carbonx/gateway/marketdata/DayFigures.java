package io.carbonx.gateway.marketdata;

/**
 * An instrument's figures for the trading day as market data shows them: open, high, low, the last trade and the
 * volume. Prices are 0 until the day's first trade, as in the engine's own statistics.
 */
final class DayFigures
{
    long open;
    long high;
    long low;
    long last;
    long lastQuantity;
    long volume;

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
    }

    void reset()
    {
        open = 0;
        high = 0;
        low = 0;
        last = 0;
        lastQuantity = 0;
        volume = 0;
    }

    void copyFrom(final DayFigures other)
    {
        open = other.open;
        high = other.high;
        low = other.low;
        last = other.last;
        lastQuantity = other.lastQuantity;
        volume = other.volume;
    }
}
