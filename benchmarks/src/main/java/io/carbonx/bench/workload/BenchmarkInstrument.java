package io.carbonx.bench.workload;

import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;

/**
 * The one instrument every workload trades, tick 0.01, lot 1 t, with a band so wide that no generated price is
 * refused, and the settings of the books that trade it.
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

    /**
     * As in the order book's own property tests: late cancels are answered precisely for the last 65,536 closed
     * orders, and the memory stays small enough to be mostly in cache.
     */
    public static final int CLOSED_ORDER_MEMORY = 1 << 16;

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

    /**
     * @return an empty book of a fresh instrument, with the closed-order memory every benchmark uses.
     */
    public static OrderBook newBook(final int orderCapacity, final OrderBookListener listener)
    {
        return new OrderBook(create(), orderCapacity, CLOSED_ORDER_MEMORY, listener);
    }

    private BenchmarkInstrument()
    {
    }
}
