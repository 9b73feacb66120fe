package io.carbonx.engine.auction;

import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.engine.core.TestExchange;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryView;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small auction market for tests: one allowance, the regulator's AUCTION account holding units, and four funded
 * bidders, driven through the real state machine.
 */
final class AuctionDriver
{
    static final int CEA = 1;
    static final long AUCTION_ACCOUNT = 500;
    static final long A = 101;
    static final long B = 102;
    static final long C = 103;
    static final long D = 104;
    static final long PROJECT_OWNER = 105;
    static final long ISSUED = 5_000;
    static final long CASH = 1_000_000_00L;
    static final long WINDOW_START = 2_000_000;
    static final long WINDOW_END = 3_000_000;

    final TestExchange exchange = new TestExchange(TestSettings.settings(HoldingLimits.unlimited()));
    private final AuctionCommandWriter writer = new AuctionCommandWriter();
    private long correlation;

    AuctionDriver()
    {
        exchange.list(
            new InstrumentSpec(CEA, "CEA-2025", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00,
            SelfTradePolicy.CANCEL_INCOMING));
        exchange.open(AUCTION_ACCOUNT, AccountType.AUCTION);
        exchange.issue(AUCTION_ACCOUNT, CEA, ISSUED);
        exchange.open(A, AccountType.COMPLIANCE);
        exchange.open(B, AccountType.TRADING);
        exchange.open(C, AccountType.COMPLIANCE);
        exchange.open(D, AccountType.TRADING);
        exchange.open(PROJECT_OWNER, AccountType.PROJECT_OWNER);
        for (final long bidder : new long[] {A, B, C, D, PROJECT_OWNER})
        {
            exchange.deposit(bidder, CASH);
        }
    }

    AuctionDriver at(final long time)
    {
        exchange.at(time);
        return this;
    }

    CapturedEvents open(final long auctionId, final long volume, final long reservePrice, final int maxShareBps)
    {
        return exchange.apply(envelope().openAuction(exchange.buffer(), 0, auctionId, CEA, AUCTION_ACCOUNT, volume,
            reservePrice, maxShareBps, WINDOW_START, WINDOW_END));
    }

    CapturedEvents open(
        final long auctionId, final long accountId, final long volume, final long reservePrice, final int maxShareBps,
        final long start, final long end)
    {
        return exchange.apply(envelope().openAuction(exchange.buffer(), 0, auctionId, CEA, accountId, volume,
            reservePrice, maxShareBps, start, end));
    }

    CapturedEvents bid(final long auctionId, final long bidId, final long account, final long price,
        final long quantity)
    {
        return exchange.apply(envelope()
            .submitBid(exchange.buffer(), 0, auctionId, bidId, account, 0, price, quantity));
    }

    CapturedEvents bidAsBroker(
        final int brokerId, final long auctionId, final long bidId, final long account, final long price,
        final long quantity)
    {
        return exchange.apply(envelope().submitBid(exchange.buffer(), 0, auctionId, bidId, account, brokerId, price,
            quantity));
    }

    CapturedEvents amend(final long auctionId, final long bidId, final long account, final long price,
        final long quantity)
    {
        return exchange.apply(envelope().amendBid(exchange.buffer(), 0, auctionId, bidId, account, 0, price, quantity));
    }

    CapturedEvents withdraw(final long auctionId, final long bidId, final long account)
    {
        return exchange.apply(envelope().withdrawBid(exchange.buffer(), 0, auctionId, bidId, account, 0));
    }

    CapturedEvents close(final long auctionId)
    {
        return exchange.apply(envelope().closeAuction(exchange.buffer(), 0, auctionId));
    }

    private AuctionCommandWriter envelope()
    {
        return writer.envelope(exchange.time(), 3, ++correlation);
    }

    RegistryView registry()
    {
        return exchange.machine().registry();
    }

    Account account(final long accountId)
    {
        return registry().account(accountId);
    }

    long units(final long accountId)
    {
        final Holding holding = registry().holding(accountId, CEA);
        return holding == null ? 0 : holding.total();
    }

    long totalCash()
    {
        long total = 0;
        for (final Account account : registry().accounts())
        {
            total += account.cashTotal();
        }
        return total;
    }

    long totalUnits()
    {
        long total = 0;
        for (final Account account : registry().accounts())
        {
            final Holding holding = account.holding(CEA);
            total += holding == null ? 0 : holding.total();
        }
        return total;
    }

    static RejectReason rejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a rejected command has exactly one event");
        return events.rejected().get(0).reason();
    }

    static List<AuctionAllocationDecoder> allocations(final CapturedEvents events)
    {
        return events.all(AuctionAllocationDecoder.TEMPLATE_ID, AuctionAllocationDecoder::new);
    }

    static AuctionResultDecoder result(final CapturedEvents events)
    {
        final List<AuctionResultDecoder> results =
            events.all(AuctionResultDecoder.TEMPLATE_ID, AuctionResultDecoder::new);
        assertEquals(1, results.size(), "one result");
        return results.get(0);
    }

    static AuctionCancelledDecoder cancelled(final CapturedEvents events)
    {
        final List<AuctionCancelledDecoder> cancelled =
            events.all(AuctionCancelledDecoder.TEMPLATE_ID, AuctionCancelledDecoder::new);
        assertEquals(1, cancelled.size(), "one cancellation");
        return cancelled.get(0);
    }

    /**
     * @return the units the account was allocated in these close events, 0 if none.
     */
    static long allocatedTo(final CapturedEvents events, final long bidId)
    {
        for (final AuctionAllocationDecoder allocation : allocations(events))
        {
            if (allocation.bidId() == bidId)
            {
                return allocation.quantity();
            }
        }
        throw new AssertionError("no allocation event for bid " + bidId);
    }
}
