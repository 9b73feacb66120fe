package io.carbonx.engine.core;


import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeStateMachineTest
{
    static final int CEA = 1;
    static final long SELLER = 101;
    static final long BUYER = 102;
    static final long CASH = 10_000_000_00L;

    private TestExchange exchange;

    @BeforeEach
    void setUp()
    {
        exchange = start(TestSettings.settings(HoldingLimits.unlimited()));
    }

    static TestExchange start(final ExchangeSettings settings)
    {
        final TestExchange exchange = new TestExchange(settings);
        exchange.list(
            new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00,
            SelfTradePolicy.CANCEL_INCOMING));
        exchange.open(SELLER, AccountType.COMPLIANCE);
        exchange.open(BUYER, AccountType.TRADING);
        exchange.issue(SELLER, CEA, 1_000);
        exchange.deposit(BUYER, CASH);
        return exchange;
    }

    private RegistryView registry()
    {
        return exchange.machine().registry();
    }

    private Holding holding(final long account)
    {
        return registry().holding(account, CEA);
    }

    private static RejectReason rejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a rejected command has exactly one event");
        return events.rejected().get(0).reason();
    }

    @Test
    void tradeSettlesDeliveryVersusPaymentWithFeesAndPriceImprovementReleased()
    {
        exchange.sell(1, SELLER, CEA, 100, 100_00);
        final CapturedEvents events = exchange.buy(2, BUYER, CEA, 100, 101_00);

        final TradeDecoder trade = events.trades().get(0);
        assertEquals(100_00, trade.price(), "trades at the resting order's price");
        final long value = 100 * 100_00;
        final long buyerFee = trade.buyerFee();
        final long sellerFee = trade.sellerFee();
        assertTrue(buyerFee > 0 && sellerFee > 0);

        assertEquals(100, holding(BUYER).total());
        assertEquals(100, holding(BUYER).locked(), "bought today, not sellable until the next trading day");
        assertEquals(900, holding(SELLER).total());
        assertEquals(0, holding(SELLER).reserved());
        assertEquals(CASH - value - buyerFee, registry().account(BUYER).cashTotal());
        assertEquals(0, registry().account(BUYER).cashReserved(),
            "the 1.00 price improvement and fee headroom are released");
        assertEquals(value - sellerFee, registry().account(SELLER).cashTotal());
        assertEquals(buyerFee + sellerFee, registry().account(TestSettings.FEE_ACCOUNT).cashTotal());
    }

    @Test
    void unitsBoughtTodayCanBeSoldOnlyAfterTheEndOfTheDay()
    {
        exchange.sell(1, SELLER, CEA, 100, 100_00);
        exchange.buy(2, BUYER, CEA, 100, 100_00);

        assertEquals(RejectReason.INSUFFICIENT_UNITS, rejection(exchange.sell(3, BUYER, CEA, 50, 100_00)));

        exchange.endOfDay(20250601);
        assertEquals(0, holding(BUYER).locked());
        assertEquals(1, exchange.sell(4, BUYER, CEA, 50, 100_00).accepted().size());
    }

    @Test
    void sellBeyondAvailableUnitsIsRejectedAndChangesNothing()
    {
        final long before = registry().stateHash();

        assertEquals(RejectReason.INSUFFICIENT_UNITS, rejection(exchange.sell(1, SELLER, CEA, 1_001, 100_00)));

        assertEquals(before, registry().stateHash());
        assertEquals(0, exchange.machine().orderBook(CEA).orderCount());
    }

    @Test
    void buyBeyondAvailableCashIsRejected()
    {
        // 100,000.00 of cash at 100.00 buys at most 1,000 t less fees, but the maximum order is 99,999 t
        exchange.withdraw(BUYER, CASH - 100_000_00L);

        assertEquals(RejectReason.INSUFFICIENT_CASH, rejection(exchange.buy(1, BUYER, CEA, 1_000, 100_00)));
        assertEquals(0, registry().account(BUYER).cashReserved());
        assertEquals(0, holding(BUYER) == null ? 0 : holding(BUYER).pendingBuy());
        assertEquals(1, exchange.buy(2, BUYER, CEA, 990, 100_00).accepted().size());
    }

    @Test
    void brokerMayActOnlyForLinkedAccounts()
    {
        exchange.asBroker(55);
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, rejection(exchange.sell(1, SELLER, CEA, 10, 100_00)));

        exchange.link(55, SELLER);
        assertEquals(1, exchange.sell(2, SELLER, CEA, 10, 100_00).accepted().size());
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, rejection(exchange.cancel(2, BUYER, CEA)));
    }

    @Test
    void unknownAccountAndUnknownInstrumentAreRejected()
    {
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, rejection(exchange.sell(1, 999, CEA, 10, 100_00)));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, rejection(exchange.sell(2, SELLER, 7, 10, 100_00)));
    }

    @Test
    void buyThatWouldTakeTheAccountOverItsHoldingLimitIsRejected()
    {
        exchange = start(TestSettings.settings(HoldingLimits.unlimited().with(AccountType.TRADING, 500)));
        exchange.sell(1, SELLER, CEA, 600, 100_00);

        assertEquals(RejectReason.HOLDING_LIMIT_EXCEEDED, rejection(exchange.buy(2, BUYER, CEA, 501, 100_00)));
        assertEquals(1, exchange.buy(3, BUYER, CEA, 300, 100_00).trades().size());
        assertEquals(RejectReason.HOLDING_LIMIT_EXCEEDED, rejection(exchange.buy(4, BUYER, CEA, 201, 100_00)),
            "units bought count towards the limit");
    }

    @Test
    void cancelAndExpiryReleaseExactlyWhatWasReserved()
    {
        final long available = registry().account(BUYER).cashTotal();
        exchange.sell(1, SELLER, CEA, 300, 99_00);
        exchange.buy(2, BUYER, CEA, 500, 100_00);  // 300 trade at 99.00, 200 rest at 100.00

        final CapturedEvents cancelled = exchange.cancel(2, BUYER, CEA);
        assertEquals(200, cancelled.cancelled().get(0).cancelledQuantity());
        assertEquals(CancelReason.REQUESTED, cancelled.cancelled().get(0).reason());
        assertEquals(0, registry().account(BUYER).cashReserved());
        assertEquals(0, holding(BUYER).pendingBuy());
        final long fee = exchange.allEvents().trades().get(0).buyerFee();
        assertEquals(available - 300 * 99_00 - fee, registry().account(BUYER).cashTotal());

        exchange.order(3, SELLER, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, 105_00, 100, 0);
        exchange.order(4, SELLER, CEA, Side.SELL, OrderType.LIMIT, TimeInForce.GTD, 106_00, 100, exchange.time() + 10);
        assertEquals(200, holding(SELLER).reserved());
        exchange.at(exchange.time() + 10);
        assertEquals(1, exchange.deposit(BUYER, 1).expired().size(), "any command moving the clock expires GTD orders");
        assertEquals(1, exchange.endOfDay(20250601).expired().size());
        assertEquals(0, holding(SELLER).reserved());
    }

    @Test
    void marketBuyReservesAtTheUpperBandAndIsChargedOnlyWhatItTrades()
    {
        exchange.sell(1, SELLER, CEA, 50, 100_00);
        final CapturedEvents events =
            exchange.order(2, BUYER, CEA, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 0, 80, 0);

        assertEquals(50, events.trades().get(0).quantity());
        assertEquals(30, events.cancelled().get(0).cancelledQuantity());
        assertEquals(CancelReason.MARKET_REMAINDER, events.cancelled().get(0).reason());
        assertEquals(0, registry().account(BUYER).cashReserved());
        assertEquals(CASH - 50 * 100_00 - events.trades().get(0).buyerFee(), registry().account(BUYER).cashTotal());
    }

    @Test
    void amendThatNeedsMoreCashThanAvailableIsRejectedAndTheOrderStaysAsItWas()
    {
        exchange.withdraw(BUYER, CASH - 20_000_00L);
        exchange.buy(1, BUYER, CEA, 100, 100_00);
        final long reserved = registry().account(BUYER).cashReserved();

        assertEquals(RejectReason.INSUFFICIENT_CASH, rejection(exchange.amend(1, BUYER, CEA, 100_00, 250)));
        assertEquals(reserved, registry().account(BUYER).cashReserved());
        assertEquals(100, exchange.machine().orderBook(CEA).order(1).quantity());

        assertEquals(1, exchange.amend(1, BUYER, CEA, 95_00, 150).size());
        assertTrue(registry().account(BUYER).cashReserved() > 150 * 95_00);
        assertEquals(150, holding(BUYER).pendingBuy());
    }

    @Test
    void endOfDayClosesAtTheVolumeWeightedAveragePriceAndMovesTheBand()
    {
        exchange.sell(1, SELLER, CEA, 100, 100_00);
        exchange.buy(2, BUYER, CEA, 100, 100_00);
        exchange.sell(3, SELLER, CEA, 300, 104_00);
        exchange.buy(4, BUYER, CEA, 300, 104_00);

        final CapturedEvents closed = exchange.endOfDay(20250601);

        final long vwap = (100 * 100_00 + 300 * 104_00) / 400;
        assertEquals(List.of(DayClosedDecoder.TEMPLATE_ID), closed.templateIds());
        assertEquals(vwap, exchange.machine().orderBook(CEA).instrument().referencePrice());
        assertEquals(vwap + vwap / 10, exchange.machine().orderBook(CEA).instrument().highestPrice());
    }

    @Test
    void aMovementOfManyBlocksIsSplitIntoNumberedPartsOfAtMostTenBlocks()
    {
        final long fragmented = 201;
        exchange.open(fragmented, AccountType.TRADING);
        // 25 single-tonne issues, alternating with issues to BUYER, leave 25 separate blocks.
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++)
        {
            final long serial = exchange.issue(fragmented, CEA, 1).movements().get(0).blocks().get(0)[0];
            expected.add(serial + "-" + serial);
            exchange.issue(BUYER, CEA, 1);
        }

        final CapturedEvents moved = exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
            .transferUnits(exchange.buffer(), 0, fragmented, SELLER, CEA, 25));

        final List<SerialBlocksDecoder> parts = moved.all(SerialBlocksDecoder.TEMPLATE_ID, SerialBlocksDecoder::new);
        assertEquals(3, parts.size(), "10 + 10 + 5 blocks");
        for (int part = 0; part < 3; part++)
        {
            assertEquals(part, parts.get(part).part());
            assertEquals(3, parts.get(part).parts());
            assertEquals(25, parts.get(part).quantity(), "each part repeats the whole movement's quantity");
        }
        assertEquals(1, moved.movements().size());
        assertEquals(String.join(",", expected), moved.movements().get(0).blockText());
    }

    @Test
    void registryCommandsReportSerialBlocks()
    {
        final CapturedEvents issued = exchange.issue(BUYER, CEA, 10);
        assertEquals("1001-1010", issued.movements().get(0).blockText());

        final CapturedEvents retired = exchange.retire(SELLER, CEA, 5);
        assertEquals("1-5", retired.movements().get(0).blockText());
        assertEquals(0, retired.movements().get(0).to(), "retired units leave circulation");
        assertNotNull(registry().holding(SELLER, CEA));
        assertEquals(995, registry().holding(SELLER, CEA).total());
    }
}
