package io.carbonx.gateway.http.console;

import java.util.List;

/**
 * Price and volume bars of one instrument, the source of the console's charts and of {@code GET /analytics/bars}.
 * Until the analytic store answers it, {@link TradeLogBars} folds the read replica's trade log; the store implements
 * the same contract.
 */
public interface MarketBars
{
    /**
     * Bars by trading day, or by minute of the latest day that traded.
     */
    enum Interval
    {
        DAY, MINUTE
    }

    /**
     * One bar. Prices are fixed-point (0.01), the volume tonnes, the turnover in 0.01 currency units.
     *
     * @param time a trading date {@code 2026-12-07} for a day bar, an ISO instant of the minute's start in UTC
     *             ({@code 2026-12-07T02:31:00Z}) for a minute bar.
     */
    record Bar(String time, long open, long high, long low, long close, long volume, long turnover)
    {
    }

    /**
     * @param instrumentId a listed instrument.
     * @return the bars in time order; empty when it never traded.
     */
    List<Bar> bars(int instrumentId, Interval interval);
}
