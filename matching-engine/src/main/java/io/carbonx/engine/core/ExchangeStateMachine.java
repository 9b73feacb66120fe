package io.carbonx.engine.core;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.engine.event.EventSink;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.engine.approval.ApprovalDesk;
import io.carbonx.engine.approval.Proposal;
import io.carbonx.clearing.TradeSettlement;
import io.carbonx.clearing.compliance.ComplianceDesk;
import io.carbonx.clearing.compliance.ComplianceView;
import io.carbonx.engine.auction.AuctionHouse;
import io.carbonx.engine.auction.AuctionsView;
import io.carbonx.engine.block.BlockTradeDesk;
import io.carbonx.engine.book.BookView;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.AddInstrumentDecoder;
import io.carbonx.protocol.sbe.AllocateAllowancesDecoder;
import io.carbonx.protocol.sbe.AmendAuctionBidDecoder;
import io.carbonx.protocol.sbe.AmendOrderDecoder;
import io.carbonx.protocol.sbe.ApproveActionDecoder;
import io.carbonx.protocol.sbe.BlockTradeDecoder;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.CancelUnitsDecoder;
import io.carbonx.protocol.sbe.CommandEnvelopeDecoder;
import io.carbonx.protocol.sbe.CloseAuctionDecoder;
import io.carbonx.protocol.sbe.CloseComplianceYearDecoder;
import io.carbonx.protocol.sbe.CorrectEmissionsDecoder;
import io.carbonx.protocol.sbe.SetPenaltyMultipleDecoder;
import io.carbonx.protocol.sbe.RecordFinePaymentDecoder;
import io.carbonx.protocol.sbe.WaiveFineDecoder;
import io.carbonx.protocol.sbe.ReopenAssessmentDecoder;
import io.carbonx.protocol.sbe.FineStatus;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.DepositCashDecoder;
import io.carbonx.protocol.sbe.EndOfTradingDayDecoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.LinkBrokerDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OpenAccountDecoder;
import io.carbonx.protocol.sbe.OpenAuctionDecoder;
import io.carbonx.protocol.sbe.OpenComplianceYearDecoder;
import io.carbonx.protocol.sbe.PledgeUnitsDecoder;
import io.carbonx.protocol.sbe.ProposeActionDecoder;
import io.carbonx.protocol.sbe.RecordEmissionsDecoder;
import io.carbonx.protocol.sbe.RejectProposalDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.RetireUnitsDecoder;
import io.carbonx.protocol.sbe.SetTradingPhaseDecoder;
import io.carbonx.protocol.sbe.SubmitAuctionBidDecoder;
import io.carbonx.protocol.sbe.SurrenderUnitsDecoder;
import io.carbonx.protocol.sbe.TakeSnapshotDecoder;
import io.carbonx.protocol.sbe.TransferUnitsDecoder;
import io.carbonx.protocol.sbe.WithdrawAuctionBidDecoder;
import io.carbonx.protocol.sbe.WithdrawCashDecoder;
import io.carbonx.registry.Registry;
import io.carbonx.registry.RegistryView;
import org.agrona.DirectBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collection;

/**
 * The exchange's deterministic core: the registry, one order book per instrument, trade settlement and the compliance
 * desk (compliance years, surrender, penalties), changed only by sequenced commands and reporting every change as
 * events.
 * <p>
 * This class decodes each command, starts its events' envelope and hands it to the class whose job it is:
 * {@link OrderCommands} (orders, their cash and unit reservations, the trades they make, block trades),
 * {@link RegistryCommands}, {@link TradingDayCommands} (phases, end of day, listing), {@link AuctionHouse} and
 * {@link ComplianceDesk}; {@link StateSnapshot} writes, reads and digests the state. The scheme's four-eyes rule
 * ({@link ApprovalDesk}) is checked before dispatch: a command it names is refused unless it comes from an approved
 * proposal, which is then dispatched exactly as if it had been sent, under the approving command's envelope.
 * <p>
 * After every command, each account's reserved cash is the sum of its working buy orders' reservations (and of its
 * live auction bids) and its reserved units the sum of its working sell orders' leaves (and, for an AUCTION account,
 * the volume of its open auctions).
 * <p>
 * Code outside the engine sees the state through {@link ExchangeView}: read-only views, never the mutable objects.
 * <p>
 * Time enters only as the timestamp of a command; the machine's clock is the latest timestamp seen, so a command that
 * arrives with an older time does not move it back. GTD orders expire when a command moves the clock past their
 * expiry. Single-threaded (the business-logic thread); the order path allocates nothing.
 */
public final class ExchangeStateMachine implements StateMachine, ExchangeView
{
    private final Registry registry;
    private final Market market;
    private final EventEnvelope envelope = new EventEnvelope();
    private final EventPublisher publisher = new EventPublisher(envelope);
    private final ComplianceDesk compliance;
    private final ComplianceEvents complianceEvents = new ComplianceEvents(envelope);
    private final AuctionHouse auctions;
    private final OrderCommands orders;
    private final RegistryCommands registryCommands;
    private final TradingDayCommands tradingDay;
    private final StateSnapshot snapshot;
    private final ApprovalDesk approvals;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandEnvelopeDecoder commandEnvelope = new CommandEnvelopeDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final AmendOrderDecoder amendOrder = new AmendOrderDecoder();
    private final SetTradingPhaseDecoder setPhase = new SetTradingPhaseDecoder();
    private final EndOfTradingDayDecoder endOfDay = new EndOfTradingDayDecoder();
    private final TakeSnapshotDecoder takeSnapshot = new TakeSnapshotDecoder();
    private final AddInstrumentDecoder addInstrument = new AddInstrumentDecoder();
    private final OpenAccountDecoder openAccount = new OpenAccountDecoder();
    private final LinkBrokerDecoder linkBroker = new LinkBrokerDecoder();
    private final IssueUnitsDecoder issueUnits = new IssueUnitsDecoder();
    private final IssueProjectUnitsDecoder issueProjectUnits = new IssueProjectUnitsDecoder();
    private final DepositCashDecoder depositCash = new DepositCashDecoder();
    private final WithdrawCashDecoder withdrawCash = new WithdrawCashDecoder();
    private final TransferUnitsDecoder transferUnits = new TransferUnitsDecoder();
    private final PledgeUnitsDecoder pledgeUnits = new PledgeUnitsDecoder();
    private final RetireUnitsDecoder retireUnits = new RetireUnitsDecoder();
    private final CancelUnitsDecoder cancelUnits = new CancelUnitsDecoder();
    private final OpenAuctionDecoder openAuction = new OpenAuctionDecoder();
    private final SubmitAuctionBidDecoder submitBid = new SubmitAuctionBidDecoder();
    private final AmendAuctionBidDecoder amendBid = new AmendAuctionBidDecoder();
    private final WithdrawAuctionBidDecoder withdrawBid = new WithdrawAuctionBidDecoder();
    private final CloseAuctionDecoder closeAuction = new CloseAuctionDecoder();
    private final BlockTradeDecoder blockTrade = new BlockTradeDecoder();
    private final OpenComplianceYearDecoder openYear = new OpenComplianceYearDecoder();
    private final AllocateAllowancesDecoder allocate = new AllocateAllowancesDecoder();
    private final RecordEmissionsDecoder recordEmissions = new RecordEmissionsDecoder();
    private final SurrenderUnitsDecoder surrender = new SurrenderUnitsDecoder();
    private final CloseComplianceYearDecoder closeYear = new CloseComplianceYearDecoder();
    private final CorrectEmissionsDecoder correctEmissionsCommand = new CorrectEmissionsDecoder();
    private final SetPenaltyMultipleDecoder setPenaltyMultipleCommand = new SetPenaltyMultipleDecoder();
    private final RecordFinePaymentDecoder recordFinePaymentCommand = new RecordFinePaymentDecoder();
    private final WaiveFineDecoder waiveFineCommand = new WaiveFineDecoder();
    private final ReopenAssessmentDecoder reopenAssessmentCommand = new ReopenAssessmentDecoder();
    private final ProposeActionDecoder proposeAction = new ProposeActionDecoder();
    private final ApproveActionDecoder approveAction = new ApproveActionDecoder();
    private final RejectProposalDecoder rejectProposal = new RejectProposalDecoder();
    private final MessageHeaderDecoder proposedHeader = new MessageHeaderDecoder();

    private long lastSequence = -1;
    private long now;

    public ExchangeStateMachine(final ExchangeSettings settings)
    {
        this.registry = new Registry(settings.feeAccountId(), settings.holdingLimits(), settings.maxInstrumentId(),
            settings.serialRangeCapacity());
        this.market = new Market(settings);
        final TradeSettlement settlement = new TradeSettlement(registry, settings.fees());
        final BuyOrderReservation buyReservation = new BuyOrderReservation(settings.fees());
        this.auctions = new AuctionHouse(registry, envelope);
        final BlockTradeDesk blockTrades =
            new BlockTradeDesk(settings.blockTrades(), registry, settlement, buyReservation, envelope);
        this.compliance =
            new ComplianceDesk(registry, settings.compliance(), market, settings.referencePriceWindow());
        this.orders = new OrderCommands(registry, settlement, buyReservation, blockTrades,
            settings.blockTrades().countsInClosePrice(), market, publisher);
        this.registryCommands = new RegistryCommands(registry, publisher);
        this.tradingDay = new TradingDayCommands(
            settings.maxInstrumentId(), settings.calendar(), registry, compliance, market, orders, publisher);
        this.approvals = new ApprovalDesk(settings.fourEyes(), envelope);
        this.snapshot = new StateSnapshot(registry, market, tradingDay, auctions, compliance, approvals);
    }

    @Override
    public void apply(final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final EventSink events)
    {
        lastSequence = sequence;
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || blockLength < CommandEnvelopeDecoder.ENCODED_LENGTH)
        {
            envelope.begin(events, sequence, now, SourceIds.EXCHANGE, 0, 0);
            publisher.rejected(CommandKind.ADMIN, 0, 0, 0, RejectReason.UNKNOWN_COMMAND);
            return;
        }

        // Every command starts with the same envelope: begin it once, before dispatching on the command's type.
        commandEnvelope.wrap(buffer, bodyOffset);
        final int sourceId = commandEnvelope.sourceId();
        final long userId = commandEnvelope.userId();
        begin(events, sequence, commandEnvelope.timestamp(), sourceId, commandEnvelope.correlationId(), userId);
        final int templateId = header.templateId();
        if (approvals.approvalRequired(templateId, sourceId, userId))
        {
            publisher.rejected(kindOf(templateId), 0, 0, 0, RejectReason.APPROVAL_REQUIRED);
            return;
        }
        switch (templateId)
        {
            case ProposeActionDecoder.TEMPLATE_ID ->
            {
                proposeAction.wrap(buffer, bodyOffset, blockLength, version);
                approvals.propose(sequence, sourceId, userId, now, proposeAction);
            }
            case ApproveActionDecoder.TEMPLATE_ID ->
            {
                approveAction.wrap(buffer, bodyOffset, blockLength, version);
                final Proposal approved = approvals.approve(approveAction.proposalId(), sourceId, userId, now);
                if (approved != null)
                {
                    applyApproved(approved);
                }
            }
            case RejectProposalDecoder.TEMPLATE_ID ->
            {
                rejectProposal.wrap(buffer, bodyOffset, blockLength, version);
                approvals.reject(rejectProposal.proposalId(), now);
            }
            default -> dispatch(templateId, buffer, bodyOffset, blockLength, version);
        }
    }

    /**
     * Apply an approved proposal's command exactly as if it had been sent directly, with the approving command's
     * envelope: its events follow the {@code ProposalApproved} and answer the approver.
     */
    private void applyApproved(final Proposal proposal)
    {
        final DirectBuffer command = approvals.command(proposal);
        proposedHeader.wrap(command, 0);
        dispatch(proposedHeader.templateId(), command, MessageHeaderDecoder.ENCODED_LENGTH,
            proposedHeader.blockLength(), proposedHeader.version());
    }

    private static CommandKind kindOf(final int templateId)
    {
        return templateId == IssueUnitsDecoder.TEMPLATE_ID || templateId == IssueProjectUnitsDecoder.TEMPLATE_ID ?
            CommandKind.REGISTRY : CommandKind.COMPLIANCE;
    }

    private void dispatch(
        final int templateId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                newOrder.wrap(buffer, bodyOffset, blockLength, version);
                orders.newOrder(newOrder, now);
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                cancelOrder.wrap(buffer, bodyOffset, blockLength, version);
                orders.cancelOrder(cancelOrder);
            }
            case AmendOrderDecoder.TEMPLATE_ID ->
            {
                amendOrder.wrap(buffer, bodyOffset, blockLength, version);
                orders.amendOrder(amendOrder);
            }
            case SetTradingPhaseDecoder.TEMPLATE_ID ->
            {
                setPhase.wrap(buffer, bodyOffset, blockLength, version);
                tradingDay.setTradingPhase(setPhase.instrumentId(), setPhase.phase());
            }
            case EndOfTradingDayDecoder.TEMPLATE_ID ->
            {
                endOfDay.wrap(buffer, bodyOffset, blockLength, version);
                tradingDay.endOfTradingDay(endOfDay.tradingDate(), now);
            }
            case TakeSnapshotDecoder.TEMPLATE_ID ->
            {
                // The pipeline writes the snapshot once this command is applied; the state itself does not change.
                takeSnapshot.wrap(buffer, bodyOffset, blockLength, version);
            }
            case AddInstrumentDecoder.TEMPLATE_ID ->
            {
                addInstrument.wrap(buffer, bodyOffset, blockLength, version);
                tradingDay.addInstrument(addInstrument);
            }
            case OpenAuctionDecoder.TEMPLATE_ID ->
            {
                final OpenAuctionDecoder command = openAuction.wrap(buffer, bodyOffset, blockLength, version);
                auctions.open(command, market.instrument(command.instrumentId()));
            }
            case SubmitAuctionBidDecoder.TEMPLATE_ID ->
            {
                final SubmitAuctionBidDecoder command = submitBid.wrap(buffer, bodyOffset, blockLength, version);
                auctions.submit(command);
            }
            case AmendAuctionBidDecoder.TEMPLATE_ID ->
            {
                final AmendAuctionBidDecoder command = amendBid.wrap(buffer, bodyOffset, blockLength, version);
                auctions.amend(command);
            }
            case WithdrawAuctionBidDecoder.TEMPLATE_ID ->
            {
                final WithdrawAuctionBidDecoder command = withdrawBid.wrap(buffer, bodyOffset, blockLength, version);
                auctions.withdraw(command);
            }
            case CloseAuctionDecoder.TEMPLATE_ID ->
            {
                final CloseAuctionDecoder command = closeAuction.wrap(buffer, bodyOffset, blockLength, version);
                auctions.close(command);
            }
            case BlockTradeDecoder.TEMPLATE_ID ->
            {
                final BlockTradeDecoder command = blockTrade.wrap(buffer, bodyOffset, blockLength, version);
                orders.blockTrade(command);
            }
            case OpenComplianceYearDecoder.TEMPLATE_ID ->
            {
                final OpenComplianceYearDecoder command = openYear.wrap(buffer, bodyOffset, blockLength, version);
                compliance.openYear(command.year(), command.deadline(), complianceEvents);
            }
            case AllocateAllowancesDecoder.TEMPLATE_ID ->
            {
                final AllocateAllowancesDecoder command = allocate.wrap(buffer, bodyOffset, blockLength, version);
                compliance.allocate(
                    command.year(), command.accountId(), command.instrumentId(), command.quantity(), complianceEvents);
            }
            case RecordEmissionsDecoder.TEMPLATE_ID ->
            {
                final RecordEmissionsDecoder command = recordEmissions.wrap(buffer, bodyOffset, blockLength, version);
                compliance.recordEmissions(command.year(), command.accountId(), command.emissions(), complianceEvents);
            }
            case SurrenderUnitsDecoder.TEMPLATE_ID ->
            {
                final SurrenderUnitsDecoder command = surrender.wrap(buffer, bodyOffset, blockLength, version);
                compliance.surrender(command.year(), command.accountId(), command.brokerId(), command.instrumentId(),
                    command.quantity(), now, complianceEvents);
            }
            case CloseComplianceYearDecoder.TEMPLATE_ID ->
            {
                final CloseComplianceYearDecoder command = closeYear.wrap(buffer, bodyOffset, blockLength, version);
                compliance.closeYear(command.year(), now, complianceEvents);
            }
            case CorrectEmissionsDecoder.TEMPLATE_ID ->
            {
                final CorrectEmissionsDecoder command =
                    correctEmissionsCommand.wrap(buffer, bodyOffset, blockLength, version);
                compliance.correctEmissions(command.year(), command.accountId(), command.emissions(), command.reason(),
                    complianceEvents);
            }
            case SetPenaltyMultipleDecoder.TEMPLATE_ID ->
            {
                final SetPenaltyMultipleDecoder command =
                    setPenaltyMultipleCommand.wrap(buffer, bodyOffset, blockLength, version);
                compliance.setPriceMultiple(command.year(), command.accountId(), command.multiple(), command.reason(),
                    complianceEvents);
            }
            case RecordFinePaymentDecoder.TEMPLATE_ID ->
            {
                final RecordFinePaymentDecoder command =
                    recordFinePaymentCommand.wrap(buffer, bodyOffset, blockLength, version);
                compliance.settleFine(command.year(), command.accountId(), FineStatus.PAID, command.reference(), now,
                    complianceEvents);
            }
            case WaiveFineDecoder.TEMPLATE_ID ->
            {
                final WaiveFineDecoder command = waiveFineCommand.wrap(buffer, bodyOffset, blockLength, version);
                compliance.settleFine(command.year(), command.accountId(), FineStatus.WAIVED, command.reason(), now,
                    complianceEvents);
            }
            case ReopenAssessmentDecoder.TEMPLATE_ID ->
            {
                final ReopenAssessmentDecoder command =
                    reopenAssessmentCommand.wrap(buffer, bodyOffset, blockLength, version);
                compliance.reopen(command.year(), command.accountId(), command.reason(), complianceEvents);
            }
            default -> applyRegistryCommand(templateId, buffer, bodyOffset, blockLength, version);
        }
    }

    private void applyRegistryCommand(
        final int templateId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        switch (templateId)
        {
            case OpenAccountDecoder.TEMPLATE_ID ->
            {
                final OpenAccountDecoder command = openAccount.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.openAccount(command);
            }
            case LinkBrokerDecoder.TEMPLATE_ID ->
            {
                final LinkBrokerDecoder command = linkBroker.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.linkBroker(command);
            }
            case IssueUnitsDecoder.TEMPLATE_ID ->
            {
                final IssueUnitsDecoder command = issueUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.issueUnits(command);
            }
            case IssueProjectUnitsDecoder.TEMPLATE_ID ->
            {
                final IssueProjectUnitsDecoder command =
                    issueProjectUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.issueProjectUnits(command);
            }
            case DepositCashDecoder.TEMPLATE_ID ->
            {
                final DepositCashDecoder command = depositCash.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.depositCash(command);
            }
            case WithdrawCashDecoder.TEMPLATE_ID ->
            {
                final WithdrawCashDecoder command = withdrawCash.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.withdrawCash(command);
            }
            case TransferUnitsDecoder.TEMPLATE_ID ->
            {
                final TransferUnitsDecoder command = transferUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.transferUnits(command);
            }
            case PledgeUnitsDecoder.TEMPLATE_ID ->
            {
                final PledgeUnitsDecoder command = pledgeUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.pledgeUnits(command);
            }
            case RetireUnitsDecoder.TEMPLATE_ID ->
            {
                final RetireUnitsDecoder command = retireUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.retireUnits(command);
            }
            case CancelUnitsDecoder.TEMPLATE_ID ->
            {
                final CancelUnitsDecoder command = cancelUnits.wrap(buffer, bodyOffset, blockLength, version);
                registryCommands.cancelUnits(command);
            }
            default -> publisher.rejected(CommandKind.ADMIN, 0, 0, 0, RejectReason.UNKNOWN_COMMAND);
        }
    }

    /**
     * Start a command: its events carry its envelope, and its timestamp may move the clock and expire GTD orders.
     */
    private void begin(
        final EventSink events,
        final long sequence,
        final long timestamp,
        final int sourceId,
        final long correlationId,
        final long userId)
    {
        if (timestamp > now)
        {
            now = timestamp;
        }
        envelope.begin(events, sequence, now, sourceId, correlationId, userId);
        if (now >= market.nextExpireTime())
        {
            market.expireUpTo(now);
        }
    }

    // ------------------------------------------------------------------------------------------- state and queries

    @Override
    public RegistryView registry()
    {
        return registry;
    }

    @Override
    public AuctionsView auctions()
    {
        return auctions;
    }

    @Override
    public ComplianceView compliance()
    {
        return compliance;
    }

    @Override
    public BookView orderBook(final int instrumentId)
    {
        return market.book(instrumentId);
    }

    @Override
    public DailyStatisticsView dailyStatistics(final int instrumentId)
    {
        return market.statistics(instrumentId);
    }

    @Override
    public Collection<Proposal> proposals()
    {
        return approvals.proposals();
    }

    @Override
    public long clock()
    {
        return now;
    }

    @Override
    public long lastAppliedSequence()
    {
        return lastSequence;
    }

    @Override
    public int lastClosedTradingDate()
    {
        return tradingDay.lastClosedDate();
    }

    @Override
    public long stateHash()
    {
        return snapshot.hashInto(StateHash.mix(StateHash.mix(0, lastSequence), now));
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(lastSequence);
        out.writeLong(now);
        snapshot.write(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (lastSequence != -1)
        {
            throw new IllegalStateException("a snapshot must be read into a fresh state machine");
        }
        lastSequence = in.readLong();
        now = in.readLong();
        snapshot.read(in);
    }
}
