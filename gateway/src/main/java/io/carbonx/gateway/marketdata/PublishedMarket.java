package io.carbonx.gateway.marketdata;

import io.carbonx.engine.core.DailyStatistics;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.TradingPhase;

import java.util.ArrayList;
import java.util.List;

/**
 * One instrument as subscribers last saw it: its settings, phase, band, day figures and aggregated book, and who
 * subscribes to it. Guarded by the {@link MarketDataHub}'s lock.
 */
final class PublishedMarket
{
    final InstrumentSpec spec;
    /** The engine's own band rule, fed the same reference prices, so the band shown is the band enforced. */
    final Instrument instrument;
    final DailyStatistics figures = new DailyStatistics();
    final AggregatedBook book = new AggregatedBook();
    final List<Subscription> subscriptions = new ArrayList<>();

    PublishedMarket(final InstrumentSpec spec, final TradingPhase phase, final long referencePrice)
    {
        this.spec = spec;
        this.instrument = new Instrument(spec);
        instrument.phase(phase);
        instrument.referencePrice(referencePrice);
    }

    String symbol()
    {
        return spec.symbol();
    }

    TradingPhase phase()
    {
        return instrument.phase();
    }

    long referencePrice()
    {
        return instrument.referencePrice();
    }
}
