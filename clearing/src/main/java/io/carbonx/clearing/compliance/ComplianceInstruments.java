package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.InstrumentKind;

/**
 * What the compliance desk needs to know about listed instruments; the exchange's instrument table answers.
 */
public interface ComplianceInstruments
{
    /**
     * @return the highest instrument id that may be listed.
     */
    int maxInstrumentId();

    /**
     * @return the kind of a listed instrument, or null if none is listed with the id.
     */
    InstrumentKind kind(int instrumentId);

    /**
     * @return the vintage of a listed instrument.
     */
    int vintage(int instrumentId);

    /**
     * @return the current reference price (previous close) of a listed instrument, in 0.01 currency units.
     */
    long referencePrice(int instrumentId);
}
