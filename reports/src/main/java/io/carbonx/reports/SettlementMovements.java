package io.carbonx.reports;

import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.reports.SettlementStatement.Movement;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;

/**
 * The movements of a settlement statement, from the events that make them: shared by the {@link SettlementStatement}
 * fold and the analytic store, which keeps them as rows. See {@link SettlementStatement} for the cash rules. Used by
 * the one thread reading the events.
 */
public final class SettlementMovements implements EngineEventHandler
{
    private static final int CASH = 0;

    /**
     * Told each movement, in event order, without its user (the caller knows who acted).
     */
    @FunctionalInterface
    public interface Sink
    {
        void add(long accountId, Movement movement);
    }

    private final long feeAccountId;
    private final Sink sink;

    public SettlementMovements(final long feeAccountId, final Sink sink)
    {
        this.feeAccountId = feeAccountId;
        this.sink = sink;
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
        sink.add(buyer, new Movement("TRADE_BUY", reference, instrumentId, trade.price(), trade.quantity(),
            -(value + trade.buyerFee()), trade.buyerFee()));
        sink.add(seller, new Movement("TRADE_SELL", reference, instrumentId, trade.price(), -trade.quantity(),
            value - trade.sellerFee(), trade.sellerFee()));
        final long fees = trade.buyerFee() + trade.sellerFee();
        if (fees != 0)
        {
            sink.add(feeAccountId, new Movement("FEE_INCOME", reference, CASH, 0, 0, fees, 0));
        }
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
    {
        final long value = Math.multiplyExact(e.price(), e.quantity());
        final String reference = "block trade " + e.tradeId();
        sink.add(e.buyerAccountId(), new Movement("BLOCK_BUY", reference, e.instrumentId(), e.price(), e.quantity(),
            -(value + e.buyerFee()), e.buyerFee()));
        sink.add(e.sellerAccountId(), new Movement("BLOCK_SELL", reference, e.instrumentId(), e.price(), -e.quantity(),
            value - e.sellerFee(), e.sellerFee()));
        if (e.buyerFee() + e.sellerFee() != 0)
        {
            sink.add(feeAccountId, new Movement("FEE_INCOME", reference, CASH, 0, 0, e.buyerFee() + e.sellerFee(), 0));
        }
    }

    @Override
    public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
    {
        if (e.quantity() > 0)
        {
            sink.add(e.accountId(),
                new Movement("ALLOCATE", "year " + e.year(), e.instrumentId(), 0, e.quantity(), 0, 0));
        }
    }

    @Override
    public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
    {
        sink.add(e.accountId(),
            new Movement("SURRENDER", "year " + e.year(), e.instrumentId(), 0, -e.quantity(), 0, 0));
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        if (e.quantity() > 0)
        {
            sink.add(e.accountId(), new Movement("AUCTION_BUY", "auction " + e.auctionId(), e.instrumentId(),
                e.clearingPrice(), e.quantity(), -e.amount(), 0));
        }
    }

    @Override
    public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
    {
        sink.add(e.auctionAccountId(), new Movement("AUCTION_SALE", "auction " + e.auctionId(), e.instrumentId(),
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
                sink.add(account, new Movement("DEPOSIT", reference, CASH, 0, 0, changed.amount(), 0));
            case WITHDRAW ->
                sink.add(account, new Movement("WITHDRAW", reference, CASH, 0, 0, -changed.amount(), 0));
            case ISSUE ->
                sink.add(account, new Movement("ISSUE", reference, instrumentId, 0, quantity, 0, 0));
            case TRANSFER ->
            {
                sink.add(account, new Movement("TRANSFER_OUT", reference, instrumentId, 0, -quantity, 0, 0));
                sink.add(changed.counterpartyAccountId(),
                    new Movement("TRANSFER_IN", reference, instrumentId, 0, quantity, 0, 0));
            }
            case RETIRE ->
                sink.add(account, new Movement("RETIRE", reference, instrumentId, 0, -quantity, 0, 0));
            case CANCEL ->
                sink.add(account, new Movement("CANCEL", reference, instrumentId, 0, -quantity, 0, 0));
            default ->
            {
                // account openings, broker links and pledges change no balance
            }
        }
    }
}
