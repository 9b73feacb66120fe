package io.carbonx.engine.core;

/**
 * An instrument's figures for the current trading day, queries only. Prices are 0 until the day's first trade.
 */
public interface DailyStatisticsView
{
    /**
     * @return the price of the day's first trade.
     */
    long open();

    /**
     * @return the price of the day's latest trade.
     */
    long last();

    /**
     * @return the quantity of the day's latest trade.
     */
    long lastQuantity();

    long high();

    long low();

    /**
     * @return the quantity traded today.
     */
    long volume();

    /**
     * @return the sum of price x quantity of today's trades, in 0.01 currency units.
     */
    long turnover();
}
