package io.carbonx.reports;

import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Member settlement statement per account and day: the opening balances (cash and units per instrument), every
 * movement (trades and block trades with their fees, fee income, deposits, withdrawals, issuance, free allocation,
 * primary auction deliveries and proceeds, transfers, retirements, compliance surrenders, cancellations), and the
 * closing balances, each movement with the user whose command made it. Balances come from the replaying registry and
 * movements from the events,
 * so each closing row checks that opening + movements = closing and says {@code ok} or the difference.
 * <p>
 * Cash in a trade: the buyer pays value + buyer fee, the seller receives value - seller fee, the fee account receives
 * both fees (value = price x quantity). Pledges move nothing between balances and are not listed.
 */
public final class SettlementStatement extends ActingUserFold
{
    private static final String[] COLUMNS = {
        "date", "account", "line", "reference", "instrument", "price", "units", "cash", "fee", "check", "user"};
    private static final int CASH = 0;

    /**
     * One line of a statement: {@code instrumentId} 0 for cash only; {@code user} whose command made it.
     */
    public record Movement(String line, String reference, int instrumentId, long price, long units, long cash,
        long fee, String user)
    {
        Movement(final String line, final String reference, final int instrumentId, final long price,
            final long units, final long cash, final long fee)
        {
            this(line, reference, instrumentId, price, units, cash, fee, "");
        }

        public Movement by(final String actingUser)
        {
            return new Movement(line, reference, instrumentId, price, units, cash, fee, actingUser);
        }
    }

    private final Instruments instruments;
    private final SettlementMovements movements;
    private final Map<Integer, Table> tables = new HashMap<>();
    private Map<Long, List<Movement>> current = new TreeMap<>();

    public SettlementStatement(final Instruments instruments, final long feeAccountId)
    {
        this(instruments, feeAccountId, UserNames.NONE);
    }

    /**
     * @param users names the user whose command made each movement (for a trade, the aggressor's).
     */
    public SettlementStatement(final Instruments instruments, final long feeAccountId, final UserNames users)
    {
        super(users);
        this.instruments = instruments;
        this.movements = new SettlementMovements(feeAccountId, this::add);
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        movements.onTrade(envelope, trade);
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
    {
        movements.onBlockTradeExecuted(envelope, e);
    }

    @Override
    public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
    {
        movements.onAllowancesAllocated(envelope, e);
    }

    @Override
    public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
    {
        movements.onUnitsSurrendered(envelope, e);
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        movements.onAuctionAllocation(envelope, e);
    }

    @Override
    public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
    {
        movements.onAuctionResult(envelope, e);
    }

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder changed)
    {
        movements.onRegistryChanged(envelope, changed);
    }

    private void add(final long accountId, final Movement movement)
    {
        current.computeIfAbsent(accountId, id -> new ArrayList<>()).add(movement.by(actingUser()));
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        tables.putIfAbsent(date, statement(instruments, ReportFold.dateText(date), opening, closing, current));
        current = new TreeMap<>();
    }

    /**
     * A day's statements from its balances and movements: what the fold builds at a day's end, and the analytic
     * store from its tables.
     *
     * @param movements each account's movements in the order they happened.
     */
    public static Table statement(final Instruments instruments, final String dateText, final Balances opening,
        final Balances closing, final Map<Long, List<Movement>> movements)
    {
        final Table table = new Table(COLUMNS);
        final TreeSet<Long> accounts = new TreeSet<>(closing.accounts().keySet());
        accounts.addAll(movements.keySet());
        for (final long accountId : accounts)
        {
            final Balances.AccountBalance before = opening.account(accountId);
            final Balances.AccountBalance after = closing.account(accountId);
            final List<Movement> accountMovements = movements.getOrDefault(accountId, List.of());
            final TreeSet<Integer> instrumentIds = new TreeSet<>();
            if (before != null)
            {
                instrumentIds.addAll(before.units().keySet());
            }
            if (after != null)
            {
                instrumentIds.addAll(after.units().keySet());
            }
            accountMovements.forEach(movement -> instrumentIds.add(movement.instrumentId()));
            instrumentIds.remove(CASH);

            final long openingCash = before == null ? 0 : before.cash();
            table.row(dateText, accountId, "OPENING", "", "", "", "", Money.format(openingCash), "", "", "");
            for (final int instrumentId : instrumentIds)
            {
                table.row(dateText, accountId, "OPENING", "", instruments.symbol(instrumentId), "",
                    before == null ? 0L : before.units(instrumentId), "", "", "", "");
            }

            long cashMoved = 0;
            final Map<Integer, Long> unitsMoved = new TreeMap<>();
            for (final Movement movement : accountMovements)
            {
                cashMoved += movement.cash();
                if (movement.instrumentId() != CASH)
                {
                    unitsMoved.merge(movement.instrumentId(), movement.units(), Long::sum);
                }
                table.row(dateText, accountId, movement.line(), movement.reference(),
                    movement.instrumentId() == CASH ? "" : instruments.symbol(movement.instrumentId()),
                    movement.price() == 0 ? "" : Money.format(movement.price()),
                    movement.instrumentId() == CASH ? "" : movement.units(),
                    movement.cash() == 0 && movement.instrumentId() != CASH ? "" : Money.format(movement.cash()),
                    movement.fee() == 0 ? "" : Money.format(movement.fee()), "", movement.user());
            }

            final long closingCash = after == null ? 0 : after.cash();
            table.row(dateText, accountId, "CLOSING", "", "", "", "", Money.format(closingCash), "",
                check(openingCash + cashMoved, closingCash, true), "");
            for (final int instrumentId : instrumentIds)
            {
                final long openingUnits = before == null ? 0 : before.units(instrumentId);
                final long closingUnits = after == null ? 0 : after.units(instrumentId);
                table.row(dateText, accountId, "CLOSING", "", instruments.symbol(instrumentId), "", closingUnits, "",
                    "",
                    check(openingUnits + unitsMoved.getOrDefault(instrumentId, 0L), closingUnits, false), "");
            }
        }
        return table;
    }

    private static String check(final long expected, final long actual, final boolean money)
    {
        return expected == actual ? "ok" :
            "MISMATCH: opening + movements = " + (money ? Money.format(expected) : Long.toString(expected));
    }

    @Override
    public Table table(final int date)
    {
        return tables.get(date);
    }
}
