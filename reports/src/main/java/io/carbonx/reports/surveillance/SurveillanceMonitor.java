package io.carbonx.reports.surveillance;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SelfTradePreventedDecoder;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.registry.HoldingLimits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Market surveillance over the engine's event stream: four rules (see {@link AlertKind} and docs/reports.md,
 * Surveillance) whose alerts go to an {@link AlertListener}.
 * <p>
 * Deterministic like the engine: the only clock is the events' envelope timestamps, and alerts are raised while
 * handling the event that completes a rule, in rule order; the hash maps below are only looked up, never iterated
 * (what is iterated is ordered: a broker set, a queue of cancels in arrival order). The same events therefore give
 * the same alerts in the same order, whether they come live or from a replay of the journal. How the events arrive
 * (a pipeline listener, a journal replay, an analytic store's follower) is the feeder's business.
 * <p>
 * Not thread-safe: written by the one thread that feeds it events.
 */
public final class SurveillanceMonitor implements EngineEventHandler
{
    private static final long BPS = 10_000;

    private final SurveillanceSettings settings;
    private final AlertListener alerts;
    private final HoldingLimitSource limits;
    private final Map<Integer, Listed> instruments = new HashMap<>();
    private final Map<Long, SortedSet<Integer>> brokers = new HashMap<>();
    private final Map<AccountPair, PairTrades> pairTrades = new HashMap<>();
    private final Map<Long, LargeOrder> largeOrders = new HashMap<>();
    private final Map<AccountInstrument, ArrayDeque<QuickCancel>> quickCancels = new HashMap<>();
    private final Map<AccountInstrument, Holding> holdings = new HashMap<>();

    public SurveillanceMonitor(final SurveillanceSettings settings, final AlertListener alerts)
    {
        this(settings, alerts, HoldingLimitSource.NONE);
    }

    /**
     * @param limits the accounts' holding limits, for the rule that watches holdings near them.
     */
    public SurveillanceMonitor(
        final SurveillanceSettings settings, final AlertListener alerts, final HoldingLimitSource limits)
    {
        this.settings = settings;
        this.alerts = alerts;
        this.limits = limits;
    }

    // ------------------------------------------------------------------------------------------ reference data

    @Override
    public void onInstrumentListed(final EventEnvelopeDecoder envelope, final InstrumentListedDecoder event)
    {
        final InstrumentSpec spec = new InstrumentSpec(event.instrumentId(), event.symbol().trim(), event.kind(),
            event.vintage(), event.tickSize(), event.lotSize(), event.minQuantity(), event.maxQuantity(),
            event.priceBandBps(), event.referencePrice(), event.selfTradePolicy());
        // the engine's own band arithmetic, so the edges are exactly the engine's
        final Listed previous = instruments.get(spec.id());
        final Listed known = new Listed(new Instrument(spec));
        known.outstanding = previous == null ? 0 : previous.outstanding;
        instruments.put(spec.id(), known);
    }

    /**
     * The close becomes the next day's reference price, as in the engine, and each edge may alert again.
     */
    @Override
    public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
    {
        final Listed listed = instruments.get(dayClosed.instrumentId());
        if (listed != null && listed.band != null)
        {
            if (dayClosed.closingPrice() > 0)
            {
                listed.band.referencePrice(dayClosed.closingPrice());
            }
            listed.highAlerted = false;
            listed.lowAlerted = false;
        }
    }

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder changed)
    {
        if (changed.operation() == RegistryOperationType.LINK_BROKER)
        {
            // the broker id travels in the counterparty field of a LINK_BROKER change
            brokers.computeIfAbsent(changed.accountId(), account -> new TreeSet<>())
                .add((int)changed.counterpartyAccountId());
        }
    }

    // ------------------------------------------------------------------------------------------ wash trades

    @Override
    public void onSelfTradePrevented(final EventEnvelopeDecoder envelope, final SelfTradePreventedDecoder prevented)
    {
        final long account = prevented.accountId();
        final int instrumentId = prevented.instrumentId();
        raise(envelope, AlertKind.WASH_TRADE_ATTEMPT, instrumentId, List.of(account), 0,
            "account " + account + "'s order " + prevented.incomingOrderId() + " met its own resting order " +
            prevented.restingOrderId() + " in " + symbol(instrumentId) + "; self-trade prevention (" +
            prevented.policy() + ") stopped the trade",
            List.of(Figure.id("incomingOrderId", prevented.incomingOrderId()),
                Figure.id("restingOrderId", prevented.restingOrderId())));
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        final boolean buyerTakes = trade.aggressorSide() == Side.BUY;
        final long buyer = buyerTakes ? trade.takerAccountId() : trade.makerAccountId();
        final long seller = buyerTakes ? trade.makerAccountId() : trade.takerAccountId();
        linkedTrade(envelope, trade.instrumentId(), trade.tradeId(), seller, buyer, trade.price(), trade.quantity());
        nearBand(envelope, trade, buyer, seller);
        if (trade.takerLeavesQuantity() == 0)
        {
            largeOrders.remove(trade.takerOrderId());
        }
        if (trade.makerLeavesQuantity() == 0)
        {
            largeOrders.remove(trade.makerOrderId());
        }
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder block)
    {
        linkedTrade(envelope, block.instrumentId(), block.tradeId(), block.sellerAccountId(), block.buyerAccountId(),
            block.price(), block.quantity());
    }

    /**
     * A trade from {@code seller} to {@code buyer} that reverses, within the window, one the other way between the
     * same two accounts of one broker or one owner: units went out and came back, nobody's position changed.
     */
    private void linkedTrade(
        final EventEnvelopeDecoder envelope, final int instrumentId, final long tradeId, final long seller,
        final long buyer, final long price, final long quantity)
    {
        if (seller == buyer)
        {
            return;
        }
        final int broker = commonBroker(seller, buyer);
        final String owner = settings.owners().get(seller);
        final boolean sameOwner = owner != null && owner.equals(settings.owners().get(buyer));
        if (broker == 0 && !sameOwner)
        {
            return;
        }
        final long time = envelope.timestamp();
        final AccountPair pair = new AccountPair(Math.min(seller, buyer), Math.max(seller, buyer));
        final PairTrades trades = pairTrades.computeIfAbsent(pair, key -> new PairTrades());
        final boolean upwards = seller < buyer;
        final long[] reverse = upwards ? trades.downwards : trades.upwards;
        final long reverseId = reverse[0];
        final long reverseTime = reverse[1];
        final long[] same = upwards ? trades.upwards : trades.downwards;
        same[0] = tradeId;
        same[1] = time;
        if (reverseId != 0 && time - reverseTime <= settings.washTradeWindowNanos())
        {
            final String link = broker != 0 ? "both linked to broker " + broker : "both of owner '" + owner + "'";
            raise(envelope, AlertKind.WASH_TRADE_ATTEMPT, instrumentId, List.of(seller, buyer), broker,
                "accounts " + seller + " and " + buyer + " (" + link + ") traded " + symbol(instrumentId) +
                " both ways within " + settings.washTradeWindowSeconds() + " s: trade " + reverseId + " " + buyer +
                " to " + seller + ", then trade " + tradeId + " " + seller + " to " + buyer + ", " + quantity +
                " t at " + Money.format(price),
                List.of(Figure.id("tradeId", tradeId), Figure.price("price", price),
                    Figure.quantity("quantity", quantity), Figure.id("reversedTradeId", reverseId),
                    Figure.millis("elapsedMillis", (time - reverseTime) / 1_000_000),
                    Figure.seconds("windowSeconds", settings.washTradeWindowSeconds())));
            reverse[0] = 0;
            same[0] = 0;
        }
    }

    /**
     * @return the lowest broker id both accounts are linked to, or 0 when they share none.
     */
    private int commonBroker(final long first, final long second)
    {
        final SortedSet<Integer> firstBrokers = brokers.get(first);
        final SortedSet<Integer> secondBrokers = brokers.get(second);
        if (firstBrokers == null || secondBrokers == null)
        {
            return 0;
        }
        for (final int broker : firstBrokers)
        {
            if (secondBrokers.contains(broker))
            {
                return broker;
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ price band

    private void nearBand(
        final EventEnvelopeDecoder envelope, final TradeDecoder trade, final long buyer, final long seller)
    {
        final Listed listed = instruments.get(trade.instrumentId());
        if (listed == null || listed.band == null)
        {
            return;
        }
        final Instrument band = listed.band;
        final long price = trade.price();
        final long reference = band.referencePrice();
        final long limit = Math.multiplyExact(reference, (long)settings.priceNearBandBps());
        final boolean nearHigh = (band.highestPrice() - price) * BPS <= limit;
        final boolean nearLow = (price - band.lowestPrice()) * BPS <= limit;
        final String edge;
        final long distance;
        if (nearHigh && !listed.highAlerted)
        {
            listed.highAlerted = true;
            edge = "upper";
            distance = band.highestPrice() - price;
        }
        else if (nearLow && !listed.lowAlerted)
        {
            listed.lowAlerted = true;
            edge = "lower";
            distance = price - band.lowestPrice();
        }
        else
        {
            return;
        }
        final long distanceBps = distance * BPS / reference;
        raise(envelope, AlertKind.PRICE_NEAR_BAND, trade.instrumentId(), List.of(buyer, seller), 0,
            "trade " + trade.tradeId() + " of " + trade.quantity() + " t of " + listed.band.spec().symbol() + " at " +
            Money.format(price) + " is " + distanceBps + " bps of the reference " + Money.format(reference) +
            " from the " + edge + " band edge (band " + Money.format(band.lowestPrice()) + ".." +
            Money.format(band.highestPrice()) + ", alert within " + settings.priceNearBandBps() + " bps)",
            List.of(Figure.id("tradeId", trade.tradeId()), Figure.price("price", price),
                Figure.quantity("quantity", trade.quantity()), Figure.price("referencePrice", reference),
                Figure.price("lowestPrice", band.lowestPrice()), Figure.price("highestPrice", band.highestPrice()),
                Figure.bps("distanceBps", distanceBps), Figure.bps("thresholdBps", settings.priceNearBandBps())));
    }

    // ------------------------------------------------------------------------------------------ layering

    @Override
    public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder accepted)
    {
        if (accepted.quantity() >= settings.largeOrderQuantity())
        {
            largeOrders.put(accepted.orderId(), new LargeOrder(accepted.accountId(), accepted.instrumentId(),
                accepted.quantity(), envelope.timestamp()));
        }
    }

    /**
     * An amendment to a large quantity makes the order large from then; one below the threshold makes it small.
     */
    @Override
    public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder amended)
    {
        final LargeOrder order = largeOrders.get(amended.orderId());
        if (amended.quantity() < settings.largeOrderQuantity())
        {
            largeOrders.remove(amended.orderId());
        }
        else if (order == null)
        {
            largeOrders.put(amended.orderId(), new LargeOrder(amended.accountId(), amended.instrumentId(),
                amended.quantity(), envelope.timestamp()));
        }
        else
        {
            largeOrders.put(amended.orderId(),
                new LargeOrder(order.account, order.instrumentId, amended.quantity(), order.placed));
        }
    }

    @Override
    public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder expired)
    {
        largeOrders.remove(expired.orderId());
    }

    @Override
    public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder cancelled)
    {
        final LargeOrder order = largeOrders.remove(cancelled.orderId());
        if (order == null || cancelled.reason() != CancelReason.REQUESTED)
        {
            return;
        }
        final long time = envelope.timestamp();
        final long rested = time - order.placed;
        if (rested > settings.layeringCancelNanos())
        {
            return;
        }
        final AccountInstrument key = new AccountInstrument(order.account, order.instrumentId);
        final ArrayDeque<QuickCancel> recent = quickCancels.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(new QuickCancel(cancelled.orderId(), time, order.quantity));
        while (time - recent.peekFirst().time > settings.layeringWindowNanos())
        {
            recent.removeFirst();
        }
        if (recent.size() < settings.layeringCount())
        {
            return;
        }
        long quantity = 0;
        for (final QuickCancel each : recent)
        {
            quantity += each.quantity;
        }
        final long first = recent.peekFirst().orderId;
        final int count = recent.size();
        final long span = time - recent.peekFirst().time;
        recent.clear();
        raise(envelope, AlertKind.LAYERING, order.instrumentId, List.of(order.account), 0,
            "account " + order.account + " cancelled " + count + " orders of at least " +
            settings.largeOrderQuantity() + " t of " + symbol(order.instrumentId) + " (" + quantity +
            " t in all) each within " + settings.layeringCancelMillis() + " ms of placing it, all within " +
            span / 1_000_000 + " ms; the last, order " + cancelled.orderId() + " of " + order.quantity +
            " t, after " + rested / 1_000_000 + " ms",
            List.of(Figure.count("cancels", count), Figure.quantity("cancelledQuantity", quantity),
                Figure.id("firstOrderId", first), Figure.id("lastOrderId", cancelled.orderId()),
                Figure.millis("lastRestedMillis", rested / 1_000_000),
                Figure.quantity("largeOrderQuantity", settings.largeOrderQuantity()),
                Figure.millis("cancelWithinMillis", settings.layeringCancelMillis()),
                Figure.seconds("windowSeconds", settings.layeringWindowSeconds())));
    }

    // ------------------------------------------------------------------------------------------ concentration

    /**
     * Holdings and units in existence follow every unit movement, each described once, by its first part. Issuance
     * and free allocation are the regulator's own acts: they update the holding without an alert, so a holding that
     * starts large alerts only once it has fallen below a threshold and crossed it again.
     */
    @Override
    public void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder serialBlocks)
    {
        final RegistryOperationType operation = serialBlocks.operation();
        if (serialBlocks.part() != 0 || operation == RegistryOperationType.PLEDGE ||
            operation == RegistryOperationType.RELEASE || operation == RegistryOperationType.PLEDGE_OR_RELEASE)
        {
            return;
        }
        final int instrumentId = serialBlocks.instrumentId();
        final long from = serialBlocks.fromAccountId();
        final long to = serialBlocks.toAccountId();
        final long quantity = serialBlocks.quantity();
        final Listed listed = instruments.computeIfAbsent(instrumentId, id -> new Listed(null));
        if (from == 0)
        {
            listed.outstanding += quantity;
        }
        else
        {
            holding(from, instrumentId).units -= quantity;
        }
        if (to == 0)
        {
            listed.outstanding -= quantity;
        }
        else
        {
            holding(to, instrumentId).units += quantity;
        }
        final boolean primary = operation == RegistryOperationType.ISSUE || operation == RegistryOperationType.ALLOCATE;
        if (from != 0)
        {
            concentration(envelope, from, instrumentId, listed.outstanding, true);
        }
        if (to != 0)
        {
            concentration(envelope, to, instrumentId, listed.outstanding, primary);
        }
    }

    private void concentration(
        final EventEnvelopeDecoder envelope, final long account, final int instrumentId, final long outstanding,
        final boolean silent)
    {
        final Holding holding = holding(account, instrumentId);
        final long units = holding.units;
        final boolean large = units >= settings.largeHolderThreshold();
        final boolean concentrated = outstanding > 0 && units > 0 &&
            Math.multiplyExact(units, BPS) >= Math.multiplyExact(outstanding, (long)settings.concentrationShareBps());
        // the limit as the registry has it after this command: a compliance account's grows with its allocation
        final long limit = limits.holdingLimit(account, instrumentId);
        final boolean nearLimit = limit != HoldingLimits.UNLIMITED && units > 0 &&
            Math.multiplyExact(units, BPS) >= Math.multiplyExact(limit, (long)settings.holdingLimitShareBps());
        final boolean crossedLarge = large && !holding.large;
        final boolean crossedShare = concentrated && !holding.concentrated;
        final boolean crossedLimit = nearLimit && !holding.nearLimit;
        holding.large = large;
        holding.concentrated = concentrated;
        holding.nearLimit = nearLimit;
        if (silent || !crossedLarge && !crossedShare && !crossedLimit)
        {
            return;
        }
        final long shareBps = outstanding > 0 ? Math.multiplyExact(units, BPS) / outstanding : 0;
        final List<String> crossed = new ArrayList<>(3);
        if (crossedLarge)
        {
            crossed.add("the large-holder threshold of " + settings.largeHolderThreshold() + " t");
        }
        if (crossedShare)
        {
            crossed.add(settings.concentrationShareBps() + " bps of the units");
        }
        if (crossedLimit)
        {
            crossed.add(settings.holdingLimitShareBps() + " bps of its holding limit of " + limit + " t");
        }
        raise(envelope, AlertKind.CONCENTRATION, instrumentId, List.of(account), 0,
            "account " + account + " now holds " + units + " t of " + symbol(instrumentId) + ", " + shareBps +
            " bps of the " + outstanding + " t in existence: it crossed " + String.join(" and ", crossed),
            List.of(Figure.quantity("units", units), Figure.quantity("outstanding", outstanding),
                Figure.bps("shareBps", shareBps), Figure.quantity("largeHolderThreshold",
                    settings.largeHolderThreshold()), Figure.bps("shareThresholdBps",
                    settings.concentrationShareBps()),
                Figure.quantity("holdingLimit", limit == HoldingLimits.UNLIMITED ? 0 : limit),
                Figure.bps("holdingLimitShareBps", settings.holdingLimitShareBps())));
    }

    private Holding holding(final long account, final int instrumentId)
    {
        return holdings.computeIfAbsent(new AccountInstrument(account, instrumentId), key -> new Holding());
    }

    // ------------------------------------------------------------------------------------------ common

    private void raise(
        final EventEnvelopeDecoder envelope, final AlertKind kind, final int instrumentId, final List<Long> accounts,
        final int brokerId, final String detail, final List<Figure> figures)
    {
        alerts.onAlert(new Alert(envelope.commandSequence(), envelope.timestamp(), kind, instrumentId,
            symbol(instrumentId), accounts, brokerId, detail, figures));
    }

    private String symbol(final int instrumentId)
    {
        final Listed listed = instruments.get(instrumentId);
        return listed == null || listed.band == null ? Integer.toString(instrumentId) : listed.band.spec().symbol();
    }

    /**
     * A listed instrument's band (the engine's own {@link Instrument}, null for an instrument known only from a
     * movement), whether each edge has alerted today, and its units in existence.
     */
    private static final class Listed
    {
        private final Instrument band;
        private boolean highAlerted;
        private boolean lowAlerted;
        private long outstanding;

        Listed(final Instrument band)
        {
            this.band = band;
        }
    }

    private record AccountPair(long low, long high)
    {
    }

    private record AccountInstrument(long account, int instrumentId)
    {
    }

    /**
     * The last unanswered trade each way between two linked accounts: {trade id (0 for none), time}; upwards is from
     * the lower account id to the higher.
     */
    private static final class PairTrades
    {
        private final long[] upwards = new long[2];
        private final long[] downwards = new long[2];
    }

    private record LargeOrder(long account, int instrumentId, long quantity, long placed)
    {
    }

    private record QuickCancel(long orderId, long time, long quantity)
    {
    }

    private static final class Holding
    {
        private long units;
        private boolean large;
        private boolean concentrated;
        private boolean nearLimit;
    }
}
