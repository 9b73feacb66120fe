package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Registry transaction log: every registry operation that took effect (account openings, issuance, cash, transfers,
 * pledges, retirements, cancellations), free allocations ({@code ALLOCATE}), compliance surrenders ({@code SURRENDER}),
 * primary auction deliveries ({@code AUCTION_DELIVERY}) and block trades ({@code BLOCK_TRADE}, seller to buyer),
 * each with the serial range of the units moved and the user whose command it was (see {@link ActingUsers}).
 */
public final class RegistryLog implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "sequence", "time", "operation", "account", "counterparty", "instrument", "quantity", "amount",
        "serialStart", "serialEnd", "user"};

    private final Instruments instruments;
    private final ActingUsers users;
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    public RegistryLog(final Instruments instruments)
    {
        this(instruments, UserNames.NONE);
    }

    /**
     * @param users names the user (FIX session or API user) whose command each row is.
     */
    public RegistryLog(final Instruments instruments, final UserNames users)
    {
        this.instruments = instruments;
        this.users = new ActingUsers(users);
    }

    @Override
    public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
        users.onEnvelope(envelope);
    }

    @Override
    public void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
        users.onProposalApproved(envelope, approved);
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
        current.row("", envelope.commandSequence(), Instant.ofEpochSecond(0, envelope.timestamp()).toString(),
            changed.operation().name(), changed.accountId(), changed.counterpartyAccountId(),
            changed.instrumentId() == 0 ? "" : instruments.symbol(changed.instrumentId()), changed.quantity(),
            Money.format(changed.amount()), changed.serialStart(), changed.serialEnd(), users.current());
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
        final String time = Instant.ofEpochSecond(0, envelope.timestamp()).toString();
        current.row("", envelope.commandSequence(), time, operation, account, counterparty,
            instruments.symbol(instrumentId), quantity, Money.format(amount), serialStart, serialEnd, users.current());
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
