package io.carbonx.engine.core;

import io.carbonx.clearing.BuyOrderReservation;
import io.carbonx.clearing.TradeSettlement;
import io.carbonx.clearing.compliance.ComplianceDesk;
import io.carbonx.clearing.compliance.ComplianceInstruments;
import io.carbonx.engine.auction.AuctionHouse;
import io.carbonx.engine.block.BlockTradeDesk;
import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.AddInstrumentDecoder;
import io.carbonx.protocol.sbe.AllocateAllowancesDecoder;
import io.carbonx.protocol.sbe.AmendAuctionBidDecoder;
import io.carbonx.protocol.sbe.AmendOrderDecoder;
import io.carbonx.protocol.sbe.BlockTradeDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelOrderDecoder;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.CancelUnitsDecoder;
import io.carbonx.protocol.sbe.CommandEnvelopeDecoder;
import io.carbonx.protocol.sbe.CloseAuctionDecoder;
import io.carbonx.protocol.sbe.CloseComplianceYearDecoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.DepositCashDecoder;
import io.carbonx.protocol.sbe.EndOfTradingDayDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.LinkBrokerDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.protocol.sbe.OpenAccountDecoder;
import io.carbonx.protocol.sbe.OpenAuctionDecoder;
import io.carbonx.protocol.sbe.OpenComplianceYearDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.PledgeUnitsDecoder;
import io.carbonx.protocol.sbe.RecordEmissionsDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.RetireUnitsDecoder;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.SetTradingPhaseDecoder;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.SubmitAuctionBidDecoder;
import io.carbonx.protocol.sbe.SurrenderUnitsDecoder;
import io.carbonx.protocol.sbe.TakeSnapshotDecoder;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TransferUnitsDecoder;
import io.carbonx.protocol.sbe.WithdrawAuctionBidDecoder;
import io.carbonx.protocol.sbe.WithdrawCashDecoder;
import io.carbonx.registry.Registry;
import org.agrona.DirectBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The exchange's deterministic core: the registry, one order book per instrument, trade settlement and the compliance
 * desk (compliance years, surrender, penalties), changed only by sequenced commands and reporting every change as events.
 * <p>
 * An order is checked by its book, then its units (sell) or cash (buy) are reserved in the registry, and only then is
 * it accepted and matched; every trade settles at once, delivery versus payment. A sell reserves its leaves; a buy
 * reserves {@link BuyOrderReservation#cashFor} its limit and leaves, which each fill brings down by what it pays plus the
 * price improvement it releases, and which is released in full when the order is cancelled or expires. So, after every
 * command, each account's reserved cash is the sum of its working buy orders' reservations (and of its live auction
 * bids) and its reserved units the sum of its working sell orders' leaves (and, for an AUCTION account, the volume of
 * its open auctions).
 * <p>
 * Primary auctions are run by {@link AuctionHouse} and block trades by {@link BlockTradeDesk}; a block trade settles
 * through the same {@link TradeSettlement} and takes its id from the same sequence as trades.
 * <p>
 * Time enters only as the timestamp of a command; the machine's clock is the latest timestamp seen, so a command that
 * arrives with an older time does not move it back. GTD orders expire when a command moves the clock past their
 * expiry. Single-threaded; the order path allocates nothing.
 */
public final class ExchangeStateMachine implements StateMachine
{
    private final ExchangeSettings settings;
    private final Registry registry;
    private final TradeSettlement settlement;
    private final BuyOrderReservation buyReservation;
    private final OrderBook[] books;
    private final DailyStatistics[] statistics;
    private final EventEnvelope envelope = new EventEnvelope();
    private final EventPublisher publisher = new EventPublisher(envelope);
    private final ComplianceDesk compliance;
    private final ComplianceEvents complianceEvents = new ComplianceEvents(envelope);

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
    private final DepositCashDecoder depositCash = new DepositCashDecoder();
    private final WithdrawCashDecoder withdrawCash = new WithdrawCashDecoder();
    private final TransferUnitsDecoder transferUnits = new TransferUnitsDecoder();
    private final PledgeUnitsDecoder pledgeUnits = new PledgeUnitsDecoder();
    private final RetireUnitsDecoder retireUnits = new RetireUnitsDecoder();
    private final CancelUnitsDecoder cancelUnits = new CancelUnitsDecoder();
    private final AuctionHouse auctions;
    private final BlockTradeDesk blockTrades;
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

    private long lastSequence = -1;
    private long now;
    private long tradeId;
    private long nextExpireTime = Long.MAX_VALUE;

    public ExchangeStateMachine(final ExchangeSettings settings)
    {
        this.settings = settings;
        this.registry = new Registry(settings.feeAccountId(), settings.holdingLimits(), settings.maxInstrumentId());
        this.settlement = new TradeSettlement(registry, settings.fees());
        this.buyReservation = new BuyOrderReservation(settings.fees());
        this.books = new OrderBook[settings.maxInstrumentId() + 1];
        this.statistics = new DailyStatistics[settings.maxInstrumentId() + 1];
        this.auctions = new AuctionHouse(registry, envelope);
        this.blockTrades = new BlockTradeDesk(settings.blockTrades(), registry, settlement, buyReservation, envelope);
        this.compliance = new ComplianceDesk(registry, settings.compliance(), new ListedInstruments());
    }

    @Override
    public void apply(final long sequence, final DirectBuffer buffer, final int offset, final int length, final EventSink events)
    {
        lastSequence = sequence;
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || blockLength < CommandEnvelopeDecoder.ENCODED_LENGTH)
        {
            envelope.begin(events, sequence, now, 0, 0);
            publisher.rejected(CommandKind.ADMIN, 0, 0, 0, RejectReason.UNKNOWN_COMMAND);
            return;
        }

        // Every command starts with the same envelope: begin it once, before dispatching on the command's type.
        commandEnvelope.wrap(buffer, bodyOffset);
        begin(events, sequence, commandEnvelope.timestamp(), commandEnvelope.sourceId(), commandEnvelope.correlationId());
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                newOrder.wrap(buffer, bodyOffset, blockLength, version);
                onNewOrder(newOrder);
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                cancelOrder.wrap(buffer, bodyOffset, blockLength, version);
                onCancelOrder(cancelOrder);
            }
            case AmendOrderDecoder.TEMPLATE_ID ->
            {
                amendOrder.wrap(buffer, bodyOffset, blockLength, version);
                onAmendOrder(amendOrder);
            }
            case SetTradingPhaseDecoder.TEMPLATE_ID ->
            {
                setPhase.wrap(buffer, bodyOffset, blockLength, version);
                onSetTradingPhase(setPhase.instrumentId(), setPhase.phase());
            }
            case EndOfTradingDayDecoder.TEMPLATE_ID ->
            {
                endOfDay.wrap(buffer, bodyOffset, blockLength, version);
                onEndOfTradingDay(endOfDay.tradingDate());
            }
            case TakeSnapshotDecoder.TEMPLATE_ID ->
            {
                // The pipeline writes the snapshot once this command is applied; the state itself does not change.
                takeSnapshot.wrap(buffer, bodyOffset, blockLength, version);
            }
            case AddInstrumentDecoder.TEMPLATE_ID ->
            {
                addInstrument.wrap(buffer, bodyOffset, blockLength, version);
                onAddInstrument(addInstrument);
            }
            case OpenAuctionDecoder.TEMPLATE_ID ->
            {
                final OpenAuctionDecoder command = openAuction.wrap(buffer, bodyOffset, blockLength, version);
                auctions.open(command, instrument(command.instrumentId()));
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
                onBlockTrade(command);
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
            default -> applyRegistryCommand(header.templateId(), buffer, bodyOffset, blockLength, version);
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
                final AccountType type = command.accountType();
                final RejectReason reason = type == AccountType.NULL_VAL ?
                    RejectReason.INVALID_ACCOUNT_TYPE : registry.openAccount(command.accountId(), type);
                registryOutcome(reason, templateId, command.accountId(), 0, 0, 0, 0, false);
            }
            case LinkBrokerDecoder.TEMPLATE_ID ->
            {
                final LinkBrokerDecoder command = linkBroker.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = command.brokerId() <= 0 ?
                    RejectReason.INVALID_FIELD_VALUE : registry.linkBroker(command.brokerId(), command.accountId());
                registryOutcome(reason, templateId, command.accountId(), command.brokerId(), 0, 0, 0, false);
            }
            case IssueUnitsDecoder.TEMPLATE_ID ->
            {
                final IssueUnitsDecoder command = issueUnits.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = registry.issue(command.accountId(), command.instrumentId(), command.quantity());
                registryOutcome(reason, templateId, command.accountId(), 0, command.instrumentId(), command.quantity(), 0, true);
            }
            case DepositCashDecoder.TEMPLATE_ID ->
            {
                final DepositCashDecoder command = depositCash.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = registry.depositCash(command.accountId(), command.amount());
                registryOutcome(reason, templateId, command.accountId(), 0, 0, 0, command.amount(), false);
            }
            case WithdrawCashDecoder.TEMPLATE_ID ->
            {
                final WithdrawCashDecoder command = withdrawCash.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = registry.withdrawCash(command.accountId(), command.amount());
                registryOutcome(reason, templateId, command.accountId(), 0, 0, 0, command.amount(), false);
            }
            case TransferUnitsDecoder.TEMPLATE_ID ->
            {
                final TransferUnitsDecoder command = transferUnits.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = registry.transfer(
                    command.fromAccountId(), command.toAccountId(), command.instrumentId(), command.quantity());
                registryOutcome(reason, templateId, command.fromAccountId(), command.toAccountId(), command.instrumentId(),
                    command.quantity(), 0, true);
            }
            case PledgeUnitsDecoder.TEMPLATE_ID ->
            {
                final PledgeUnitsDecoder command = pledgeUnits.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = command.release() == BooleanType.TRUE ?
                    registry.unpledge(command.accountId(), command.instrumentId(), command.quantity()) :
                    registry.pledge(command.accountId(), command.instrumentId(), command.quantity());
                registryOutcome(reason, templateId, command.accountId(), 0, command.instrumentId(), command.quantity(), 0, false);
            }
            case RetireUnitsDecoder.TEMPLATE_ID ->
            {
                final RetireUnitsDecoder command = retireUnits.wrap(buffer, bodyOffset, blockLength, version);
                final long accountId = command.accountId();
                final int instrumentId = command.instrumentId();
                final long quantity = command.quantity();
                final RejectReason reason = registry.retire(
                    accountId, instrumentId, quantity, command.beneficiary(), command.reason());
                registryOutcome(reason, templateId, accountId, 0, instrumentId, quantity, 0, true);
            }
            case CancelUnitsDecoder.TEMPLATE_ID ->
            {
                final CancelUnitsDecoder command = cancelUnits.wrap(buffer, bodyOffset, blockLength, version);
                final RejectReason reason = registry.cancel(command.accountId(), command.instrumentId(), command.quantity());
                registryOutcome(reason, templateId, command.accountId(), 0, command.instrumentId(), command.quantity(), 0, true);
            }
            default -> publisher.rejected(CommandKind.ADMIN, 0, 0, 0, RejectReason.UNKNOWN_COMMAND);
        }
    }

    /**
     * Start a command: its events carry its envelope, and its timestamp may move the clock and expire GTD orders.
     */
    private void begin(
        final EventSink events, final long sequence, final long timestamp, final int sourceId, final long correlationId)
    {
        if (timestamp > now)
        {
            now = timestamp;
        }
        envelope.begin(events, sequence, now, sourceId, correlationId);
        if (now >= nextExpireTime)
        {
            expireDueOrders();
        }
    }

    private void expireDueOrders()
    {
        long earliest = Long.MAX_VALUE;
        for (final OrderBook book : books)
        {
            if (book != null)
            {
                book.expireUpTo(now);
                earliest = Math.min(earliest, book.nextExpireTime());
            }
        }
        nextExpireTime = earliest;
    }

    private void onNewOrder(final NewOrderDecoder command)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final OrderBook book = book(instrumentId);
        if (book == null)
        {
            publisher.rejected(CommandKind.NEW_ORDER, orderId, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final RejectReason permission = checkPermission(command.brokerId(), accountId);
        if (permission != null)
        {
            publisher.rejected(CommandKind.NEW_ORDER, orderId, accountId, instrumentId, permission);
            return;
        }

        final Side side = command.side();
        final OrderType type = command.orderType();
        final TimeInForce timeInForce = command.timeInForce();
        final boolean postOnly = command.postOnly() == BooleanType.TRUE;
        final long price = command.price();
        final long quantity = command.quantity();
        final long expireTime = command.expireTime();
        RejectReason reason = book.validateNewOrder(orderId, side, type, timeInForce, postOnly, price, quantity, expireTime, now);
        long reservation = 0;
        if (reason == null)
        {
            if (side == Side.SELL)
            {
                reason = registry.reserveUnits(accountId, instrumentId, quantity);
            }
            else
            {
                final long limit = type == OrderType.MARKET ? book.marketLimit(Side.BUY) : price;
                reservation = buyReservation.cashFor(limit, quantity);
                reason = registry.reserveForBuy(accountId, instrumentId, quantity, reservation);
            }
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.NEW_ORDER, orderId, accountId, instrumentId, reason);
            return;
        }

        publisher.orderAccepted(orderId, accountId, instrumentId, side, type == OrderType.MARKET ? 0 : price, quantity);
        book.place(orderId, accountId, side, type, timeInForce, postOnly, price, quantity, expireTime, reservation);
        if (timeInForce == TimeInForce.GTD && book.order(orderId) != null)
        {
            nextExpireTime = Math.min(nextExpireTime, expireTime);
        }
    }

    private void onCancelOrder(final CancelOrderDecoder command)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final OrderBook book = book(instrumentId);
        RejectReason reason = book == null ? RejectReason.UNKNOWN_INSTRUMENT : checkPermission(command.brokerId(), accountId);
        if (reason == null)
        {
            reason = book.cancel(orderId, accountId);
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.CANCEL_ORDER, orderId, accountId, instrumentId, reason);
        }
    }

    private void onAmendOrder(final AmendOrderDecoder command)
    {
        final long orderId = command.orderId();
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final long price = command.price();
        final long quantity = command.quantity();
        final OrderBook book = book(instrumentId);
        RejectReason reason = book == null ? RejectReason.UNKNOWN_INSTRUMENT : checkPermission(command.brokerId(), accountId);
        if (reason == null)
        {
            reason = book.validateAmend(orderId, accountId, price, quantity);
        }
        if (reason == null)
        {
            reason = adjustReservation(book.order(orderId), instrumentId, price, quantity);
        }
        if (reason != null)
        {
            publisher.rejected(CommandKind.AMEND_ORDER, orderId, accountId, instrumentId, reason);
            return;
        }
        book.amend(orderId, price, quantity);
        final Order amended = book.order(orderId);
        if (amended != null && amended.timeInForce() == TimeInForce.GTD)
        {
            nextExpireTime = Math.min(nextExpireTime, amended.expireTime());
        }
    }

    /**
     * Bring an order's reservation to what it needs at its new price and quantity, all or nothing.
     */
    private RejectReason adjustReservation(final Order order, final int instrumentId, final long price, final long quantity)
    {
        final long accountId = order.accountId();
        final long leavesChange = (quantity - order.filled()) - order.leaves();
        if (order.side() == Side.SELL)
        {
            return leavesChange > 0 ? registry.reserveUnits(accountId, instrumentId, leavesChange) :
                leavesChange < 0 ? registry.releaseUnits(accountId, instrumentId, -leavesChange) : null;
        }

        final long needed = buyReservation.cashFor(price, quantity - order.filled());
        final long cashChange = needed - order.reservation();
        if (leavesChange > 0)
        {
            final RejectReason reason = registry.reservePendingBuy(accountId, instrumentId, leavesChange);
            if (reason != null)
            {
                return reason;
            }
        }
        if (cashChange > 0)
        {
            final RejectReason reason = registry.reserveCash(accountId, cashChange);
            if (reason != null)
            {
                if (leavesChange > 0)
                {
                    expectApplied(registry.releasePendingBuy(accountId, instrumentId, leavesChange), "undo pending buy");
                }
                return reason;
            }
        }
        else if (cashChange < 0)
        {
            expectApplied(registry.releaseCash(accountId, -cashChange), "release cash on amend");
        }
        if (leavesChange < 0)
        {
            expectApplied(registry.releasePendingBuy(accountId, instrumentId, -leavesChange), "release pending buy on amend");
        }
        order.reservation(needed);
        return null;
    }

    private void onSetTradingPhase(final int instrumentId, final TradingPhase phase)
    {
        if (phase == TradingPhase.NULL_VAL || (instrumentId != 0 && book(instrumentId) == null))
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId,
                phase == TradingPhase.NULL_VAL ? RejectReason.INVALID_FIELD_VALUE : RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        for (int id = 1; id < books.length; id++)
        {
            if (books[id] != null && (instrumentId == 0 || instrumentId == id))
            {
                books[id].instrument().phase(phase);
                publisher.phaseChanged(id, phase);
            }
        }
    }

    /**
     * Close the day, instrument by instrument in id order: report the day's figures and closing price, expire DAY
     * orders, and make the close the next day's band reference; then unlock the units bought today.
     */
    private void onEndOfTradingDay(final int tradingDate)
    {
        for (int id = 1; id < books.length; id++)
        {
            final OrderBook book = books[id];
            if (book != null)
            {
                final Instrument instrument = book.instrument();
                final DailyStatistics day = statistics[id];
                final long close = day.closingPrice(instrument.referencePrice(), instrument.spec().tickSize());
                publisher.dayClosed(tradingDate, id, close, day.volume(), day.turnover());
                compliance.onDayClosed(tradingDate, id, day.volume(), day.turnover());
                book.expireDayOrders();
                instrument.referencePrice(close);
                day.reset();
            }
        }
        registry.unlockAll();
    }

    private void onAddInstrument(final AddInstrumentDecoder command)
    {
        final int instrumentId = command.instrumentId();
        if (instrumentId < 1 || instrumentId > settings.maxInstrumentId())
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.INVALID_FIELD_VALUE);
            return;
        }
        if (books[instrumentId] != null)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.DUPLICATE_ID);
            return;
        }
        final InstrumentSpec spec;
        try
        {
            spec = decodeSpec(command);
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.INVALID_FIELD_VALUE);
            return;
        }
        list(spec);
        publisher.instrumentListed(spec, TradingPhase.CONTINUOUS);
    }

    private static InstrumentSpec decodeSpec(final AddInstrumentDecoder command)
    {
        final InstrumentKind kind = command.kind();
        final SelfTradePolicy policy = command.selfTradePolicy();
        if (kind == InstrumentKind.NULL_VAL || policy == SelfTradePolicy.NULL_VAL)
        {
            throw new IllegalArgumentException("kind and self-trade policy are required");
        }
        return new InstrumentSpec(
            command.instrumentId(),
            command.symbol().trim(),
            kind,
            command.vintage(),
            command.tickSize(),
            command.lotSize(),
            command.minQuantity(),
            command.maxQuantity(),
            command.priceBandBps(),
            command.referencePrice(),
            policy);
    }

    private OrderBook list(final InstrumentSpec spec)
    {
        final OrderBook book = new OrderBook(
            new Instrument(spec), settings.orderCapacityPerBook(), settings.closedOrderMemory(), new BookEvents(spec.id()));
        books[spec.id()] = book;
        statistics[spec.id()] = new DailyStatistics();
        return book;
    }

    private void registryOutcome(
        final RejectReason reason,
        final int templateId,
        final long accountId,
        final long counterpartyAccountId,
        final int instrumentId,
        final long quantity,
        final long amount,
        final boolean movesSerials)
    {
        if (reason != null)
        {
            publisher.rejected(CommandKind.REGISTRY, 0, accountId, instrumentId, reason);
            return;
        }
        publisher.registryChanged(templateId, accountId, counterpartyAccountId, instrumentId, quantity, amount,
            movesSerials ? registry.lastSerialStart() : 0, movesSerials ? registry.lastSerialEnd() : 0);
    }

    private RejectReason checkPermission(final int brokerId, final long accountId)
    {
        if (registry.account(accountId) == null)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        return registry.isPermitted(brokerId, accountId) ? null : RejectReason.ACCOUNT_NOT_PERMITTED;
    }

    /**
     * Give back what a leaving order still holds in reserve.
     */
    private void releaseReservation(final Order order, final int instrumentId)
    {
        final long leaves = order.leaves();
        if (order.side() == Side.SELL)
        {
            expectApplied(registry.releaseUnits(order.accountId(), instrumentId, leaves), "release units");
        }
        else
        {
            expectApplied(registry.releaseForBuy(order.accountId(), instrumentId, leaves, order.reservation()), "release a buy");
        }
        order.reservation(0);
    }

    /**
     * Reservations and settlements of working orders cannot be refused if the machine's bookkeeping is right; a refusal
     * means it is not, and carrying on would corrupt the registry, so it stops the machine.
     */
    private static void expectApplied(final RejectReason reason, final String what)
    {
        if (reason != null)
        {
            throw new IllegalStateException("registry refused to " + what + ": " + reason);
        }
    }

    /**
     * A block trade takes the next trade id and, only if the scheme says so, counts in the closing price.
     */
    private void onBlockTrade(final BlockTradeDecoder command)
    {
        final int instrumentId = command.instrumentId();
        if (blockTrades.execute(command, instrument(instrumentId), tradeId + 1))
        {
            tradeId++;
            if (settings.blockTrades().countsInClosePrice())
            {
                statistics[instrumentId].onTrade(command.price(), command.quantity());
            }
        }
    }

    private Instrument instrument(final int instrumentId)
    {
        final OrderBook book = book(instrumentId);
        return book == null ? null : book.instrument();
    }

    private OrderBook book(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    /**
     * Turns one book's reports into settlement, reservation releases and events.
     */
    private final class BookEvents implements OrderBookListener
    {
        private final int instrumentId;

        BookEvents(final int instrumentId)
        {
            this.instrumentId = instrumentId;
        }

        @Override
        public void onTrade(final Order taker, final Order maker, final long price, final long quantity)
        {
            final Order buy = taker.side() == Side.BUY ? taker : maker;
            final Order sell = taker.side() == Side.BUY ? maker : taker;
            final long released = buyReservation.releasedOnFill(buy.price(), buy.leaves() + quantity, quantity);
            buy.reservation(buy.reservation() - released);
            expectApplied(settlement.settle(buy.accountId(), sell.accountId(), instrumentId, price, quantity, released),
                "settle a trade");
            statistics[instrumentId].onTrade(price, quantity);
            publisher.trade(++tradeId, instrumentId, price, quantity, taker.side(),
                taker.orderId(), taker.accountId(), taker.leaves(), maker.orderId(), maker.accountId(), maker.leaves(),
                settlement.lastBuyerFee(), settlement.lastSellerFee());
        }

        @Override
        public void onCancelled(final Order order, final long cancelledQuantity, final CancelReason reason)
        {
            releaseReservation(order, instrumentId);
            publisher.cancelled(order.orderId(), order.accountId(), instrumentId, cancelledQuantity, reason);
        }

        @Override
        public void onExpired(final Order order, final long expiredQuantity)
        {
            releaseReservation(order, instrumentId);
            publisher.expired(order.orderId(), order.accountId(), instrumentId, expiredQuantity);
        }

        @Override
        public void onAmended(final Order order, final boolean priorityKept)
        {
            publisher.amended(order.orderId(), order.accountId(), instrumentId, order.price(), order.quantity(),
                order.leaves(), priorityKept);
        }

        @Override
        public void onSelfTradePrevented(final Order incoming, final Order resting, final SelfTradePolicy policy)
        {
            publisher.selfTradePrevented(instrumentId, incoming.accountId(), incoming.orderId(), resting.orderId(), policy);
        }
    }

    /**
     * The compliance desk's view of the listed instruments.
     */
    private final class ListedInstruments implements ComplianceInstruments
    {
        @Override
        public int maxInstrumentId()
        {
            return settings.maxInstrumentId();
        }

        @Override
        public InstrumentKind kind(final int instrumentId)
        {
            final OrderBook book = book(instrumentId);
            return book == null ? null : book.instrument().spec().kind();
        }

        @Override
        public int vintage(final int instrumentId)
        {
            return books[instrumentId].instrument().spec().vintage();
        }

        @Override
        public long referencePrice(final int instrumentId)
        {
            return books[instrumentId].instrument().referencePrice();
        }
    }

    // ------------------------------------------------------------------------------------------- state and queries

    public Registry registry()
    {
        return registry;
    }

    /**
     * @return the primary auctions, for queries.
     */
    public AuctionHouse auctions()
    {
        return auctions;
    }

    /**
     * @return the compliance years, their ledgers and assessments.
     */
    public ComplianceDesk compliance()
    {
        return compliance;
    }

    /**
     * @return the book of an instrument, or null when it is not listed.
     */
    public OrderBook orderBook(final int instrumentId)
    {
        return book(instrumentId);
    }

    /**
     * @return the day's trading figures of an instrument, or null when it is not listed.
     */
    public DailyStatistics dailyStatistics(final int instrumentId)
    {
        return book(instrumentId) == null ? null : statistics[instrumentId];
    }

    @Override
    public long lastAppliedSequence()
    {
        return lastSequence;
    }

    @Override
    public long stateHash()
    {
        long hash = StateHash.mix(StateHash.mix(StateHash.mix(0, lastSequence), now), tradeId);
        hash = StateHash.mix(hash, registry.stateHash());
        for (int id = 1; id < books.length; id++)
        {
            final OrderBook book = books[id];
            if (book != null)
            {
                final Instrument instrument = book.instrument();
                hash = StateHash.mix(hash, id);
                hash = StateHash.mix(hash, instrument.phase().value());
                hash = StateHash.mix(hash, instrument.referencePrice());
                hash = statistics[id].hashInto(hash);
                hash = book.hashInto(hash);
            }
        }
        hash = auctions.hashInto(hash);
        hash = StateHash.mix(hash, compliance.stateHash());
        return hash;
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(lastSequence);
        out.writeLong(now);
        out.writeLong(tradeId);
        registry.writeSnapshot(out);
        int listed = 0;
        for (final OrderBook book : books)
        {
            listed += book == null ? 0 : 1;
        }
        out.writeInt(listed);
        for (int id = 1; id < books.length; id++)
        {
            final OrderBook book = books[id];
            if (book != null)
            {
                final InstrumentSpec spec = book.instrument().spec();
                out.writeInt(spec.id());
                out.writeUTF(spec.symbol());
                out.writeByte(spec.kind().value());
                out.writeInt(spec.vintage());
                out.writeLong(spec.tickSize());
                out.writeLong(spec.lotSize());
                out.writeLong(spec.minQuantity());
                out.writeLong(spec.maxQuantity());
                out.writeInt(spec.priceBandBps());
                out.writeLong(spec.referencePrice());
                out.writeByte(spec.selfTradePolicy().value());
                out.writeByte(book.instrument().phase().value());
                out.writeLong(book.instrument().referencePrice());
                statistics[id].writeSnapshot(out);
                book.writeSnapshot(out);
            }
        }
        auctions.writeSnapshot(out);
        compliance.writeSnapshot(out);
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
        tradeId = in.readLong();
        registry.readSnapshot(in);
        final int listed = in.readInt();
        for (int i = 0; i < listed; i++)
        {
            final InstrumentSpec spec = new InstrumentSpec(
                in.readInt(),
                in.readUTF(),
                InstrumentKind.get(in.readByte()),
                in.readInt(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readLong(),
                SelfTradePolicy.get(in.readByte()));
            final OrderBook book = list(spec);
            book.instrument().phase(TradingPhase.get(in.readByte()));
            book.instrument().referencePrice(in.readLong());
            statistics[spec.id()].readSnapshot(in);
            book.readSnapshot(in);
            nextExpireTime = Math.min(nextExpireTime, book.nextExpireTime());
        }
        auctions.readSnapshot(in);
        compliance.readSnapshot(in);
    }
}
