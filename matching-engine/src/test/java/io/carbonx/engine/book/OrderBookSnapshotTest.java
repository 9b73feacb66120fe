package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OrderBookSnapshotTest
{
    private final Instrument instrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);

    @Test
    void restoredBookHasTheSameHashAndBehavesTheSameFromThenOn() throws IOException
    {
        final RecordingListener originalEvents = new RecordingListener();
        final OrderBook original = new OrderBook(instrument, 1_024, 256, originalEvents);
        final SplittableRandom random = new SplittableRandom(42);
        long id = 1;
        for (int i = 0; i < 2_000; i++)
        {
            submitRandom(original, random, id++);
        }

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeSnapshot(new DataOutputStream(bytes));
        final RecordingListener restoredEvents = new RecordingListener();
        final OrderBook restored = new OrderBook(instrument, 1_024, 256, restoredEvents);
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(original.hashInto(0), restored.hashInto(0));
        assertEquals(original.orderCount(), restored.orderCount());

        originalEvents.drain();
        final SplittableRandom sameStream = new SplittableRandom(7);
        final SplittableRandom sameStreamAgain = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++, id++)
        {
            assertEquals(submitRandom(original, sameStream, id), submitRandom(restored, sameStreamAgain, id));
        }
        assertEquals(originalEvents.drain(), restoredEvents.drain());
        assertEquals(original.hashInto(0), restored.hashInto(0));
    }

    /**
     * Orders left outside the band by a reference price move, one side beyond what the price index covers: the
     * restored book (its instrument already at the new reference, as a state snapshot restores it) writes the same
     * bytes, has the same hash and still trades with the old orders.
     */
    @Test
    void restoresOrdersRestingOutsideAMovedBand() throws IOException
    {
        final Instrument moving = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
        final OrderBook original = new OrderBook(moving, 64, 16, new RecordingListener());
        original.submit(1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_000, 5, 0, 0);
        original.submit(2, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 11_000, 5, 0, 0);
        moving.referencePrice(8_000);
        original.submit(3, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 7_200, 5, 0, 0);
        moving.referencePrice(20_000_000);
        original.submit(4, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 22_000_000, 5, 0, 0);
        moving.referencePrice(8_000);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeSnapshot(new DataOutputStream(bytes));
        final Instrument restoredInstrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
        restoredInstrument.referencePrice(8_000);
        final RecordingListener restoredEvents = new RecordingListener();
        final OrderBook restored = new OrderBook(restoredInstrument, 64, 16, restoredEvents);
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        final ByteArrayOutputStream again = new ByteArrayOutputStream();
        restored.writeSnapshot(new DataOutputStream(again));
        assertArrayEquals(bytes.toByteArray(), again.toByteArray());
        assertEquals(original.hashInto(0), restored.hashInto(0));
        assertEquals(9_000, restored.bestPrice(Side.BUY));
        assertEquals(11_000, restored.bestPrice(Side.SELL));
        assertEquals(22_000_000, restored.level(Side.SELL, 1).price());

        restored.submit(5, 3, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 7_200, 10, 0, 0);
        assertEquals(List.of(
            new BookEvent("TRADE", 5, 1, 9_000, 5, ""),
            new BookEvent("TRADE", 5, 3, 7_200, 5, "")), restoredEvents.drain());
        assertEquals(0, restored.levelCount(Side.BUY));
    }

    /**
     * The highest id a restored book knows of may be a closed order's: its id is still refused as a duplicate, as is
     * a working order's.
     */
    @Test
    void aRestoredBookRefusesTheIdsItHoldsOrRemembers() throws IOException
    {
        final OrderBook original = new OrderBook(instrument, 16, 16, new RecordingListener());
        original.submit(10, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 5, 0, 0);
        original.submit(20, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 5, 0, 0);
        original.cancel(20, 1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeSnapshot(new DataOutputStream(bytes));
        final OrderBook restored = new OrderBook(instrument, 16, 16, new RecordingListener());
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(RejectReason.DUPLICATE_ORDER_ID,
            restored.submit(20, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_100, 5, 0, 0));
        assertEquals(RejectReason.DUPLICATE_ORDER_ID,
            restored.submit(10, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_100, 5, 0, 0));
        assertNull(
            restored.submit(21, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_100, 5, 0, 0));
        assertEquals(RejectReason.DUPLICATE_ORDER_ID,
            restored.submit(21, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_100, 5, 0, 0));
    }

    @Test
    void hashChangesWithTheBook()
    {
        final OrderBook book = new OrderBook(instrument, 16, 16, new RecordingListener());
        final long empty = book.hashInto(0);
        book.submit(1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 5, 0, 0);
        final long oneOrder = book.hashInto(0);
        book.cancel(1, 1);

        assertNotEquals(empty, oneOrder);
        assertNotEquals(oneOrder, book.hashInto(0));
        assertNotEquals(empty, book.hashInto(0), "the closed-order memory is part of the state");
    }

    private static String submitRandom(final OrderBook book, final SplittableRandom random, final long id)
    {
        final long account = 1 + random.nextInt(5);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final TimeInForce tif = random.nextInt(4) == 0 ? TimeInForce.GTD : TimeInForce.GTC;
        if (random.nextInt(5) == 0)
        {
            return String.valueOf(book.cancel(id - 1 - random.nextInt(50), account));
        }
        return String.valueOf(book.submit(id, account, side, OrderType.LIMIT, tif, false,
            9_990 + random.nextInt(21), 1 + random.nextInt(20), 100 + random.nextInt(100), 0));
    }
}
