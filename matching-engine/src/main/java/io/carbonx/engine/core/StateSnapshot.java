package io.carbonx.engine.core;

import io.carbonx.clearing.compliance.ComplianceDesk;
import io.carbonx.engine.approval.ApprovalDesk;
import io.carbonx.engine.auction.AuctionHouse;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.registry.Registry;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes, reads and digests the state below the machine's own clock and sequence: the trade-id sequence, the last
 * closed trading date, the registry, every listed instrument (its definition, phase, reference price, day figures and
 * book, in id order), the auctions, the compliance desk and the live four-eyes proposals. The digest and the snapshot
 * walk the same state in the same order, so a restored machine has the hash of the one that wrote it. Business-logic
 * thread only.
 */
final class StateSnapshot
{
    private final Registry registry;
    private final Market market;
    private final TradingDayCommands listing;
    private final AuctionHouse auctions;
    private final ComplianceDesk compliance;
    private final ApprovalDesk approvals;

    StateSnapshot(
        final Registry registry,
        final Market market,
        final TradingDayCommands listing,
        final AuctionHouse auctions,
        final ComplianceDesk compliance,
        final ApprovalDesk approvals)
    {
        this.approvals = approvals;
        this.registry = registry;
        this.market = market;
        this.listing = listing;
        this.auctions = auctions;
        this.compliance = compliance;
    }

    /**
     * @return {@code hash} followed by the digest of the state.
     */
    long hashInto(final long hash)
    {
        long mixed = StateHash.mix(hash, market.lastTradeId());
        mixed = StateHash.mix(mixed, listing.lastClosedDate());
        mixed = StateHash.mix(mixed, registry.stateHash());
        for (int id = 1; id < market.idLimit(); id++)
        {
            final OrderBook book = market.book(id);
            if (book != null)
            {
                final Instrument instrument = book.instrument();
                mixed = StateHash.mix(mixed, id);
                mixed = StateHash.mix(mixed, instrument.phase().value());
                mixed = StateHash.mix(mixed, instrument.referencePrice());
                mixed = market.statistics(id).hashInto(mixed);
                mixed = book.hashInto(mixed);
            }
        }
        mixed = auctions.hashInto(mixed);
        return approvals.hashInto(StateHash.mix(mixed, compliance.stateHash()));
    }

    void write(final DataOutput out) throws IOException
    {
        out.writeLong(market.lastTradeId());
        out.writeInt(listing.lastClosedDate());
        registry.writeSnapshot(out);
        out.writeInt(market.listedCount());
        for (int id = 1; id < market.idLimit(); id++)
        {
            final OrderBook book = market.book(id);
            if (book != null)
            {
                final InstrumentSpec spec = book.instrument().spec();
                out.writeInt(spec.id());
                out.writeUTF(spec.symbol());
                out.writeByte(spec.kind().value());
                out.writeInt(spec.vintage());
                out.writeLong(spec.tickSize());
                out.writeLong(spec.lotSize());
                out.writeLong(spec.minQuantity());
                out.writeLong(spec.maxQuantity());
                out.writeInt(spec.priceBandBps());
                out.writeLong(spec.referencePrice());
                out.writeByte(spec.selfTradePolicy().value());
                out.writeByte(book.instrument().phase().value());
                out.writeLong(book.instrument().referencePrice());
                market.statistics(id).writeSnapshot(out);
                book.writeSnapshot(out);
            }
        }
        auctions.writeSnapshot(out);
        compliance.writeSnapshot(out);
        approvals.writeSnapshot(out);
    }

    /**
     * Read what {@link #write} wrote into a fresh state.
     */
    void read(final DataInput in) throws IOException
    {
        market.lastTradeId(in.readLong());
        listing.lastClosedDate(in.readInt());
        registry.readSnapshot(in);
        final int listed = in.readInt();
        for (int i = 0; i < listed; i++)
        {
            final InstrumentSpec spec = new InstrumentSpec(
                in.readInt(),
                in.readUTF(),
                InstrumentKind.get(in.readByte()),
                in.readInt(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readLong(),
                SelfTradePolicy.get(in.readByte()));
            final OrderBook book = listing.list(spec);
            book.instrument().phase(TradingPhase.get(in.readByte()));
            book.instrument().referencePrice(in.readLong());
            market.statistics(spec.id()).readSnapshot(in);
            book.readSnapshot(in);
            market.expiresAt(book.nextExpireTime());
        }
        auctions.readSnapshot(in);
        compliance.readSnapshot(in);
        approvals.readSnapshot(in);
    }
}
