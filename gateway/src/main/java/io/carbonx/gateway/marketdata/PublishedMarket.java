package io.carbonx.gateway.marketdata;

import io.carbonx.engine.core.DailyStatistics;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.TradingPhase;

import java.util.ArrayList;
import java.util.List;

/**
 * One instrument as subscribers last saw it: its settings, phase, band, day figures, aggregated book and latest
 * trades, and who subscribes to it (FIX sessions) or watches it (the console's event streams). Guarded by the
 * {@link MarketDataHub}'s lock.
 */
final class PublishedMarket
{
    static final int RECENT_TRADES = 50;

    final InstrumentSpec spec;
    /** The engine's own band rule, fed the same reference prices, so the band shown is the band enforced. */
    final Instrument instrument;
    final DailyStatistics figures = new DailyStatistics();
    final AggregatedBook book = new AggregatedBook();
    final List<Subscription> subscriptions = new ArrayList<>();
    /** Browser streams watching this instrument. */
    final List<MarketWatcher> watchers = new ArrayList<>();
    /** The latest trades, a ring of {@link #RECENT_TRADES}: price, quantity and time of trade number n at n % size. */
    final long[] recentPrices = new long[RECENT_TRADES];
    final long[] recentQuantities = new long[RECENT_TRADES];
    final long[] recentTimes = new long[RECENT_TRADES];
    long tradeCount;

    PublishedMarket(final InstrumentSpec spec, final TradingPhase phase, final long referencePrice)
    {
        this.spec = spec;
        this.instrument = new Instrument(spec);
        instrument.phase(phase);
        instrument.referencePrice(referencePrice);
    }

    void recentTrade(final long price, final long quantity, final long timestamp)
    {
        final int slot = (int)(tradeCount % RECENT_TRADES);
        recentPrices[slot] = price;
        recentQuantities[slot] = quantity;
        recentTimes[slot] = timestamp;
        tradeCount++;
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
