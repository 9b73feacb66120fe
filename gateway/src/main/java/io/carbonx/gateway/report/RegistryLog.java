package io.carbonx.gateway.report;

import io.carbonx.gateway.http.Fields;
import io.carbonx.gateway.http.Instruments;
import io.carbonx.gateway.http.Money;
import io.carbonx.gateway.http.RegistryOperation;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry transaction log: every registry operation that took effect (account openings, issuance, cash, transfers,
 * pledges, retirements, cancellations), with the serial range of the units moved.
 */
public final class RegistryLog implements ReportFold
{
    private static final String[] COLUMNS = {
        "date", "sequence", "time", "operation", "account", "counterparty", "instrument", "quantity", "amount",
        "serialStart", "serialEnd"};

    private final Instruments instruments;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegistryChangedDecoder changed = new RegistryChangedDecoder();
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
        if (header.templateId() == RegistryChangedDecoder.TEMPLATE_ID)
        {
            changed.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            current.row("", commandSequence, Instant.ofEpochSecond(0, changed.timestamp()).toString(),
                RegistryOperation.name(changed.commandTemplateId()), changed.accountId(), changed.counterpartyAccountId(),
                changed.instrumentId() == 0 ? "" : instruments.symbol(changed.instrumentId()), changed.quantity(),
                Money.format(changed.amount()), changed.serialStart(), changed.serialEnd());
        }
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        final Table dated = new Table(COLUMNS);
        final String dateText = date == 0 ? "open" : Fields.formatDate(date);
        for (final List<Object> row : current.rows())
        {
            final Object[] values = row.toArray();
            values[0] = dateText;
            dated.row(values);
        }
        tables.putIfAbsent(date, dated);
        current = new Table(COLUMNS);
    }

    @Override
    public Table table(final int date)
    {
        return tables.get(date);
    }
}
