package io.carbonx.gateway.marketdata;

/**
 * A browser's event stream watching one instrument through the {@link MarketDataHub}: told that the instrument's
 * published market changed, it reads a {@link MarketSnapshot} later on a thread of its own.
 */
@FunctionalInterface
public interface MarketWatcher
{
    /**
     * The book, trades, figures or phase changed. Called on the market-data listener's thread under the hub's lock:
     * must only note it and hand the work to another thread, never block or read the hub.
     */
    void changed();
}
