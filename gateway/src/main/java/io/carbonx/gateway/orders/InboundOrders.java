package io.carbonx.gateway.orders;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineUnavailableException;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues;
import io.carbonx.fix.codec.FixValues.Bool;
import io.carbonx.fix.codec.FixValues.BusinessRejectReason;
import io.carbonx.fix.codec.FixValues.CxlRejReason;
import io.carbonx.fix.codec.FixValues.ExecInst;
import io.carbonx.fix.codec.FixValues.ExecType;
import io.carbonx.fix.codec.FixValues.MassCancelRejectReason;
import io.carbonx.fix.codec.FixValues.MassCancelRequestType;
import io.carbonx.fix.codec.FixValues.MassCancelResponse;
import io.carbonx.fix.codec.FixValues.MsgType;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import io.carbonx.fix.codec.FixValues.OrdType;
import io.carbonx.fix.codec.MsgTypes;
import io.carbonx.fix.codec.UtcTimestamps;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Order entry inbound: turns NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest and OrderMassCancelRequest
 * into engine commands (and NewOrderCross into block trades, through {@link CrossRequests}), answers
 * OrderStatusRequest from the orders' state, and refuses bad input at once with a precise reject: a rejected
 * ExecutionReport, an OrderCancelReject, an OrderMassCancelReport or a BusinessMessageReject.
 * <p>
 * An order, request or cross taken is written to the {@link OrderLog} before its command is published (so a restart
 * can report on it), and what the reports must know of it goes to them as data through {@link OrderHandOff}; a cancel
 * or replace command carries a fresh correlation id under which its ClOrdID was handed over. A session publishes from
 * its own buffer: the engine's command ring takes many producers without a lock.
 * <p>
 * Orders, cancels and replaces are taken in batches, one per read from the connection ({@link PendingCommands}):
 * decoded from the message's bytes (the ClOrdID by its hash, the symbol by its bytes; a String only for what an order
 * keeps), their log records encoded into a reused buffer, and at {@link #onBatchEnd} written with one write, handed
 * over and published in message order. Refusals and status answers go at once, from a reused body. A mass cancel, a
 * cross and a logout first complete the batch, so that no command overtakes one of an earlier message.
 * <p>
 * Also the session-side end of the reports' store confirmations ({@link #onOutboundStored}), which it gives to their
 * {@link ReportDelivery}, and of the closing of orders, which it moves to their session's {@link ClosedOrders}.
 * <p>
 * Runs on the sessions' event loops and writes only the sessions' own state ({@link SessionOrders}; a new order's
 * {@link OrderState} until it is handed over, and its refusal); the order state it reads is written by
 * {@link ExecutionReports}.
 */
public final class InboundOrders implements FixApplication
{
    private static final Logger LOG = LoggerFactory.getLogger(InboundOrders.class);
    /** Side filter of a mass cancel without Side (54): both sides. */
    private static final char BOTH_SIDES = 0;
    private static final int NEW_ORDER_SINGLE = MsgTypes.key(MsgType.NEW_ORDER_SINGLE);
    private static final int ORDER_CANCEL_REQUEST = MsgTypes.key(MsgType.ORDER_CANCEL_REQUEST);
    private static final int ORDER_CANCEL_REPLACE_REQUEST = MsgTypes.key(MsgType.ORDER_CANCEL_REPLACE_REQUEST);
    private static final int ORDER_STATUS_REQUEST = MsgTypes.key(MsgType.ORDER_STATUS_REQUEST);
    private static final int ORDER_MASS_CANCEL_REQUEST = MsgTypes.key(MsgType.ORDER_MASS_CANCEL_REQUEST);
    private static final int NEW_ORDER_CROSS = MsgTypes.key(MsgType.NEW_ORDER_CROSS);

    private final OrderSessions sessions;
    private final ReportDelivery delivery;
    private final OrderHandOff handOff;
    private final BooleanSupplier ready;
    private final OrderLog log;
    private final Map<String, Integer> instrumentIds;
    private final InstrumentSymbols instruments;
    private final CommandPublisher engine;
    private final EngineHalt halt;
    private final CrossRequests crosses;

    /**
     * @param sessions      the configured sessions, as restored by the reports.
     * @param reports       whose order state this reads and to which it hands what they must know.
     * @param log           where orders are recorded before they are published.
     * @param instrumentIds by symbol.
     * @param engine        where commands go.
     * @param halt          stops the engine when the order log cannot be written.
     */
    public InboundOrders(
        final OrderSessions sessions, final ExecutionReports reports, final OrderLog log,
        final Map<String, Integer> instrumentIds, final CommandPublisher engine, final EngineHalt halt)
    {
        this(sessions, reports.delivery(), reports.handOff(), reports::isReady, log, instrumentIds, engine, halt);
    }

    InboundOrders(
        final OrderSessions sessions, final ReportDelivery delivery, final OrderHandOff handOff,
        final BooleanSupplier ready, final OrderLog log, final Map<String, Integer> instrumentIds,
        final CommandPublisher engine, final EngineHalt halt)
    {
        this.sessions = sessions;
        this.delivery = delivery;
        this.handOff = handOff;
        this.ready = ready;
        this.log = log;
        this.instrumentIds = Map.copyOf(instrumentIds);
        this.instruments = new InstrumentSymbols(this.instrumentIds);
        this.engine = engine;
        this.halt = halt;
        this.crosses = new CrossRequests(this.instrumentIds, handOff, new CrossRequests.Entry()
        {
            @Override
            public boolean logged(final SessionOrders owner, final OrderLog.Entry entry)
            {
                return InboundOrders.this.logged(owner, entry);
            }

            @Override
            public void publish(final FixSession session, final SessionOrders owner, final int length)
            {
                InboundOrders.this.publish(session, owner, owner.command, 0, length);
            }

            @Override
            public void refused(final FixSession session, final SessionOrders owner, final long accountId)
            {
                answerAndCopy(session, owner, accountId);
            }
        });
    }

    /**
     * A NewOrderSingle for an account the session may not trade is answered with a rejected ExecutionReport.
     */
    @Override
    public boolean checksAccount(final String msgType)
    {
        return MsgType.NEW_ORDER_SINGLE.equals(msgType);
    }

    @Override
    public void onLogout(final FixSession session)
    {
        final SessionOrders owner = sessions.byId(session.id());
        if (owner == null)
        {
            return;
        }
        try
        {
            // a read that ended with the connection may not have had its batch end
            flush(session, owner);
            if (session.settings().cancelOnDisconnect())
            {
                cancelOpenOrders(session, owner, null, BOTH_SIDES);
            }
        }
        finally
        {
            owner.pending.clear();
        }
    }

    /**
     * A report offered by the reports is stored: their delivery keeps the report checkpoint.
     */
    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        final SessionOrders owner = sessions.byId(session.id());
        if (owner != null)
        {
            delivery.onStored(owner.index, session, tag);
            owner.retireClosed(); // on the session's event loop, as often as its reports are stored
        }
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        final SessionOrders owner = sessions.byId(session.id());
        if (owner != null)
        {
            delivery.onFailed(owner.index, session, tag, cause);
        }
    }

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        final SessionOrders owner = sessions.byId(session.id());
        if (owner == null)
        {
            return;
        }
        if (!ready.getAsBoolean())
        {
            OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, message,
                BusinessRejectReason.APPLICATION_NOT_AVAILABLE, "exchange unavailable: starting"));
            return;
        }
        owner.retireClosed(); // an order the reports closed is answered for as closed from now on
        try
        {
            final int type = message.msgTypeKey();
            if (type == NEW_ORDER_SINGLE)
            {
                onNewOrderSingle(session, owner, message);
            }
            else if (type == ORDER_CANCEL_REQUEST || type == ORDER_CANCEL_REPLACE_REQUEST)
            {
                onCancelRequest(session, owner, message, type == ORDER_CANCEL_REPLACE_REQUEST);
            }
            else if (type == ORDER_STATUS_REQUEST)
            {
                onStatusRequest(session, owner, message);
            }
            else if (type == ORDER_MASS_CANCEL_REQUEST)
            {
                flush(session, owner); // its cancels come after the orders of the read before it
                onMassCancel(session, owner, message);
            }
            else if (type == NEW_ORDER_CROSS)
            {
                flush(session, owner); // its block trade comes after the orders of the read before it
                crosses.onNewOrderCross(session, owner, owner.nextId(), message);
            }
            else
            {
                OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, message,
                    BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type " + message.msgType()));
            }
        }
        catch (final EngineUnavailableException ex)
        {
            OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, message,
                BusinessRejectReason.APPLICATION_NOT_AVAILABLE, "exchange unavailable: " + ex.getMessage()));
        }
    }

    private void onNewOrderSingle(final FixSession session, final SessionOrders owner, final FixMessage message)
    {
        final byte[] buffer = message.buffer();
        final int clOrdIdIndex = message.indexOf(FixTags.CL_ORD_ID);
        final int clOrdIdOffset = clOrdIdIndex < 0 ? 0 : message.valueOffset(clOrdIdIndex);
        final int clOrdIdLength = clOrdIdIndex < 0 ? 0 : message.valueLength(clOrdIdIndex);
        final long clOrdIdHash = ClOrdIdHash.hash(buffer, clOrdIdOffset, clOrdIdLength);
        final int symbolIndex = message.indexOf(FixTags.SYMBOL);
        final InstrumentSymbols.Instrument instrument = symbolIndex < 0 ? null :
            instruments.find(buffer, message.valueOffset(symbolIndex), message.valueLength(symbolIndex));
        final char side = message.getChar(FixTags.SIDE, '?');
        final char ordType = message.getChar(FixTags.ORD_TYPE, '?');
        final long quantity = message.getLong(FixTags.ORDER_QTY, 0);
        final int priceIndex = message.indexOf(FixTags.PRICE);
        final long price = priceIndex < 0 ? 0 : message.scaledAt(priceIndex, 2);
        final long accountId = message.getLong(FixTags.ACCOUNT, Long.MIN_VALUE);

        final long known = owner.orderIdByClOrdId.get(clOrdIdHash);
        if (known != SessionOrders.NO_ORDER && message.getChar(FixTags.POSS_DUP_FLAG, Bool.NO) == Bool.YES &&
            answerStatus(session, owner, known, "possible duplicate of an order already received"))
        {
            // a possible duplicate of an order already taken: its state told rather than refused or placed again
            return;
        }
        final int accountIndex = message.indexOf(FixTags.ACCOUNT);
        String problem = null;
        int reason = OrdRejReason.OTHER;
        if (known != SessionOrders.NO_ORDER)
        {
            problem = "duplicate ClOrdID " + message.getString(FixTags.CL_ORD_ID);
            reason = OrdRejReason.DUPLICATE_ORDER;
        }
        else if (accountIndex >= 0 && !session.settings().isAccountAllowed(buffer,
            message.valueOffset(accountIndex), message.valueLength(accountIndex)))
        {
            problem = "Account " + message.getString(FixTags.ACCOUNT) + " is not allowed for this session";
            reason = OrdRejReason.UNKNOWN_ACCOUNT;
        }
        else if (accountId == Long.MIN_VALUE)
        {
            problem = "Account (1) must be a numeric registry account";
        }
        else if (priceIndex >= 0 && (price == Long.MIN_VALUE || price <= 0))
        {
            problem = "Price (44) must be a positive amount with at most 2 decimals";
        }
        else if (instrument == null)
        {
            problem = "unknown symbol " + message.getString(FixTags.SYMBOL);
            reason = OrdRejReason.UNKNOWN_SYMBOL;
        }
        else if ((side != FixValues.Side.BUY && side != FixValues.Side.SELL) ||
            (ordType != OrdType.MARKET && ordType != OrdType.LIMIT))
        {
            problem = "Side must be 1 or 2 and OrdType 1 (market) or 2 (limit)";
        }
        final TimeInForce timeInForce = timeInForce(message.getChar(FixTags.TIME_IN_FORCE, FixValues.TimeInForce.DAY));
        if (problem == null && timeInForce == null)
        {
            problem = "TimeInForce must be 0, 1, 3, 4 or 6";
        }
        long expireTime = 0;
        if (problem == null && timeInForce == TimeInForce.GTD)
        {
            final int index = message.indexOf(FixTags.EXPIRE_TIME);
            final long millis = index < 0 ? UtcTimestamps.INVALID :
                UtcTimestamps.parseTimestamp(buffer, message.valueOffset(index), message.valueLength(index));
            if (millis == UtcTimestamps.INVALID)
            {
                problem = "GTD orders need ExpireTime (126)";
            }
            expireTime = millis * 1_000_000;
        }
        if (problem == null && !owner.pending.hasRoom(EnginePipeline.MAX_COMMAND_LENGTH))
        {
            flush(session, owner);
        }
        final long orderId = owner.nextId();
        if (problem == null && !owner.pending.log.add(OrderLog.NEW, orderId, accountId, price, quantity, side, ordType,
            instrument.logBytes(), buffer, clOrdIdOffset, clOrdIdLength))
        {
            problem = "exchange unavailable: cannot record the order";
        }
        if (problem != null)
        {
            final MessageBody reject = OrderMessages.executionReport(owner.answer, null,
                message.getString(FixTags.CL_ORD_ID), refusalExecId(owner, orderId), accountId,
                message.getString(FixTags.SYMBOL), side, ordType, price, quantity);
            if (priceIndex >= 0 && price == Long.MIN_VALUE)
            {
                reject.add(FixTags.PRICE, message.getString(FixTags.PRICE)); // as sent: it has no scaled value
            }
            OrderMessages.rejected(reject, reason, problem);
            answerAndCopy(session, owner, accountId);
            return;
        }

        final String clOrdId = message.stringAt(clOrdIdIndex);
        final OrderState order = new OrderState(owner.index, orderId, accountId, instrument.symbol(), side, ordType,
            clOrdId, price, quantity);
        owner.placed.put(orderId, order);
        owner.orderIdByClOrdId.put(clOrdIdHash, orderId);
        final PendingCommands pending = owner.pending;
        final int length = envelope(owner, orderId).newOrder(pending.commands, pending.nextOffset(), orderId,
            accountId, owner.brokerId, instrument.id(), side == FixValues.Side.BUY ? Side.BUY : Side.SELL,
            ordType == OrdType.MARKET ? OrderType.MARKET : OrderType.LIMIT, timeInForce, postOnly(message), price,
            quantity, expireTime);
        pending.add(OrderLog.NEW, length, message.msgSeqNum(), clOrdIdHash, order, null);
    }

    /**
     * @return whether ExecInst (18), a list of single characters, asks for post-only (6).
     */
    private static boolean postOnly(final FixMessage message)
    {
        final int index = message.indexOf(FixTags.EXEC_INST);
        if (index < 0)
        {
            return false;
        }
        final byte[] buffer = message.buffer();
        final int offset = message.valueOffset(index);
        for (int i = offset; i < offset + message.valueLength(index); i++)
        {
            if (buffer[i] == ExecInst.PARTICIPATE_DONT_INITIATE)
            {
                return true;
            }
        }
        return false;
    }

    private void onCancelRequest(
        final FixSession session, final SessionOrders owner, final FixMessage message, final boolean replace)
    {
        final long orderId = owner.find(message, FixTags.ORIG_CL_ORD_ID);
        final OrderState order = owner.placed.get(orderId);
        final int closed = order == null ? owner.closedOrders.find(orderId) : -1;
        if (order == null && closed < 0)
        {
            OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, null,
                message.getString(FixTags.CL_ORD_ID), message.getString(FixTags.ORIG_CL_ORD_ID), replace,
                CxlRejReason.UNKNOWN_ORDER, "unknown order"));
            return;
        }
        final int clOrdIdIndex = message.indexOf(FixTags.CL_ORD_ID);
        final int clOrdIdOffset = clOrdIdIndex < 0 ? 0 : message.valueOffset(clOrdIdIndex);
        final int clOrdIdLength = clOrdIdIndex < 0 ? 0 : message.valueLength(clOrdIdIndex);
        final long clOrdIdHash = ClOrdIdHash.hash(message.buffer(), clOrdIdOffset, clOrdIdLength);
        if (owner.orderIdByClOrdId.get(clOrdIdHash) != SessionOrders.NO_ORDER)
        {
            final String clOrdId = message.getString(FixTags.CL_ORD_ID);
            final String origClOrdId = message.getString(FixTags.ORIG_CL_ORD_ID);
            OrderMessages.answer(session, order != null ?
                OrderMessages.cancelReject(owner.answer, order, clOrdId, origClOrdId, replace, CxlRejReason.OTHER,
                    "duplicate ClOrdID " + clOrdId) :
                OrderMessages.cancelReject(owner.answer, orderId, owner.closedOrders.status(closed), clOrdId,
                    origClOrdId, replace, CxlRejReason.OTHER, "duplicate ClOrdID " + clOrdId));
            return;
        }
        if (order == null)
        {
            refuseClosed(session, owner, closed, clOrdIdHash, message, replace);
            return;
        }
        final OrderState placed = order;
        final int priceIndex = message.indexOf(FixTags.PRICE);
        final long price = priceIndex < 0 ? order.price : message.scaledAt(priceIndex, 2);
        final long quantity = message.getLong(FixTags.ORDER_QTY, order.quantity);
        if (!owner.pending.hasRoom(EnginePipeline.MAX_COMMAND_LENGTH))
        {
            flush(session, owner);
        }
        final byte kind = replace ? OrderLog.REPLACE : OrderLog.CANCEL;
        if (!owner.pending.log.add(kind, placed.orderId, placed.accountId, price, quantity, placed.side,
            placed.ordType, instruments.bySymbol(placed.symbol).logBytes(), message.buffer(), clOrdIdOffset,
            clOrdIdLength))
        {
            OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, order,
                message.getString(FixTags.CL_ORD_ID), message.getString(FixTags.ORIG_CL_ORD_ID), replace,
                CxlRejReason.OTHER, "exchange unavailable: cannot record the request"));
            return;
        }
        owner.orderIdByClOrdId.put(clOrdIdHash, placed.orderId);
        // the engine's answer repeats the correlation id: that is how the reports find this ClOrdID
        final long correlationId = owner.nextId();
        final int instrumentId = instruments.bySymbol(placed.symbol).id();
        final PendingCommands pending = owner.pending;
        final CommandWriter writer = envelope(owner, correlationId);
        final int length = replace ?
            writer.amendOrder(pending.commands, pending.nextOffset(), placed.orderId, placed.accountId,
                owner.brokerId, instrumentId, price, quantity) :
            writer.cancelOrder(pending.commands, pending.nextOffset(), placed.orderId, placed.accountId,
                owner.brokerId, instrumentId);
        pending.add(kind, length, message.msgSeqNum(), clOrdIdHash,
            new OrderHandOff.Request(correlationId, placed.orderId, message.stringAt(clOrdIdIndex)),
            message.getString(FixTags.ORIG_CL_ORD_ID));
    }

    /**
     * End of a read: write the order log records of the requests it took with one write, hand what the reports must
     * know to them, then publish the commands in the order their messages came. The immediate answers of the read
     * (refusals, status) have already gone, in message order: an immediate answer never waited for the publication of
     * an earlier message (an order's own report comes from the engine, after its publication), so sending it at once
     * changes no order the counterparty can see, and it is not held back by the log write. If the log cannot be
     * written, every request of the read is refused here, in order, as each was refused on its own before.
     */
    @Override
    public void onBatchEnd(final FixSession session)
    {
        final SessionOrders owner = sessions.byId(session.id());
        if (owner != null)
        {
            flush(session, owner);
            owner.retireClosed();
        }
    }

    private void flush(final FixSession session, final SessionOrders owner)
    {
        final PendingCommands pending = owner.pending;
        final int count = pending.count();
        if (count == 0)
        {
            return;
        }
        try
        {
            if (!writeLog(owner, pending.log))
            {
                refuseUnlogged(session, owner, pending);
                return;
            }
            for (int i = 0; i < count; i++)
            {
                final Object subject = pending.subject(i);
                if (pending.kind(i) == OrderLog.NEW)
                {
                    handOff.placed((OrderState)subject);
                }
                else
                {
                    handOff.requested((OrderHandOff.Request)subject);
                }
            }
            for (int i = 0; i < count; i++)
            {
                try
                {
                    publish(session, owner, pending.commands, pending.offset(i), pending.length(i));
                }
                catch (final EngineUnavailableException ex)
                {
                    refuseUnpublished(session, owner, pending, i, ex);
                    return;
                }
            }
        }
        finally
        {
            pending.clear();
        }
    }

    /**
     * Publish one command without blocking the session's event loop on a full command ring: while it is full, the loop
     * drains its sessions' outbound queues ({@link FixSession#pollOutbound}) between tries. Blocking instead would
     * deadlock under load: the engine waits for its listener, the listener for room in an outbound queue, and only this
     * loop empties that queue.
     */
    private void publish(
        final FixSession session, final SessionOrders owner, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (engine.tryPublish(buffer, offset, length))
        {
            return;
        }
        final IdleStrategy idle = owner.publishIdle;
        do
        {
            session.pollOutbound();
            idle.idle();
        }
        while (!engine.tryPublish(buffer, offset, length));
        idle.reset();
    }

    private boolean writeLog(final SessionOrders owner, final OrderLog.Batch records)
    {
        try
        {
            log.append(records);
            return true;
        }
        catch (final UncheckedIOException ex)
        {
            // an order the log cannot hold could not be reported after a restart: take no more
            LOG.error("session {}: {}", owner.index, ex.getMessage());
            halt.halt("cannot write the order log: " + ex.getMessage(), ex);
            return false;
        }
    }

    /**
     * The order log refused the batch's records: refuse each request of it as it was refused alone, and forget the
     * ClOrdIDs they registered.
     */
    private void refuseUnlogged(final FixSession session, final SessionOrders owner, final PendingCommands pending)
    {
        for (int i = 0; i < pending.count(); i++)
        {
            owner.orderIdByClOrdId.remove(pending.clOrdIdHash(i));
            if (pending.kind(i) == OrderLog.NEW)
            {
                final OrderState order = (OrderState)pending.subject(i);
                owner.placed.remove(order.orderId);
                OrderMessages.rejected(OrderMessages.executionReport(owner.answer, null,
                    order.clOrdId, refusalExecId(owner, order.orderId), order.accountId, order.symbol, order.side,
                    order.ordType, order.price, order.quantity), OrdRejReason.OTHER,
                    "exchange unavailable: cannot record the order");
                answerAndCopy(session, owner, order.accountId);
            }
            else
            {
                final OrderHandOff.Request request = (OrderHandOff.Request)pending.subject(i);
                OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer,
                    owner.placed.get(request.orderId()), request.clOrdId(), pending.origClOrdId(i),
                    pending.kind(i) == OrderLog.REPLACE, CxlRejReason.OTHER,
                    "exchange unavailable: cannot record the request"));
            }
        }
    }

    /**
     * The engine refused the command at {@code from} and takes no more: the requests from there on are answered with
     * a BusinessMessageReject each, as they were when published one by one; a refused order is rejected in the log so
     * that a restart does not find it pending and answer it again.
     */
    private void refuseUnpublished(
        final FixSession session, final SessionOrders owner, final PendingCommands pending, final int from,
        final EngineUnavailableException ex)
    {
        for (int i = from; i < pending.count(); i++)
        {
            final byte kind = pending.kind(i);
            if (kind == OrderLog.NEW)
            {
                final OrderState order = (OrderState)pending.subject(i);
                order.status = OrdStatus.REJECTED;
                handOff.refused(order.orderId);
                try
                {
                    log.append(order.stateEntry());
                }
                catch (final UncheckedIOException | IllegalArgumentException logFailure)
                {
                    LOG.error("session {}: {}", owner.index, logFailure.getMessage());
                }
            }
            OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, pending.msgSeqNum(i),
                kind == OrderLog.NEW ? MsgType.NEW_ORDER_SINGLE : kind == OrderLog.REPLACE ?
                MsgType.ORDER_CANCEL_REPLACE_REQUEST : MsgType.ORDER_CANCEL_REQUEST,
                BusinessRejectReason.APPLICATION_NOT_AVAILABLE, "exchange unavailable: " + ex.getMessage()));
        }
    }

    private void onStatusRequest(final FixSession session, final SessionOrders owner, final FixMessage message)
    {
        if (!answerStatus(session, owner, owner.find(message, FixTags.CL_ORD_ID), null))
        {
            OrderMessages.answer(session, OrderMessages.executionReport(owner.answer, null,
                message.getString(FixTags.CL_ORD_ID), OrderMessages.STATUS_EXEC_ID, message.getLong(FixTags.ACCOUNT, 0),
                message.getString(FixTags.SYMBOL), message.getChar(FixTags.SIDE, FixValues.Side.BUY), OrdType.LIMIT, 0,
                0)
                .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, OrdStatus.REJECTED)
                .add(FixTags.ORD_REJ_REASON, OrdRejReason.UNKNOWN_ORDER).add(FixTags.TEXT, "unknown order")
                .add(FixTags.LEAVES_QTY, 0).add(FixTags.CUM_QTY, 0).add(FixTags.AVG_PX, 0));
        }
    }

    /**
     * Answer with the state of the session's order, live or closed: an order status report (ExecType I).
     *
     * @param text the Text (58) to add, or null.
     * @return false if the session has no such order: nothing was answered.
     */
    private static boolean answerStatus(
        final FixSession session, final SessionOrders owner, final long orderId, final String text)
    {
        final MessageBody status;
        final OrderState order = owner.placed.get(orderId);
        if (order != null)
        {
            status = OrderMessages.withFills(
                OrderMessages.executionReport(owner.answer, order, order.clOrdId, OrderMessages.STATUS_EXEC_ID), order)
                .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, order.status);
        }
        else
        {
            final ClosedOrders closed = owner.closedOrders;
            final int record = closed.find(orderId);
            if (record < 0)
            {
                return false;
            }
            status = OrderMessages.withFills(OrderMessages.executionReport(owner.answer, orderId,
                closed.clOrdId(record), OrderMessages.STATUS_EXEC_ID, closed.accountId(record), closed.symbol(record),
                closed.side(record), closed.ordType(record), closed.price(record), closed.quantity(record)), 0,
                closed.cumQty(record), closed.cumValue(record))
                .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, closed.status(record));
        }
        if (text != null)
        {
            status.add(FixTags.TEXT, text);
        }
        OrderMessages.answer(session, status);
        return true;
    }

    /**
     * A cancel or replace of an order that has closed: refused at once, as the engine would refuse it (an order never
     * working is unknown to it, a filled one too late to cancel), without a command; its ClOrdID is taken.
     */
    private static void refuseClosed(
        final FixSession session, final SessionOrders owner, final int record, final long clOrdIdHash,
        final FixMessage message, final boolean replace)
    {
        final ClosedOrders closed = owner.closedOrders;
        final char status = closed.status(record);
        owner.orderIdByClOrdId.put(clOrdIdHash, closed.orderId(record));
        final RejectReason reason = status == OrdStatus.REJECTED ? RejectReason.UNKNOWN_ORDER :
            status == OrdStatus.FILLED ? RejectReason.ORDER_ALREADY_FILLED : RejectReason.ORDER_ALREADY_CLOSED;
        OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, closed.orderId(record), status,
            message.getString(FixTags.CL_ORD_ID), closed.clOrdId(record), replace,
            reason == RejectReason.UNKNOWN_ORDER ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL,
            reason.name()));
    }

    /**
     * Scopes are those FIX 4.4 defines that mean something here: all the session's orders (7) or those of one security
     * (1), optionally of one Side (54). Any other scope is refused rather than widened to all orders.
     */
    private void onMassCancel(final FixSession session, final SessionOrders owner, final FixMessage message)
    {
        final char requestType = message.getChar(FixTags.MASS_CANCEL_REQUEST_TYPE, '?');
        final String symbol = requestType == MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY ?
            message.getString(FixTags.SYMBOL) : null;
        final char side = message.getChar(FixTags.SIDE, BOTH_SIDES);
        final ApplicationMessage.Builder report = ApplicationMessage.builder(MsgType.ORDER_MASS_CANCEL_REPORT)
            .add(FixTags.CL_ORD_ID, message.getString(FixTags.CL_ORD_ID))
            .add(FixTags.ORDER_ID, "MASS-" + System.nanoTime())
            .add(FixTags.MASS_CANCEL_REQUEST_TYPE, requestType);
        if (requestType != MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY &&
            requestType != MassCancelRequestType.CANCEL_ALL_ORDERS)
        {
            session.send(massCancelRejected(report, MassCancelRejectReason.NOT_SUPPORTED,
                "MassCancelRequestType must be 1 (security) or 7 (all orders)"));
        }
        else if (requestType == MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY &&
            (symbol == null || !instrumentIds.containsKey(symbol)))
        {
            session.send(massCancelRejected(report, MassCancelRejectReason.INVALID_OR_UNKNOWN_SECURITY,
                "unknown symbol " + symbol));
        }
        else if (side != BOTH_SIDES && side != FixValues.Side.BUY && side != FixValues.Side.SELL)
        {
            session.send(massCancelRejected(report, MassCancelRejectReason.OTHER, "Side must be 1 or 2"));
        }
        else
        {
            final int affected = cancelOpenOrders(session, owner, symbol, side);
            session.send(report.add(FixTags.MASS_CANCEL_RESPONSE, requestType)
                .add(FixTags.TOTAL_AFFECTED_ORDERS, affected).build());
        }
    }

    private static ApplicationMessage massCancelRejected(
        final ApplicationMessage.Builder report, final int reason, final String text)
    {
        return report.add(FixTags.MASS_CANCEL_RESPONSE, MassCancelResponse.CANCEL_REQUEST_REJECTED)
            .add(FixTags.MASS_CANCEL_REJECT_REASON, reason).add(FixTags.TOTAL_AFFECTED_ORDERS, 0)
            .add(FixTags.TEXT, text).build();
    }

    /**
     * Cancel the session's open orders, optionally of one symbol and side; each cancel carries its order id as
     * correlation, so its report names the order's own ClOrdID.
     *
     * @return how many cancels were published.
     */
    private int cancelOpenOrders(
        final FixSession session, final SessionOrders owner, final String symbol, final char side)
    {
        int affected = 0;
        for (final OrderState order : owner.placed.values())
        {
            final OrderState placed = order;
            if ((symbol == null || symbol.equals(placed.symbol)) && (side == BOTH_SIDES || side == placed.side))
            {
                if (order.isOpen())
                {
                    final CommandWriter writer = envelope(owner, placed.orderId);
                    publish(session, owner, owner.command, 0, writer.cancelOrder(owner.command, 0, placed.orderId,
                        placed.accountId, owner.brokerId, instrumentIds.get(placed.symbol)));
                    affected++;
                }
            }
        }
        return affected;
    }

    /**
     * Send the rejected ExecutionReport in the owner's answer body to the session, then copy it to the drop copies that
     * cover the account: an order refused at once is an ExecutionReport the member gets, so its drop copies get it too.
     */
    private void answerAndCopy(final FixSession session, final SessionOrders owner, final long accountId)
    {
        OrderMessages.answer(session, owner.answer);
        delivery.copyAnswer(owner.index, accountId, owner.answer);
    }

    /**
     * @return the ExecID of a refusal here: not of the reports' scheme, a fresh id is unique and never reported.
     */
    private static CharSequence refusalExecId(final SessionOrders owner, final long id)
    {
        final StringBuilder execId = owner.execId;
        execId.setLength(0);
        return execId.append('R').append(id);
    }

    /**
     * @return whether the entry is in the order log; if not, the request must be refused, not published.
     */
    private boolean logged(final SessionOrders owner, final OrderLog.Entry entry)
    {
        try
        {
            log.append(entry);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            LOG.error("session {}: {}", owner.index, ex.getMessage());
            return false;
        }
        catch (final UncheckedIOException ex)
        {
            // an order the log cannot hold could not be reported after a restart: take no more
            halt.halt("cannot write the order log: " + ex.getMessage(), ex);
            return false;
        }
    }

    private static CommandWriter envelope(final SessionOrders owner, final long correlationId)
    {
        return owner.writer.envelope(
            System.currentTimeMillis() * 1_000_000, SourceIds.FIX, correlationId, UserIds.fixSession(owner.index));
    }

    private static TimeInForce timeInForce(final char value)
    {
        return switch (value)
        {
            case FixValues.TimeInForce.DAY -> TimeInForce.DAY;
            case FixValues.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            case FixValues.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case FixValues.TimeInForce.FILL_OR_KILL -> TimeInForce.FOK;
            case FixValues.TimeInForce.GOOD_TILL_DATE -> TimeInForce.GTD;
            default -> null;
        };
    }
}
