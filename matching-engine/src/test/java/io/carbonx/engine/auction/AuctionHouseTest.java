package io.carbonx.engine.auction;

import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedDecoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionOpenedDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Holding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.engine.auction.AuctionDriver.A;
import static io.carbonx.engine.auction.AuctionDriver.AUCTION_ACCOUNT;
import static io.carbonx.engine.auction.AuctionDriver.B;
import static io.carbonx.engine.auction.AuctionDriver.C;
import static io.carbonx.engine.auction.AuctionDriver.CASH;
import static io.carbonx.engine.auction.AuctionDriver.CEA;
import static io.carbonx.engine.auction.AuctionDriver.D;
import static io.carbonx.engine.auction.AuctionDriver.ISSUED;
import static io.carbonx.engine.auction.AuctionDriver.PROJECT_OWNER;
import static io.carbonx.engine.auction.AuctionDriver.WINDOW_END;
import static io.carbonx.engine.auction.AuctionDriver.WINDOW_START;
import static io.carbonx.engine.auction.AuctionDriver.allocatedTo;
import static io.carbonx.engine.auction.AuctionDriver.allocations;
import static io.carbonx.engine.auction.AuctionDriver.cancelled;
import static io.carbonx.engine.auction.AuctionDriver.rejection;
import static io.carbonx.engine.auction.AuctionDriver.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuctionHouseTest
{
    private static final long AUCTION = 1;
    private static final long IN_WINDOW = WINDOW_START + 1;

    private AuctionDriver market;

    @BeforeEach
    void setUp()
    {
        market = new AuctionDriver();
    }

    private AuctionsView house()
    {
        return market.exchange.machine().auctions();
    }

    @Test
    void openingReservesTheVolumeInTheAuctionAccountAndAnnouncesTheTerms()
    {
        final CapturedEvents events = market.open(AUCTION, 1_000, 95_00, 2_500);

        final AuctionOpenedDecoder opened = events.all(AuctionOpenedDecoder.TEMPLATE_ID, AuctionOpenedDecoder::new)
            .get(0);
        assertEquals(AUCTION, opened.auctionId());
        assertEquals(1_000, opened.volume());
        assertEquals(250, opened.maxBidderQuantity(), "25% of 1,000 t");
        assertEquals(1_000, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved());
        assertTrue(house().isOpen(AUCTION));
    }

    @Test
    void openingIsRefusedPreciselyAndChangesNothing()
    {
        assertEquals(RejectReason.INVALID_ACCOUNT_TYPE, rejection(market.open(AUCTION, A, 1_000, 0, 2_500, WINDOW_START,
            WINDOW_END)), "only the regulator's AUCTION account sells");
        assertEquals(RejectReason.INSUFFICIENT_UNITS,
            rejection(market.open(AUCTION, AUCTION_ACCOUNT, ISSUED + 1, 0, 2_500,
            WINDOW_START, WINDOW_END)));
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(market.open(AUCTION, AUCTION_ACCOUNT, 1_000, 0, 2_500,
            WINDOW_END, WINDOW_START)), "the window must end after it starts");
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(market.open(AUCTION, 1_000, 0, 0)), "no share");
        assertEquals(RejectReason.QUANTITY_OUT_OF_RANGE, rejection(market.open(AUCTION, 0, 0, 2_500)));
        assertEquals(0, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved());
        assertFalse(house().isOpen(AUCTION));

        market.open(AUCTION, 1_000, 0, 2_500);
        assertEquals(RejectReason.DUPLICATE_ID, rejection(market.open(AUCTION, 1_000, 0, 2_500)));
        assertEquals(1_000, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved());
    }

    @Test
    void normalClearingFillsBidsFromTheTopAtOneUniformPrice()
    {
        market.open(AUCTION, 1_000, 95_00, 5_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 105_00, 400);
        market.bid(AUCTION, 2, B, 103_00, 300);
        market.bid(AUCTION, 3, C, 101_00, 500);
        market.bid(AUCTION, 4, D, 99_00, 200);
        assertEquals(500 * 101_00, market.account(C).cashReserved(), "a bid reserves price x quantity, no fees");

        final CapturedEvents events = market.at(WINDOW_END).close(AUCTION);

        final AuctionResultDecoder result = result(events);
        assertEquals(101_00, result.clearingPrice(), "cumulative 400, 700, 1,200: the third bid reaches the volume");
        assertEquals(1_000, result.volumeSold());
        assertEquals(1_000 * 101_00, result.proceeds());
        assertEquals(4, result.bidCount());
        assertEquals(4, result.bidders());
        assertEquals(3, result.winners());
        assertEquals(3, result.winningBids());
        assertEquals(1_400, result.totalBidQuantity());
        assertEquals(14_000, result.coverRatioBps());
        assertEquals(500, result.quantityAtClearingPrice());

        assertEquals(400, allocatedTo(events, 1));
        assertEquals(300, allocatedTo(events, 2));
        assertEquals(300, allocatedTo(events, 3), "the marginal bid gets what is left");
        assertEquals(0, allocatedTo(events, 4), "below the clearing price");
        final List<AuctionAllocationDecoder> allocations = allocations(events);
        assertEquals(List.of(1L, 2L, 3L, 4L), allocations.stream().map(AuctionAllocationDecoder::bidId).toList(),
            "allocations come in clearing order");
        final AuctionAllocationDecoder first = allocations.get(0);
        assertEquals(400 * 101_00, first.amount(), "winners pay the clearing price, not their bid");
        assertEquals(400 * (105_00 - 101_00), first.releasedAmount());
        final CapturedEvents.Movement delivery = events.movements().get(0);
        assertEquals(RegistryOperationType.AUCTION_DELIVERY, delivery.operation());
        assertEquals(A, delivery.to());
        assertEquals(AUCTION, delivery.referenceId());
        assertEquals(400, delivery.units(), "the serial blocks of the units delivered");
        assertEquals(3, events.movements().size(), "one delivery per winning bid, none for the losing one");

        assertEquals(CASH - 400 * 101_00, market.account(A).cashTotal());
        assertEquals(CASH - 300 * 101_00, market.account(C).cashTotal());
        assertEquals(CASH, market.account(D).cashTotal());
        for (final long bidder : new long[] {A, B, C, D})
        {
            assertEquals(0, market.account(bidder).cashReserved(), "every reservation is settled or released");
            final Holding holding = market.registry().holding(bidder, CEA);
            assertEquals(0, holding.pendingBuy());
        }
        final Holding won = market.registry().holding(A, CEA);
        assertEquals(400, won.total());
        assertEquals(400, won.locked(), "delivered like a purchase: available after the end of the day");
        assertEquals(1_000 * 101_00, market.account(AUCTION_ACCOUNT).cashTotal());
        assertEquals(ISSUED - 1_000, market.units(AUCTION_ACCOUNT));
        assertEquals(0, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved());
        assertFalse(house().isOpen(AUCTION));
    }

    @Test
    void bidsTiedAtTheClearingPriceSharePulledProRataWithLeftoverTonnesByTimePriority()
    {
        market.open(AUCTION, 1_000, 0, 10_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 102_00, 500);
        market.bid(AUCTION, 2, B, 100_00, 300);
        market.bid(AUCTION, 3, C, 100_00, 400);
        market.bid(AUCTION, 4, D, 100_00, 100);

        final CapturedEvents events = market.at(WINDOW_END).close(AUCTION);

        // 500 t left for 800 t tied: 187.5, 250 and 62.5 round down to 187, 250, 62; the spare tonne goes to bid 2
        assertEquals(100_00, result(events).clearingPrice());
        assertEquals(800, result(events).quantityAtClearingPrice());
        assertEquals(500, allocatedTo(events, 1));
        assertEquals(188, allocatedTo(events, 2));
        assertEquals(250, allocatedTo(events, 3));
        assertEquals(62, allocatedTo(events, 4));
        assertEquals(188, market.units(B), "B holds exactly its allocation");
        assertEquals(CASH - 62 * 100_00, market.account(D).cashTotal());
    }

    @Test
    void anAmendThatRaisesTheQuantityLosesTimePriorityForTheLeftoverTonnes()
    {
        market.open(AUCTION, 1_000, 0, 10_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 102_00, 500);
        market.bid(AUCTION, 2, B, 100_00, 299);
        market.bid(AUCTION, 3, C, 100_00, 400);
        market.bid(AUCTION, 4, D, 100_00, 100);
        final CapturedEvents amended = market.amend(AUCTION, 2, B, 100_00, 300);
        assertEquals(BooleanType.FALSE,
            amended.all(AuctionBidAmendedDecoder.TEMPLATE_ID, AuctionBidAmendedDecoder::new).get(0).priorityKept());

        final CapturedEvents events = market.at(WINDOW_END).close(AUCTION);

        assertEquals(187, allocatedTo(events, 2), "now behind bids 3 and 4 in time");
        assertEquals(251, allocatedTo(events, 3), "the spare tonne goes to the earliest tied bid");
        assertEquals(62, allocatedTo(events, 4));
    }

    @Test
    void anAccountMayNotBidForMoreThanItsShareOfTheVolume()
    {
        market.open(AUCTION, 1_000, 0, 2_500);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 100_00, 200);

        assertEquals(RejectReason.BIDDER_CAP_EXCEEDED, rejection(market.bid(AUCTION, 2, A, 101_00, 51)),
            "200 + 51 > 250 over two bids");
        assertEquals(RejectReason.BIDDER_CAP_EXCEEDED, rejection(market.amend(AUCTION, 1, A, 100_00, 251)));
        assertEquals(200 * 100_00, market.account(A).cashReserved(), "refusals leave the reservation alone");
        assertEquals(1, house().bidCount(AUCTION));

        market.bid(AUCTION, 2, A, 101_00, 50);
        market.bid(AUCTION, 3, B, 100_00, 250);
        assertEquals(3, house().bidCount(AUCTION), "the cap is per account: up to it is fine");
    }

    @Test
    void theAuctionIsCancelledWhenBidsFallShortOfTheVolume()
    {
        market.open(AUCTION, 1_000, 0, 5_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 105_00, 400);
        market.bid(AUCTION, 2, B, 103_00, 499);
        final long cashBefore = market.totalCash();

        final CapturedEvents events = market.at(WINDOW_END).close(AUCTION);

        final AuctionCancelledDecoder cancelled = cancelled(events);
        assertEquals(RejectReason.AUCTION_UNDERSUBSCRIBED, cancelled.reason());
        assertEquals(899, cancelled.totalBidQuantity());
        assertEquals(2, cancelled.bidders());
        assertEquals(0, cancelled.clearingPrice());
        assertTrue(allocations(events).isEmpty(), "nothing is allocated");
        assertNothingMoved(cashBefore);
    }

    @Test
    void theAuctionIsCancelledWhenTheClearingPriceIsBelowTheReserve()
    {
        market.open(AUCTION, 1_000, 100_00, 5_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 105_00, 500);
        market.bid(AUCTION, 2, B, 99_99, 500);
        market.bid(AUCTION, 3, C, 90_00, 500);
        final long cashBefore = market.totalCash();

        final CapturedEvents events = market.at(WINDOW_END).close(AUCTION);

        final AuctionCancelledDecoder cancelled = cancelled(events);
        assertEquals(RejectReason.AUCTION_BELOW_RESERVE, cancelled.reason());
        assertEquals(99_99, cancelled.clearingPrice());
        assertEquals(100_00, cancelled.reservePrice());
        assertNothingMoved(cashBefore);
    }

    private void assertNothingMoved(final long cashBefore)
    {
        assertEquals(cashBefore, market.totalCash());
        for (final long bidder : new long[] {A, B, C, D})
        {
            assertEquals(CASH, market.account(bidder).cashTotal());
            assertEquals(0, market.account(bidder).cashReserved(), "all reservations released");
            assertEquals(0, market.units(bidder));
        }
        assertEquals(ISSUED, market.units(AUCTION_ACCOUNT));
        assertEquals(0, market.registry().holding(AUCTION_ACCOUNT, CEA).reserved(), "the units are free again");
        assertEquals(0, market.account(AUCTION_ACCOUNT).cashTotal());
        assertFalse(house().isOpen(AUCTION));
    }

    @Test
    void amendReReservesAllOrNothingAndWithdrawReleases()
    {
        market.open(AUCTION, 1_000, 0, 10_000);
        market.at(IN_WINDOW);
        market.bid(AUCTION, 1, A, 100_00, 100);

        final CapturedEvents amended = market.amend(AUCTION, 1, A, 101_00, 200);
        final AuctionBidAmendedDecoder event =
            amended.all(AuctionBidAmendedDecoder.TEMPLATE_ID, AuctionBidAmendedDecoder::new).get(0);
        assertEquals(200 * 101_00, event.reservedAmount());
        assertEquals(200 * 101_00, market.account(A).cashReserved());
        assertEquals(200, market.registry().holding(A, CEA).pendingBuy());

        assertEquals(RejectReason.INSUFFICIENT_CASH, rejection(market.amend(AUCTION, 1, A, 10_000_00, 1_000)),
            "1,000 t at 10,000.00 is more cash than A has");
        assertEquals(200 * 101_00, market.account(A).cashReserved(), "the old terms stay reserved");
        assertEquals(200, market.registry().holding(A, CEA).pendingBuy());

        final CapturedEvents down = market.amend(AUCTION, 1, A, 101_00, 150);
        assertEquals(BooleanType.TRUE,
            down.all(AuctionBidAmendedDecoder.TEMPLATE_ID, AuctionBidAmendedDecoder::new).get(0).priorityKept(),
            "a smaller quantity at the same price keeps its place");
        assertEquals(RejectReason.UNKNOWN_BID, rejection(market.amend(AUCTION, 1, B, 101_00, 150)),
            "a bid can only be amended for its own account");
        assertEquals(RejectReason.UNKNOWN_BID, rejection(market.withdraw(AUCTION, 1, B)));

        final CapturedEvents withdrawn = market.withdraw(AUCTION, 1, A);
        final AuctionBidWithdrawnDecoder gone =
            withdrawn.all(AuctionBidWithdrawnDecoder.TEMPLATE_ID, AuctionBidWithdrawnDecoder::new).get(0);
        assertEquals(150 * 101_00, gone.releasedAmount());
        assertEquals(0, market.account(A).cashReserved());
        assertEquals(0, market.registry().holding(A, CEA).pendingBuy());
        assertEquals(0, house().bidCount(AUCTION));
        assertEquals(RejectReason.UNKNOWN_BID, rejection(market.withdraw(AUCTION, 1, A)));
    }

    @Test
    void bidsAreTakenOnlyInsideTheWindowFromEligibleAccountsAndTheCloseWaitsForItsEnd()
    {
        market.open(AUCTION, 1_000, 0, 5_000);

        assertEquals(RejectReason.BID_OUTSIDE_WINDOW,
            rejection(market.at(WINDOW_START - 1).bid(AUCTION, 1, A, 100_00, 10)));
        assertEquals(RejectReason.BIDDER_NOT_ELIGIBLE, rejection(market.at(WINDOW_START).bid(AUCTION, 1, PROJECT_OWNER,
            100_00, 10)), "project owners do not buy allowances at auction");
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, rejection(market.bidAsBroker(7, AUCTION, 1, A, 100_00, 10)),
            "a broker not linked to the account");
        assertEquals(RejectReason.UNKNOWN_AUCTION, rejection(market.bid(AUCTION + 1, 1, A, 100_00, 10)));
        assertEquals(RejectReason.INVALID_PRICE, rejection(market.bid(AUCTION, 1, A, 0, 10)),
            "a price must be positive");
        market.bid(AUCTION, 1, A, 100_00, 10);
        assertEquals(RejectReason.DUPLICATE_BID_ID, rejection(market.bid(AUCTION, 1, B, 100_00, 10)));
        assertEquals(RejectReason.AUCTION_WINDOW_NOT_ENDED, rejection(market.at(WINDOW_END - 1).close(AUCTION)));

        market.at(WINDOW_END);
        assertEquals(RejectReason.BID_OUTSIDE_WINDOW, rejection(market.bid(AUCTION, 2, B, 100_00, 10)),
            "the window's end is outside it");
        assertEquals(RejectReason.BID_OUTSIDE_WINDOW, rejection(market.amend(AUCTION, 1, A, 100_00, 20)));
        assertEquals(RejectReason.BID_OUTSIDE_WINDOW, rejection(market.withdraw(AUCTION, 1, A)));
        assertEquals(10 * 100_00, market.account(A).cashReserved());

        assertEquals(RejectReason.AUCTION_UNDERSUBSCRIBED, cancelled(market.close(AUCTION)).reason());
        assertEquals(RejectReason.UNKNOWN_AUCTION, rejection(market.close(AUCTION)), "closed once");
    }
}
