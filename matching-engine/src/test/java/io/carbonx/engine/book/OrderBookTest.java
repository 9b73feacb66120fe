package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.protocol.sbe.OrderType.LIMIT;
import static io.carbonx.protocol.sbe.OrderType.MARKET;
import static io.carbonx.protocol.sbe.Side.BUY;
import static io.carbonx.protocol.sbe.Side.SELL;
import static io.carbonx.protocol.sbe.TimeInForce.DAY;
import static io.carbonx.protocol.sbe.TimeInForce.FOK;
import static io.carbonx.protocol.sbe.TimeInForce.GTC;
import static io.carbonx.protocol.sbe.TimeInForce.GTD;
import static io.carbonx.protocol.sbe.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OrderBookTest
{
    private static final long NOW = 1_000;

    private Instrument instrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
    private final RecordingListener listener = new RecordingListener();
    private OrderBook book = new OrderBook(instrument, 16, 64, listener);

    private RejectReason limit(final long id, final long account, final Side side, final long price,
        final long quantity)
    {
        return book.submit(id, account, side, LIMIT, GTC, false, price, quantity, 0, NOW);
    }

    private RejectReason order(
        final long id, final long account, final Side side, final OrderType type, final TimeInForce tif,
        final long price,
        final long quantity)
    {
        return book.submit(id, account, side, type, tif, false, price, quantity, 0, NOW);
    }

    private static BookEvent trade(final long taker, final long maker, final long price, final long quantity)
    {
        return new BookEvent("TRADE", taker, maker, price, quantity, "");
    }

    private static BookEvent cancelled(final long id, final long quantity, final String reason)
    {
        return new BookEvent("CANCELLED", id, 0, 0, quantity, reason);
    }

    @Nested
    class PriceTimePriority
    {
        @Test
        void betterPriceTradesFirstAtTheRestingPrice()
        {
            limit(1, 1, SELL, 10_020, 5);
            limit(2, 2, SELL, 10_010, 5);
            listener.drain();

            assertNull(limit(3, 3, BUY, 10_050, 7));

            assertEquals(List.of(trade(3, 2, 10_010, 5), trade(3, 1, 10_020, 2)), listener.drain());
            assertEquals(3, book.order(1).leaves());
            assertNull(book.order(3), "fully filled taker does not rest");
        }

        @Test
        void earlierOrderAtTheSamePriceTradesFirst()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, BUY, 10_000, 5);
            limit(3, 3, BUY, 10_000, 5);
            listener.drain();

            limit(4, 4, SELL, 10_000, 7);

            assertEquals(List.of(trade(4, 1, 10_000, 5), trade(4, 2, 10_000, 2)), listener.drain());
            assertEquals(List.of(2L, 3L), restingIds(BUY));
        }

        @Test
        void unfilledRemainderRestsAndTheBookIsNotCrossed()
        {
            limit(1, 1, SELL, 10_000, 5);
            limit(2, 2, BUY, 10_010, 8);

            assertEquals(3, book.order(2).leaves());
            assertEquals(10_010, book.bestPrice(BUY));
            assertEquals(0, book.levelCount(SELL));
        }
    }

    @Nested
    class OrderTypes
    {
        @Test
        void iocTradesWhatItCanAndCancelsTheRest()
        {
            limit(1, 1, SELL, 10_000, 5);
            listener.drain();

            assertNull(order(2, 2, BUY, LIMIT, IOC, 10_000, 8));

            assertEquals(List.of(trade(2, 1, 10_000, 5), cancelled(2, 3, "IOC_REMAINDER")), listener.drain());
            assertEquals(0, book.orderCount());
        }

        @Test
        void fokThatCannotFillCompletelyDoesNotTradeAtAll()
        {
            limit(1, 1, SELL, 10_000, 5);
            limit(2, 1, SELL, 10_100, 5);
            listener.drain();

            assertNull(order(3, 2, BUY, LIMIT, FOK, 10_050, 8));

            assertEquals(List.of(cancelled(3, 8, "FOK_NOT_FILLABLE")), listener.drain());
            assertEquals(2, book.orderCount());
        }

        @Test
        void fokThatCanFillCompletelyTradesAcrossLevels()
        {
            limit(1, 1, SELL, 10_000, 5);
            limit(2, 1, SELL, 10_100, 5);
            listener.drain();

            assertNull(order(3, 2, BUY, LIMIT, FOK, 10_100, 8));

            assertEquals(List.of(trade(3, 1, 10_000, 5), trade(3, 2, 10_100, 3)), listener.drain());
        }

        @Test
        void marketOrderNeverTradesOutsideTheBandAndItsRestIsCancelled()
        {
            limit(1, 1, SELL, 10_900, 5);
            limit(2, 1, SELL, 11_000, 5);
            instrument.referencePrice(9_900); // band now 89.10 .. 108.90: the resting asks are out of reach
            limit(3, 1, SELL, 10_890, 4);
            listener.drain();

            assertNull(order(4, 2, BUY, MARKET, DAY, 0, 10));

            assertEquals(List.of(trade(4, 3, 10_890, 4), cancelled(4, 6, "MARKET_REMAINDER")), listener.drain());
            assertEquals(2, book.orderCount());
        }

        @Test
        void postOnlyThatWouldTradeIsRejectedAndOneThatWouldNotRests()
        {
            limit(1, 1, SELL, 10_000, 5);

            assertEquals(RejectReason.POST_ONLY_WOULD_TRADE,
                book.submit(2, 2, BUY, LIMIT, GTC, true, 10_000, 5, 0, NOW));
            assertNull(book.submit(3, 2, BUY, LIMIT, GTC, true, 9_999, 5, 0, NOW));
            assertEquals(9_999, book.bestPrice(BUY));
        }

        @Test
        void gtdOrderExpiresWhenTimePassesItsExpiry()
        {
            book.submit(1, 1, BUY, LIMIT, GTD, false, 10_000, 5, NOW + 100, NOW);
            book.submit(2, 1, BUY, LIMIT, GTD, false, 10_000, 6, NOW + 50, NOW);
            listener.drain();

            book.expireUpTo(NOW + 99);
            assertEquals(List.of(new BookEvent("EXPIRED", 2, 0, 0, 6, "")), listener.drain());

            book.expireUpTo(NOW + 100);
            assertEquals(List.of(new BookEvent("EXPIRED", 1, 0, 0, 5, "")), listener.drain());
            assertEquals(0, book.orderCount());
        }

        @Test
        void dayOrdersExpireAtTheEndOfTheDayAndGtcOrdersStay()
        {
            order(1, 1, BUY, LIMIT, DAY, 10_000, 5);
            order(2, 1, BUY, LIMIT, GTC, 10_000, 5);
            order(3, 1, SELL, LIMIT, DAY, 10_100, 5);
            listener.drain();

            book.expireDayOrders();

            assertEquals(List.of(new BookEvent("EXPIRED", 1, 0, 0, 5, ""), new BookEvent("EXPIRED", 3, 0, 0, 5, "")),
                listener.drain());
            assertEquals(List.of(2L), restingIds(BUY));
        }
    }

    @Nested
    class CancelAndAmend
    {
        @Test
        void cancelRemovesTheOrderAndReportsItsLeaves()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, SELL, 10_000, 2);
            listener.drain();

            assertNull(book.cancel(1, 1));

            assertEquals(List.of(cancelled(1, 3, "REQUESTED")), listener.drain());
            assertEquals(0, book.levelCount(BUY));
        }

        @Test
        void cancelOfAnotherAccountsOrderIsTreatedAsUnknown()
        {
            limit(1, 1, BUY, 10_000, 5);

            assertEquals(RejectReason.UNKNOWN_ORDER, book.cancel(1, 2));
            assertEquals(1, book.orderCount());
        }

        @Test
        void quantityDecreaseKeepsTimePriority()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, BUY, 10_000, 5);

            assertNull(amend(1, 1, 10_000, 3));

            assertEquals(List.of(1L, 2L), restingIds(BUY));
            assertEquals(8, book.level(BUY, 0).totalLeaves());
        }

        @Test
        void quantityIncreaseLosesTimePriority()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, BUY, 10_000, 5);
            listener.drain();

            assertNull(amend(1, 1, 10_000, 6));

            assertEquals(List.of(new BookEvent("AMENDED", 1, 0, 10_000, 6, "false")), listener.drain());
            assertEquals(List.of(2L, 1L), restingIds(BUY));
        }

        @Test
        void priceChangeLosesPriorityAndMayTradeAtOnce()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, SELL, 10_050, 3);
            listener.drain();

            assertNull(amend(1, 1, 10_050, 5));

            assertEquals(List.of(new BookEvent("AMENDED", 1, 0, 10_050, 5, "false"), trade(1, 2, 10_050, 3)),
                listener.drain());
            assertEquals(2, book.order(1).leaves());
        }

        @Test
        void amendOfFilledCancelledOrUnknownOrdersIsRejectedWithTheReason()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, SELL, 10_000, 5);
            limit(3, 1, BUY, 9_000, 5);
            book.cancel(3, 1);

            assertEquals(RejectReason.ORDER_ALREADY_FILLED, book.validateAmend(1, 1, 10_000, 4));
            assertEquals(RejectReason.ORDER_ALREADY_CLOSED, book.validateAmend(3, 1, 10_000, 4));
            assertEquals(RejectReason.UNKNOWN_ORDER, book.validateAmend(99, 1, 10_000, 4));
            assertEquals(RejectReason.ORDER_ALREADY_FILLED, book.cancel(2, 2));
        }

        @Test
        void amendBelowTheFilledQuantityIsRejected()
        {
            limit(1, 1, BUY, 10_000, 5);
            limit(2, 2, SELL, 10_000, 3);

            assertEquals(RejectReason.QUANTITY_OUT_OF_RANGE, book.validateAmend(1, 1, 10_000, 3));
            assertNull(book.validateAmend(1, 1, 10_000, 4));
        }

        private RejectReason amend(final long id, final long account, final long price, final long quantity)
        {
            final RejectReason reason = book.validateAmend(id, account, price, quantity);
            if (reason == null)
            {
                book.amend(id, price, quantity);
            }
            return reason;
        }
    }

    @Nested
    class SelfTradePrevention
    {
        @Test
        void cancelIncomingIsTheDefaultAndKeepsTheRestingOrder()
        {
            limit(1, 1, SELL, 10_000, 5);
            listener.drain();

            limit(2, 1, BUY, 10_000, 5);

            assertEquals(List.of(new BookEvent("SELF_TRADE", 2, 1, 0, 0, "CANCEL_INCOMING"),
                cancelled(2, 5, "SELF_TRADE_PREVENTED")), listener.drain());
            assertEquals(List.of(1L), restingIds(SELL));
        }

        @Test
        void cancelRestingRemovesTheOwnOrderAndTradesOnWithOthers()
        {
            useInstrument(SelfTradePolicy.CANCEL_RESTING);
            limit(1, 1, SELL, 10_000, 5);
            limit(2, 2, SELL, 10_000, 5);
            listener.drain();

            limit(3, 1, BUY, 10_000, 5);

            assertEquals(List.of(new BookEvent("SELF_TRADE", 3, 1, 0, 0, "CANCEL_RESTING"),
                cancelled(1, 5, "SELF_TRADE_PREVENTED"), trade(3, 2, 10_000, 5)), listener.drain());
            assertEquals(0, book.orderCount());
        }

        @Test
        void cancelBothRemovesBothOrders()
        {
            useInstrument(SelfTradePolicy.CANCEL_BOTH);
            limit(1, 2, SELL, 10_000, 2);
            limit(2, 1, SELL, 10_000, 5);
            listener.drain();

            limit(3, 1, BUY, 10_000, 5);

            assertEquals(List.of(trade(3, 1, 10_000, 2), new BookEvent("SELF_TRADE", 3, 2, 0, 0, "CANCEL_BOTH"),
                cancelled(2, 5, "SELF_TRADE_PREVENTED"), cancelled(3, 3, "SELF_TRADE_PREVENTED")), listener.drain());
            assertEquals(0, book.orderCount());
        }

        private void useInstrument(final SelfTradePolicy policy)
        {
            instrument = TestInstruments.allowance(policy);
            book = new OrderBook(instrument, 16, 64, listener);
        }
    }

    @Nested
    class Validation
    {
        @Test
        void eachRuleHasItsOwnReason()
        {
            final Instrument coarse = TestInstruments.coarse(); // tick 0.05, lots of 10 t, 10..1,000 t
            final OrderBook coarseBook = new OrderBook(coarse, 4, 16, listener);

            assertEquals(RejectReason.PRICE_NOT_ON_TICK,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 10_003, 10, 0, NOW));
            assertEquals(RejectReason.PRICE_OUTSIDE_BAND,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 11_005, 10, 0, NOW));
            assertEquals(RejectReason.PRICE_OUTSIDE_BAND,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 8_995, 10, 0, NOW));
            assertEquals(RejectReason.INVALID_PRICE, coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 0, 10, 0, NOW));
            assertEquals(RejectReason.QUANTITY_NOT_ON_LOT,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 10_000, 15, 0, NOW));
            assertEquals(RejectReason.QUANTITY_OUT_OF_RANGE,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 10_000, 1_010, 0, NOW));
            assertEquals(RejectReason.QUANTITY_OUT_OF_RANGE,
                coarseBook.submit(1, 1, BUY, LIMIT, GTC, false, 10_000, 0, 0, NOW));
            assertEquals(RejectReason.INVALID_EXPIRE_TIME,
                coarseBook.submit(1, 1, BUY, LIMIT, GTD, false, 10_000, 10, NOW, NOW));
            assertEquals(RejectReason.INVALID_ORDER_ATTRIBUTES,
                coarseBook.submit(1, 1, BUY, MARKET, IOC, true, 0, 10, 0, NOW));
            assertEquals(0, coarseBook.orderCount());
            assertEquals(List.of(), listener.drain(), "a rejected order leaves no trace");
        }

        @Test
        void bandEdgesAreInsideTheBand()
        {
            assertNull(limit(1, 1, BUY, 9_000, 1));
            assertNull(limit(2, 1, BUY, 11_000, 1));
            assertEquals(RejectReason.PRICE_OUTSIDE_BAND, limit(3, 1, BUY, 8_999, 1));
            assertEquals(RejectReason.PRICE_OUTSIDE_BAND, limit(4, 1, BUY, 11_001, 1));
        }

        @Test
        void ordersAreRefusedOutsideContinuousTrading()
        {
            limit(1, 1, BUY, 10_000, 5);
            for (final TradingPhase phase : new TradingPhase[]{TradingPhase.PRE_OPEN, TradingPhase.HALTED,
                TradingPhase.CLOSED})
            {
                instrument.phase(phase);
                assertEquals(RejectReason.WRONG_PHASE, limit(2, 1, BUY, 10_000, 5), phase.name());
                assertEquals(RejectReason.WRONG_PHASE, book.validateAmend(1, 1, 10_000, 4), phase.name());
            }
            assertNull(book.cancel(1, 1), "cancels are accepted in every phase");
        }

        @Test
        void duplicateOrderIdsAreRefusedWhileLiveAndOnceClosed()
        {
            limit(1, 1, BUY, 10_000, 5);
            assertEquals(RejectReason.DUPLICATE_ORDER_ID, limit(1, 2, SELL, 10_100, 5));
            book.cancel(1, 1);
            assertEquals(RejectReason.DUPLICATE_ORDER_ID, limit(1, 1, BUY, 10_000, 5));
        }

        @Test
        void aFullBookRefusesOrdersThatWouldRestButStillMatches()
        {
            final OrderBook small = new OrderBook(instrument, 2, 16, listener);
            small.submit(1, 1, SELL, LIMIT, GTC, false, 10_000, 5, 0, NOW);
            small.submit(2, 1, SELL, LIMIT, GTC, false, 10_100, 5, 0, NOW);

            assertEquals(RejectReason.BOOK_FULL, small.submit(3, 1, SELL, LIMIT, GTC, false, 10_200, 5, 0, NOW));
            assertNull(small.submit(4, 2, BUY, LIMIT, IOC, false, 10_000, 5, 0, NOW));
            assertNull(small.submit(5, 1, SELL, LIMIT, GTC, false, 10_200, 5, 0, NOW),
                "a filled order frees its place");
        }
    }

    private List<Long> restingIds(final Side side)
    {
        final List<Long> ids = new java.util.ArrayList<>();
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            for (Order order = book.level(side, depth).head(); order != null; order = PriceLevel.next(order))
            {
                ids.add(order.orderId());
            }
        }
        return ids;
    }
}
