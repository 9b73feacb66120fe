package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Registry transaction log: every registry operation that took effect (account openings, issuance, cash, transfers,
 * pledges, retirements, cancellations), free allocations ({@code ALLOCATE}), compliance surrenders ({@code SURRENDER}),
 * primary auction deliveries ({@code AUCTION_DELIVERY}) and block trades ({@code BLOCK_TRADE}, seller to buyer),
 * each with the serial range of the units moved. Each row's {@code date} is the trading date it belongs to (the day
 * the next end of trading day closes, by the scheme's calendar) and its {@code time} the command's, in the scheme's
 * time zone (ISO-8601 with the zone's offset; {@code Z} for UTC).
 */
public final class RegistryLog implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "sequence", "time", "operation", "account", "counterparty", "instrument", "quantity", "amount",
        "serialStart", "serialEnd"};

    private final Instruments instruments;
    private final ZoneId zone;
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    /**
     * A log whose times are in UTC.
     */
    public RegistryLog(final Instruments instruments)
    {
        this(instruments, ZoneOffset.UTC);
    }

    /**
     * @param zone the scheme's time zone, for the rows' times.
     */
    public RegistryLog(final Instruments instruments, final ZoneId zone)
    {
        this.instruments = instruments;
        this.zone = zone;
    }

    @Override
    public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
    {
        if (e.quantity() > 0)
        {
            unitsRow(envelope, "ALLOCATE", e.accountId(), 0, e.instrumentId(), e.quantity(),
                0, e.serialStart(), e.serialEnd());
        }
    }

    @Override
    public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
    {
        unitsRow(envelope, "SURRENDER", e.accountId(), 0, e.instrumentId(), e.quantity(), 0,
            e.serialStart(), e.serialEnd());
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        if (e.quantity() > 0)
        {
            unitsRow(envelope, "AUCTION_DELIVERY", e.accountId(), 0, e.instrumentId(),
                e.quantity(), e.amount(), e.serialStart(), e.serialEnd());
        }
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
    {
        unitsRow(envelope, "BLOCK_TRADE", e.sellerAccountId(), e.buyerAccountId(), e.instrumentId(), e.quantity(),
            Math.multiplyExact(e.price(), e.quantity()), e.serialStart(), e.serialEnd());
    }

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder changed)
    {
        current.row("", envelope.commandSequence(), time(envelope.timestamp()),
            changed.operation().name(), changed.accountId(), changed.counterpartyAccountId(),
            changed.instrumentId() == 0 ? "" : instruments.symbol(changed.instrumentId()), changed.quantity(),
            Money.format(changed.amount()), changed.serialStart(), changed.serialEnd());
    }

    private void unitsRow(
        final EventEnvelopeDecoder envelope,
        final String operation,
        final long account,
        final long counterparty,
        final int instrumentId,
        final long quantity,
        final long amount,
        final long serialStart,
        final long serialEnd)
    {
        current.row("", envelope.commandSequence(), time(envelope.timestamp()), operation, account, counterparty,
            instruments.symbol(instrumentId), quantity, Money.format(amount), serialStart, serialEnd);
    }

    /**
     * @return the time of a command in the scheme's zone: 2025-01-02T09:00:00+08:00, or 2025-01-02T01:00:00Z in UTC.
     */
    private String time(final long epochNanos)
    {
        final Instant instant = Instant.ofEpochSecond(0, epochNanos);
        return zone.equals(ZoneOffset.UTC) ? instant.toString() :
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
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
