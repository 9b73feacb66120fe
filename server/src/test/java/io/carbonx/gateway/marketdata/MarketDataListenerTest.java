package io.carbonx.gateway.marketdata;

import io.carbonx.engine.book.BookView;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.DailyStatisticsView;
import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book-building listener fed the events of the real {@link ExchangeStateMachine} on the demo market, through a
 * sink that also ends batches at random points inside commands, as the outbound ring may. After every command the
 * listener's books, and a subscriber's copy kept only from the W and X it was sent, equal the engine's books.
 */
class MarketDataListenerTest
{
    private static final int[] INSTRUMENTS = {1, 2};
    private static final String[] SYMBOLS = {"CEA-2024", "CEA-2025"};
    private static final long[] REFERENCE = {8_850, 9_200};
    private static final long MILLI = 1_000_000;

    private final EngineSetup setup = new EngineSetup(ConfigLoader.loadDefault());
    private final ExchangeStateMachine machine = new ExchangeStateMachine(setup.settings());
    private final MarketDataHub hub = new MarketDataHub();
    private final MarketDataListener listener = new MarketDataListener(hub);
    private final Random random = new Random(20_260_601);
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[512]);
    private final RecordingSession subscriber = new RecordingSession("WATCHER");
    private final List<Long> orderIds = new ArrayList<>();
    private long sequence = -1;
    private long now = 1_767_225_600_000L * MILLI;
    private long nextOrderId = 1;

    /**
     * Hands each event to the listener, and sometimes ends the batch right after it.
     */
    private final EventSink sink = new EventSink()
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);

        @Override
        public MutableDirectBuffer claim()
        {
            return buffer;
        }

        @Override
        public void publish(final int length)
        {
            listener.onEvent(buffer, 0, length, sequence);
            if (random.nextInt(3) == 0)
            {
                listener.onEndOfBatch();
            }
        }
    };

    private void apply(final int length)
    {
        machine.apply(++sequence, command, 0, length, sink);
        listener.onEndOfBatch();
    }

    private void genesis()
    {
        setup.genesis(now, bytes ->
        {
            command.putBytes(0, bytes);
            apply(bytes.length);
        });
    }

    @Test
    void booksFollowTheEngineThroughEveryKindOfOrderEvent()
    {
        genesis();
        hub.loggedOn(subscriber);
        assertTrue(hub.subscribe(subscriber, "BOOKS", INSTRUMENTS, MdEntryTypes.bit('0') | MdEntryTypes.bit('1') |
            MdEntryTypes.bit('2')));
        final ReconstructedBook[] copies = {new ReconstructedBook(SYMBOLS[0]), new ReconstructedBook(SYMBOLS[1])};
        int phaseChanges = 0;
        int trades = 0;

        for (int step = 0; step < 3_000; step++)
        {
            now += MILLI * (1 + random.nextInt(5));
            apply(randomCommand());
            for (final String message : subscriber.take())
            {
                copies[0].apply(message);
                copies[1].apply(message);
                for (final ReconstructedBook copy : copies)
                {
                    assertFalse(copy.isCrossed(), "never a crossed book: " + message);
                }
                phaseChanges += message.startsWith("35=h|") ? 1 : 0;
                trades += message.contains("|269=2|") ? 1 : 0;
            }
            for (int i = 0; i < INSTRUMENTS.length; i++)
            {
                final BookView engineBook = machine.orderBook(INSTRUMENTS[i]);
                final Map<Long, Long> bids = ReconstructedBook.levels(engineBook, Side.BUY);
                final Map<Long, Long> asks = ReconstructedBook.levels(engineBook, Side.SELL);
                assertEquals(bids, levels(listener.book(INSTRUMENTS[i]), true), "listener bids after step " + step);
                assertEquals(asks, levels(listener.book(INSTRUMENTS[i]), false), "listener asks after step " + step);
                assertEquals(bids, copies[i].bids(), "subscriber's bids after step " + step);
                assertEquals(asks, copies[i].asks(), "subscriber's asks after step " + step);
            }
        }
        assertTrue(copies[0].updates() > 100 && copies[1].updates() > 100, "both books moved");
        assertTrue(trades > 50, "orders traded: " + trades);
        assertTrue(phaseChanges > 0, "phase changes were announced");
        assertFalse(ReconstructedBook.levels(machine.orderBook(2), Side.BUY).isEmpty(), "the book ends with bids");

        assertFiguresMatchTheEngine(hub);

        final MarketDataHub restartedHub = new MarketDataHub();
        final MarketDataListener restarted = new MarketDataListener(restartedHub);
        restarted.initialise(machine, setup.settings().maxInstrumentId());
        for (final int id : INSTRUMENTS)
        {
            assertEquals(ReconstructedBook.levels(machine.orderBook(id), Side.BUY), levels(restarted.book(id), true));
            assertEquals(ReconstructedBook.levels(machine.orderBook(id), Side.SELL), levels(restarted.book(id), false));
        }
        assertFiguresMatchTheEngine(restartedHub);
    }

    @Test
    void theCloseOfTheDayMovesTheCloseReferenceAndClearsTheDayFigures()
    {
        genesis();
        final RecordingSession watcher = new RecordingSession("WATCHER");
        hub.loggedOn(watcher);
        hub.subscribe(watcher, "DAY", new int[] {2},
            MdEntryTypes.bit('4') | MdEntryTypes.bit('5') | MdEntryTypes.bit('7') |
            MdEntryTypes.bit('8') | MdEntryTypes.bit('B') | MdEntryTypes.bit('2'));
        assertEquals(List.of("35=W|262=DAY|55=CEA-2025|268=1|269=5|270=92.00|"), watcher.take());

        apply(order(1001, 1, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 9_210, 100));
        apply(order(3001, 0, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 9_210, 40));
        assertEquals(
            List.of("35=X|262=DAY|268=5|279=0|269=2|55=CEA-2025|270=92.10|271=40|279=0|269=4|55=CEA-2025|270=92.10|" +
            "279=0|269=7|55=CEA-2025|270=92.10|279=0|269=8|55=CEA-2025|270=92.10|279=0|269=B|55=CEA-2025|271=40|"),
            watcher.take());
        apply(order(3001, 0, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 9_210, 60));
        assertEquals(
            List.of("35=X|262=DAY|268=2|279=0|269=2|55=CEA-2025|270=92.10|271=60|279=1|269=B|55=CEA-2025|271=100|"),
            watcher.take());

        apply(writer.envelope(now, 0, 0).endOfTradingDay(command, 0, 20_251_231));
        assertEquals(
            List.of("35=X|262=DAY|268=5|279=2|269=4|55=CEA-2025|279=2|269=7|55=CEA-2025|279=2|269=8|55=CEA-2025|" +
            "279=1|269=5|55=CEA-2025|270=92.10|279=2|269=B|55=CEA-2025|"), watcher.take());
    }

    private void assertFiguresMatchTheEngine(final MarketDataHub hub)
    {
        for (int i = 0; i < INSTRUMENTS.length; i++)
        {
            final RecordingSession reader = new RecordingSession("READER");
            hub.sendSnapshots(reader, "S", new int[] {INSTRUMENTS[i]}, 1, -1);
            final String snapshot = reader.take().get(0);
            final DailyStatisticsView day = machine.dailyStatistics(INSTRUMENTS[i]);
            assertEquals(day.open() == 0 ? null : price(day.open()), entry(snapshot, '4', 270), snapshot);
            assertEquals(day.high() == 0 ? null : price(day.high()), entry(snapshot, '7', 270), snapshot);
            assertEquals(day.low() == 0 ? null : price(day.low()), entry(snapshot, '8', 270), snapshot);
            assertEquals(day.last() == 0 ? null : price(day.last()), entry(snapshot, '2', 270), snapshot);
            assertEquals(day.last() == 0 ? null : Long.toString(day.lastQuantity()), entry(snapshot, '2', 271),
                snapshot);
            assertEquals(day.volume() == 0 ? null : Long.toString(day.volume()), entry(snapshot, 'B', 271), snapshot);
            assertEquals(price(machine.orderBook(INSTRUMENTS[i]).instrument().referencePrice()),
                entry(snapshot, '5', 270));
            assertEquals(price(machine.orderBook(INSTRUMENTS[i]).bestPrice(Side.BUY)), entry(snapshot, '0', 270),
                snapshot);
        }
    }

    private static String entry(final String snapshot, final char type, final int tag)
    {
        final String[] fields = snapshot.split("\\|");
        for (int i = 0; i < fields.length; i++)
        {
            if (fields[i].equals("269=" + type))
            {
                for (int j = i + 1; j < fields.length && !fields[j].startsWith("269="); j++)
                {
                    if (fields[j].startsWith(tag + "="))
                    {
                        return fields[j].substring(fields[j].indexOf('=') + 1);
                    }
                }
            }
        }
        return null;
    }

    private static String price(final long hundredths)
    {
        return java.math.BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    private static Map<Long, Long> levels(final AggregatedBook book, final boolean buy)
    {
        final TreeMap<Long, Long> levels = new TreeMap<>();
        for (final long price : book.prices(buy, 0))
        {
            levels.put(price, book.quantity(buy, price));
        }
        return levels;
    }

    private int randomCommand()
    {
        final int instrument = random.nextInt(2);
        final int roll = random.nextInt(100);
        if (roll < 2)
        {
            final TradingPhase phase = random.nextBoolean() ? TradingPhase.HALTED : TradingPhase.CONTINUOUS;
            return writer.envelope(now, 0, 0)
                .setTradingPhase(command, 0, random.nextBoolean() ? 0 : INSTRUMENTS[instrument], phase);
        }
        if (roll < 3)
        {
            return writer.envelope(now, 0, 0).setTradingPhase(command, 0, 0, TradingPhase.CONTINUOUS);
        }
        if (roll < 4)
        {
            return writer.envelope(now, 0, 0).endOfTradingDay(command, 0, 20_251_231);
        }
        if (roll < 20 && !orderIds.isEmpty())
        {
            final long orderId = orderIds.get(random.nextInt(orderIds.size()));
            return writer.envelope(now, 1, orderId).cancelOrder(command, 0, orderId, account(orderId), broker(orderId),
                (int)(orderId % 2) + 1);
        }
        if (roll < 35 && !orderIds.isEmpty())
        {
            final long orderId = orderIds.get(random.nextInt(orderIds.size()));
            final int id = (int)(orderId % 2) + 1;
            return writer.envelope(now, 1, orderId)
                .amendOrder(command, 0, orderId, account(orderId), broker(orderId), id,
                price(id - 1), 1 + random.nextInt(300));
        }
        final boolean buy = random.nextBoolean();
        final long accountId = buy ? (random.nextBoolean() ? 3001 : 1002) : (random.nextBoolean() ? 1001 : 1002);
        final int roll2 = random.nextInt(100);
        final OrderType type = roll2 < 5 ? OrderType.MARKET : OrderType.LIMIT;
        final TimeInForce timeInForce = roll2 < 12 ? TimeInForce.IOC : roll2 < 17 ? TimeInForce.FOK :
            roll2 < 30 ? TimeInForce.DAY : roll2 < 40 ? TimeInForce.GTD : TimeInForce.GTC;
        return order(accountId, accountId == 3001 ? 0 : 1, INSTRUMENTS[instrument], buy ? Side.BUY : Side.SELL, type,
            timeInForce, price(instrument), 1 + random.nextInt(200));
    }

    private int order(
        final long accountId, final int brokerId, final int instrumentId, final Side side, final OrderType type,
        final TimeInForce timeInForce, final long price, final long quantity)
    {
        // the order id's parity names its instrument and its remainder mod 10 its account, so amends and cancels
        // can be addressed without a lookup
        final long orderId = nextOrderId(instrumentId, accountId);
        orderIds.add(orderId);
        return writer.envelope(now, 1, orderId)
            .newOrder(command, 0, orderId, accountId, brokerId, instrumentId, side, type,
            timeInForce, random.nextInt(20) == 0, price, quantity,
            timeInForce == TimeInForce.GTD ? now + MILLI * (1 + random.nextInt(200)) : 0);
    }

    private long nextOrderId(final int instrumentId, final long accountId)
    {
        final long account = accountId == 1001 ? 1 : accountId == 1002 ? 2 : 3;
        return nextOrderId++ * 20 + account * 2 + (instrumentId - 1);
    }

    private static long account(final long orderId)
    {
        final long account = (orderId % 20) / 2;
        return account == 1 ? 1001 : account == 2 ? 1002 : 3001;
    }

    private static int broker(final long orderId)
    {
        return account(orderId) == 3001 ? 0 : 1;
    }

    private long price(final int instrument)
    {
        return REFERENCE[instrument] - 150 + random.nextInt(301);
    }
}
