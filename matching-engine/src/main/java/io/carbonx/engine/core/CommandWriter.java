package io.carbonx.engine.core;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.CommandEnvelope;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AddInstrumentEncoder;
import io.carbonx.protocol.sbe.AllocateAllowancesEncoder;
import io.carbonx.protocol.sbe.AmendOrderEncoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelOrderEncoder;
import io.carbonx.protocol.sbe.CancelUnitsEncoder;
import io.carbonx.protocol.sbe.CloseComplianceYearEncoder;
import io.carbonx.protocol.sbe.CorrectEmissionsEncoder;
import io.carbonx.protocol.sbe.SetPenaltyMultipleEncoder;
import io.carbonx.protocol.sbe.RecordFinePaymentEncoder;
import io.carbonx.protocol.sbe.WaiveFineEncoder;
import io.carbonx.protocol.sbe.ReopenAssessmentEncoder;
import io.carbonx.protocol.sbe.DepositCashEncoder;
import io.carbonx.protocol.sbe.EndOfTradingDayEncoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsEncoder;
import io.carbonx.protocol.sbe.IssueUnitsEncoder;
import io.carbonx.protocol.sbe.LinkBrokerEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.NewOrderEncoder;
import io.carbonx.protocol.sbe.OpenAccountEncoder;
import io.carbonx.protocol.sbe.OpenComplianceYearEncoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.PledgeUnitsEncoder;
import io.carbonx.protocol.sbe.RecordEmissionsEncoder;
import io.carbonx.protocol.sbe.RetireUnitsEncoder;
import io.carbonx.protocol.sbe.SetTradingPhaseEncoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.SurrenderUnitsEncoder;
import io.carbonx.protocol.sbe.TakeSnapshotEncoder;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TransferUnitsEncoder;
import io.carbonx.protocol.sbe.WithdrawCashEncoder;
import io.carbonx.registry.UnitAttributes;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes engine commands into a buffer: one method per command, each returning the encoded length including the
 * message header. Not thread-safe: one writer per producing thread, reused for every command it sends.
 */
public final class CommandWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final AmendOrderEncoder amendOrder = new AmendOrderEncoder();
    private final SetTradingPhaseEncoder setPhase = new SetTradingPhaseEncoder();
    private final EndOfTradingDayEncoder endOfDay = new EndOfTradingDayEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private final AddInstrumentEncoder addInstrument = new AddInstrumentEncoder();
    private final OpenAccountEncoder openAccount = new OpenAccountEncoder();
    private final LinkBrokerEncoder linkBroker = new LinkBrokerEncoder();
    private final IssueUnitsEncoder issueUnits = new IssueUnitsEncoder();
    private final IssueProjectUnitsEncoder issueProjectUnits = new IssueProjectUnitsEncoder();
    private final DepositCashEncoder depositCash = new DepositCashEncoder();
    private final WithdrawCashEncoder withdrawCash = new WithdrawCashEncoder();
    private final TransferUnitsEncoder transferUnits = new TransferUnitsEncoder();
    private final PledgeUnitsEncoder pledgeUnits = new PledgeUnitsEncoder();
    private final RetireUnitsEncoder retireUnits = new RetireUnitsEncoder();
    private final CancelUnitsEncoder cancelUnits = new CancelUnitsEncoder();
    private final OpenComplianceYearEncoder openYear = new OpenComplianceYearEncoder();
    private final AllocateAllowancesEncoder allocate = new AllocateAllowancesEncoder();
    private final RecordEmissionsEncoder recordEmissions = new RecordEmissionsEncoder();
    private final SurrenderUnitsEncoder surrender = new SurrenderUnitsEncoder();
    private final CloseComplianceYearEncoder closeYear = new CloseComplianceYearEncoder();
    private final CorrectEmissionsEncoder correctEmissionsCommand = new CorrectEmissionsEncoder();
    private final SetPenaltyMultipleEncoder setPenaltyMultipleCommand = new SetPenaltyMultipleEncoder();
    private final RecordFinePaymentEncoder recordFinePaymentCommand = new RecordFinePaymentEncoder();
    private final WaiveFineEncoder waiveFineCommand = new WaiveFineEncoder();
    private final ReopenAssessmentEncoder reopenAssessmentCommand = new ReopenAssessmentEncoder();

    private final CommandEnvelope envelope = new CommandEnvelope();

    /**
     * Set the envelope that the following commands carry, for the exchange's own commands (timers, setup): the
     * time, the sending source and its correlation id, with {@link UserIds#EXCHANGE} as the user.
     *
     * @return this, for chaining into the command.
     */
    public CommandWriter envelope(final long timestamp, final int sourceId, final long correlationId)
    {
        return envelope(timestamp, sourceId, correlationId, UserIds.EXCHANGE);
    }

    /**
     * Set the envelope that the following commands carry: the time, the sending source, its correlation id and the
     * user who acts (see {@link CommandEnvelope#set}).
     *
     * @return this, for chaining into the command.
     */
    public CommandWriter envelope(final long timestamp, final int sourceId, final long correlationId, final long userId)
    {
        envelope.set(timestamp, sourceId, correlationId, userId);
        return this;
    }

    public int newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long accountId,
        final int brokerId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final long price,
        final long quantity,
        final long expireTime)
    {
        newOrder.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(newOrder.envelope());
        newOrder.orderId(orderId)
            .accountId(accountId)
            .brokerId(brokerId)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(type)
            .timeInForce(timeInForce)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .price(price)
            .quantity(quantity)
            .expireTime(expireTime);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    public int cancelOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long accountId,
        final int brokerId,
        final int instrumentId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(cancelOrder.envelope());
        cancelOrder.orderId(orderId)
            .accountId(accountId)
            .brokerId(brokerId)
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength();
    }

    public int amendOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long accountId,
        final int brokerId,
        final int instrumentId,
        final long price,
        final long quantity)
    {
        amendOrder.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(amendOrder.envelope());
        amendOrder.orderId(orderId)
            .accountId(accountId)
            .brokerId(brokerId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + amendOrder.encodedLength();
    }

    /**
     * @param instrumentId 0 for every instrument.
     */
    public int setTradingPhase(
        final MutableDirectBuffer buffer, final int offset, final int instrumentId, final TradingPhase phase)
    {
        setPhase.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(setPhase.envelope());
        setPhase.instrumentId(instrumentId)
            .phase(phase);
        return MessageHeaderEncoder.ENCODED_LENGTH + setPhase.encodedLength();
    }

    /**
     * @param tradingDate yyyymmdd of the day being closed.
     */
    public int endOfTradingDay(final MutableDirectBuffer buffer, final int offset, final int tradingDate)
    {
        endOfDay.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(endOfDay.envelope());
        endOfDay.tradingDate(tradingDate);
        return MessageHeaderEncoder.ENCODED_LENGTH + endOfDay.encodedLength();
    }

    public int takeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        takeSnapshot.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(takeSnapshot.envelope());
        return MessageHeaderEncoder.ENCODED_LENGTH + takeSnapshot.encodedLength();
    }

    public int addInstrument(final MutableDirectBuffer buffer, final int offset, final InstrumentSpec spec)
    {
        addInstrument.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(addInstrument.envelope());
        addInstrument.instrumentId(spec.id())
            .symbol(spec.symbol())
            .kind(spec.kind())
            .vintage(spec.vintage())
            .tickSize(spec.tickSize())
            .lotSize(spec.lotSize())
            .minQuantity(spec.minQuantity())
            .maxQuantity(spec.maxQuantity())
            .priceBandBps(spec.priceBandBps())
            .referencePrice(spec.referencePrice())
            .selfTradePolicy(spec.selfTradePolicy());
        return MessageHeaderEncoder.ENCODED_LENGTH + addInstrument.encodedLength();
    }

    public int openAccount(final MutableDirectBuffer buffer, final int offset, final long accountId,
        final AccountType type)
    {
        openAccount.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(openAccount.envelope());
        openAccount.accountId(accountId)
            .accountType(type);
        return MessageHeaderEncoder.ENCODED_LENGTH + openAccount.encodedLength();
    }

    public int linkBroker(final MutableDirectBuffer buffer, final int offset, final int brokerId, final long accountId)
    {
        linkBroker.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(linkBroker.envelope());
        linkBroker.brokerId(brokerId)
            .accountId(accountId);
        return MessageHeaderEncoder.ENCODED_LENGTH + linkBroker.encodedLength();
    }

    public int issueUnits(
        final MutableDirectBuffer buffer, final int offset, final long accountId, final int instrumentId,
        final long quantity)
    {
        issueUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(issueUnits.envelope());
        issueUnits.accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + issueUnits.encodedLength();
    }

    public int issueProjectUnits(
        final MutableDirectBuffer buffer, final int offset, final long accountId, final int instrumentId,
        final long quantity, final UnitAttributes attributes)
    {
        issueProjectUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(issueProjectUnits.envelope());
        issueProjectUnits.accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .projectType(attributes.projectType())
            .projectId(attributes.projectId())
            .vintage(attributes.vintage())
            .registeredDate(attributes.registeredDate())
            .labels((short)attributes.labels());
        return MessageHeaderEncoder.ENCODED_LENGTH + issueProjectUnits.encodedLength();
    }

    public int depositCash(final MutableDirectBuffer buffer, final int offset, final long accountId, final long amount)
    {
        depositCash.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(depositCash.envelope());
        depositCash.accountId(accountId)
            .amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + depositCash.encodedLength();
    }

    public int withdrawCash(final MutableDirectBuffer buffer, final int offset, final long accountId, final long amount)
    {
        withdrawCash.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(withdrawCash.envelope());
        withdrawCash.accountId(accountId)
            .amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdrawCash.encodedLength();
    }

    public int transferUnits(
        final MutableDirectBuffer buffer,
        final int offset,
        final long fromAccountId,
        final long toAccountId,
        final int instrumentId,
        final long quantity)
    {
        transferUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(transferUnits.envelope());
        transferUnits.fromAccountId(fromAccountId)
            .toAccountId(toAccountId)
            .instrumentId(instrumentId)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + transferUnits.encodedLength();
    }

    /**
     * @param release true to release a pledge rather than make one.
     */
    public int pledgeUnits(
        final MutableDirectBuffer buffer,
        final int offset,
        final long accountId,
        final int instrumentId,
        final long quantity,
        final boolean release)
    {
        pledgeUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(pledgeUnits.envelope());
        pledgeUnits.accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .release(release ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + pledgeUnits.encodedLength();
    }

    public int retireUnits(
        final MutableDirectBuffer buffer,
        final int offset,
        final long accountId,
        final int instrumentId,
        final long quantity,
        final String beneficiary,
        final String reason)
    {
        retireUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(retireUnits.envelope());
        retireUnits.accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .beneficiary(beneficiary)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + retireUnits.encodedLength();
    }

    public int cancelUnits(
        final MutableDirectBuffer buffer, final int offset, final long accountId, final int instrumentId,
        final long quantity)
    {
        cancelUnits.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(cancelUnits.envelope());
        cancelUnits.accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelUnits.encodedLength();
    }

    // ------------------------------------------------------------------------------------------------ compliance

    public int openComplianceYear(final MutableDirectBuffer buffer, final int offset, final int year,
        final long deadline)
    {
        openYear.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(openYear.envelope());
        openYear.year(year)
            .deadline(deadline);
        return MessageHeaderEncoder.ENCODED_LENGTH + openYear.encodedLength();
    }

    public int allocateAllowances(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final int instrumentId,
        final long quantity)
    {
        allocate.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(allocate.envelope());
        allocate.year(year)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + allocate.encodedLength();
    }

    public int recordEmissions(
        final MutableDirectBuffer buffer, final int offset, final int year, final long accountId, final long emissions)
    {
        recordEmissions.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(recordEmissions.envelope());
        recordEmissions.year(year)
            .accountId(accountId)
            .emissions(emissions);
        return MessageHeaderEncoder.ENCODED_LENGTH + recordEmissions.encodedLength();
    }

    public int surrenderUnits(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final int brokerId,
        final int instrumentId,
        final long quantity)
    {
        surrender.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(surrender.envelope());
        surrender.year(year)
            .accountId(accountId)
            .brokerId(brokerId)
            .instrumentId(instrumentId)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + surrender.encodedLength();
    }

    public int closeComplianceYear(final MutableDirectBuffer buffer, final int offset, final int year)
    {
        closeYear.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(closeYear.envelope());
        closeYear.year(year);
        return MessageHeaderEncoder.ENCODED_LENGTH + closeYear.encodedLength();
    }

    public int correctEmissions(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final long emissions,
        final String reason)
    {
        correctEmissionsCommand.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(correctEmissionsCommand.envelope());
        correctEmissionsCommand.year(year)
            .accountId(accountId)
            .emissions(emissions)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + correctEmissionsCommand.encodedLength();
    }

    public int setPenaltyMultiple(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final long multiple,
        final String reason)
    {
        setPenaltyMultipleCommand.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(setPenaltyMultipleCommand.envelope());
        setPenaltyMultipleCommand.year(year)
            .accountId(accountId)
            .multiple(multiple)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + setPenaltyMultipleCommand.encodedLength();
    }

    public int recordFinePayment(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final String reference)
    {
        recordFinePaymentCommand.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(recordFinePaymentCommand.envelope());
        recordFinePaymentCommand.year(year)
            .accountId(accountId)
            .reference(reference);
        return MessageHeaderEncoder.ENCODED_LENGTH + recordFinePaymentCommand.encodedLength();
    }

    public int waiveFine(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final String reason)
    {
        waiveFineCommand.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(waiveFineCommand.envelope());
        waiveFineCommand.year(year)
            .accountId(accountId)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + waiveFineCommand.encodedLength();
    }

    public int reopenAssessment(
        final MutableDirectBuffer buffer,
        final int offset,
        final int year,
        final long accountId,
        final String reason)
    {
        reopenAssessmentCommand.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(reopenAssessmentCommand.envelope());
        reopenAssessmentCommand.year(year)
            .accountId(accountId)
            .reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + reopenAssessmentCommand.encodedLength();
    }
}
