package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;

import java.util.HashMap;
import java.util.Map;

/**
 * Primary auctions closed in a day: per auction its {@code ALLOCATION} rows (every bid in clearing order, 0 units for a
 * losing bid), then a {@code RESULT} row (clearing price, volume offered and sold, proceeds, bids, bidders, winners,
 * cover ratio) or a {@code CANCELLED} row with the reason. The exact serial blocks delivered are in the
 * {@link RegistryLog} ({@code AUCTION_DELIVERY} rows, reference = the auction id).
 */
public final class AuctionReport implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "auction", "line", "instrument", "account", "bid", "bidPrice", "bidQuantity", "quantity",
        "clearingPrice", "amount", "volumeOffered", "volumeSold", "bids", "bidders", "winners", "coverRatioBps",
        "reason"};

    private final Instruments instruments;
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    public AuctionReport(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        current.row("", e.auctionId(), "ALLOCATION", instruments.symbol(e.instrumentId()), e.accountId(),
            e.bidId(), Money.format(e.bidPrice()), e.bidQuantity(), e.quantity(), Money.format(e.clearingPrice()),
            Money.format(e.amount()), "", "", "", "", "", "", "");
    }

    @Override
    public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
    {
        current.row("", e.auctionId(), "RESULT", instruments.symbol(e.instrumentId()), e.auctionAccountId(), "",
            "", "", e.volumeSold(), Money.format(e.clearingPrice()), Money.format(e.proceeds()),
            e.volumeOffered(), e.volumeSold(), (long)e.bidCount(), (long)e.bidders(), (long)e.winners(),
            e.coverRatioBps(), "");
    }

    @Override
    public void onAuctionCancelled(final EventEnvelopeDecoder envelope, final AuctionCancelledDecoder e)
    {
        current.row("", e.auctionId(), "CANCELLED", instruments.symbol(e.instrumentId()), "", "", "", "", 0L,
            Money.format(e.clearingPrice()), "", e.volumeOffered(), 0L, (long)e.bidCount(), (long)e.bidders(),
            0L, "", e.reason().name());
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        tables.putIfAbsent(date, current.withFirstValue(ReportFold.dateText(date)));
        current = new Table(COLUMNS);
    }

    @Override
    public Table table(final int date)
    {
        return tables.get(date);
    }
}
