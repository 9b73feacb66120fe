package io.carbonx.engine.block;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.clearing.TradeSettlement;
import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.protocol.sbe.BlockTradeDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.registry.Registry;

import java.util.Objects;

/**
 * Negotiated block trades: a two-sided cross checked against the scheme's {@link BlockTradeRules} and both parties'
 * units and cash, then settled at once like any trade, all or nothing.
 * <p>
 * A cross must be for an instrument in continuous trading, between two different accounts each of which the sender may
 * act for, for at least the block threshold in whole lots, at a price on the tick within the block band around the
 * instrument's reference price (the previous close). The seller's units and the buyer's cash for the value plus the
 * most its fee can be are reserved exactly as orders would reserve them, and {@link TradeSettlement} then delivers
 * units against payment: fees go to the fee account and the bought units stay locked until the end of the day.
 * <p>
 * Single-threaded: part of the state machine. Holds no state of its own between commands.
 */
public final class BlockTradeDesk
{
    private static final long BPS = 10_000;

    private final BlockTradeRules rules;
    private final Registry registry;
    private final TradeSettlement settlement;
    private final BuyOrderReservation buyReservation;
    private final BlockTradeEvents events;

    public BlockTradeDesk(
        final BlockTradeRules rules,
        final Registry registry,
        final TradeSettlement settlement,
        final BuyOrderReservation buyReservation,
        final EventEnvelope envelope)
    {
        this.rules = Objects.requireNonNull(rules);
        this.registry = Objects.requireNonNull(registry);
        this.settlement = Objects.requireNonNull(settlement);
        this.buyReservation = Objects.requireNonNull(buyReservation);
        this.events = new BlockTradeEvents(Objects.requireNonNull(envelope));
    }

    /**
     * Check and settle one cross, publishing a {@code BlockTradeExecuted} or a {@code CommandRejected} event.
     *
     * @param instrument the cross's instrument, null when it is not listed.
     * @param tradeId    the id the trade takes if it executes.
     * @return true if the trade executed; false if it was rejected and nothing changed.
     */
    public boolean execute(final BlockTradeDecoder command, final Instrument instrument, final long tradeId)
    {
        final long crossId = command.crossId();
        final int instrumentId = command.instrumentId();
        final long buyer = command.buyerAccountId();
        final long seller = command.sellerAccountId();
        final long price = command.price();
        final long quantity = command.quantity();

        long concerned = buyer;
        RejectReason reason = buyer == seller ?
            RejectReason.BLOCK_SELF_CROSS : checkPermission(command.buyerBrokerId(), buyer);
        if (reason == null)
        {
            concerned = seller;
            reason = checkPermission(command.sellerBrokerId(), seller);
        }
        if (reason == null)
        {
            concerned = buyer;
            reason = checkTerms(instrument, price, quantity);
        }
        if (reason == null)
        {
            concerned = seller;
            reason = registry.reserveUnits(seller, instrumentId, quantity);
        }
        long reservation = 0;
        if (reason == null)
        {
            concerned = buyer;
            reservation = buyReservation.cashFor(price, quantity);
            reason = registry.reserveForBuy(buyer, instrumentId, quantity, reservation);
            if (reason != null)
            {
                expectApplied(registry.releaseUnits(seller, instrumentId, quantity), "undo the seller's reservation");
            }
        }
        if (reason != null)
        {
            events.rejected(crossId, concerned, instrumentId, reason);
            return false;
        }

        expectApplied(settlement.settle(buyer, seller, instrumentId, price, quantity, reservation),
            "settle a block trade");
        events.executed(tradeId, crossId, instrumentId, price, quantity, buyer, seller,
            settlement.lastBuyerFee(), settlement.lastSellerFee(), registry.lastMoved(), rules.countsInClosePrice());
        return true;
    }

    public BlockTradeRules rules()
    {
        return rules;
    }

    private RejectReason checkPermission(final int brokerId, final long accountId)
    {
        if (registry.account(accountId) == null)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        return registry.isPermitted(brokerId, accountId) ? null : RejectReason.ACCOUNT_NOT_PERMITTED;
    }

    private RejectReason checkTerms(final Instrument instrument, final long price, final long quantity)
    {
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (instrument.phase() != TradingPhase.CONTINUOUS)
        {
            return RejectReason.WRONG_PHASE;
        }
        if (quantity < rules.threshold())
        {
            return RejectReason.BELOW_BLOCK_THRESHOLD;
        }
        if (quantity % instrument.spec().lotSize() != 0)
        {
            return RejectReason.QUANTITY_NOT_ON_LOT;
        }
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        final long tick = instrument.spec().tickSize();
        if (price % tick != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        final long reference = instrument.referencePrice();
        final long width = Math.multiplyExact(reference, (long)rules.priceBandBps()) / BPS;
        if (price < reference - width || price > reference + width)
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        // the value, plus fee headroom, must fit in a long: the band bounds the price, so only the quantity can break
        // it
        if (Math.multiplyHigh(price, quantity) != 0 || price * quantity > Long.MAX_VALUE / 2)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
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
}
