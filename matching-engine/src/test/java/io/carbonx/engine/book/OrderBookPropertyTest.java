package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Long seeded random command streams, applied to the real book and to {@link ReferenceBook}: after every command both
 * must give the same answer, report the same events and hold the same orders in the same priority; the book must never
 * be crossed; and for every order, quantity = traded + resting + cancelled + expired.
 */
class OrderBookPropertyTest
{
    private static final int COMMANDS = 20_000;
    private static final int ACCOUNTS = 6;

    static Stream<Arguments> streams()
    {
        final List<Arguments> arguments = new ArrayList<>();
        long seed = 1;
        for (final SelfTradePolicy policy : new SelfTradePolicy[]{
            SelfTradePolicy.CANCEL_INCOMING, SelfTradePolicy.CANCEL_RESTING, SelfTradePolicy.CANCEL_BOTH})
        {
            for (int i = 0; i < 4; i++)
            {
                arguments.add(Arguments.of(policy, seed++));
            }
        }
        return arguments.stream();
    }

    /**
     * Streams whose day ends also move the reference price, and so the band: by up to 30% either way, now and then
     * to 200,000.00 (a band of four million ticks, wider than the book indexes) and back to 100.00, while GTC and GTD
     * orders keep resting at their old prices outside the new band.
     */
    static Stream<Arguments> movingBandStreams()
    {
        final List<Arguments> arguments = new ArrayList<>();
        long seed = 101;
        for (final SelfTradePolicy policy : new SelfTradePolicy[]{
            SelfTradePolicy.CANCEL_INCOMING, SelfTradePolicy.CANCEL_RESTING, SelfTradePolicy.CANCEL_BOTH})
        {
            for (int i = 0; i < 2; i++)
            {
                arguments.add(Arguments.of(policy, seed++));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("streams")
    void agreesWithTheReferenceModelAndKeepsItsInvariants(final SelfTradePolicy policy, final long seed)
    {
        agreesWithTheReferenceModel(policy, seed, false);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("movingBandStreams")
    void agreesWithTheReferenceModelWhileTheBandMoves(final SelfTradePolicy policy, final long seed)
    {
        agreesWithTheReferenceModel(policy, seed, true);
    }

    private static void agreesWithTheReferenceModel(
        final SelfTradePolicy policy, final long seed, final boolean movingBand)
    {
        final Instrument instrument = TestInstruments.allowance(policy);
        final RecordingListener listener = new RecordingListener();
        final OrderBook book = new OrderBook(instrument, 4_096, 1 << 16, listener);
        final ReferenceBook reference = new ReferenceBook(instrument);
        final QuantityLedger ledger = new QuantityLedger();
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Long> placed = new ArrayList<>();
        long now = 1_000;
        long nextId = 1;

        for (int i = 0; i < COMMANDS; i++)
        {
            final int dice = random.nextInt(100);
            final String command;
            final RejectReason actual;
            final RejectReason expected;
            if (dice < 55 || placed.isEmpty())
            {
                final long id = random.nextInt(20) == 0 && !placed.isEmpty() ? pick(random, placed) : nextId++;
                final long account = 1 + random.nextInt(ACCOUNTS);
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final OrderType type = random.nextInt(12) == 0 ? OrderType.MARKET : OrderType.LIMIT;
                final TimeInForce tif = timeInForce(random);
                final boolean postOnly = random.nextInt(10) == 0;
                final long price = price(random, instrument);
                final long quantity = random.nextInt(30) == 0 ? 100_000 : 1 + random.nextInt(40);
                final long expireTime = now + random.nextInt(200) - 20;
                command = "new " + id + " acct " + account + " " + side + " " + type + " " + tif +
                    (postOnly ? " postOnly" : "") +
                    " " + quantity + "@" + price;
                actual = book.submit(id, account, side, type, tif, postOnly, price, quantity, expireTime, now);
                expected = reference.submit(id, account, side, type, tif, postOnly, price, quantity, expireTime, now);
                if (actual == null)
                {
                    placed.add(id);
                    ledger.submitted(id, quantity);
                }
            }
            else if (dice < 75)
            {
                final long id = pick(random, placed);
                final long account = random.nextInt(10) == 0 ? 1 + random.nextInt(ACCOUNTS)
                    : accountOf(book, id, random);
                command = "cancel " + id;
                actual = book.cancel(id, account);
                expected = reference.cancel(id, account);
            }
            else if (dice < 97)
            {
                final long id = pick(random, placed);
                final long account = accountOf(book, id, random);
                final Order order = book.order(id);
                final long price = order != null && random.nextBoolean() ? order.price() : price(random, instrument);
                final long quantity = order != null && random.nextBoolean() ?
                    Math.max(1, order.quantity() - random.nextInt(5)) : 1 + random.nextInt(40);
                command = "amend " + id + " to " + quantity + "@" + price;
                final RejectReason validation = book.validateAmend(id, account, price, quantity);
                if (validation == null)
                {
                    book.amend(id, price, quantity);
                }
                actual = validation;
                expected = reference.amend(id, account, price, quantity);
            }
            else if (dice < 99)
            {
                now += random.nextInt(50);
                command = "expire up to " + now;
                book.expireUpTo(now);
                reference.expireUpTo(now);
                actual = null;
                expected = null;
            }
            else
            {
                command = "end of day";
                book.expireDayOrders();
                reference.expireDayOrders();
                if (movingBand)
                {
                    instrument.referencePrice(nextReferencePrice(random, instrument.referencePrice()));
                }
                actual = null;
                expected = null;
            }

            final String where = "seed " + seed + ", command " + i + ": " + command;
            assertEquals(expected, actual, where);
            final List<BookEvent> events = listener.drain();
            assertEquals(reference.drain(), events, where);
            ledger.apply(events);
            assertSameBook(reference, book, where);
            assertNotCrossed(book, where);
        }
        ledger.assertConserved(book);
    }

    private static TimeInForce timeInForce(final SplittableRandom random)
    {
        final TimeInForce[] values =
            {TimeInForce.DAY, TimeInForce.GTC, TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTD};
        return values[random.nextInt(values.length)];
    }

    /**
     * Mostly on-tick prices near the reference price, in the middle of the +-10% band (90.00..110.00 while the
     * reference is 100.00); a few off tick (tick is 1 here, so none), above the band, or non-positive.
     */
    private static long price(final SplittableRandom random, final Instrument instrument)
    {
        final long reference = instrument.referencePrice();
        final int dice = random.nextInt(50);
        if (dice == 0)
        {
            return instrument.highestPrice() + 1 + random.nextInt(100);
        }
        if (dice == 1)
        {
            return -random.nextInt(2);
        }
        return reference - 10 + random.nextInt(21);
    }

    private static long nextReferencePrice(final SplittableRandom random, final long reference)
    {
        final int dice = random.nextInt(10);
        if (dice == 0)
        {
            return 20_000_000;
        }
        if (dice == 1)
        {
            return 10_000;
        }
        return Math.max(100, reference + reference * (random.nextInt(61) - 30) / 100);
    }

    private static long pick(final SplittableRandom random, final List<Long> ids)
    {
        return random.nextInt(30) == 0 ? 1_000_000 + random.nextInt(100)
            : ids.get(ids.size() - 1 - random.nextInt(Math.min(ids.size(), 200)));
    }

    private static long accountOf(final OrderBook book, final long id, final SplittableRandom random)
    {
        final Order order = book.order(id);
        return order == null ? 1 + random.nextInt(ACCOUNTS) : order.accountId();
    }

    private static void assertSameBook(final ReferenceBook reference, final OrderBook book, final String where)
    {
        for (final Side side : new Side[]{Side.BUY, Side.SELL})
        {
            final List<long[]> expected = reference.restingOrders(side);
            final List<long[]> actual = new ArrayList<>();
            for (int depth = 0; depth < book.levelCount(side); depth++)
            {
                final PriceLevel level = book.level(side, depth);
                long levelLeaves = 0;
                int count = 0;
                for (Order order = level.head(); order != null; order = PriceLevel.next(order))
                {
                    assertEquals(level.price(), order.price(), where);
                    actual.add(new long[]{order.orderId(), order.leaves(), order.price()});
                    levelLeaves += order.leaves();
                    count++;
                }
                assertTrue(count > 0, "empty level left in the book, " + where);
                assertEquals(levelLeaves, level.totalLeaves(), "level total, " + where);
                assertEquals(count, level.orderCount(), "level count, " + where);
            }
            assertEquals(expected.size(), actual.size(), side + " order count, " + where);
            for (int i = 0; i < expected.size(); i++)
            {
                assertEquals(List.of(expected.get(i)[0], expected.get(i)[1], expected.get(i)[2]),
                    List.of(actual.get(i)[0], actual.get(i)[1], actual.get(i)[2]), side + " order " + i + ", " + where);
            }
        }
    }

    private static void assertNotCrossed(final OrderBook book, final String where)
    {
        if (book.levelCount(Side.BUY) > 0 && book.levelCount(Side.SELL) > 0)
        {
            assertTrue(book.bestPrice(Side.BUY) < book.bestPrice(Side.SELL), "crossed book, " + where);
        }
    }

    /**
     * Per order: the quantity it asked for (after amendments) and what became of it, from the events alone.
     */
    private static final class QuantityLedger
    {
        private final Map<Long, long[]> byOrder = new HashMap<>();

        void submitted(final long id, final long quantity)
        {
            byOrder.put(id, new long[]{quantity, 0, 0});
        }

        void apply(final List<BookEvent> events)
        {
            for (final BookEvent event : events)
            {
                switch (event.kind())
                {
                    case "TRADE" ->
                    {
                        entry(event.orderId())[1] += event.quantity();
                        entry(event.otherId())[1] += event.quantity();
                    }
                    case "CANCELLED", "EXPIRED" -> entry(event.orderId())[2] += event.quantity();
                    case "AMENDED" -> entry(event.orderId())[0] = event.quantity();
                    case "SELF_TRADE" ->
                    {
                    }
                    default -> fail("unexpected event " + event);
                }
            }
        }

        void assertConserved(final OrderBook book)
        {
            for (final Map.Entry<Long, long[]> entry : byOrder.entrySet())
            {
                final Order order = book.order(entry.getKey());
                final long resting = order == null ? 0 : order.leaves();
                final long[] figures = entry.getValue();
                assertEquals(figures[0], figures[1] + resting + figures[2],
                    "order " + entry.getKey() + ": quantity != traded + resting + cancelled/expired");
            }
        }

        private long[] entry(final long id)
        {
            final long[] entry = byOrder.get(id);
            if (entry == null)
            {
                fail("event for an order never accepted: " + id);
            }
            return entry;
        }
    }
}
