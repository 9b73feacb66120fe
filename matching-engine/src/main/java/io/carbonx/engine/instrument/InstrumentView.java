package io.carbonx.engine.instrument;

import io.carbonx.protocol.sbe.TradingPhase;

/**
 * An instrument as code outside the core sees it: its definition, phase and price band, queries only. The
 * {@link Instrument} itself is changed by the business-logic thread alone.
 */
public interface InstrumentView
{
    InstrumentSpec spec();

    int id();

    TradingPhase phase();

    /**
     * @return the price the band is derived from, normally the previous close.
     */
    long referencePrice();

    /**
     * @return the lowest price an order may carry today.
     */
    long lowestPrice();

    /**
     * @return the highest price an order may carry today.
     */
    long highestPrice();

    boolean isInsideBand(long price);
}
