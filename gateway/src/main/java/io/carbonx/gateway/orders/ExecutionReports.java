package io.carbonx.gateway.orders;

import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues.CommType;
import io.carbonx.fix.codec.FixValues.CxlRejReason;
import io.carbonx.fix.codec.FixValues.ExecType;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Order entry outbound: the engine's order events, typed by an {@link EngineEventAdapter}, become ExecutionReports and
 * OrderCancelRejects for the session that placed each order (recorded in its {@link OrderState}), and the writer of
 * order state once an order is handed over ({@link OrderCache}, {@link CrossReports}).
 * <p>
 * Steady state allocates nothing here: each report is written into one reused {@link MessageBody}, its ExecID and
 * numbers as digits, and offered to the session with the command sequence as tag ({@link ReportDelivery}); the
 * session's store confirmation ({@link io.carbonx.fix.FixApplication#onOutboundStored}, through the router and
 * {@link InboundOrders}) moves the report checkpoint. An order that closes leaves the live orders here and, through a
 * queue, in its session, which keeps a compact record of it ({@link ClosedOrders}).
 * <p>
 * Reports are sent only after the command is journaled; what a disconnected member misses reaches it through FIX resend
 * (every configured session is bound from the start, and a logged-off session stores what it is sent). An event's
 * ExecID is made of its command's sequence, its ordinal among the command's events and, for a trade, the side
 * ({@code T} taker, {@code M} maker), so a report is the same whenever it is made: with the {@link ReportCheckpoint}
 * ({@link ReportDelivery}) and the order log ({@link OrderRestore}) that makes reports exactly-once across restarts.
 * <p>
 * Each ExecutionReport is then copied to the drop copies that cover its account ({@link ReportDelivery#copy}): the
 * same body with the copy fields appended, after the owner has it, never waiting for a drop copy.
 * <p>
 * What the inbound side ({@link InboundOrders}) tells it arrives as data through {@link OrderHandOff}: orders and
 * crosses placed, and the ClOrdID of each cancel or replace request under the correlation id its command carries, which
 * the engine's answer repeats.
 * <p>
 * Written only by the engine's listener thread ({@code carbonx-fix-reports-N}); during start, by the starting thread
 * (recovery replays the journal through {@link #onEvent}).
 */
public final class ExecutionReports implements EngineEventListener, EngineEventHandler
{
    private final OrderCache cache = new OrderCache();
    private final CrossReports crosses = new CrossReports();
    private final OrderHandOff handOff = new OrderHandOff();
    private final OrderSessions sessions;
    private final ReportDelivery delivery;
    private final OrderRestore restore;
    /** Cancel and replace requests in flight, by the correlation id of their commands. */
    private final Long2ObjectHashMap<OrderHandOff.Request> requests = new Long2ObjectHashMap<>();
    /** The report being built, reused from one to the next. */
    private final MessageBody body = new MessageBody();
    /** The ExecID of the report being built, written as digits into a reused builder. */
    private final StringBuilder execId = new StringBuilder(32);

    private final EngineEventAdapter adapter = new EngineEventAdapter(this);
    private final OrderHandOff.Receiver receiver = new HandOffReceiver();
    private final CrossReports.Reporter crossReporter = new CrossReporter();

    private long execSequence = -1;
    private int eventOrdinal;

    /**
     * @param sessions   the configured sessions, whose indexes the restore fills from the order log.
     * @param log        where orders are recorded before they are published, to be reported on after a restart.
     * @param checkpoint how far reports are stored.
     * @param halt       stops the engine when a report cannot be stored.
     */
    public ExecutionReports(
        final OrderSessions sessions, final OrderLog log, final ReportCheckpoint checkpoint, final EngineHalt halt)
    {
        this(sessions, log, checkpoint, halt, ReportDelivery.defaultIdleStrategy());
    }

    /**
     * @param offerIdle how the listener thread waits while a session's outbound queue is full: a report is offered
     *                  again until the session takes it, never dropped.
     */
    public ExecutionReports(
        final OrderSessions sessions, final OrderLog log, final ReportCheckpoint checkpoint, final EngineHalt halt,
        final IdleStrategy offerIdle)
    {
        this.sessions = sessions;
        this.delivery = new ReportDelivery(sessions, checkpoint, halt, offerIdle, () -> handOff.drain(receiver));
        this.restore = new OrderRestore(log, checkpoint, sessions, cache, crosses, delivery);
    }

    // ---------------------------------------------------------------------------------------- restart

    /**
     * Rebuild every order of the order log. Call once, before recovery.
     *
     * @return the mark: recovery must start from a snapshot at or before it and give {@link #onEvent} the events of
     *     every command after the snapshot.
     */
    public long load()
    {
        return restore.load();
    }

    /**
     * After recovery, before the engine starts: compact the order log, and reject what of it the journal never got.
     *
     * @param journalEnd the journal's last sequence.
     * @return how many orders are rejected for that reason.
     */
    public int finishRecovery(final long journalEnd) throws IOException
    {
        final int rejectedOrders = restore.finish(journalEnd);
        execSequence = journalEnd;
        return rejectedOrders;
    }

    /**
     * @return how many orders the order entry knows.
     */
    public int orderCount()
    {
        return cache.size();
    }

    /**
     * Bind every configured session as soon as the acceptor exists, so that reports for a session that has not logged
     * on since the start are stored for resend rather than dropped.
     */
    public void bindSessions(final Function<FixSessionId, FixSession> sessions)
    {
        delivery.bindSessions(sessions);
    }

    /**
     * Once the sessions are bound: send the reports made during recovery that a session's store does not hold yet; the
     * inbound side takes requests from then on.
     *
     * @param storedExecIds the ExecIDs each session's store held at start.
     * @return how many reports were sent.
     */
    public int sendRecovered(final Map<FixSessionId, Set<String>> storedExecIds, final long journalEnd)
    {
        return restore.sendRecovered(storedExecIds, journalEnd);
    }

    /**
     * @return whether restart restore is done, so that requests may be taken.
     */
    boolean isReady()
    {
        return delivery.isReady();
    }

    OrderCache cache()
    {
        return cache;
    }

    OrderHandOff handOff()
    {
        return handOff;
    }

    ReportDelivery delivery()
    {
        return delivery;
    }

    // ---------------------------------------------------------------------------------------- events

    @Override
    public String roleName()
    {
        return "fix-reports";
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        // what the sessions handed over before publishing is in the queue before any event of their commands
        handOff.drain(receiver);
        if (restore.skips(commandSequence))
        {
            return; // replaying: the orders' state already holds what these did
        }
        if (commandSequence != execSequence)
        {
            restore.beforeCommand(commandSequence);
            delivery.processed(execSequence);
            execSequence = commandSequence;
            eventOrdinal = 0;
        }
        eventOrdinal++;
        adapter.onEvent(buffer, offset);
    }

    @Override
    public void onEndOfBatch()
    {
        if (delivery.isReady() && !restore.isReplaying())
        {
            // the current command's events may go on in the next batch; the one before it is complete
            delivery.processed(execSequence - 1);
            delivery.advanceCheckpoint();
        }
    }

    @Override
    public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder event)
    {
        final OrderState order = cache.get(event.orderId());
        if (order != null)
        {
            order.status = OrdStatus.NEW;
            OrderMessages.withFills(executionReport(order, order.clOrdId), order)
                .add(FixTags.EXEC_TYPE, ExecType.NEW).add(FixTags.ORD_STATUS, OrdStatus.NEW);
            report(order.session, order.accountId);
        }
    }

    @Override
    public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder event)
    {
        if (event.commandKind() == CommandKind.BLOCK_TRADE && crosses.onRejected(event, crossReporter))
        {
            return;
        }
        final OrderState order = cache.get(event.orderId());
        if (order == null)
        {
            return;
        }
        final RejectReason reason = event.reason();
        if (event.commandKind() == CommandKind.NEW_ORDER)
        {
            order.status = OrdStatus.REJECTED;
            OrderMessages.withFills(executionReport(order, order.clOrdId), order)
                .add(FixTags.EXEC_TYPE, ExecType.REJECTED).add(FixTags.ORD_STATUS, OrdStatus.REJECTED)
                .add(FixTags.ORD_REJ_REASON, OrderMessages.ordRejReason(reason)).add(FixTags.TEXT, reason.name());
            report(order.session, order.accountId);
            retire(order);
        }
        else
        {
            final String requestedBy = requestOf(envelope.correlationId(), order);
            final int cxlRejReason = reason == RejectReason.UNKNOWN_ORDER ? CxlRejReason.UNKNOWN_ORDER :
                reason == RejectReason.ORDER_ALREADY_FILLED || reason == RejectReason.ORDER_ALREADY_CLOSED ?
                CxlRejReason.TOO_LATE_TO_CANCEL : CxlRejReason.OTHER;
            OrderMessages.cancelReject(body, order, requestedBy, order.clOrdId,
                event.commandKind() == CommandKind.AMEND_ORDER, cxlRejReason, reason.name());
            report(order.session, order.accountId);
        }
    }

    /**
     * A fill of each side of the trade that was placed over FIX.
     */
    @Override
    public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder event)
    {
        final boolean buyerTakes = event.aggressorSide() == Side.BUY;
        onFill(event, cache.get(event.takerOrderId()), event.takerLeavesQuantity(), 'T',
            buyerTakes ? event.buyerFee() : event.sellerFee());
        onFill(event, cache.get(event.makerOrderId()), event.makerLeavesQuantity(), 'M',
            buyerTakes ? event.sellerFee() : event.buyerFee());
    }

    @Override
    public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder event)
    {
        final OrderState order = cache.get(event.orderId());
        if (order != null)
        {
            final String requestedBy = requestOf(envelope.correlationId(), order);
            order.status = OrdStatus.CANCELED;
            final MessageBody report = requestedBy == null ? executionReport(order, order.clOrdId) :
                executionReport(order, requestedBy).add(FixTags.ORIG_CL_ORD_ID, order.clOrdId);
            OrderMessages.withFills(report, order).add(FixTags.EXEC_TYPE, ExecType.CANCELED)
                .add(FixTags.ORD_STATUS, OrdStatus.CANCELED).add(FixTags.TEXT, event.reason().name());
            report(order.session, order.accountId);
            retire(order);
        }
    }

    @Override
    public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder event)
    {
        final OrderState order = cache.get(event.orderId());
        if (order != null)
        {
            final String requestedBy = requestOf(envelope.correlationId(), order);
            final String previous = order.clOrdId;
            order.clOrdId = requestedBy == null ? previous : requestedBy;
            order.price = event.price();
            order.quantity = event.quantity();
            order.status = order.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
            OrderMessages.withFills(executionReport(order, order.clOrdId).add(FixTags.ORIG_CL_ORD_ID, previous), order)
                .add(FixTags.EXEC_TYPE, ExecType.REPLACED).add(FixTags.ORD_STATUS, order.status);
            report(order.session, order.accountId);
        }
    }

    @Override
    public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder event)
    {
        final OrderState order = cache.get(event.orderId());
        if (order != null)
        {
            order.status = OrdStatus.EXPIRED;
            OrderMessages.withFills(executionReport(order, order.clOrdId), order)
                .add(FixTags.EXEC_TYPE, ExecType.EXPIRED).add(FixTags.ORD_STATUS, OrdStatus.EXPIRED);
            report(order.session, order.accountId);
            retire(order);
        }
    }

    @Override
    public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder event)
    {
        crosses.onExecuted(event, crossReporter);
    }

    /**
     * A fill of one side of a trade, with the fee its account paid as Commission (12, CommType 13 = 3, absolute) and
     * the trade id, which GET /trades and the settlement statements show, as SecondaryExecID (527): FIX 4.4 has no
     * TrdMatchID (880) on an ExecutionReport, and strict counterparties reject it.
     */
    private void onFill(
        final TradeDecoder event, final OrderState order, final long leaves, final char role, final long fee)
    {
        if (order == null)
        {
            return;
        }
        final long price = event.price();
        final long quantity = event.quantity();
        order.cumQty += quantity;
        order.cumValue += price * quantity;
        order.status = leaves == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        OrderMessages.withFills(OrderMessages.executionReport(body, order, order.clOrdId, nextExecId(role)), order)
            .add(FixTags.EXEC_TYPE, ExecType.TRADE).add(FixTags.ORD_STATUS, order.status)
            .addScaled(FixTags.LAST_PX, price, 2).add(FixTags.LAST_QTY, quantity)
            .addScaled(FixTags.COMMISSION, fee, 2).add(FixTags.COMM_TYPE, CommType.ABSOLUTE)
            .add(FixTags.SECONDARY_EXEC_ID, event.tradeId());
        report(order.session, order.accountId);
        if (leaves == 0)
        {
            retire(order);
        }
    }

    /**
     * @return the ClOrdID of the cancel or replace request an event of the order answers, or null if the command was
     *     not one: live, the request handed over under the command's correlation id; while replaying, the request the
     *     order log holds next for the order.
     */
    private String requestOf(final long correlationId, final OrderState order)
    {
        if (restore.isReplaying())
        {
            return restore.takeLoggedRequest(order.orderId);
        }
        final OrderHandOff.Request request = requests.get(correlationId);
        if (request == null || request.orderId() != order.orderId)
        {
            return null;
        }
        requests.remove(correlationId);
        return request.clOrdId();
    }

    private MessageBody executionReport(final OrderState order, final String clOrdId)
    {
        return OrderMessages.executionReport(body, order, clOrdId, nextExecId('\0'));
    }

    /**
     * @param role {@code T} or {@code M} for a trade's taker or maker, {@code B} or {@code S} for a block trade's buyer
     *     or seller, otherwise 0.
     * @return the ExecID of the current event's report: the same each time the event is reported.
     */
    private CharSequence nextExecId(final char role)
    {
        execId.setLength(0);
        execId.append(execSequence).append('-').append(eventOrdinal);
        if (role != 0)
        {
            execId.append(role);
        }
        return execId;
    }

    /**
     * Report an event of the command {@link #execSequence}, written into {@link #body} with its ExecID in
     * {@link #execId}: while replaying, kept (as a copy) for the restore to send; live, offered to the session with the
     * command sequence as its tag, so that its store confirmation moves the checkpoint. Then, an ExecutionReport is
     * copied to the drop copies that cover its account (see {@link ReportDelivery#copy}): after its owner has it.
     *
     * @param accountId the account the report is about, which decides the drop copies it goes to.
     */
    private void report(final int owner, final long accountId)
    {
        if (restore.isReplaying())
        {
            final ApplicationMessage message = body.toMessage();
            restore.replayed(owner, execSequence, execId.toString(), message,
                accountId, delivery.copyMessage(owner, accountId, body));
            return;
        }
        delivery.offer(owner, execSequence, body);
        delivery.copy(owner, accountId, execSequence, body);
    }

    /**
     * A closed order leaves the live orders, here and, through its queue, in its session, which keeps a compact record
     * of it. Not while replaying at start: the order log's compaction writes every order of the cache.
     */
    private void retire(final OrderState order)
    {
        if (restore.isReplaying())
        {
            return;
        }
        cache.closed(order);
        sessions.byIndex(order.session).closed.offer(order); // when full, the session keeps it live: memory only
    }

    /**
     * Takes what the inbound side hands over, on the listener thread.
     */
    private final class HandOffReceiver implements OrderHandOff.Receiver
    {
        @Override
        public void onPlaced(final OrderState order)
        {
            cache.add(order);
        }

        @Override
        public void onRequest(final OrderHandOff.Request request)
        {
            requests.put(request.correlationId(), request);
        }

        @Override
        public void onRefused(final long orderId)
        {
            final OrderState order = cache.get(orderId);
            if (order != null)
            {
                order.status = OrdStatus.REJECTED;
                retire(order);
            }
        }

        @Override
        public void onCrossPlaced(final CrossRecord cross)
        {
            crosses.placed(cross);
        }

        @Override
        public void onCrossRefused(final long crossId)
        {
            crosses.refused(crossId);
        }
    }

    /**
     * Reports of crosses, with this event's ExecIDs and delivery.
     */
    private final class CrossReporter implements CrossReports.Reporter
    {
        @Override
        public CharSequence execId(final char side)
        {
            return nextExecId(side);
        }

        @Override
        public MessageBody body()
        {
            return body;
        }

        @Override
        public void report(final int session, final long accountId)
        {
            ExecutionReports.this.report(session, accountId);
        }
    }
}
