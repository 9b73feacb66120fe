package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.HashMap;
import java.util.Map;

/**
 * Primary auctions closed in a day: per auction its {@code ALLOCATION} rows (every bid in clearing order, 0 units for a
 * losing bid), then a {@code RESULT} row (clearing price, volume offered and sold, proceeds, bids, bidders, winners,
 * cover ratio) or a {@code CANCELLED} row with the reason.
 */
public final class AuctionReport implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "auction", "line", "instrument", "account", "bid", "bidPrice", "bidQuantity", "quantity",
        "clearingPrice", "amount", "volumeOffered", "volumeSold", "bids", "bidders", "winners", "coverRatioBps",
        "serialStart", "serialEnd", "reason"};

    private final Instruments instruments;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AuctionAllocationDecoder allocation = new AuctionAllocationDecoder();
    private final AuctionResultDecoder result = new AuctionResultDecoder();
    private final AuctionCancelledDecoder cancelled = new AuctionCancelledDecoder();
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    public AuctionReport(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final long commandSequence)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case AuctionAllocationDecoder.TEMPLATE_ID ->
            {
                final AuctionAllocationDecoder e = allocation.wrap(buffer, body, header.blockLength(), header.version());
                current.row("", e.auctionId(), "ALLOCATION", instruments.symbol(e.instrumentId()), e.accountId(),
                    e.bidId(), Money.format(e.bidPrice()), e.bidQuantity(), e.quantity(), Money.format(e.clearingPrice()),
                    Money.format(e.amount()), "", "", "", "", "", "", e.serialStart(), e.serialEnd(), "");
            }
            case AuctionResultDecoder.TEMPLATE_ID ->
            {
                final AuctionResultDecoder e = result.wrap(buffer, body, header.blockLength(), header.version());
                current.row("", e.auctionId(), "RESULT", instruments.symbol(e.instrumentId()), e.auctionAccountId(), "",
                    "", "", e.volumeSold(), Money.format(e.clearingPrice()), Money.format(e.proceeds()),
                    e.volumeOffered(), e.volumeSold(), (long)e.bidCount(), (long)e.bidders(), (long)e.winners(),
                    e.coverRatioBps(), "", "", "");
            }
            case AuctionCancelledDecoder.TEMPLATE_ID ->
            {
                final AuctionCancelledDecoder e = cancelled.wrap(buffer, body, header.blockLength(), header.version());
                current.row("", e.auctionId(), "CANCELLED", instruments.symbol(e.instrumentId()), "", "", "", "", 0L,
                    Money.format(e.clearingPrice()), "", e.volumeOffered(), 0L, (long)e.bidCount(), (long)e.bidders(),
                    0L, "", "", "", e.reason().name());
            }
            default ->
            {
                // other events are not about auction outcomes
            }
        }
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
