package io.carbonx.bench.workload;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;

/**
 * The one instrument every workload trades: tick 0.01, lot 1 t, and a band so wide that no generated price is refused.
 */
public final class BenchmarkInstrument
{
    /**
     * 100.00 in ticks of 0.01: the reference price and the mid the workloads trade around.
     */
    public static final long MID_PRICE = 10_000;

    /**
     * +-50%: 50.00..150.00, far beyond where the workloads' prices wander.
     */
    public static final int PRICE_BAND_BPS = 5_000;

    public static final long MAX_QUANTITY = 1_000_000;

    /**
     * Generators never let two orders of one account meet, so the policy should never act; CANCEL_INCOMING is the
     * cheapest should one slip through, and the reference run counts them.
     */
    public static final SelfTradePolicy SELF_TRADE_POLICY = SelfTradePolicy.CANCEL_INCOMING;

    public static InstrumentSpec spec()
    {
        return new InstrumentSpec(
            1, "BENCH-CEA", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, MAX_QUANTITY, PRICE_BAND_BPS, MID_PRICE,
            SELF_TRADE_POLICY);
    }

    /**
     * @return a fresh instrument in continuous trading: each book gets its own, as the book reads its phase and band.
     */
    public static Instrument create()
    {
        return new Instrument(spec());
    }

    private BenchmarkInstrument()
    {
    }
}
