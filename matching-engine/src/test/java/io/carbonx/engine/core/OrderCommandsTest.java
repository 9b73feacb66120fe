package io.carbonx.engine.core;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AmendOrderDecoder;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.carbonx.engine.core.EngineParts.CEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link OrderCommands} on its own: what an order reserves, what a fill, a cancel, an expiry or an amendment does to
 * the reservation, and that a refused order or amendment changes nothing.
 */
class OrderCommandsTest
{
    private static final long SELLER = 101;
    private static final long BUYER = 102;
    private static final long TIME = 1_000_000;

    private final EngineParts parts = new EngineParts();
    private final BuyOrderReservation buyReservation = new BuyOrderReservation(parts.settings.fees());

    @BeforeEach
    void setUp()
    {
        parts.tradingDay.list(EngineParts.cea());
        assertNull(parts.registry.openAccount(SELLER, AccountType.COMPLIANCE));
        assertNull(parts.registry.openAccount(BUYER, AccountType.TRADING));
        assertNull(parts.registry.issue(SELLER, CEA, 1_000));
    }

    @Test
    void aSellReservesItsUnitsAndACancelReleasesThem()
    {
        assertEquals(1, limit(1, SELLER, Side.SELL, 100, 100_00).accepted().size());
        assertEquals(100, parts.registry.holding(SELLER, CEA).reserved());

        final CapturedEvents cancelled = cancel(1, SELLER);
        assertEquals(100, cancelled.cancelled().get(0).cancelledQuantity());
        assertEquals(0, parts.registry.holding(SELLER, CEA).reserved());
        assertNull(parts.market.book(CEA).order(1));
    }

    @Test
    void aRestingBuyReservesCashForItsLimitAndFees()
    {
        assertNull(parts.registry.depositCash(BUYER, 1_000_000_00L));
        limit(2, BUYER, Side.BUY, 10, 100_00);

        final long expected = buyReservation.cashFor(100_00, 10);
        assertEquals(expected, parts.market.book(CEA).order(2).reservation());
        assertEquals(expected, parts.registry.account(BUYER).cashReserved());
        assertEquals(10, parts.registry.holding(BUYER, CEA).pendingBuy());
    }

    @Test
    void aFillSettlesTakesTheNextTradeIdCountsInTheDayAndReleasesThePriceImprovement()
    {
        assertNull(parts.registry.depositCash(BUYER, 1_000_000_00L));
        limit(1, SELLER, Side.SELL, 100, 100_00);

        final TradeDecoder trade = limit(2, BUYER, Side.BUY, 100, 101_00).trades().get(0);

        assertEquals(1, trade.tradeId());
        assertEquals(1, parts.market.lastTradeId());
        assertEquals(100_00, trade.price());
        assertEquals(100, parts.registry.holding(BUYER, CEA).total());
        assertEquals(0, parts.registry.account(BUYER).cashReserved(), "the order is filled, nothing stays reserved");
        assertEquals(0, parts.registry.holding(SELLER, CEA).reserved());
        final DailyStatistics day = parts.market.statistics(CEA);
        assertEquals(100, day.volume());
        assertEquals(100_00, day.last());
        assertEquals(100 * 100_00, day.turnover());
    }

    @Test
    void anAmendmentThatCannotBeFundedIsRefusedAndLeavesTheReservationAsItWas()
    {
        final long reservation = buyReservation.cashFor(100_00, 10);
        assertNull(parts.registry.depositCash(BUYER, reservation));
        limit(2, BUYER, Side.BUY, 10, 100_00);
        final long hash = parts.registry.stateHash();

        final CapturedEvents refused = amend(2, BUYER, 100_00, 20);

        assertEquals(RejectReason.INSUFFICIENT_CASH, refused.rejected().get(0).reason());
        assertEquals(hash, parts.registry.stateHash(), "the pending buy reserved first is given back");
        assertEquals(reservation, parts.market.book(CEA).order(2).reservation());
        assertEquals(10, parts.market.book(CEA).order(2).quantity());
    }

    @Test
    void anAmendmentDownReleasesWhatTheSmallerOrderNoLongerNeeds()
    {
        assertNull(parts.registry.depositCash(BUYER, 1_000_000_00L));
        limit(2, BUYER, Side.BUY, 10, 100_00);

        assertEquals(0, amend(2, BUYER, 99_00, 4).rejected().size());

        final long needed = buyReservation.cashFor(99_00, 4);
        assertEquals(needed, parts.market.book(CEA).order(2).reservation());
        assertEquals(needed, parts.registry.account(BUYER).cashReserved());
        assertEquals(4, parts.registry.holding(BUYER, CEA).pendingBuy());
    }

    @Test
    void aRestingGtdOrderIsScheduledAndItsExpiryReleasesItsUnits()
    {
        assertEquals(Long.MAX_VALUE, parts.market.nextExpireTime());
        order(3, SELLER, Side.SELL, TimeInForce.GTD, 50, 100_00, TIME + 5_000);
        assertEquals(TIME + 5_000, parts.market.nextExpireTime());

        final int from = parts.begin(TIME + 5_000);
        parts.market.expireUpTo(TIME + 5_000);

        assertEquals(50, parts.events.since(from).expired().get(0).expiredQuantity());
        assertEquals(0, parts.registry.holding(SELLER, CEA).reserved());
        assertEquals(Long.MAX_VALUE, parts.market.nextExpireTime());
    }

    @Test
    void anOrderForAnUnlistedInstrumentOrThroughAnUnlinkedBrokerIsRefusedAndReservesNothing()
    {
        final long hash = parts.registry.stateHash();

        parts.writer(TIME).newOrder(parts.buffer(), 0, 4, SELLER, 0, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            false, 100_00, 10, 0);
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, newOrder().rejected().get(0).reason());

        parts.writer(TIME).newOrder(parts.buffer(), 0, 5, SELLER, 42, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            false, 100_00, 10, 0);
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, newOrder().rejected().get(0).reason());

        assertEquals(hash, parts.registry.stateHash());
        assertEquals(0, parts.market.book(CEA).orderCount());
    }

    private CapturedEvents limit(final long orderId, final long accountId, final Side side, final long quantity,
        final long price)
    {
        return order(orderId, accountId, side, TimeInForce.GTC, quantity, price, 0);
    }

    private CapturedEvents order(final long orderId, final long accountId, final Side side,
        final TimeInForce timeInForce, final long quantity, final long price, final long expireTime)
    {
        parts.writer(TIME).newOrder(parts.buffer(), 0, orderId, accountId, 0, CEA, side, OrderType.LIMIT, timeInForce,
            false, price, quantity, expireTime);
        return newOrder();
    }

    private CapturedEvents newOrder()
    {
        final int from = parts.begin(TIME);
        parts.orders.newOrder(parts.decode(new NewOrderDecoder()), TIME);
        return parts.events.since(from);
    }

    private CapturedEvents cancel(final long orderId, final long accountId)
    {
        parts.writer(TIME).cancelOrder(parts.buffer(), 0, orderId, accountId, 0, CEA);
        final int from = parts.begin(TIME);
        parts.orders.cancelOrder(parts.decode(new CancelOrderDecoder()));
        return parts.events.since(from);
    }

    private CapturedEvents amend(final long orderId, final long accountId, final long price, final long quantity)
    {
        parts.writer(TIME).amendOrder(parts.buffer(), 0, orderId, accountId, 0, CEA, price, quantity);
        final int from = parts.begin(TIME);
        parts.orders.amendOrder(parts.decode(new AmendOrderDecoder()));
        return parts.events.since(from);
    }
}
