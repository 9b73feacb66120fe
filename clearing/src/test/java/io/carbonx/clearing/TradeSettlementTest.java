package io.carbonx.clearing;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;
import io.carbonx.registry.RegistryAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static io.carbonx.protocol.sbe.RejectReason.ACCOUNT_NOT_PERMITTED;
import static io.carbonx.protocol.sbe.RejectReason.HOLDING_LIMIT_EXCEEDED;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_CASH;
import static io.carbonx.protocol.sbe.RejectReason.INSUFFICIENT_UNITS;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_ACCOUNT_TYPE;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_AMOUNT;
import static io.carbonx.protocol.sbe.RejectReason.INVALID_PRICE;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_ACCOUNT;
import static io.carbonx.protocol.sbe.RejectReason.UNKNOWN_INSTRUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeSettlementTest
{
    private static final long FEE = 1;
    private static final long SELLER = 10;
    private static final long BUYER = 20;
    private static final long UNKNOWN = 99;
    private static final int CEA = 1;
    private static final long LIMIT_PRICE = 6_000;
    private static final long ORDER_QUANTITY = 500;

    private final FeeSchedule fees = new FeeSchedule(FeeRate.basisPoints(3), FeeRate.perTonne(2));
    private final BuyOrderReservation buyReservation = new BuyOrderReservation(fees);
    private Registry registry;
    private TradeSettlement settlement;
    private long reserved;

    @BeforeEach
    void workingOrders()
    {
        registry = new Registry(FEE, HoldingLimits.uniform(10_000), 4);
        settlement = new TradeSettlement(registry, fees);
        assertNull(registry.openAccount(SELLER, AccountType.COMPLIANCE));
        assertNull(registry.openAccount(BUYER, AccountType.TRADING));
        assertNull(registry.issue(SELLER, CEA, 1_000));
        assertNull(registry.reserveUnits(SELLER, CEA, 800));
        assertNull(registry.depositCash(BUYER, 10_000_000));

        reserved = buyReservation.cashFor(LIMIT_PRICE, ORDER_QUANTITY);
        assertNull(registry.reserveForBuy(BUYER, CEA, ORDER_QUANTITY, reserved));
    }

    @Test
    void deliversAgainstPaymentAndReturnsPriceImprovement()
    {
        final long price = 5_525;
        final long released = buyReservation.releasedOnFill(LIMIT_PRICE, ORDER_QUANTITY, 300);

        assertNull(settlement.settle(BUYER, SELLER, CEA, price, 300, released));

        final long value = price * 300; // 1,657,500
        final long buyerFee = 498; // 1,657,500 * 3 / 10,000 = 497.25, rounded up
        final long sellerFee = 600; // 2 per tonne
        assertEquals(buyerFee, settlement.lastBuyerFee());
        assertEquals(sellerFee, settlement.lastSellerFee());

        final Account buyer = registry.account(BUYER);
        assertEquals(10_000_000 - value - buyerFee, buyer.cashTotal());
        assertEquals(reserved - released, buyer.cashReserved());
        assertEquals(buyReservation.cashFor(LIMIT_PRICE, ORDER_QUANTITY - 300), buyer.cashReserved());
        assertEquals(value - sellerFee, registry.account(SELLER).cashTotal());
        assertEquals(buyerFee + sellerFee, registry.account(FEE).cashTotal());

        final Holding bought = registry.holding(BUYER, CEA);
        assertEquals(300, bought.total());
        assertEquals(300, bought.locked());
        assertEquals(200, bought.pendingBuy());
        assertEquals(1, bought.serials().rangeStart(0));
        assertEquals(300, bought.serials().rangeEnd(0));
        assertEquals(1, registry.lastMoved().rangeCount());
        assertEquals(1, registry.lastMoved().rangeStart(0));
        assertEquals(300, registry.lastMoved().rangeEnd(0));

        final Holding sold = registry.holding(SELLER, CEA);
        assertEquals(700, sold.total());
        assertEquals(500, sold.reserved());
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    @Test
    void leavesNothingReservedOnceTheOrderHasFilled()
    {
        long leaves = ORDER_QUANTITY;
        final long[] fills = { 1, 99, 250, 150 };
        final long[] prices = { LIMIT_PRICE, 5_999, 4_001, 5_555 };
        for (int i = 0; i < fills.length; i++)
        {
            final long released = buyReservation.releasedOnFill(LIMIT_PRICE, leaves, fills[i]);
            assertNull(settlement.settle(BUYER, SELLER, CEA, prices[i], fills[i], released));
            leaves -= fills[i];
        }

        assertEquals(0, registry.account(BUYER).cashReserved());
        assertEquals(0, registry.holding(BUYER, CEA).pendingBuy());
        assertEquals(ORDER_QUANTITY, registry.holding(BUYER, CEA).total());
        assertEquals(300, registry.holding(SELLER, CEA).reserved());
        assertEquals(registry.feesCollected(), registry.account(FEE).cashTotal());
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    @Test
    void refusesMalformedTrades()
    {
        assertRefused(INVALID_PRICE, () -> settlement.settle(BUYER, SELLER, CEA, 0, 1, LIMIT_PRICE));
        assertRefused(INVALID_AMOUNT, () -> settlement.settle(BUYER, SELLER, CEA, LIMIT_PRICE, 0, LIMIT_PRICE));
        assertRefused(INVALID_AMOUNT, () -> settlement.settle(BUYER, SELLER, CEA, 5_000, 10, 50_000));
        assertRefused(UNKNOWN_INSTRUMENT, () -> settlement.settle(BUYER, SELLER, 5, 5_000, 1, 6_000));
        assertRefused(UNKNOWN_ACCOUNT, () -> settlement.settle(UNKNOWN, SELLER, CEA, 5_000, 1, 6_000));
        assertRefused(ACCOUNT_NOT_PERMITTED, () -> settlement.settle(SELLER, SELLER, CEA, 5_000, 1, 6_000));
        assertRefused(INVALID_ACCOUNT_TYPE, () -> settlement.settle(FEE, SELLER, CEA, 5_000, 1, 6_000));
    }

    @Test
    void refusesWhatTheReservationsDoNotCover()
    {
        assertNull(registry.openAccount(30, AccountType.TRADING));

        assertRefused(INSUFFICIENT_UNITS, () -> settlement.settle(BUYER, 30, CEA, 5_000, 1, 6_000));
        assertRefused(HOLDING_LIMIT_EXCEEDED, () -> settlement.settle(30, SELLER, CEA, 5_000, 1, 6_000));
        assertRefused(HOLDING_LIMIT_EXCEEDED,
            () -> settlement.settle(BUYER, SELLER, CEA, 5_000, ORDER_QUANTITY + 1, reserved));
        assertRefused(INSUFFICIENT_CASH,
            () -> settlement.settle(BUYER, SELLER, CEA, 5_000, ORDER_QUANTITY, reserved + 1));
    }

    private void assertRefused(final RejectReason expected, final Supplier<RejectReason> operation)
    {
        final long before = registry.stateHash();
        final long buyerFee = settlement.lastBuyerFee();

        assertEquals(expected, operation.get());
        assertEquals(before, registry.stateHash(), "a refused settlement changed the registry");
        assertEquals(buyerFee, settlement.lastBuyerFee());
    }
}
