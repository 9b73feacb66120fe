package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;

final class TestInstruments
{
    /**
     * CEA-2025 at a reference price of 100.00 with a +-10% band: prices 90.00..110.00, tick 0.01; lots of 1 t up to
     * 99,999 t.
     */
    static Instrument allowance(final SelfTradePolicy policy)
    {
        return new Instrument(new InstrumentSpec(
            1, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 10_000, policy));
    }

    /**
     * An instrument with a coarse tick (0.05) and lots of 10 t, minimum 10 t, maximum 1,000 t.
     */
    static Instrument coarse()
    {
        return new Instrument(new InstrumentSpec(
            2, "CCER", InstrumentKind.OFFSET, 0, 5, 10, 10, 1_000, 1_000, 10_000, SelfTradePolicy.CANCEL_INCOMING));
    }

    private TestInstruments()
    {
    }
}
