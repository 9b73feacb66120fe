package io.carbonx.engine.auction;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AmendAuctionBidDecoder;
import io.carbonx.protocol.sbe.CloseAuctionDecoder;
import io.carbonx.protocol.sbe.OpenAuctionDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SubmitAuctionBidDecoder;
import io.carbonx.protocol.sbe.WithdrawAuctionBidDecoder;
import io.carbonx.registry.Account;
import io.carbonx.registry.Registry;
import io.carbonx.registry.SerialRanges;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Primary allowance auctions: single round, sealed bid, uniform price, run by the regulator from its AUCTION account.
 * <p>
 * <b>Opening</b> reserves the volume in the auction account, so the units on offer cannot leave it while bids are
 * taken. Auction ids must increase, so an id is never reused.
 * <p>
 * <b>Bids</b> are taken from the start of the bid window up to, not including, its end, from COMPLIANCE and TRADING
 * accounts, entered by the holder or a broker linked to it. A bid's price must be positive and on the instrument's
 * tick; it may be below the reserve price. A bid reserves {@code price * quantity} in cash (primary auctions charge no
 * fees) and counts its quantity against the bidder's holding limit like a buy order. One account's live bids together
 * may not exceed {@code floor(volume * maxShareBps / 10000)}. An amend replaces price and quantity all or nothing; it
 * keeps the bid's time priority only when it lowers the quantity at the same price. A withdrawal releases the whole
 * reservation.
 * <p>
 * <b>Closing</b> is refused before the window ends. The bids are cleared by {@link AuctionClearing}; the auction is
 * cancelled, every reservation released and nothing moved, when they fall short of the volume or the clearing price is
 * below the reserve price. Otherwise every winning bid settles through the registry like a trade without fees: its
 * units move from the auction account with their serial blocks (arriving locked until the end of the day, as every
 * purchase does), the clearing price times its allocation moves to the auction account, and the rest of its reservation
 * is released; losing bids are released in full. Events: one {@code AuctionAllocation} per bid in clearing order
 * (quantity 0 for a losing bid) followed by {@code AuctionResult}, or one {@code AuctionCancelled}.
 * <p>
 * Single-threaded: part of the state machine. Auctions are few and short-lived, so bids are found by scanning.
 */
public final class AuctionHouse implements AuctionsView
{
    /**
     * The largest volume one auction may offer: it keeps pro-rata products of two quantities within a long.
     */
    public static final long MAX_VOLUME = 1_000_000_000L;

    private final Registry registry;
    private final EventEnvelope envelope;
    private final AuctionEvents events;
    private final AuctionClearing clearing = new AuctionClearing();
    private final List<Auction> auctions = new ArrayList<>();

    private long lastAuctionId;

    /**
     * @param envelope of the command being applied: its events carry it, its sequence orders bids, and its time
     *                 decides what the bid window allows.
     */
    public AuctionHouse(final Registry registry, final EventEnvelope envelope)
    {
        this.registry = Objects.requireNonNull(registry);
        this.envelope = Objects.requireNonNull(envelope);
        this.events = new AuctionEvents(envelope);
    }

    /**
     * @param instrument the auction's instrument, null when it is not listed.
     */
    public void open(final OpenAuctionDecoder command, final Instrument instrument)
    {
        final long auctionId = command.auctionId();
        final int instrumentId = command.instrumentId();
        final long accountId = command.auctionAccountId();
        final long volume = command.volume();
        final long reservePrice = command.reservePrice();
        final int maxShareBps = command.maxShareBps();
        final long start = command.bidWindowStart();
        final long end = command.bidWindowEnd();

        RejectReason reason = null;
        if (auctionId <= lastAuctionId)
        {
            reason = RejectReason.DUPLICATE_ID;
        }
        else if (instrument == null)
        {
            reason = RejectReason.UNKNOWN_INSTRUMENT;
        }
        else if (volume < 1 || volume > MAX_VOLUME)
        {
            reason = RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        else if (reservePrice < 0)
        {
            reason = RejectReason.INVALID_PRICE;
        }
        else if (reservePrice % instrument.spec().tickSize() != 0)
        {
            reason = RejectReason.PRICE_NOT_ON_TICK;
        }
        else if (maxShareBps < 1 || maxShareBps > 10_000 || Auction.maxBidderQuantity(volume, maxShareBps) < 1 ||
            end <= start || end <= envelope.timestamp())
        {
            reason = RejectReason.INVALID_FIELD_VALUE;
        }
        else if (registry.account(accountId) == null)
        {
            reason = RejectReason.UNKNOWN_ACCOUNT;
        }
        else if (registry.account(accountId).type() != AccountType.AUCTION)
        {
            reason = RejectReason.INVALID_ACCOUNT_TYPE;
        }
        else
        {
            reason = registry.reserveUnits(accountId, instrumentId, volume);
        }
        if (reason != null)
        {
            events.rejected(0, accountId, instrumentId, reason);
            return;
        }

        final Auction auction = new Auction(auctionId, instrumentId, accountId, volume, reservePrice, maxShareBps,
            start, end, instrument.spec().tickSize());
        auctions.add(auction);
        lastAuctionId = auctionId;
        events.opened(auction);
    }

    public void submit(final SubmitAuctionBidDecoder command)
    {
        final Auction auction = auction(command.auctionId());
        final long bidId = command.bidId();
        final long accountId = command.accountId();
        final long price = command.price();
        final long quantity = command.quantity();
        RejectReason reason = checkBidder(auction, accountId, command.brokerId());
        if (reason == null && auction.bid(bidId) != null)
        {
            reason = RejectReason.DUPLICATE_BID_ID;
        }
        if (reason == null)
        {
            reason = checkTerms(auction, accountId, price, quantity, 0);
        }
        if (reason == null)
        {
            reason = registry.reserveForBuy(accountId, auction.instrumentId, quantity, price * quantity);
        }
        if (reason != null)
        {
            events.rejected(bidId, accountId, auction == null ? 0 : auction.instrumentId, reason);
            return;
        }

        final AuctionBid bid = new AuctionBid(bidId, accountId, price, quantity, envelope.sequence());
        auction.bids.add(bid);
        events.bidAccepted(auction, bid);
    }

    public void amend(final AmendAuctionBidDecoder command)
    {
        final Auction auction = auction(command.auctionId());
        final long bidId = command.bidId();
        final long accountId = command.accountId();
        final long price = command.price();
        final long quantity = command.quantity();
        RejectReason reason = checkBidder(auction, accountId, command.brokerId());
        final AuctionBid bid = reason == null ? auction.bid(bidId) : null;
        if (reason == null && (bid == null || bid.accountId != accountId))
        {
            reason = RejectReason.UNKNOWN_BID;
        }
        if (reason == null)
        {
            reason = checkTerms(auction, accountId, price, quantity, bid.quantity);
        }
        if (reason == null)
        {
            // release, then reserve the new terms; if they do not fit, the old ones are put back exactly as they were
            final int instrumentId = auction.instrumentId;
            expectApplied(registry.releaseForBuy(accountId, instrumentId, bid.quantity, bid.reservedAmount()),
                "release a bid");
            reason = registry.reserveForBuy(accountId, instrumentId, quantity, price * quantity);
            if (reason != null)
            {
                expectApplied(registry.reserveForBuy(accountId, instrumentId, bid.quantity, bid.reservedAmount()),
                    "restore a bid");
            }
        }
        if (reason != null)
        {
            events.rejected(bidId, accountId, auction == null ? 0 : auction.instrumentId, reason);
            return;
        }

        final boolean priorityKept = price == bid.price && quantity <= bid.quantity;
        bid.price = price;
        bid.quantity = quantity;
        if (!priorityKept)
        {
            bid.entrySequence = envelope.sequence();
        }
        events.bidAmended(auction, bid, priorityKept);
    }

    public void withdraw(final WithdrawAuctionBidDecoder command)
    {
        final Auction auction = auction(command.auctionId());
        final long bidId = command.bidId();
        final long accountId = command.accountId();
        RejectReason reason = checkBidder(auction, accountId, command.brokerId());
        final AuctionBid bid = reason == null ? auction.bid(bidId) : null;
        if (reason == null && (bid == null || bid.accountId != accountId))
        {
            reason = RejectReason.UNKNOWN_BID;
        }
        if (reason != null)
        {
            events.rejected(bidId, accountId, auction == null ? 0 : auction.instrumentId, reason);
            return;
        }

        expectApplied(registry.releaseForBuy(accountId, auction.instrumentId, bid.quantity, bid.reservedAmount()),
            "release a withdrawn bid");
        auction.bids.remove(bid);
        events.bidWithdrawn(auction, bid);
    }

    public void close(final CloseAuctionDecoder command)
    {
        final Auction auction = auction(command.auctionId());
        if (auction == null || envelope.timestamp() < auction.windowEnd)
        {
            events.rejected(0, auction == null ? 0 : auction.auctionAccountId, auction == null ? 0
                : auction.instrumentId,
                auction == null ? RejectReason.UNKNOWN_AUCTION : RejectReason.AUCTION_WINDOW_NOT_ENDED);
            return;
        }

        final long totalBidQuantity = auction.totalBidQuantity();
        final int bidders = distinctAccounts(auction.bids, null);
        final boolean covered = clearing.clear(auction.bids, auction.volume);
        final long clearingPrice = clearing.clearingPrice();
        if (!covered || clearingPrice < auction.reservePrice)
        {
            cancel(auction);
            events.cancelled(auction, covered ? RejectReason.AUCTION_BELOW_RESERVE
                : RejectReason.AUCTION_UNDERSUBSCRIBED,
                clearingPrice, bidders, totalBidQuantity);
        }
        else
        {
            int winningBids = 0;
            for (int rank = 0; rank < clearing.count(); rank++)
            {
                winningBids += settle(auction, clearing.ranked(rank), clearing.allocation(rank), clearingPrice) ? 1 : 0;
            }
            final int winners = distinctAccounts(auction.bids, clearing);
            events.result(auction, clearingPrice, bidders, winners, winningBids, totalBidQuantity,
                clearing.quantityAtClearingPrice());
        }
        clearing.reset();
        auctions.remove(auction);
    }

    /**
     * @return true if the bid won units.
     */
    private boolean settle(final Auction auction, final AuctionBid bid, final long allocated, final long clearingPrice)
    {
        final long accountId = bid.accountId;
        final int instrumentId = auction.instrumentId;
        final long paid = clearingPrice * allocated;
        final long released = bid.reservedAmount() - paid;
        if (allocated > 0)
        {
            expectApplied(
                registry.settle(accountId, auction.auctionAccountId, instrumentId, allocated, paid, 0, 0, paid),
                "deliver auction units");
            if (bid.quantity > allocated)
            {
                expectApplied(registry.releasePendingBuy(accountId, instrumentId, bid.quantity - allocated),
                    "release a partly won bid's quantity");
            }
            if (released > 0)
            {
                expectApplied(registry.releaseCash(accountId, released), "release a won bid's cash");
            }
        }
        else
        {
            expectApplied(registry.releaseForBuy(accountId, instrumentId, bid.quantity, released),
                "release a losing bid");
        }
        // Releasing reservations moves no units, so the registry's last movement is still the delivery.
        events.allocation(auction, bid, allocated, clearingPrice, released,
            allocated > 0 ? registry.lastMoved() : SerialRanges.NONE);
        return allocated > 0;
    }

    private void cancel(final Auction auction)
    {
        for (int i = 0, size = auction.bids.size(); i < size; i++)
        {
            final AuctionBid bid = auction.bids.get(i);
            expectApplied(
                registry.releaseForBuy(bid.accountId, auction.instrumentId, bid.quantity, bid.reservedAmount()),
                "release a bid of a cancelled auction");
        }
        expectApplied(registry.releaseUnits(auction.auctionAccountId, auction.instrumentId, auction.volume),
            "release a cancelled auction's units");
    }

    /**
     * @param winnersOf if not null, count only the accounts it allocated units to.
     */
    private static int distinctAccounts(final List<AuctionBid> bids, final AuctionClearing winnersOf)
    {
        final int count = winnersOf == null ? bids.size() : winnersOf.count();
        final long[] accounts = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (winnersOf == null)
            {
                accounts[n++] = bids.get(i).accountId;
            }
            else if (winnersOf.allocation(i) > 0)
            {
                accounts[n++] = winnersOf.ranked(i).accountId;
            }
        }
        Arrays.sort(accounts, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++)
        {
            distinct += i == 0 || accounts[i] != accounts[i - 1] ? 1 : 0;
        }
        return distinct;
    }

    /**
     * Whether the auction takes bids now and the account may bid in it through this broker.
     */
    private RejectReason checkBidder(final Auction auction, final long accountId, final int brokerId)
    {
        if (auction == null)
        {
            return RejectReason.UNKNOWN_AUCTION;
        }
        if (!auction.isInWindow(envelope.timestamp()))
        {
            return RejectReason.BID_OUTSIDE_WINDOW;
        }
        final Account account = registry.account(accountId);
        if (account == null)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!registry.isPermitted(brokerId, accountId))
        {
            return RejectReason.ACCOUNT_NOT_PERMITTED;
        }
        final AccountType type = account.type();
        return type == AccountType.COMPLIANCE || type == AccountType.TRADING ? null : RejectReason.BIDDER_NOT_ELIGIBLE;
    }

    /**
     * @param replacedQuantity of the bid an amend replaces, which no longer counts against the cap; 0 for a new bid.
     */
    private static RejectReason checkTerms(
        final Auction auction, final long accountId, final long price, final long quantity, final long replacedQuantity)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % auction.tickSize != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (quantity <= 0)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (auction.bidderQuantity(accountId) - replacedQuantity + quantity > auction.maxBidderQuantity)
        {
            return RejectReason.BIDDER_CAP_EXCEEDED;
        }
        // the cap bounds the quantity by MAX_VOLUME; a price that large would overflow the reservation
        if (Math.multiplyHigh(price, quantity) != 0 || price * quantity < 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        return null;
    }

    private Auction auction(final long auctionId)
    {
        for (int i = 0, size = auctions.size(); i < size; i++)
        {
            final Auction auction = auctions.get(i);
            if (auction.auctionId == auctionId)
            {
                return auction;
            }
        }
        return null;
    }

    private static void expectApplied(final RejectReason reason, final String what)
    {
        if (reason != null)
        {
            throw new IllegalStateException("registry refused to " + what + ": " + reason);
        }
    }

    // ------------------------------------------------------------------------------------------- state and queries

    /**
     * @return true if the auction is open: opened, and neither cleared nor cancelled yet.
     */
    @Override
    public boolean isOpen(final long auctionId)
    {
        return auction(auctionId) != null;
    }

    /**
     * @return the number of live bids in an open auction, or -1 if it is not open.
     */
    @Override
    public int bidCount(final long auctionId)
    {
        final Auction auction = auction(auctionId);
        return auction == null ? -1 : auction.bids.size();
    }

    public long hashInto(final long hash)
    {
        long h = StateHash.mix(StateHash.mix(hash, lastAuctionId), auctions.size());
        for (int i = 0, size = auctions.size(); i < size; i++)
        {
            h = auctions.get(i).hashInto(h);
        }
        return h;
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(lastAuctionId);
        out.writeInt(auctions.size());
        for (int i = 0, size = auctions.size(); i < size; i++)
        {
            auctions.get(i).writeSnapshot(out);
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        lastAuctionId = in.readLong();
        final int count = in.readInt();
        auctions.clear();
        for (int i = 0; i < count; i++)
        {
            auctions.add(Auction.readSnapshot(in));
        }
    }
}
