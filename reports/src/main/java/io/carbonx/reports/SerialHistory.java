package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The history of one tonne: every {@code SerialBlocks} movement whose blocks contain its serial, in command order,
 * from issuance through every holder, trade, block trade and auction delivery to surrender, retirement or
 * cancellation, and where it is now; with the attributes of its issuance ({@code ProjectUnitsIssued}), null for a
 * tonne issued without. A pledge or release lists exactly the blocks it pledged or released: a {@code PLEDGE} row
 * appears when the tonne is pledged, a {@code RELEASE} row when it is released (a pledged tonne moves nowhere else).
 * <p>
 * A fold over one replay; not thread-safe, used by the thread that replays.
 */
public final class SerialHistory implements ReportFold
{
    /**
     * Where the tonne is after the replay.
     */
    public enum State
    {
        NEVER_ISSUED, HELD, SURRENDERED, RETIRED, CANCELLED
    }

    private final Instruments instruments;
    private final ZoneId zone;
    private final int instrumentId;
    private final long serial;
    private final List<Map<String, Object>> movements = new ArrayList<>();
    private final SortedSet<Long> holders = new TreeSet<>();
    private State state = State.NEVER_ISSUED;
    private long holder;
    private boolean pledged;
    private long issued;
    private long lastPrice;
    private Map<String, Object> attributes;

    /**
     * @param zone the scheme's time zone, for the movements' times.
     */
    public SerialHistory(final Instruments instruments, final ZoneId zone, final int instrumentId, final long serial)
    {
        this.instruments = instruments;
        this.zone = zone;
        this.instrumentId = instrumentId;
        this.serial = serial;
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        lastPrice = trade.price();
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder trade)
    {
        lastPrice = trade.price();
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder allocation)
    {
        lastPrice = allocation.clearingPrice();
    }

    @Override
    public void onProjectUnitsIssued(final EventEnvelopeDecoder envelope, final ProjectUnitsIssuedDecoder issued)
    {
        if (issued.instrumentId() == instrumentId && issued.firstSerial() <= serial && serial <= issued.lastSerial())
        {
            attributes = UnitAttributesJson.toJson(issued.projectType(), issued.projectId(), issued.vintage(),
                issued.registeredDate(), issued.labels());
        }
    }

    @Override
    public void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder e)
    {
        if (e.instrumentId() != instrumentId)
        {
            return;
        }
        final RegistryOperationType operation = e.operation();
        long first = 0;
        long last = 0;
        for (final SerialBlocksDecoder.BlocksDecoder block : e.blocks())
        {
            if (operation == RegistryOperationType.ISSUE || operation == RegistryOperationType.ALLOCATE)
            {
                issued = Math.max(issued, block.last());
            }
            if (block.first() <= serial && serial <= block.last())
            {
                first = block.first();
                last = block.last();
            }
        }
        final boolean contains = first != 0;
        if (!contains)
        {
            return;
        }
        add(envelope, e, operation, first, last);
        if (operation == RegistryOperationType.PLEDGE || operation == RegistryOperationType.RELEASE)
        {
            // The tonne stays with its holder; only whether it is pledged changes.
            pledged = operation == RegistryOperationType.PLEDGE;
            return;
        }
        pledged = false;
        if (e.fromAccountId() != 0)
        {
            holders.add(e.fromAccountId());
        }
        if (e.toAccountId() != 0)
        {
            holders.add(e.toAccountId());
            holder = e.toAccountId();
            state = State.HELD;
        }
        else
        {
            holder = 0;
            state = switch (operation)
            {
                case SURRENDER -> State.SURRENDERED;
                case RETIRE -> State.RETIRED;
                default -> State.CANCELLED;
            };
        }
    }

    private void add(
        final EventEnvelopeDecoder envelope,
        final SerialBlocksDecoder e,
        final RegistryOperationType operation,
        final long first,
        final long last)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", envelope.commandSequence());
        row.put("time", ZonedTime.format(envelope.timestamp(), zone));
        row.put("operation", operation.name());
        row.put("from", e.fromAccountId());
        row.put("to", e.toAccountId());
        final Map<String, Object> block = new LinkedHashMap<>();
        block.put("first", first);
        block.put("last", last);
        row.put("block", block);
        switch (operation)
        {
            case TRADE, BLOCK_TRADE ->
            {
                row.put("tradeId", e.referenceId());
                row.put("price", Money.format(lastPrice));
            }
            case AUCTION_DELIVERY ->
            {
                row.put("auctionId", e.referenceId());
                row.put("price", Money.format(lastPrice));
            }
            case ALLOCATE, SURRENDER -> row.put("year", e.referenceId());
            default ->
            {
            }
        }
        movements.add(row);
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long serial()
    {
        return serial;
    }

    /**
     * @return the highest serial of the instrument issued in the replay.
     */
    public long issued()
    {
        return issued;
    }

    public State state()
    {
        return state;
    }

    /**
     * @return the account holding the tonne, 0 unless {@link #state()} is HELD.
     */
    public long holder()
    {
        return holder;
    }

    /**
     * @return every account that ever held the tonne, the one holding it now included.
     */
    public SortedSet<Long> holders()
    {
        return Collections.unmodifiableSortedSet(holders);
    }

    /**
     * @return the movements as JSON-ready rows, in command order.
     */
    public List<Map<String, Object>> movements()
    {
        return Collections.unmodifiableList(movements);
    }

    /**
     * @return the whole answer of {@code GET /serials/{instrument}/{serial}}.
     */
    public Map<String, Object> toJson()
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instruments.symbol(instrumentId));
        body.put("instrumentId", instrumentId);
        body.put("serial", serial);
        body.put("attributes", attributes);
        final Map<String, Object> current = new LinkedHashMap<>();
        current.put("state", state.name());
        if (state == State.HELD)
        {
            current.put("account", holder);
            current.put("pledged", pledged);
        }
        body.put("current", current);
        body.put("movements", movements);
        return body;
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
    }

    /**
     * Not a daily report.
     */
    @Override
    public Table table(final int date)
    {
        return null;
    }
}
