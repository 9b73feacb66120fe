package io.carbonx.engine.auction;

import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Account;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.carbonx.engine.auction.AuctionDriver.A;
import static io.carbonx.engine.auction.AuctionDriver.AUCTION_ACCOUNT;
import static io.carbonx.engine.auction.AuctionDriver.B;
import static io.carbonx.engine.auction.AuctionDriver.C;
import static io.carbonx.engine.auction.AuctionDriver.CASH;
import static io.carbonx.engine.auction.AuctionDriver.CEA;
import static io.carbonx.engine.auction.AuctionDriver.D;
import static io.carbonx.engine.auction.AuctionDriver.ISSUED;
import static io.carbonx.engine.auction.AuctionDriver.WINDOW_END;
import static io.carbonx.engine.auction.AuctionDriver.WINDOW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random auctions (bids, amends and withdrawals from four bidders, prices clustered so that ties are common):
 * across every command units and cash are conserved, reservations are exactly what the live bids need, and a close
 * either moves exactly the volume at one price, each winner paying the clearing price for what it won, or moves
 * nothing at all.
 */
class AuctionConservationTest
{
    private static final long[] BIDDERS = {A, B, C, D};
    private static final long VOLUME = 1_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void anAuctionConservesUnitsAndCashAndChargesEveryWinnerTheClearingPrice(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final AuctionDriver market = new AuctionDriver();
        final long reserve = 94_00 + random.nextInt(4) * 100;
        market.open(1, VOLUME, reserve, 3_000 + random.nextInt(7_001));
        market.at(WINDOW_START);
        final long cash = market.totalCash();
        final long units = market.totalUnits();
        final Map<Long, long[]> live = new HashMap<>();
        long nextBid = 1;
        for (int i = 0; i < 60; i++)
        {
            final long bidder = BIDDERS[random.nextInt(BIDDERS.length)];
            final long price = 94_00 + random.nextInt(8) * 100;
            final long quantity = 1 + random.nextInt(300);
            final int action = random.nextInt(10);
            if (action < 6 || live.isEmpty())
            {
                final CapturedEvents events = market.bid(1, nextBid, bidder, price, quantity);
                if (events.rejected().isEmpty())
                {
                    live.put(nextBid, new long[] {bidder, price, quantity});
                }
                nextBid++;
            }
            else
            {
                final long bidId = live.keySet().stream().sorted().toList().get(random.nextInt(live.size()));
                final long[] bid = live.get(bidId);
                if (action < 8)
                {
                    if (market.amend(1, bidId, bid[0], price, quantity).rejected().isEmpty())
                    {
                        bid[1] = price;
                        bid[2] = quantity;
                    }
                }
                else
                {
                    assertTrue(market.withdraw(1, bidId, bid[0]).rejected().isEmpty());
                    live.remove(bidId);
                }
            }
            assertEquals(cash, market.totalCash());
            assertEquals(units, market.totalUnits());
            assertReservationsMatch(market, live);
        }

        final CapturedEvents close = market.at(WINDOW_END).close(1);

        assertEquals(cash, market.totalCash(), "cash is conserved: no fees on primary auctions");
        assertEquals(units, market.totalUnits(), "units are conserved");
        for (final long bidder : BIDDERS)
        {
            assertEquals(0, market.account(bidder).cashReserved(), "nothing stays reserved");
            assertEquals(0, market.registry().holding(bidder, CEA) == null ? 0 :
                market.registry().holding(bidder, CEA).pendingBuy());
        }
        assertEquals(0, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved());
        final long totalBid = live.values().stream().mapToLong(bid -> bid[2]).sum();
        final List<AuctionResultDecoder> results =
            close.all(AuctionResultDecoder.TEMPLATE_ID, AuctionResultDecoder::new);
        if (results.isEmpty())
        {
            final AuctionCancelledDecoder cancelled =
                close.all(AuctionCancelledDecoder.TEMPLATE_ID, AuctionCancelledDecoder::new).get(0);
            assertEquals(totalBid < VOLUME ? RejectReason.AUCTION_UNDERSUBSCRIBED : RejectReason.AUCTION_BELOW_RESERVE,
                cancelled.reason());
            for (final long bidder : BIDDERS)
            {
                assertEquals(CASH, market.account(bidder).cashTotal(), "a cancelled auction moves nothing");
            }
            assertEquals(ISSUED, market.units(AUCTION_ACCOUNT));
            return;
        }

        final long price = results.get(0).clearingPrice();
        assertTrue(price >= reserve);
        assertEquals(totalBid, results.get(0).totalBidQuantity());
        long sold = 0;
        final Map<Long, Long> wonBy = new HashMap<>();
        for (final AuctionAllocationDecoder allocation : close.all(AuctionAllocationDecoder.TEMPLATE_ID,
            AuctionAllocationDecoder::new))
        {
            final long[] bid = live.get(allocation.bidId());
            assertEquals(bid[2], allocation.bidQuantity());
            assertTrue(allocation.quantity() <= bid[2]);
            if (bid[1] > price)
            {
                assertEquals(bid[2], allocation.quantity(), "a bid above the clearing price wins in full");
            }
            else if (bid[1] < price)
            {
                assertEquals(0, allocation.quantity(), "a bid below it wins nothing");
            }
            assertEquals(price * allocation.quantity(), allocation.amount());
            sold += allocation.quantity();
            wonBy.merge(allocation.accountId(), allocation.quantity(), Long::sum);
        }
        assertEquals(VOLUME, sold, "exactly the volume is sold");
        for (final long bidder : BIDDERS)
        {
            final long won = wonBy.getOrDefault(bidder, 0L);
            assertEquals(CASH - won * price, market.account(bidder).cashTotal(),
                "pays the clearing price for what it won");
            assertEquals(won, market.units(bidder));
        }
        assertEquals(VOLUME * price, market.account(AUCTION_ACCOUNT).cashTotal());
        assertEquals(ISSUED - VOLUME, market.units(AUCTION_ACCOUNT));
    }

    private static void assertReservationsMatch(final AuctionDriver market, final Map<Long, long[]> live)
    {
        for (final long bidder : BIDDERS)
        {
            long cash = 0;
            long quantity = 0;
            for (final long[] bid : live.values())
            {
                if (bid[0] == bidder)
                {
                    cash += bid[1] * bid[2];
                    quantity += bid[2];
                }
            }
            final Account account = market.account(bidder);
            assertEquals(cash, account.cashReserved(), "reserved cash is price x quantity of the live bids");
            assertEquals(quantity, market.registry().holding(bidder, CEA) == null ? 0 :
                market.registry().holding(bidder, CEA).pendingBuy());
        }
    }
}
