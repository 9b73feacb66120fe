package io.carbonx.gateway.marketdata;

import io.carbonx.engine.core.DailyStatistics;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.protocol.sbe.TradingPhase;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the market as last published meets the sessions that watch it. The {@link MarketDataListener} publishes each
 * change here; FIX requests read snapshots and subscribe here. One lock orders the two, so a subscription's snapshot
 * (W) shows exactly the state that its first incremental refresh (X) starts from, and every X goes out in the order
 * the changes happened. Sending only queues the message on the session's event loop, so the lock is held briefly.
 * <p>
 * Nothing here reads the engine: everything comes from the event stream through the listener.
 */
public final class MarketDataHub
{
    /**
     * The latest trades each instrument keeps for the console.
     */
    public static final int RECENT_TRADES = PublishedMarket.RECENT_TRADES;

    /**
     * A logged-on session and its snapshot-plus-updates subscriptions by MDReqID.
     */
    private static final class Watcher
    {
        final FixSession session;
        final Map<String, Subscription> subscriptions = new HashMap<>();

        Watcher(final FixSession session)
        {
            this.session = session;
        }
    }

    private final Int2ObjectHashMap<PublishedMarket> markets = new Int2ObjectHashMap<>();
    private final TreeMap<Integer, PublishedMarket> marketsInIdOrder = new TreeMap<>();
    private final Map<String, PublishedMarket> marketsBySymbol = new HashMap<>();
    private final Map<FixSessionId, Watcher> watchers = new HashMap<>();
    private final MdEntries entries = new MdEntries();

    // ------------------------------------------------------------------------------ from the listener's thread

    synchronized void listed(final InstrumentSpec spec, final TradingPhase phase, final long referencePrice)
    {
        final PublishedMarket market = new PublishedMarket(spec, phase, referencePrice);
        markets.put(spec.id(), market);
        marketsInIdOrder.put(spec.id(), market);
        marketsBySymbol.put(spec.symbol(), market);
    }

    /**
     * Bring the published market level with the mirror and send each subscriber the difference as one X.
     */
    synchronized void publish(final BookMirror mirror)
    {
        final PublishedMarket market = markets.get(mirror.instrumentId);
        entries.clear();
        final LongArrayList tradePrices = mirror.tradePrices;
        for (int i = 0; i < tradePrices.size(); i++)
        {
            entries.add(MdEntryTypes.TRADE, MarketDataMessages.NEW, tradePrices.getLong(i),
                mirror.tradeQuantities.getLong(i));
            market.recentTrade(tradePrices.getLong(i), mirror.tradeQuantities.getLong(i), mirror.tradeTimes.getLong(i));
        }
        levels(mirror, market, true);
        levels(mirror, market, false);

        final DailyStatistics was = market.figures;
        final DailyStatistics now = mirror.figures;
        figure(MdEntryTypes.OPENING_PRICE, was.open(), now.open(), false);
        figure(MdEntryTypes.SESSION_HIGH, was.high(), now.high(), false);
        figure(MdEntryTypes.SESSION_LOW, was.low(), now.low(), false);
        figure(MdEntryTypes.CLOSING_PRICE, market.referencePrice(), mirror.referencePrice, false);
        figure(MdEntryTypes.TRADE_VOLUME, was.volume(), now.volume(), true);
        was.copyFrom(now);
        if (market.referencePrice() != mirror.referencePrice)
        {
            market.instrument.referencePrice(mirror.referencePrice);
        }

        if (entries.size() == 0)
        {
            return;
        }
        notifyWatchers(market);
        for (final Subscription subscription : market.subscriptions)
        {
            final ApplicationMessage update = MarketDataMessages.incremental(
                subscription.mdReqId(), market.symbol(), entries, subscription.entryTypes());
            if (update != null)
            {
                subscription.session().send(update);
            }
        }
    }

    private void levels(final BookMirror mirror, final PublishedMarket market, final boolean buy)
    {
        final LongArrayList changed = buy ? mirror.changedBids : mirror.changedAsks;
        final char type = buy ? MdEntryTypes.BID : MdEntryTypes.OFFER;
        for (int i = 0; i < changed.size(); i++)
        {
            final long price = changed.getLong(i);
            final long was = market.book.quantity(buy, price);
            final long now = mirror.book.quantity(buy, price);
            if (was != now)
            {
                market.book.set(buy, price, now);
                entries.add(type, action(was, now), price, now == 0 ? MdEntries.NONE : now);
            }
        }
    }

    private void figure(final char type, final long was, final long now, final boolean isSize)
    {
        if (was != now)
        {
            final long value = now == 0 ? MdEntries.NONE : now;
            entries.add(type, action(was, now), isSize ? MdEntries.NONE : value, isSize ? value : MdEntries.NONE);
        }
    }

    private static char action(final long was, final long now)
    {
        return was == 0 ? MarketDataMessages.NEW : now == 0 ? MarketDataMessages.DELETE : MarketDataMessages.CHANGE;
    }

    /**
     * Record an instrument's new phase and tell every logged-on session with a TradingSessionStatus (h).
     */
    synchronized void phaseChanged(final int instrumentId, final TradingPhase phase)
    {
        final PublishedMarket market = markets.get(instrumentId);
        if (market == null)
        {
            return;
        }
        market.instrument.phase(phase);
        notifyWatchers(market);
        final ApplicationMessage status = MarketDataMessages.sessionStatus(null, market);
        for (final Watcher watcher : watchers.values())
        {
            if (watcher.session.isLoggedOn())
            {
                watcher.session.send(status);
            }
        }
    }

    private static void notifyWatchers(final PublishedMarket market)
    {
        final List<MarketWatcher> watchers = market.watchers;
        for (int i = 0; i < watchers.size(); i++)
        {
            watchers.get(i).changed();
        }
    }

    // ------------------------------------------------------------------------------ from the sessions' threads

    synchronized void loggedOn(final FixSession session)
    {
        watchers.computeIfAbsent(session.id(), id -> new Watcher(session));
    }

    /**
     * A session that goes away loses its subscriptions: a member subscribes again after logging on.
     */
    synchronized void loggedOut(final FixSession session)
    {
        final Watcher watcher = watchers.remove(session.id());
        if (watcher != null)
        {
            for (final Subscription subscription : watcher.subscriptions.values())
            {
                unlink(subscription);
            }
        }
    }

    /**
     * @return the instrument id of a symbol, or 0 when no instrument has it.
     */
    synchronized int instrumentId(final String symbol)
    {
        final PublishedMarket market = symbol == null ? null : marketsBySymbol.get(symbol);
        return market == null ? 0 : market.spec.id();
    }

    synchronized boolean isSubscribed(final FixSession session, final String mdReqId)
    {
        final Watcher watcher = watchers.get(session.id());
        return watcher != null && watcher.subscriptions.containsKey(mdReqId);
    }

    /**
     * Send one W per instrument, from the published state.
     */
    synchronized void sendSnapshots(
        final FixSession session, final String mdReqId, final int[] instrumentIds, final int depth,
        final int entryTypes)
    {
        for (final int instrumentId : instrumentIds)
        {
            session.send(MarketDataMessages.snapshot(mdReqId, markets.get(instrumentId), depth, entryTypes));
        }
    }

    /**
     * Send the snapshots and register the subscription in one step, so no change falls between the two.
     *
     * @return false when the session already has a subscription under this MDReqID.
     */
    synchronized boolean subscribe(final FixSession session, final String mdReqId, final int[] instrumentIds,
        final int entryTypes)
    {
        final Watcher watcher = watchers.computeIfAbsent(session.id(), id -> new Watcher(session));
        if (watcher.subscriptions.containsKey(mdReqId))
        {
            return false;
        }
        sendSnapshots(session, mdReqId, instrumentIds, 0, entryTypes);
        final Subscription subscription = new Subscription(session, mdReqId, instrumentIds.clone(), entryTypes);
        watcher.subscriptions.put(mdReqId, subscription);
        for (final int instrumentId : instrumentIds)
        {
            markets.get(instrumentId).subscriptions.add(subscription);
        }
        return true;
    }

    /**
     * @return false when the session has no subscription under this MDReqID.
     */
    synchronized boolean unsubscribe(final FixSession session, final String mdReqId)
    {
        final Watcher watcher = watchers.get(session.id());
        final Subscription subscription = watcher == null ? null : watcher.subscriptions.remove(mdReqId);
        if (subscription == null)
        {
            return false;
        }
        unlink(subscription);
        return true;
    }

    private void unlink(final Subscription subscription)
    {
        for (final int instrumentId : subscription.instrumentIds())
        {
            markets.get(instrumentId).subscriptions.remove(subscription);
        }
    }

    /**
     * Remember a trade from before this start (the latest trades shown by the console); call in trade order, before
     * the engine starts, for the trades the journal already holds.
     */
    public synchronized void rememberTrade(final int instrumentId, final long price, final long quantity,
        final long timestamp)
    {
        final PublishedMarket market = markets.get(instrumentId);
        if (market != null)
        {
            market.recentTrade(price, quantity, timestamp);
        }
    }

    // ------------------------------------------------------------------------------ from the console's threads

    /**
     * @return the listed instruments' symbols in id order.
     */
    public synchronized List<String> symbols()
    {
        final List<String> symbols = new ArrayList<>();
        for (final PublishedMarket market : marketsInIdOrder.values())
        {
            symbols.add(market.symbol());
        }
        return symbols;
    }

    /**
     * @param depth the most price levels per side; 0 for all.
     * @return the instrument's market as last published, or null when no instrument has the symbol.
     */
    public synchronized MarketSnapshot snapshot(final String symbol, final int depth)
    {
        final PublishedMarket market = symbol == null ? null : marketsBySymbol.get(symbol);
        if (market == null)
        {
            return null;
        }
        final List<MarketSnapshot.Tick> trades = new ArrayList<>();
        final long oldest = Math.max(0, market.tradeCount - PublishedMarket.RECENT_TRADES);
        for (long n = market.tradeCount - 1; n >= oldest; n--)
        {
            final int slot = (int)(n % PublishedMarket.RECENT_TRADES);
            trades.add(new MarketSnapshot.Tick(
                n + 1, market.recentTimes[slot], market.recentPrices[slot], market.recentQuantities[slot]));
        }
        final DailyStatistics day = market.figures;
        return new MarketSnapshot(market.symbol(), market.spec.id(), market.phase().name(), market.referencePrice(),
            market.instrument.lowestPrice(), market.instrument.highestPrice(), day.open(), day.high(), day.low(),
            day.last(), day.volume(), day.turnover(), levels(market.book, true, depth),
            levels(market.book, false, depth), trades, market.tradeCount);
    }

    private static List<MarketSnapshot.Level> levels(final AggregatedBook book, final boolean buy, final int depth)
    {
        final List<MarketSnapshot.Level> levels = new ArrayList<>();
        for (final long price : book.prices(buy, depth))
        {
            levels.add(new MarketSnapshot.Level(price, book.quantity(buy, price)));
        }
        return levels;
    }

    /**
     * Tell the watcher of every change to the instrument from now on.
     *
     * @return false when no instrument has the symbol.
     */
    public synchronized boolean watch(final String symbol, final MarketWatcher watcher)
    {
        final PublishedMarket market = marketsBySymbol.get(symbol);
        if (market == null)
        {
            return false;
        }
        market.watchers.add(watcher);
        return true;
    }

    public synchronized void unwatch(final String symbol, final MarketWatcher watcher)
    {
        final PublishedMarket market = marketsBySymbol.get(symbol);
        if (market != null)
        {
            market.watchers.remove(watcher);
        }
    }

    /**
     * @param symbol one instrument, or null for all of them.
     * @return a SecurityList of the instruments in id order, or one with SecurityRequestResult 2 when none match.
     */
    synchronized ApplicationMessage securityList(final String securityReqId, final String responseId,
        final String symbol)
    {
        final List<PublishedMarket> selected = new ArrayList<>();
        if (symbol == null)
        {
            selected.addAll(marketsInIdOrder.values());
        }
        else if (marketsBySymbol.containsKey(symbol))
        {
            selected.add(marketsBySymbol.get(symbol));
        }
        if (selected.isEmpty())
        {
            return MarketDataMessages.securityListRefused(securityReqId, responseId, 2);
        }
        return MarketDataMessages.securityList(securityReqId, responseId, selected);
    }

    /**
     * @param symbol one instrument, or null for all of them.
     * @return one TradingSessionStatus (h) per instrument, empty when the symbol is unknown.
     */
    synchronized List<ApplicationMessage> sessionStatus(final String tradSesReqId, final String symbol)
    {
        final List<ApplicationMessage> statuses = new ArrayList<>();
        for (final PublishedMarket market : marketsInIdOrder.values())
        {
            if (symbol == null || symbol.equals(market.symbol()))
            {
                statuses.add(MarketDataMessages.sessionStatus(tradSesReqId, market));
            }
        }
        return statuses;
    }
}
