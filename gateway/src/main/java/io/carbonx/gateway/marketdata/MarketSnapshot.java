package io.carbonx.gateway.marketdata;

import java.util.List;

/**
 * One instrument's published market at one moment, for the console: phase and band, the day's figures, the aggregated
 * book best first, and the latest trades newest first. Prices are fixed-point (0.01), quantities tonnes; a figure of 0
 * means none yet (no trade today, no reference price).
 *
 * @param bandLow        the lowest price the band admits now, 0 when there is no band.
 * @param bandHigh       the highest, {@link Long#MAX_VALUE} when there is no band.
 * @param tradeCount     trades seen since the server started: a stream sends only those past its last count.
 */
public record MarketSnapshot(
    String symbol,
    int instrumentId,
    String phase,
    long referencePrice,
    long bandLow,
    long bandHigh,
    long open,
    long high,
    long low,
    long last,
    long volume,
    long turnover,
    List<Level> bids,
    List<Level> asks,
    List<Tick> trades,
    long tradeCount)
{
    /**
     * One price level: the total resting quantity and the number of the level from the best (0).
     */
    public record Level(long price, long quantity)
    {
    }

    /**
     * One trade: its number since the server started, the engine's timestamp in epoch nanoseconds, price and quantity.
     */
    public record Tick(long number, long timestamp, long price, long quantity)
    {
    }
}
