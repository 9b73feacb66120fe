package io.carbonx.engine.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The day's figures, which the engine and market data both keep: open, high, low and last from the trades in order,
 * volume and turnover summed, the close as the volume-weighted price rounded half up to the tick.
 */
class DailyStatisticsTest
{
    @Test
    void pricesAreZeroUntilTheFirstTrade()
    {
        final DailyStatistics day = new DailyStatistics();
        assertEquals(0, day.open());
        assertEquals(0, day.high());
        assertEquals(0, day.low());
        assertEquals(0, day.last());
        assertEquals(0, day.volume());
    }

    @Test
    void tradesMakeTheOpenHighLowLastVolumeAndTurnover()
    {
        final DailyStatistics day = new DailyStatistics();
        day.onTrade(100_00, 10);
        day.onTrade(104_00, 5);
        day.onTrade(98_00, 20);
        day.onTrade(101_00, 7);

        assertEquals(100_00, day.open());
        assertEquals(104_00, day.high());
        assertEquals(98_00, day.low());
        assertEquals(101_00, day.last());
        assertEquals(7, day.lastQuantity());
        assertEquals(42, day.volume());
        assertEquals(100_00 * 10 + 104_00 * 5 + 98_00 * 20 + 101_00 * 7, day.turnover());
    }

    @Test
    void theCloseIsTheVolumeWeightedPriceRoundedHalfUpToTheTickOrThePreviousClose()
    {
        final DailyStatistics day = new DailyStatistics();
        assertEquals(77_00, day.closingPrice(77_00, 5), "nothing traded");

        day.onTrade(100_00, 1);
        day.onTrade(100_05, 1);
        assertEquals(100_05, day.closingPrice(77_00, 5), "100.025 is half a tick of 0.05 above 100.00: up");
        assertEquals(100_03, day.closingPrice(77_00, 1), "100.025 rounds half up to the cent");
    }

    @Test
    void aResetStartsTheDayAfreshAndACopyTakesEveryFigure()
    {
        final DailyStatistics day = new DailyStatistics();
        day.onTrade(100_00, 10);
        day.onTrade(90_00, 3);

        final DailyStatistics copy = new DailyStatistics();
        copy.copyFrom(day);
        assertEquals(day.hashInto(0), copy.hashInto(0));
        assertEquals(90_00, copy.low());
        assertEquals(3, copy.lastQuantity());
        assertEquals(100_00 * 10 + 90_00 * 3, copy.turnover());

        day.reset();
        assertEquals(new DailyStatistics().hashInto(0), day.hashInto(0));
        day.onTrade(95_00, 1);
        assertEquals(95_00, day.open(), "the first trade after a reset opens the day");
        assertEquals(95_00, day.high());
    }
}
