package io.carbonx.gateway.http.console;

import io.carbonx.gateway.http.EventStream;
import io.carbonx.gateway.http.StrictJson;
import io.carbonx.gateway.marketdata.MarketDataHub;
import io.carbonx.gateway.marketdata.MarketSnapshot;
import io.carbonx.gateway.marketdata.MarketWatcher;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's live view of one instrument ({@code GET /console/stream?instrument=}): a {@code market} event with
 * the whole published market (phase, band, day figures, book to {@link #DEPTH} levels) at once, then another after
 * every change, with only the trades it has not sent yet.
 * <p>
 * Nothing waits and nothing polls: the hub's publishing thread (the market-data listener's) only sets a flag and
 * queues one task on the connection's event loop, which reads a snapshot from the hub and writes it. Changes that come
 * while that task waits fold into it, so a burst of trades costs one snapshot, and what waits per connection is at
 * most one snapshot in the queue plus the connection's bounded write buffer (a client that cannot keep up is dropped:
 * see {@link EventStream.EventSink#send}).
 * <p>
 * Threads: {@link #changed} on the market-data listener's thread; everything else on the connection's event loop.
 */
final class MarketStream implements EventStream, MarketWatcher
{
    static final int DEPTH = 10;

    private final MarketDataHub hub;
    private final String symbol;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable push = this::push;
    private volatile EventSink sink;
    private long tradesSent;

    MarketStream(final MarketDataHub hub, final String symbol)
    {
        this.hub = hub;
        this.symbol = symbol;
    }

    @Override
    public void open(final EventSink eventSink)
    {
        this.sink = eventSink;
        hub.watch(symbol, this);
        eventSink.onClose(() -> hub.unwatch(symbol, this));
        push();
    }

    @Override
    public void changed()
    {
        if (pending.compareAndSet(false, true))
        {
            sink.execute(push);
        }
    }

    private void push()
    {
        pending.set(false);
        final MarketSnapshot market = hub.snapshot(symbol, DEPTH);
        if (market == null)
        {
            return;
        }
        final String json = new String(StrictJson.write(MarketJson.toMap(market, tradesSent)), StandardCharsets.UTF_8);
        if (sink.send("market", json))
        {
            tradesSent = market.tradeCount();
        }
        else
        {
            hub.unwatch(symbol, this);
        }
    }
}
