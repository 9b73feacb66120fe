package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Registry transaction log: a row per exact serial block of every unit movement (issuance {@code ISSUE}, free
 * allocations {@code ALLOCATE}, transfers, listed trades {@code TRADE} and block trades {@code BLOCK_TRADE} seller to
 * buyer, primary auction deliveries {@code AUCTION_DELIVERY}, pledges and releases (exactly the blocks pledged or
 * released), retirements, compliance surrenders {@code SURRENDER} and cancellations), from the engine's
 * {@code SerialBlocks} events; and a row per registry operation that moves no units (account openings, broker links,
 * deposits, withdrawals). {@code from} is 0 for units issued, {@code to} 0 for units removed; {@code reference} is the
 * trade id, auction id or compliance year; {@code user} the user whose command it was (see {@link ActingUserFold}).
 * Each row's {@code date} is the trading date it belongs to (the day the next end of trading day closes, by the
 * scheme's calendar) and its {@code time} the command's, in the scheme's time zone (ISO-8601 with the zone's offset;
 * {@code Z} for UTC).
 */
public final class RegistryLog extends ActingUserFold
{
    private static final String[] COLUMNS = {
        "date", "sequence", "time", "operation", "from", "to", "instrument", "quantity", "amount", "reference",
        "first", "last", "user"};

    private final Instruments instruments;
    private final ZoneId zone;
    private final Map<Integer, Table> tables = new HashMap<>();
    private Table current = new Table(COLUMNS);

    /**
     * @param users names the user (FIX session or API user) whose command each row is.
     * @param zone  the scheme's time zone, for the rows' times.
     */
    public RegistryLog(final Instruments instruments, final UserNames users, final ZoneId zone)
    {
        super(users);
        this.instruments = instruments;
        this.zone = zone;
    }

    @Override
    public void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder e)
    {
        final String time = ZonedTime.format(envelope.timestamp(), zone);
        final String operation = e.operation().name();
        final long from = e.fromAccountId();
        final long to = e.toAccountId();
        final String instrument = instruments.symbol(e.instrumentId());
        final long reference = e.referenceId();
        for (final SerialBlocksDecoder.BlocksDecoder block : e.blocks())
        {
            final long first = block.first();
            final long last = block.last();
            current.row("", envelope.commandSequence(), time, operation, from, to, instrument, last - first + 1,
                "", reference, first, last, actingUser());
        }
    }

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder changed)
    {
        if (movesNoUnits(changed.operation()))
        {
            current.row("", envelope.commandSequence(), ZonedTime.format(envelope.timestamp(), zone),
                changed.operation().name(), changed.accountId(), changed.counterpartyAccountId(), "", 0L,
                Money.format(changed.amount()), 0L, "", "", actingUser());
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

    private static boolean movesNoUnits(final RegistryOperationType operation)
    {
        return operation == RegistryOperationType.OPEN_ACCOUNT || operation == RegistryOperationType.LINK_BROKER ||
            operation == RegistryOperationType.DEPOSIT || operation == RegistryOperationType.WITHDRAW;
    }
}
