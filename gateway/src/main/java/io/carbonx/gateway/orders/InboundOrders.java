package io.carbonx.gateway.orders;

import io.carbonx.engine.core.CommandWriter;
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
import io.carbonx.fix.codec.UtcTimestamps;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
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
 * Runs on the sessions' event loops and writes only the sessions' own indexes ({@link SessionOrders}); the order state
 * it reads is written by {@link ExecutionReports}.
 */
public final class InboundOrders implements FixApplication
{
    private static final Logger LOG = LoggerFactory.getLogger(InboundOrders.class);
    /** Side filter of a mass cancel without Side (54): both sides. */
    private static final char BOTH_SIDES = 0;

    private final OrderSessions sessions;
    private final ReportDelivery delivery;
    private final OrderHandOff handOff;
    private final BooleanSupplier ready;
    private final OrderLog log;
    private final Map<String, Integer> instrumentIds;
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
            public void publish(final SessionOrders owner, final int length)
            {
                engine.publish(owner.command, 0, length);
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
        if (owner != null && session.settings().cancelOnDisconnect())
        {
            cancelOpenOrders(owner, null, BOTH_SIDES);
        }
    }

    /**
     * A report offered by the reports is stored: their delivery keeps the report checkpoint.
     */
    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        delivery.onStored(session, tag);
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        delivery.onFailed(session, tag, cause);
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
        try
        {
            switch (message.msgType())
            {
                case MsgType.NEW_ORDER_SINGLE -> onNewOrderSingle(session, owner, message);
                case MsgType.ORDER_CANCEL_REQUEST -> onCancelRequest(session, owner, message, false);
                case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> onCancelRequest(session, owner, message, true);
                case MsgType.ORDER_STATUS_REQUEST -> onStatusRequest(session, owner, message);
                case MsgType.ORDER_MASS_CANCEL_REQUEST -> onMassCancel(session, owner, message);
                case MsgType.NEW_ORDER_CROSS -> crosses.onNewOrderCross(session, owner, owner.nextId(), message);
                default -> OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, message,
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
        final String clOrdId = message.getString(FixTags.CL_ORD_ID);
        final String symbol = message.getString(FixTags.SYMBOL);
        final char side = message.getChar(FixTags.SIDE, '?');
        final char ordType = message.getChar(FixTags.ORD_TYPE, '?');
        final long quantity = message.getLong(FixTags.ORDER_QTY, 0);
        final int priceIndex = message.indexOf(FixTags.PRICE);
        final long price = priceIndex < 0 ? 0 : message.scaledAt(priceIndex, 2);
        final long accountId = message.getLong(FixTags.ACCOUNT, Long.MIN_VALUE);

        final long known = owner.orderIdByClOrdId.getValue(clOrdId);
        if (known != SessionOrders.NO_ORDER && message.getChar(FixTags.POSS_DUP_FLAG, Bool.NO) == Bool.YES &&
            owner.placed.get(known) != null)
        {
            // a possible duplicate of an order already taken: tell its state rather than refuse or place it again
            final OrderState order = owner.placed.get(known);
            OrderMessages.answer(session, OrderMessages.withFills(
                OrderMessages.executionReport(owner.answer, order, order.clOrdId, OrderMessages.STATUS_EXEC_ID), order)
                .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, order.status)
                .add(FixTags.TEXT, "possible duplicate of an order already received"));
            return;
        }
        final int accountIndex = message.indexOf(FixTags.ACCOUNT);
        String problem = null;
        int reason = OrdRejReason.OTHER;
        if (known != SessionOrders.NO_ORDER)
        {
            problem = "duplicate ClOrdID " + clOrdId;
            reason = OrdRejReason.DUPLICATE_ORDER;
        }
        else if (accountIndex >= 0 && !session.settings().isAccountAllowed(message.buffer(),
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
        else if (!instrumentIds.containsKey(symbol))
        {
            problem = "unknown symbol " + symbol;
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
                UtcTimestamps.parseTimestamp(message.buffer(), message.valueOffset(index), message.valueLength(index));
            if (millis == UtcTimestamps.INVALID)
            {
                problem = "GTD orders need ExpireTime (126)";
            }
            expireTime = millis * 1_000_000;
        }
        if (problem != null)
        {
            // not an ExecID of the reports' scheme: a fresh id is unique and never reported
            final MessageBody reject = OrderMessages.executionReport(owner.answer, null, clOrdId,
                refusalExecId(owner, owner.nextId()), accountId, symbol, side, ordType, price, quantity);
            if (priceIndex >= 0 && price == Long.MIN_VALUE)
            {
                reject.add(FixTags.PRICE, message.getString(FixTags.PRICE)); // as sent: it has no scaled value
            }
            OrderMessages.answer(session, OrderMessages.rejected(reject, reason, problem));
            return;
        }

        final long orderId = owner.nextId();
        final PlacedOrder placed = new PlacedOrder(owner.index, orderId, accountId, symbol, side, ordType, clOrdId,
            price, quantity);
        if (!logged(owner, placed.newEntry()))
        {
            OrderMessages.answer(session, OrderMessages.rejected(OrderMessages.executionReport(owner.answer, null,
                clOrdId, refusalExecId(owner, orderId), accountId, symbol, side, ordType, price, quantity),
                OrdRejReason.OTHER, "exchange unavailable: cannot record the order"));
            return;
        }
        final OrderState order = placed.initialState();
        owner.placed.put(orderId, order);
        owner.orderIdByClOrdId.put(clOrdId, orderId);
        handOff.placed(order);
        final String execInst = message.getString(FixTags.EXEC_INST);
        final boolean postOnly = execInst != null && execInst.indexOf(ExecInst.PARTICIPATE_DONT_INITIATE) >= 0;
        try
        {
            final CommandWriter writer = envelope(owner, orderId);
            engine.publish(owner.command, 0, writer.newOrder(owner.command, 0, orderId, accountId, owner.brokerId,
                instrumentIds.get(symbol), side == FixValues.Side.BUY ? Side.BUY : Side.SELL,
                ordType == OrdType.MARKET ? OrderType.MARKET : OrderType.LIMIT, timeInForce, postOnly, price, quantity,
                expireTime));
        }
        catch (final EngineUnavailableException ex)
        {
            // refused here (the caller answers): a restart must not find it pending and answer it again
            order.status = OrdStatus.REJECTED;
            handOff.refused(orderId);
            try
            {
                log.append(order.stateEntry());
            }
            catch (final UncheckedIOException | IllegalArgumentException logFailure)
            {
                LOG.error("session {}: {}", owner.index, logFailure.getMessage());
            }
            throw ex;
        }
    }

    private void onCancelRequest(
        final FixSession session, final SessionOrders owner, final FixMessage message, final boolean replace)
    {
        final String clOrdId = message.getString(FixTags.CL_ORD_ID);
        final String origClOrdId = message.getString(FixTags.ORIG_CL_ORD_ID);
        final OrderState order = owner.find(message.getString(FixTags.ORDER_ID), origClOrdId);
        if (order == null)
        {
            OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, null, clOrdId, origClOrdId, replace,
                CxlRejReason.UNKNOWN_ORDER, "unknown order"));
            return;
        }
        final PlacedOrder placed = order.placed;
        if (owner.orderIdByClOrdId.putIfAbsent(clOrdId, placed.orderId()) != SessionOrders.NO_ORDER)
        {
            OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, order, clOrdId, origClOrdId,
                replace, CxlRejReason.OTHER, "duplicate ClOrdID " + clOrdId));
            return;
        }
        final int priceIndex = message.indexOf(FixTags.PRICE);
        final long price = priceIndex < 0 ? order.price : message.scaledAt(priceIndex, 2);
        final long quantity = message.getLong(FixTags.ORDER_QTY, order.quantity);
        if (!logged(owner, new OrderLog.Entry(replace ? OrderLog.REPLACE : OrderLog.CANCEL, placed.orderId(),
            placed.accountId(), placed.symbol(), placed.side(), placed.ordType(), price, quantity, clOrdId)))
        {
            owner.orderIdByClOrdId.removeKey(clOrdId);
            OrderMessages.answer(session, OrderMessages.cancelReject(owner.answer, order, clOrdId, origClOrdId,
                replace, CxlRejReason.OTHER, "exchange unavailable: cannot record the request"));
            return;
        }
        // the engine's answer repeats the correlation id: that is how the reports find this ClOrdID
        final long correlationId = owner.nextId();
        handOff.requested(new OrderHandOff.Request(correlationId, placed.orderId(), clOrdId));
        final int instrumentId = instrumentIds.get(placed.symbol());
        final CommandWriter writer = envelope(owner, correlationId);
        final int length = replace ?
            writer.amendOrder(owner.command, 0, placed.orderId(), placed.accountId(), owner.brokerId, instrumentId,
                price, quantity) :
            writer.cancelOrder(owner.command, 0, placed.orderId(), placed.accountId(), owner.brokerId, instrumentId);
        engine.publish(owner.command, 0, length);
    }

    private void onStatusRequest(final FixSession session, final SessionOrders owner, final FixMessage message)
    {
        final OrderState order =
            owner.find(message.getString(FixTags.ORDER_ID), message.getString(FixTags.CL_ORD_ID));
        if (order == null)
        {
            OrderMessages.answer(session, OrderMessages.executionReport(owner.answer, null,
                message.getString(FixTags.CL_ORD_ID), OrderMessages.STATUS_EXEC_ID, message.getLong(FixTags.ACCOUNT, 0),
                message.getString(FixTags.SYMBOL), message.getChar(FixTags.SIDE, FixValues.Side.BUY), OrdType.LIMIT, 0,
                0)
                .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, OrdStatus.REJECTED)
                .add(FixTags.ORD_REJ_REASON, OrdRejReason.UNKNOWN_ORDER).add(FixTags.TEXT, "unknown order")
                .add(FixTags.LEAVES_QTY, 0).add(FixTags.CUM_QTY, 0).add(FixTags.AVG_PX, 0));
            return;
        }
        OrderMessages.answer(session, OrderMessages.withFills(
            OrderMessages.executionReport(owner.answer, order, order.clOrdId, OrderMessages.STATUS_EXEC_ID), order)
            .add(FixTags.EXEC_TYPE, ExecType.ORDER_STATUS).add(FixTags.ORD_STATUS, order.status));
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
            final int affected = cancelOpenOrders(owner, symbol, side);
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
    private int cancelOpenOrders(final SessionOrders owner, final String symbol, final char side)
    {
        int affected = 0;
        for (final OrderState order : owner.placed.values())
        {
            final PlacedOrder placed = order.placed;
            if ((symbol == null || symbol.equals(placed.symbol())) && (side == BOTH_SIDES || side == placed.side()))
            {
                if (order.isOpen())
                {
                    final CommandWriter writer = envelope(owner, placed.orderId());
                    engine.publish(owner.command, 0, writer.cancelOrder(owner.command, 0, placed.orderId(),
                        placed.accountId(), owner.brokerId, instrumentIds.get(placed.symbol())));
                    affected++;
                }
            }
        }
        return affected;
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
