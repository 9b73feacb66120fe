package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.RegistryOperation;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Registry transaction log: every registry operation that took effect (account openings, issuance, cash, transfers,
 * pledges, retirements, cancellations), free allocations ({@code ALLOCATE}), compliance surrenders ({@code SURRENDER}),
 * primary auction deliveries ({@code AUCTION_DELIVERY}) and block trades ({@code BLOCK_TRADE}, seller to buyer),
 * each with the serial range of the units moved.
 */
public final class RegistryLog implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "sequence", "time", "operation", "account", "counterparty", "instrument", "quantity", "amount",
        "serialStart", "serialEnd"};

    private final Instruments instruments;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegistryChangedDecoder changed = new RegistryChangedDecoder();
    private final AllowancesAllocatedDecoder allocated = new AllowancesAllocatedDecoder();
    private final UnitsSurrenderedDecoder surrendered = new UnitsSurrenderedDecoder();
    private final AuctionAllocationDecoder auctionAllocation = new AuctionAllocationDecoder();
    private final BlockTradeExecutedDecoder blockTrade = new BlockTradeExecutedDecoder();
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    public RegistryLog(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final long commandSequence)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == AllowancesAllocatedDecoder.TEMPLATE_ID)
        {
            final AllowancesAllocatedDecoder e = allocated.wrap(buffer, body, header.blockLength(), header.version());
            if (e.quantity() > 0)
            {
                unitsRow(commandSequence, e.timestamp(), "ALLOCATE", e.accountId(), 0, e.instrumentId(), e.quantity(),
                    0, e.serialStart(), e.serialEnd());
            }
        }
        else if (header.templateId() == UnitsSurrenderedDecoder.TEMPLATE_ID)
        {
            final UnitsSurrenderedDecoder e = surrendered.wrap(buffer, body, header.blockLength(), header.version());
            unitsRow(commandSequence, e.timestamp(), "SURRENDER", e.accountId(), 0, e.instrumentId(), e.quantity(), 0,
                e.serialStart(), e.serialEnd());
        }
        else if (header.templateId() == AuctionAllocationDecoder.TEMPLATE_ID)
        {
            final AuctionAllocationDecoder e = auctionAllocation.wrap(buffer, body, header.blockLength(), header.version());
            if (e.quantity() > 0)
            {
                unitsRow(commandSequence, e.timestamp(), "AUCTION_DELIVERY", e.accountId(), 0, e.instrumentId(),
                    e.quantity(), e.amount(), e.serialStart(), e.serialEnd());
            }
        }
        else if (header.templateId() == BlockTradeExecutedDecoder.TEMPLATE_ID)
        {
            final BlockTradeExecutedDecoder e = blockTrade.wrap(buffer, body, header.blockLength(), header.version());
            unitsRow(commandSequence, e.timestamp(), "BLOCK_TRADE", e.sellerAccountId(), e.buyerAccountId(),
                e.instrumentId(), e.quantity(), Math.multiplyExact(e.price(), e.quantity()), e.serialStart(), e.serialEnd());
        }
        else if (header.templateId() == RegistryChangedDecoder.TEMPLATE_ID)
        {
            changed.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            current.row("", commandSequence, Instant.ofEpochSecond(0, changed.timestamp()).toString(),
                RegistryOperation.name(changed.commandTemplateId()), changed.accountId(), changed.counterpartyAccountId(),
                changed.instrumentId() == 0 ? "" : instruments.symbol(changed.instrumentId()), changed.quantity(),
                Money.format(changed.amount()), changed.serialStart(), changed.serialEnd());
        }
    }

    private void unitsRow(
        final long sequence,
        final long timestamp,
        final String operation,
        final long account,
        final long counterparty,
        final int instrumentId,
        final long quantity,
        final long amount,
        final long serialStart,
        final long serialEnd)
    {
        current.row("", sequence, Instant.ofEpochSecond(0, timestamp).toString(), operation, account, counterparty,
            instruments.symbol(instrumentId), quantity, Money.format(amount), serialStart, serialEnd);
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
