package io.carbonx.reports.store;

import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedDecoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedDecoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.FineDueDecoder;
import io.carbonx.protocol.sbe.FineSettledDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.reports.Balances;
import io.carbonx.reports.JournalReports;
import io.carbonx.reports.SettlementMovements;
import io.carbonx.reports.SettlementStatement.Movement;

import java.util.Map;

/**
 * Turns the events of each command into the store's rows ({@link StoreSchema}), collected in a {@link RowBatch} until
 * the caller commits them. At the end of a command that closed a trading day it also records the close (with the
 * engine's state hash after it) and every account's balances and the units outstanding, read from the state machine
 * that applied the command.
 * <p>
 * Written only by the thread that applies the commands: {@code carbonx-analytics} in the server (see
 * {@link AnalyticsFollower}), or a test's.
 */
public final class StoreWriter implements EngineEventHandler
{
    private final UserNames names;
    private final RowBatch batch = new RowBatch();
    private final SettlementMovements movements;
    private long sequence;
    private int event;
    private int lineNo;
    private long ts;
    private String user = "";
    private long approvedSequence = -1;
    private String proposer;
    private int closedDate;

    /**
     * @param feeAccountId the exchange's fee account, which the settlement movements credit with fees.
     */
    public StoreWriter(final UserNames names, final long feeAccountId)
    {
        this.names = names;
        this.movements = new SettlementMovements(feeAccountId, this::movement);
    }

    /**
     * The events that follow are this command's.
     */
    public void beginCommand(final long commandSequence)
    {
        sequence = commandSequence;
        event = -1;
        lineNo = 0;
        closedDate = 0;
    }

    /**
     * The command's events are all written: record the day it closed, if it closed one.
     */
    public void endCommand(final ExchangeStateMachine machine)
    {
        if (closedDate == 0)
        {
            return;
        }
        batch.add("day_closes", closedDate, sequence, ts, machine.stateHash());
        final Balances balances = JournalReports.capture(machine.registry());
        for (final Balances.AccountBalance account : balances.accounts().values())
        {
            batch.add("balances", closedDate, sequence, account.accountId(), account.type(), 0, account.cash());
            for (final Map.Entry<Integer, Long> units : account.units().entrySet())
            {
                batch.add("balances", closedDate, sequence, account.accountId(), account.type(), units.getKey(),
                    units.getValue());
            }
        }
        for (final Map.Entry<Integer, Long> units : balances.outstanding().entrySet())
        {
            batch.add("outstanding", closedDate, sequence, units.getKey(), units.getValue());
        }
    }

    RowBatch batch()
    {
        return batch;
    }

    @Override
    public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
        event++;
        ts = envelope.timestamp();
        final String name = names.name(envelope.sourceId(), envelope.userId());
        user = envelope.commandSequence() == approvedSequence ? proposer + " (approved by " + name + ")" : name;
    }

    @Override
    public void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
        approvedSequence = envelope.commandSequence();
        proposer = names.name(approved.proposerSourceId(), approved.proposerUserId());
    }

    // ------------------------------------------------------------------------------------------------ orders

    @Override
    public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder e)
    {
        order("ACCEPTED", e.orderId(), e.accountId(), e.instrumentId(), e.side().name(), e.price(), e.quantity(),
            e.quantity(), null);
    }

    @Override
    public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder e)
    {
        order("CANCELLED", e.orderId(), e.accountId(), e.instrumentId(), null, null, e.cancelledQuantity(), 0L,
            e.reason().name());
    }

    @Override
    public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder e)
    {
        order("AMENDED", e.orderId(), e.accountId(), e.instrumentId(), null, e.price(), e.quantity(),
            e.leavesQuantity(), e.priorityKept() == BooleanType.TRUE ? "PRIORITY_KEPT" : "PRIORITY_LOST");
    }

    @Override
    public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder e)
    {
        order("EXPIRED", e.orderId(), e.accountId(), e.instrumentId(), null, null, e.expiredQuantity(), 0L, null);
    }

    /**
     * Every refused command, whether about an order or not: {@code outcome} REJECTED, {@code side} the command kind.
     */
    @Override
    public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder e)
    {
        order("REJECTED", e.orderId(), e.accountId(), e.instrumentId(), e.commandKind().name(), null, null, null,
            e.reason().name());
    }

    private void order(final String outcome, final long orderId, final long accountId, final int instrumentId,
        final String side, final Long price, final Long quantity, final Long leaves, final String reason)
    {
        batch.add("orders", sequence, event, ts, user, outcome, orderId, accountId, instrumentId, side, price,
            quantity, leaves, reason);
    }

    // ------------------------------------------------------------------------------------------------ trades

    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder e)
    {
        final boolean takerBuys = e.aggressorSide() == Side.BUY;
        batch.add("trades", sequence, event, ts, user, e.tradeId(), e.instrumentId(), e.price(), e.quantity(),
            e.aggressorSide().name(), e.takerOrderId(), e.takerAccountId(), e.makerOrderId(), e.makerAccountId(),
            takerBuys ? e.takerAccountId() : e.makerAccountId(), takerBuys ? e.makerAccountId() : e.takerAccountId(),
            e.buyerFee(), e.sellerFee());
        movements.onTrade(envelope, e);
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
    {
        batch.add("block_trades", sequence, event, ts, user, e.tradeId(), e.crossId(), e.instrumentId(), e.price(),
            e.quantity(), e.buyerAccountId(), e.sellerAccountId(), e.buyerFee(), e.sellerFee(),
            e.inClosingPrice() == BooleanType.TRUE);
        movements.onBlockTradeExecuted(envelope, e);
    }

    @Override
    public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder e)
    {
        closedDate = e.tradingDate();
        batch.add("instrument_closes", sequence, event, ts, e.tradingDate(), e.instrumentId(), e.closingPrice(),
            e.volume(), e.turnover());
    }

    // ------------------------------------------------------------------------------------------------ registry

    @Override
    public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder e)
    {
        batch.add("registry_changes", sequence, event, ts, user, e.operation().name(), e.accountId(),
            e.counterpartyAccountId(), e.instrumentId(), e.quantity(), e.amount());
        movements.onRegistryChanged(envelope, e);
    }

    @Override
    public void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder e)
    {
        final String operation = e.operation().name();
        final int instrumentId = e.instrumentId();
        final long from = e.fromAccountId();
        final long to = e.toAccountId();
        final long reference = e.referenceId();
        int block = 0;
        for (final SerialBlocksDecoder.BlocksDecoder blocks : e.blocks())
        {
            final long first = blocks.first();
            final long last = blocks.last();
            batch.add("serial_blocks", sequence, event, ts, block++, user, operation, instrumentId, from, to,
                reference, first, last, last - first + 1);
        }
    }

    // ------------------------------------------------------------------------------------------------ auctions

    @Override
    public void onAuctionBidAccepted(final EventEnvelopeDecoder envelope, final AuctionBidAcceptedDecoder e)
    {
        batch.add("auction_bids", sequence, event, ts, user, "ACCEPTED", e.auctionId(), e.bidId(), e.accountId(),
            e.price(), e.quantity());
    }

    @Override
    public void onAuctionBidAmended(final EventEnvelopeDecoder envelope, final AuctionBidAmendedDecoder e)
    {
        batch.add("auction_bids", sequence, event, ts, user, "AMENDED", e.auctionId(), e.bidId(), e.accountId(),
            e.price(), e.quantity());
    }

    @Override
    public void onAuctionBidWithdrawn(final EventEnvelopeDecoder envelope, final AuctionBidWithdrawnDecoder e)
    {
        batch.add("auction_bids", sequence, event, ts, user, "WITHDRAWN", e.auctionId(), e.bidId(), e.accountId(),
            null, e.quantity());
    }

    @Override
    public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
    {
        batch.add("auction_allocations", sequence, event, ts, e.auctionId(), e.instrumentId(), e.bidId(),
            e.accountId(), e.bidPrice(), e.bidQuantity(), e.quantity(), e.clearingPrice(), e.amount());
        movements.onAuctionAllocation(envelope, e);
    }

    @Override
    public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
    {
        batch.add("auction_results", sequence, event, ts, user, e.auctionId(), e.instrumentId(),
            e.auctionAccountId(), e.clearingPrice(), e.reservePrice(), e.volumeOffered(), e.volumeSold(),
            e.proceeds(), (long)e.bidCount(), (long)e.bidders(), (long)e.winners(), e.coverRatioBps());
        movements.onAuctionResult(envelope, e);
    }

    @Override
    public void onAuctionCancelled(final EventEnvelopeDecoder envelope, final AuctionCancelledDecoder e)
    {
        batch.add("auction_cancellations", sequence, event, ts, e.auctionId(), e.instrumentId(), e.reason().name(),
            e.volumeOffered(), e.reservePrice(), e.clearingPrice(), (long)e.bidCount(), (long)e.bidders());
    }

    // ------------------------------------------------------------------------------------------------ compliance

    @Override
    public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
    {
        batch.add("allocations", sequence, event, ts, user, e.year(), e.accountId(), e.instrumentId(),
            e.requestedQuantity(), e.deductedQuantity(), e.quantity());
        movements.onAllowancesAllocated(envelope, e);
    }

    @Override
    public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
    {
        batch.add("surrenders", sequence, event, ts, user, e.year(), e.accountId(), e.instrumentId(),
            e.kind().name(), e.quantity(), e.late() == BooleanType.TRUE);
        movements.onUnitsSurrendered(envelope, e);
    }

    @Override
    public void onComplianceAssessed(final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder e)
    {
        batch.add("compliance_assessments", sequence, event, ts, user, e.year(), e.accountId(), e.emissions(),
            e.carriedForward(), e.obligation(), e.allowancesSurrendered(), e.offsetsSurrendered(),
            e.surrenderedLate(), e.shortfall(), e.status().name(), (int)e.status().value(), e.penalty(),
            e.referencePrice(), e.nextYearDeduction(), e.nextYearCarryForward());
    }

    @Override
    public void onComplianceYearClosed(final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder e)
    {
        batch.add("compliance_closes", sequence, event, ts, user, e.year(), e.enterprises(), e.totalShortfall(),
            e.totalPenalty(), e.referencePrice());
    }

    @Override
    public void onFineDue(final EventEnvelopeDecoder envelope, final FineDueDecoder e)
    {
        batch.add("fines", sequence, event, ts, user, e.year(), e.accountId(), e.amount(), "DUE", e.dueDate());
    }

    @Override
    public void onFineSettled(final EventEnvelopeDecoder envelope, final FineSettledDecoder e)
    {
        batch.add("fines", sequence, event, ts, user, e.year(), e.accountId(), e.amount(), e.status().name(),
            e.dueDate());
    }

    private void movement(final long accountId, final Movement m)
    {
        batch.add("cash_movements", sequence, event, ts, lineNo++, accountId, m.line(), m.reference(),
            m.instrumentId(), m.price(), m.units(), m.cash(), m.fee(), user);
    }
}
