package io.carbonx.engine.block;

import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.TestExchange;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockTradeDeskTest
{
    private static final int CEA = 1;
    private static final long SELLER = 101;
    private static final long BUYER = 102;
    private static final long OTHER = 103;
    private static final int BROKER = 5;
    private static final long SELLER_UNITS = 250_000;
    private static final long BUYER_CASH = 30_000_000_00L;
    private static final long REFERENCE = 100_00;

    private final BlockTradeCommandWriter writer = new BlockTradeCommandWriter();
    private long crossId;

    private static TestExchange start(final ExchangeSettings settings)
    {
        final TestExchange exchange = new TestExchange(settings);
        exchange.list(
            new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, REFERENCE,
            SelfTradePolicy.CANCEL_INCOMING));
        exchange.open(SELLER, AccountType.COMPLIANCE);
        exchange.open(BUYER, AccountType.TRADING);
        exchange.open(OTHER, AccountType.TRADING);
        exchange.link(BROKER, SELLER);
        exchange.link(BROKER, BUYER);
        exchange.issue(SELLER, CEA, SELLER_UNITS);
        exchange.deposit(BUYER, BUYER_CASH);
        exchange.deposit(OTHER, 1_000_000_00L);
        exchange.issue(OTHER, CEA, 1_000);
        return exchange;
    }

    private static TestExchange start()
    {
        return start(TestSettings.settings(HoldingLimits.unlimited()));
    }

    private CapturedEvents cross(
        final TestExchange exchange, final long buyer, final long seller, final long price, final long quantity)
    {
        return exchange.apply(writer.envelope(exchange.time(), 4, ++crossId, 0)
            .blockTrade(exchange.buffer(), 0, crossId, CEA, price,
            quantity, buyer, BROKER, seller, BROKER));
    }

    private static CommandRejectedDecoder rejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a rejected command has exactly one event");
        final CommandRejectedDecoder rejected = events.rejected().get(0);
        assertEquals(CommandKind.BLOCK_TRADE, rejected.commandKind());
        return rejected;
    }

    private static BlockTradeExecutedDecoder executed(final CapturedEvents events)
    {
        final List<BlockTradeExecutedDecoder> executed =
            events.all(BlockTradeExecutedDecoder.TEMPLATE_ID, BlockTradeExecutedDecoder::new);
        assertEquals(1, executed.size(), "one execution");
        return executed.get(0);
    }

    @Test
    void settlesBothSidesWithFeesAndLocksTheBoughtUnitsUntilTheEndOfTheDay()
    {
        final TestExchange exchange = start();
        final RegistryView registry = exchange.machine().registry();
        final long quantity = 100_000;
        final long price = 120_00;

        final CapturedEvents events = cross(exchange, BUYER, SELLER, price, quantity);
        final BlockTradeExecutedDecoder trade = executed(events);

        final long value = price * quantity;
        final long fee = value * 3 / 10_000;
        assertEquals(crossId, trade.crossId());
        assertEquals(BUYER, trade.buyerAccountId());
        assertEquals(SELLER, trade.sellerAccountId());
        assertEquals(quantity, trade.quantity());
        assertEquals(fee, trade.buyerFee(), "3 bps of the value");
        assertEquals(fee, trade.sellerFee());
        final CapturedEvents.Movement delivery = events.movements().get(0);
        assertEquals(RegistryOperationType.BLOCK_TRADE, delivery.operation());
        assertEquals(SELLER, delivery.from());
        assertEquals(BUYER, delivery.to());
        assertEquals(trade.tradeId(), delivery.referenceId());
        assertEquals(quantity, delivery.units());
        assertEquals(BooleanType.FALSE, trade.inClosingPrice());

        final Account buyer = registry.account(BUYER);
        assertEquals(BUYER_CASH - value - fee, buyer.cashTotal());
        assertEquals(0, buyer.cashReserved(), "the fee headroom is released");
        assertEquals(value - fee, registry.account(SELLER).cashTotal());
        assertEquals(2 * fee, registry.account(TestSettings.FEE_ACCOUNT).cashTotal());
        final Holding bought = registry.holding(BUYER, CEA);
        assertEquals(quantity, bought.total());
        assertEquals(quantity, bought.locked());
        assertEquals(0, bought.pendingBuy());
        final Holding sold = registry.holding(SELLER, CEA);
        assertEquals(SELLER_UNITS - quantity, sold.total());
        assertEquals(0, sold.reserved());

        assertEquals(RejectReason.INSUFFICIENT_UNITS, rejection(cross(exchange, SELLER, BUYER, price, quantity))
            .reason(),
            "bought units cannot be sold again the same day");
        exchange.endOfDay(20250102);
        assertEquals(0, registry.holding(BUYER, CEA).locked(), "T+1: available the next day");
        executed(cross(exchange, SELLER, BUYER, 110_00, quantity));
    }

    @Test
    void aCrossBelowTheBlockThresholdIsRefused()
    {
        final TestExchange exchange = start();
        final CommandRejectedDecoder rejected = rejection(cross(exchange, BUYER, SELLER, REFERENCE, 99_999));

        assertEquals(RejectReason.BELOW_BLOCK_THRESHOLD, rejected.reason());
        assertEquals(crossId, rejected.orderId(), "the rejection names the cross");
        assertNothingMoved(exchange);
    }

    @Test
    void aCrossOutsideTheBlockBandIsRefusedAndItsEdgesAreInside()
    {
        final TestExchange exchange = start();
        assertEquals(RejectReason.PRICE_OUTSIDE_BAND, rejection(cross(exchange, BUYER, SELLER, 130_01, 100_000))
            .reason());
        assertEquals(RejectReason.PRICE_OUTSIDE_BAND, rejection(cross(exchange, BUYER, SELLER, 69_99, 100_000))
            .reason());
        assertNothingMoved(exchange);

        executed(cross(exchange, BUYER, SELLER, 130_00, 100_000));
        executed(cross(exchange, BUYER, SELLER, 70_00, 100_000));
    }

    @Test
    void aCrossNeedsTheSellersUnitsAndTheBuyersCashIncludingFees()
    {
        final TestExchange exchange = start();
        final CommandRejectedDecoder units = rejection(cross(exchange, BUYER, SELLER, REFERENCE, SELLER_UNITS + 1));
        assertEquals(RejectReason.INSUFFICIENT_UNITS, units.reason());
        assertEquals(SELLER, units.accountId());

        // 300,000 t at 100.00 is exactly the buyer's cash, but the fee comes on top
        exchange.issue(SELLER, CEA, 50_000);
        final CommandRejectedDecoder cash = rejection(cross(exchange, BUYER, SELLER, REFERENCE, 300_000));
        assertEquals(RejectReason.INSUFFICIENT_CASH, cash.reason());
        assertEquals(BUYER, cash.accountId());
        assertEquals(0, exchange.machine().registry().holding(SELLER, CEA).reserved(),
            "the seller's units are released");
        assertEquals(0, exchange.machine().registry().account(BUYER).cashReserved());
        assertEquals(BUYER_CASH, exchange.machine().registry().account(BUYER).cashTotal());
    }

    @Test
    void aCrossNeedsTwoAccountsTheSenderMayActForInContinuousTrading()
    {
        final TestExchange exchange = start();
        assertEquals(RejectReason.BLOCK_SELF_CROSS, rejection(cross(exchange, SELLER, SELLER, REFERENCE, 100_000))
            .reason());
        final CommandRejectedDecoder notLinked = rejection(cross(exchange, OTHER, SELLER, REFERENCE, 100_000));
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, notLinked.reason());
        assertEquals(OTHER, notLinked.accountId());
        assertEquals(RejectReason.INVALID_PRICE, rejection(cross(exchange, BUYER, SELLER, 0, 100_000)).reason());

        exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0).setTradingPhase(exchange.buffer(), 0, CEA,
            TradingPhase.HALTED));
        assertEquals(RejectReason.WRONG_PHASE, rejection(cross(exchange, BUYER, SELLER, REFERENCE, 100_000)).reason());
        assertNothingMoved(exchange);
    }

    @Test
    void blockTradesStayOutOfTheClosingPriceUnlessTheSchemeCountsThem()
    {
        final TestExchange excluded = start();
        excluded.sell(1, SELLER, CEA, 10, REFERENCE);
        excluded.buy(2, BUYER, CEA, 10, REFERENCE);
        executed(cross(excluded, BUYER, SELLER, 120_00, 100_000));
        final DayClosedDecoder close = excluded.endOfDay(20250102)
            .all(DayClosedDecoder.TEMPLATE_ID, DayClosedDecoder::new).get(0);
        assertEquals(REFERENCE, close.closingPrice(), "only the listed trade counts");
        assertEquals(10, close.volume());

        final ExchangeSettings counting = new ExchangeSettings(TestSettings.FEE_ACCOUNT, HoldingLimits.unlimited(),
            new FeeSchedule(FeeRate.basisPoints(3), FeeRate.basisPoints(3)), 16, 65_536, 4_096,
            new BlockTradeRules(100_000, 3_000, true), SchemePreset.CHINA_NATIONAL.rules());
        final TestExchange included = start(counting);
        included.sell(1, SELLER, CEA, 10, REFERENCE);
        included.buy(2, BUYER, CEA, 10, REFERENCE);
        assertEquals(BooleanType.TRUE, executed(cross(included, BUYER, SELLER, 120_00, 100_000)).inClosingPrice());
        final DayClosedDecoder vwap = included.endOfDay(20250102)
            .all(DayClosedDecoder.TEMPLATE_ID, DayClosedDecoder::new).get(0);
        assertEquals(100_010, vwap.volume());
        assertEquals((10 * REFERENCE + 100_000 * 120_00 + 100_010 / 2) / 100_010, vwap.closingPrice());
        assertTrue(vwap.closingPrice() > 119_00);
    }

    private static void assertNothingMoved(final TestExchange exchange)
    {
        final RegistryView registry = exchange.machine().registry();
        assertEquals(SELLER_UNITS, registry.holding(SELLER, CEA).total());
        assertEquals(0, registry.holding(SELLER, CEA).reserved());
        assertEquals(BUYER_CASH, registry.account(BUYER).cashTotal());
        assertEquals(0, registry.account(BUYER).cashReserved());
        assertEquals(0, registry.account(TestSettings.FEE_ACCOUNT).cashTotal());
    }
}
