package io.carbonx.engine.block;

/**
 * A scheme's rules for negotiated block trades: how large a cross must be, how far its price may stray from the
 * instrument's reference price, and whether it counts in the day's closing price.
 *
 * @param threshold          the least quantity of a block trade, in tonnes.
 * @param priceBandBps       how far, in basis points of the reference price, a block trade's price may be from it.
 * @param countsInClosePrice whether block trades count in the closing-price VWAP (and the day's volume and turnover
 *                           that the {@code DayClosed} event reports with it).
 */
public record BlockTradeRules(long threshold, int priceBandBps, boolean countsInClosePrice)
{
    /**
     * China's national market: 100,000 t or more, within +-30% of the previous close, not in the close.
     */
    public static final BlockTradeRules DEFAULT = new BlockTradeRules(100_000, 3_000, false);

    public BlockTradeRules
    {
        if (threshold < 1 || priceBandBps < 0 || priceBandBps > 10_000)
        {
            throw new IllegalArgumentException(
                "block threshold must be positive and the band 0-10000 bps: " + threshold + ", " + priceBandBps);
        }
    }
}
