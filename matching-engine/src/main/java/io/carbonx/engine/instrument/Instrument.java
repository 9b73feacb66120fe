package io.carbonx.engine.instrument;

import io.carbonx.protocol.sbe.TradingPhase;

/**
 * An instrument's definition plus the state that changes during trading: its phase and its price band.
 * <p>
 * The band is recomputed only when the reference price changes, so the per-order check is two comparisons.
 */
public final class Instrument implements InstrumentView
{
    private static final long BPS = 10_000;

    private final InstrumentSpec spec;
    private TradingPhase phase = TradingPhase.CONTINUOUS;
    private long referencePrice;
    private long lowestPrice;
    private long highestPrice;

    public Instrument(final InstrumentSpec spec)
    {
        this.spec = spec;
        referencePrice(spec.referencePrice());
    }

    @Override
    public InstrumentSpec spec()
    {
        return spec;
    }

    @Override
    public int id()
    {
        return spec.id();
    }

    @Override
    public TradingPhase phase()
    {
        return phase;
    }

    public void phase(final TradingPhase phase)
    {
        this.phase = phase;
    }

    @Override
    public long referencePrice()
    {
        return referencePrice;
    }

    /**
     * Set the reference price (normally the previous close) and derive the band from it. Band edges are rounded
     * inwards to the tick, so every price inside the band is a valid order price, and the band always contains
     * at least the reference price itself.
     */
    public void referencePrice(final long referencePrice)
    {
        if (referencePrice <= 0)
        {
            throw new IllegalArgumentException(spec.symbol() + ": reference price must be positive: " + referencePrice);
        }
        final long tick = spec.tickSize();
        final long width = Math.multiplyExact(referencePrice, spec.priceBandBps()) / BPS;
        this.referencePrice = referencePrice;
        this.highestPrice = Math.max(floorToTick(referencePrice + width, tick), ceilToTick(referencePrice, tick));
        this.lowestPrice =
            Math.max(tick, Math.min(ceilToTick(referencePrice - width, tick), floorToTick(referencePrice, tick)));
    }

    /**
     * @return the lowest price an order may carry today.
     */
    @Override
    public long lowestPrice()
    {
        return lowestPrice;
    }

    /**
     * @return the highest price an order may carry today.
     */
    @Override
    public long highestPrice()
    {
        return highestPrice;
    }

    @Override
    public boolean isInsideBand(final long price)
    {
        return price >= lowestPrice && price <= highestPrice;
    }

    private static long floorToTick(final long price, final long tick)
    {
        return Math.floorDiv(price, tick) * tick;
    }

    private static long ceilToTick(final long price, final long tick)
    {
        return -Math.floorDiv(-price, tick) * tick;
    }

    @Override
    public String toString()
    {
        return spec.symbol() + "[" + phase + ", ref=" + referencePrice + ", band=" + lowestPrice + ".." + highestPrice +
            "]";
    }
}
