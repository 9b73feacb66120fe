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
import io.carbonx.protocol.sbe.Side;
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

    private record Movement(String line, String reference, int instrumentId, long price, long units, long cash,
        long fee, String user)
    {
        Movement(final String line, final String reference, final int instrumentId, final long price,
            final long units, final long cash, final long fee)
        {
            this(line, reference, instrumentId, price, units, cash, fee, "");
        }

        Movement by(final String actingUser)
        {
            return new Movement(line, reference, instrumentId, price, units, cash, fee, actingUser);
        }
    }

    private final Instruments instruments;
    private final long feeAccountId;
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
        this.feeAccountId = feeAccountId;
    }

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
    {
        final boolean takerBuys = trade.aggressorSide() == Side.BUY;
        final long buyer = takerBuys ? trade.takerAccountId() : trade.makerAccountId();
        final long seller = takerBuys ? trade.makerAccountId() : trade.takerAccountId();
        final long value = Math.multiplyExact(trade.price(), trade.quantity());
        final String reference = "trade " + trade.tradeId();
        final int instrumentId = trade.instrumentId();
        add(buyer, new Movement("TRADE_BUY", reference, instrumentId, trade.price(), trade.quantity(),
            -(value + trade.buyerFee()), trade.buyerFee()));
        add(seller, new Movement("TRADE_SELL", reference, instrumentId, trade.price(), -trade.quantity(),
            value - trade.sellerFee(), trade.sellerFee()));
        final long fees = trade.buyerFee() + trade.sellerFee();
        if (fees != 0)
        {
            add(feeAccountId, new Movement("FEE_INCOME", reference, CASH, 0, 0, fees, 0));
        }
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
    {
        final long value = Math.multiplyExact(e.price(), e.quantity());
        final String reference = "block trade " + e.tradeId();
        add(e.buyerAccountId(), new Movement("BLOCK_BUY", reference, e.instrumentId(), e.price(), e.quantity(),
            -(value + e.buyerFee()), e.buyerFee()));
        add(e.sellerAccountId(), new Movement("BLOCK_SELL", reference, e.instrumentId(), e.price(), -e.quantity(),
            value - e.sellerFee(), e.sellerFee()));
        if (e.buyerFee() + e.sellerFee() != 0)
        {
            add(feeAccountId, new Movement("FEE_INCOME", reference, CASH, 0, 0, e.buyerFee() + e.sellerFee(), 0));
        }
    }

    @Override
    public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
    {
        if (e.quantity() > 0)
        {
            add(e.accountId(), new Movement("ALLOCATE", "year " + e.year(), e.instrumentId(), 0, e.quantity(), 0, 0));
        }
    }

    @Override
    public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
    {
        add(e.accountId(), new Movement("SURRENDER", "year " + e.year(), e.instrumentId(), 0, -e.quantity(), 0, 0));
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        if (e.quantity() > 0)
        {
            add(e.accountId(), new Movement("AUCTION_BUY", "auction " + e.auctionId(), e.instrumentId(),
                e.clearingPrice(), e.quantity(), -e.amount(), 0));
        }
    }

    @Override
    public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
    {
        add(e.auctionAccountId(), new Movement("AUCTION_SALE", "auction " + e.auctionId(), e.instrumentId(),
            e.clearingPrice(), -e.volumeSold(), e.proceeds(), 0));
    }

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder changed)
    {
        final String reference = "command " + envelope.commandSequence();
        final long account = changed.accountId();
        final int instrumentId = changed.instrumentId();
        final long quantity = changed.quantity();
        switch (changed.operation())
        {
            case DEPOSIT ->
                add(account, new Movement("DEPOSIT", reference, CASH, 0, 0, changed.amount(), 0));
            case WITHDRAW ->
                add(account, new Movement("WITHDRAW", reference, CASH, 0, 0, -changed.amount(), 0));
            case ISSUE ->
                add(account, new Movement("ISSUE", reference, instrumentId, 0, quantity, 0, 0));
            case TRANSFER ->
            {
                add(account, new Movement("TRANSFER_OUT", reference, instrumentId, 0, -quantity, 0, 0));
                add(changed.counterpartyAccountId(),
                    new Movement("TRANSFER_IN", reference, instrumentId, 0, quantity, 0, 0));
            }
            case RETIRE ->
                add(account, new Movement("RETIRE", reference, instrumentId, 0, -quantity, 0, 0));
            case CANCEL ->
                add(account, new Movement("CANCEL", reference, instrumentId, 0, -quantity, 0, 0));
            default ->
            {
                // account openings, broker links and pledges change no balance
            }
        }
    }

    private void add(final long accountId, final Movement movement)
    {
        current.computeIfAbsent(accountId, id -> new ArrayList<>()).add(movement.by(actingUser()));
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        final Table table = new Table(COLUMNS);
        final String dateText = ReportFold.dateText(date);
        final TreeSet<Long> accounts = new TreeSet<>(closing.accounts().keySet());
        accounts.addAll(current.keySet());
        for (final long accountId : accounts)
        {
            final Balances.AccountBalance before = opening.account(accountId);
            final Balances.AccountBalance after = closing.account(accountId);
            final List<Movement> movements = current.getOrDefault(accountId, List.of());
            final TreeSet<Integer> instrumentIds = new TreeSet<>();
            if (before != null)
            {
                instrumentIds.addAll(before.units().keySet());
            }
            if (after != null)
            {
                instrumentIds.addAll(after.units().keySet());
            }
            movements.forEach(movement -> instrumentIds.add(movement.instrumentId()));
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
            for (final Movement movement : movements)
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
        tables.putIfAbsent(date, table);
        current = new TreeMap<>();
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
