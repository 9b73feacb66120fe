package io.carbonx.gateway.orders;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineUnavailableException;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.UtcTimestamps;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Order entry over FIX: turns NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderStatusRequest and
 * OrderMassCancelRequest into engine commands (and NewOrderCross into block trades, through {@link CrossEntry}), and the
 * engine's events into ExecutionReports and OrderCancelRejects for the session that owns each order.
 * <p>
 * An order id carries the index of its session in its top 16 bits, so an event finds its session without a lookup,
 * also after a restart; the low 47 bits come from a clock-seeded counter, which keeps ids unique across restarts as long
 * as a session averages fewer than 128 orders a millisecond. Reports are sent only from the engine's event thread, after
 * the command is journaled; what a disconnected member misses reaches it through FIX resend: every configured session
 * is bound from the start ({@link #bindSessions}), and a logged-off session stores what it is sent for resend.
 * <p>
 * Nothing journaled goes unreported across a crash. An event's ExecID is made of its command's sequence, its ordinal
 * among the command's events and, for a trade, the side ({@code T} taker, {@code M} maker), so a report is the same
 * whenever it is made. Each report's store write is tracked, and a {@link ReportCheckpoint} records the highest command
 * sequence whose reports are all stored. What a report needs of an order is written to an {@link OrderLog} before the
 * order is published; at start {@link #load} rebuilds every order of the log (filled and closed ones too, so that an
 * OrderStatusRequest finds them), recovery replays the journal after the log's mark through {@link #onEvent}, silently
 * up to the checkpoint and then for real, and {@link #sendRecovered} sends the replayed reports that the sessions'
 * stores do not already hold. An order of the log that the journal never got is rejected then, with the reason.
 * <p>
 * A report that cannot be stored fails the engine ({@link EnginePipeline#fail}): no more commands are taken, so no
 * fill goes unreported; what was journaled is reported after a restart. The same holds when the order log cannot be
 * written.
 * <p>
 * Threads: FIX requests come on the sessions' event loops; events on the engine's event thread (during recovery, the
 * starting thread); store confirmations on the sessions' event loops. Records are shared through volatile fields.
 */
public final class OrderEntry implements FixApplication, EngineEventListener
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderEntry.class);
    private static final int SESSION_SHIFT = 47;
    private static final long COUNTER_MASK = (1L << SESSION_SHIFT) - 1;
    private static final long EPOCH_2025_MILLIS = 1_735_689_600_000L;
    /** FIX 4.4: the ExecID of an order status report (ExecType I) is 0. */
    private static final String STATUS_EXEC_ID = "0";
    /** OrdRejReason 5. */
    private static final int UNKNOWN_ORDER = 5;
    /** OrdRejReason 15: unknown (or, here, not permitted) account. */
    private static final int UNKNOWN_ACCOUNT = 15;
    /** MassCancelRejectReason 0, 1 and 99. */
    private static final int MASS_CANCEL_NOT_SUPPORTED = 0;
    private static final int UNKNOWN_SECURITY = 1;
    private static final int MASS_CANCEL_OTHER = 99;
    /** Side filter of a mass cancel without Side (54): both sides. */
    private static final char BOTH_SIDES = 0;

    /**
     * What the gateway knows of one order it placed, to fill in the reports about it.
     */
    private static final class OrderRecord
    {
        final long orderId;
        final long accountId;
        final String symbol;
        final char side;
        final char ordType;
        volatile String clOrdId;
        volatile String pendingClOrdId;
        volatile long price;
        volatile long quantity;
        volatile long cumQty;
        volatile long cumValue;
        volatile char status = 'A';
        /** The NewOrderSingle as logged; with the requests below, what a compacted order log keeps. */
        OrderLog.Entry placed;
        /** Replace and cancel requests whose commands are applied to this record (start only). */
        final List<OrderLog.Entry> requests = new ArrayList<>(0);
        /** Replace and cancel requests logged after the log's mark, in order, not yet met in the replay (start only). */
        final ArrayDeque<OrderLog.Entry> unapplied = new ArrayDeque<>(0);

        OrderRecord(
            final long orderId, final long accountId, final String symbol, final char side, final char ordType,
            final String clOrdId, final long price, final long quantity)
        {
            this.orderId = orderId;
            this.accountId = accountId;
            this.symbol = symbol;
            this.side = side;
            this.ordType = ordType;
            this.clOrdId = clOrdId;
            this.price = price;
            this.quantity = quantity;
        }

        boolean isOpen()
        {
            return status == '0' || status == '1' || status == 'A';
        }
    }

    /**
     * One configured session: who it is and which orders it placed.
     */
    private static final class SessionOrders
    {
        final int index;
        final int brokerId;
        final long counterBase;
        final Map<String, Long> orderIdByClOrdId = new ConcurrentHashMap<>();
        /** Reports handed to the session and reports it has stored: equal when nothing is in flight. */
        final AtomicLong handed = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        /** The command sequence of the last report stored; written by the session's event loop. */
        volatile long lastStoredSequence;
        /** The command sequence of the first report the store refused. */
        volatile long failedAtSequence = Long.MAX_VALUE;
        long counter;
        volatile FixSession session;

        SessionOrders(final int index, final int brokerId, final long counterBase)
        {
            this.index = index;
            this.brokerId = brokerId;
            this.counterBase = counterBase;
        }
    }

    private EnginePipeline engine;
    private final Map<String, Integer> instrumentIds;
    private final Map<FixSessionId, SessionOrders> sessionsById = new ConcurrentHashMap<>();
    private final SessionOrders[] sessionsByIndex;
    private final Map<Long, OrderRecord> orders = new ConcurrentHashMap<>();
    private final OrderLog log;

    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderAmendedDecoder amended = new OrderAmendedDecoder();
    private final OrderExpiredDecoder expired = new OrderExpiredDecoder();
    private final BlockTradeExecutedDecoder blockTrade = new BlockTradeExecutedDecoder();
    private final CrossEntry crosses;
    private final ReportCheckpoint checkpoint;
    private long execSequence = -1;
    private int eventOrdinal;
    /** The ExecID of the ExecutionReport being built on the event thread, for {@link #report}. */
    private String reportExecId;

    /** The events of commands up to this sequence are already in the records: a replay passes them over. */
    private long appliedUpTo = -1;
    /** The reports of commands up to this sequence are stored: a replay applies their events without reporting. */
    private long reportedUpTo = -1;
    private boolean replaying;
    /** The compacted order log up to its MARK, and the requests to log after it; null until captured. */
    private List<OrderLog.Entry> compacted;
    private List<OrderLog.Entry> compactedLater;
    private final List<Recovered> recovered = new ArrayList<>();
    /** The last command whose events the event thread has handled in full (when ready). */
    private volatile long processedSequence = -1;
    private volatile boolean ready;

    /**
     * A report made while replaying the journal at start, sent once the sessions are bound unless already stored.
     */
    private record Recovered(SessionOrders owner, long sequence, String execId, ApplicationMessage message,
        Runnable afterStored)
    {
    }

    /**
     * @param sessions      in configuration order: a session's position is its index in order ids.
     * @param brokerIds    the broker id each session's orders are sent under, in the same order.
     * @param instrumentIds by symbol.
     * @param log           where orders are recorded before they are published, to be reported on after a restart.
     * @param checkpoint    how far reports are stored.
     */
    public OrderEntry(
        final List<FixSessionId> sessions, final List<Integer> brokerIds, final Map<String, Integer> instrumentIds,
        final OrderLog log, final ReportCheckpoint checkpoint)
    {
        this.instrumentIds = Map.copyOf(instrumentIds);
        this.log = log;
        this.checkpoint = checkpoint;
        this.sessionsByIndex = new SessionOrders[sessions.size()];
        final long counterBase = (System.currentTimeMillis() - EPOCH_2025_MILLIS) << 7;
        for (int i = 0; i < sessions.size(); i++)
        {
            final SessionOrders orders = new SessionOrders(i, brokerIds.get(i), counterBase);
            sessionsByIndex[i] = orders;
            sessionsById.put(sessions.get(i), orders);
        }
        this.crosses = new CrossEntry(instrumentIds, new CrossEntry.Reporter()
        {
            @Override
            public boolean logged(final long crossId, final OrderLog.Entry entry)
            {
                return OrderEntry.this.logged(ownerOf(crossId), entry);
            }

            @Override
            public String execId(final char side)
            {
                return nextExecId(side);
            }

            @Override
            public void report(final long crossId, final ApplicationMessage message)
            {
                OrderEntry.this.report(ownerOf(crossId), message);
            }

            @Override
            public void recovered(
                final long crossId, final String execId, final ApplicationMessage message, final Runnable afterStored)
            {
                recovered.add(new Recovered(ownerOf(crossId), execSequence, execId, message, afterStored));
            }
        });
    }

    /**
     * The engine to send commands to; it is built with this as one of its listeners, so it is bound after both exist.
     */
    public void engine(final EnginePipeline engine)
    {
        this.engine = engine;
        crosses.engine(engine);
    }

    /**
     * Bind every configured session as soon as the acceptor exists, so that reports for a session that has not logged on
     * since the start are stored for resend rather than dropped.
     */
    public void bindSessions(final Function<FixSessionId, FixSession> sessions)
    {
        sessionsById.forEach((id, owner) -> owner.session = sessions.apply(id));
    }

    /**
     * Rebuild every order of the log: its state as of the log's mark, and the requests logged after the mark, to be
     * matched with the events of the replay. Call once, before recovery.
     *
     * @return the mark: the command sequence up to which the orders' state includes the events. Recovery must start
     *     from a snapshot at or before it and give {@link #onEvent} the events of every command after the snapshot.
     */
    public long load()
    {
        final List<OrderLog.Entry> entries = log.loaded();
        int markIndex = -1;
        for (int i = 0; i < entries.size(); i++)
        {
            if (entries.get(i).kind() == OrderLog.MARK)
            {
                markIndex = i;
            }
        }
        final long mark = markIndex < 0 ? -1 : entries.get(markIndex).orderId();
        for (int i = 0; i < entries.size(); i++)
        {
            final OrderLog.Entry entry = entries.get(i);
            if (entry.kind() == OrderLog.CROSS || entry.kind() == OrderLog.CROSS_CLOSED)
            {
                // a compacted log keeps after its mark only the crosses still to be answered
                if (i > markIndex)
                {
                    crosses.load(entry);
                }
                continue;
            }
            final int index = (int)(entry.orderId() >>> SESSION_SHIFT) - 1;
            if (entry.kind() == OrderLog.MARK || index < 0 || index >= sessionsByIndex.length)
            {
                continue;
            }
            final SessionOrders owner = sessionsByIndex[index];
            owner.orderIdByClOrdId.put(entry.clOrdId(), entry.orderId());
            if (entry.kind() == OrderLog.NEW)
            {
                final OrderRecord record = new OrderRecord(entry.orderId(), entry.accountId(), entry.symbol(),
                    entry.side(), entry.ordType(), entry.clOrdId(), entry.price(), entry.quantity());
                record.placed = entry;
                orders.putIfAbsent(entry.orderId(), record);
                continue;
            }
            final OrderRecord record = orders.get(entry.orderId());
            if (record == null)
            {
                continue;
            }
            if (entry.kind() == OrderLog.STATE)
            {
                record.clOrdId = entry.clOrdId();
                record.price = entry.price();
                record.quantity = entry.quantity();
                record.cumQty = entry.cumQty();
                record.cumValue = entry.cumValue();
                record.status = entry.status();
            }
            else if (i < markIndex)
            {
                record.requests.add(entry);
            }
            else
            {
                record.unapplied.add(entry);
            }
        }
        appliedUpTo = mark;
        reportedUpTo = Math.max(mark, checkpoint.sequence());
        processedSequence = reportedUpTo;
        for (final SessionOrders owner : sessionsByIndex)
        {
            owner.lastStoredSequence = reportedUpTo + 1;
        }
        replaying = true;
        return mark;
    }

    /**
     * @return how many orders the log held.
     */
    public int orderCount()
    {
        return orders.size();
    }

    /**
     * After recovery, before the engine starts: compact the order log to the orders' state, and reject every order,
     * cancel and replace of the log that the journal never received (an order whose state never left "pending new",
     * a request that no event answered).
     *
     * @param journalEnd the journal's last sequence.
     * @return how many orders are rejected for that reason.
     */
    public int finishRecovery(final long journalEnd) throws IOException
    {
        if (compacted == null)
        {
            compacted(journalEnd);
        }
        final List<OrderLog.Entry> unanswered = new ArrayList<>();
        for (final OrderRecord record : orders.values())
        {
            final SessionOrders owner = sessionsByIndex[(int)(record.orderId >>> SESSION_SHIFT) - 1];
            for (final OrderLog.Entry request : record.unapplied)
            {
                unanswered.add(request);
                recovered.add(new Recovered(owner, journalEnd, null, cancelRejectBuilder(record, request.clOrdId(),
                    record.clOrdId, request.kind() == OrderLog.REPLACE, 99,
                    "not accepted before the exchange restarted; send it again").build(), null));
            }
        }
        // their commands will never come: the next start must not answer them again
        compacted.addAll(compacted.size() - 1, unanswered);
        compactedLater.removeAll(unanswered);
        compacted.addAll(compactedLater);
        log.rewrite(compacted);
        compacted = null;
        compactedLater = null;
        int rejected = 0;
        for (final OrderRecord record : orders.values())
        {
            if (record.status == 'A')
            {
                record.status = '8';
                rejected++;
                final OrderLog.Entry state = stateOf(record);
                final SessionOrders owner = sessionsByIndex[(int)(record.orderId >>> SESSION_SHIFT) - 1];
                final String execId = "X" + record.orderId;
                // OrderID NONE, as for any order refused before the engine had it: the exchange never took it
                recovered.add(new Recovered(owner, journalEnd, execId,
                    executionReport(null, record.clOrdId, execId, record.accountId, record.symbol, record.side,
                        record.ordType, record.price, record.quantity).add(150, '8').add(39, '8').add(103, 99)
                        .add(58, "not accepted before the exchange restarted; send it again").add(151, 0).add(14, 0)
                        .add(6, 0).build(),
                    () -> log.append(state)));
            }
            record.unapplied.clear();
            record.requests.clear();
        }
        replaying = false;
        execSequence = journalEnd;
        final int crossesRejected = crosses.unanswered(log);
        if (crossesRejected > 0)
        {
            LOG.warn("{} block trades of the order log never reached the journal: rejected", crossesRejected);
        }
        return rejected;
    }

    /**
     * Once the sessions are bound: send the reports made during recovery that a session's store does not hold yet, and
     * start taking requests.
     *
     * @param storedExecIds the ExecIDs each session's store held at start.
     * @return how many reports were sent.
     */
    public int sendRecovered(final Map<FixSessionId, Set<String>> storedExecIds, final long journalEnd)
    {
        final Map<SessionOrders, Set<String>> stored = new HashMap<>();
        storedExecIds.forEach((id, execIds) ->
        {
            final SessionOrders owner = sessionsById.get(id);
            if (owner != null)
            {
                stored.put(owner, execIds);
            }
        });
        int sent = 0;
        for (final Recovered report : recovered)
        {
            if (stored.getOrDefault(report.owner(), Set.of()).contains(report.execId()))
            {
                if (report.afterStored() != null)
                {
                    report.afterStored().run();
                }
                continue;
            }
            deliver(report.owner(), report.sequence(), report.message(), report.afterStored());
            sent++;
        }
        recovered.clear();
        processedSequence = Math.max(processedSequence, journalEnd);
        ready = true;
        advanceCheckpoint();
        return sent;
    }

    /**
     * Capture the order log as of a command sequence: each order's NEW entry, applied requests and state, the MARK,
     * and (in {@link #compactedLater}) the requests still to be met in the replay.
     */
    private void compacted(final long markSequence)
    {
        final List<OrderLog.Entry> entries = new ArrayList<>();
        final List<OrderLog.Entry> later = new ArrayList<>();
        for (final OrderRecord record : orders.values())
        {
            if (record.placed == null)
            {
                continue;
            }
            entries.add(record.placed);
            entries.addAll(record.requests);
            entries.add(stateOf(record));
            later.addAll(record.unapplied);
        }
        entries.add(OrderLog.Entry.mark(markSequence));
        later.addAll(crosses.unansweredEntries());
        compacted = entries;
        compactedLater = later;
    }

    private static OrderLog.Entry stateOf(final OrderRecord record)
    {
        return new OrderLog.Entry(OrderLog.STATE, record.orderId, record.accountId, record.symbol, record.side,
            record.ordType, record.price, record.quantity, record.clOrdId, record.cumQty, record.cumValue,
            record.status);
    }

    // ---------------------------------------------------------------------------------------- FIX to engine

    @Override
    public void onLogon(final FixSession session)
    {
        final SessionOrders owner = sessionsById.get(session.id());
        if (owner != null)
        {
            owner.session = session;
        }
    }

    /**
     * A NewOrderSingle for an account the session may not trade is answered with a rejected ExecutionReport.
     */
    @Override
    public boolean checksAccount(final String msgType)
    {
        return "D".equals(msgType);
    }

    @Override
    public void onLogout(final FixSession session)
    {
        final SessionOrders owner = sessionsById.get(session.id());
        if (owner != null && session.settings().cancelOnDisconnect())
        {
            cancelOpenOrders(owner, null, BOTH_SIDES);
        }
    }

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        final SessionOrders owner = sessionsById.get(session.id());
        if (owner == null)
        {
            return;
        }
        owner.session = session;
        if (!ready)
        {
            session.send(businessReject(message, 4, "exchange unavailable: starting"));
            return;
        }
        try
        {
            switch (message.msgType())
            {
                case "D" -> onNewOrderSingle(owner, message);
                case "F" -> onCancelRequest(owner, message, false);
                case "G" -> onCancelRequest(owner, message, true);
                case "H" -> onStatusRequest(owner, message);
                case "q" -> onMassCancel(owner, message);
                case "s" -> crosses.onNewOrderCross(owner.session, owner.brokerId, nextOrderId(owner), message);
                default -> session.send(businessReject(message, 3, "unsupported message type " + message.msgType()));
            }
        }
        catch (final EngineUnavailableException ex)
        {
            session.send(businessReject(message, 4, "exchange unavailable: " + ex.getMessage()));
        }
    }

    private void onNewOrderSingle(final SessionOrders owner, final FixMessage message)
    {
        final String clOrdId = message.getString(11);
        final String symbol = message.getString(55);
        final char side = message.getChar(54, '?');
        final char ordType = message.getChar(40, '?');
        final long quantity = message.getLong(38, 0);
        final int priceIndex = message.indexOf(44);
        final long price = priceIndex < 0 ? 0 : message.scaledAt(priceIndex, 2);
        final long accountId = message.getLong(1, Long.MIN_VALUE);

        final Long known = owner.orderIdByClOrdId.get(clOrdId);
        if (known != null && message.getChar(43, 'N') == 'Y' && orders.get(known) != null)
        {
            // a possible duplicate of an order already taken: tell its state rather than refuse or place it again
            final OrderRecord record = orders.get(known);
            owner.session.send(withFills(executionReport(record, record.clOrdId, STATUS_EXEC_ID), record).add(150, 'I')
                .add(39, record.status).add(58, "possible duplicate of an order already received").build());
            return;
        }
        final int accountIndex = message.indexOf(1);
        String problem = null;
        int reason = 99;
        if (known != null)
        {
            problem = "duplicate ClOrdID " + clOrdId;
            reason = 6;
        }
        else if (accountIndex >= 0 && !owner.session.settings().isAccountAllowed(message.buffer(),
            message.valueOffset(accountIndex), message.valueLength(accountIndex)))
        {
            problem = "Account " + message.getString(1) + " is not allowed for this session";
            reason = UNKNOWN_ACCOUNT;
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
            reason = 1;
        }
        else if ((side != '1' && side != '2') || (ordType != '1' && ordType != '2'))
        {
            problem = "Side must be 1 or 2 and OrdType 1 (market) or 2 (limit)";
        }
        final TimeInForce timeInForce = timeInForce(message.getChar(59, '0'));
        if (problem == null && timeInForce == null)
        {
            problem = "TimeInForce must be 0, 1, 3, 4 or 6";
        }
        long expireTime = 0;
        if (problem == null && timeInForce == TimeInForce.GTD)
        {
            final int index = message.indexOf(126);
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
            // an I/O thread must not draw on the event thread's ExecIDs: an order id is unique and never reported
            final ApplicationMessage.Builder reject = executionReport(null, clOrdId, "R" + nextOrderId(owner), accountId,
                symbol, side, ordType, price, quantity);
            if (priceIndex >= 0 && price == Long.MIN_VALUE)
            {
                reject.add(44, message.getString(44)); // as sent: it has no scaled value
            }
            owner.session.send(reject.add(150, '8').add(39, '8').add(103, reason).add(58, problem).add(151, 0)
                .add(14, 0).add(6, 0).build());
            return;
        }

        final long orderId = nextOrderId(owner);
        if (!logged(owner, new OrderLog.Entry(OrderLog.NEW, orderId, accountId, symbol, side, ordType, price, quantity,
            clOrdId)))
        {
            owner.session.send(executionReport(null, clOrdId, "R" + orderId, accountId, symbol, side, ordType, price,
                quantity).add(150, '8').add(39, '8').add(103, 99).add(58, "exchange unavailable: cannot record the order")
                .add(151, 0).add(14, 0).add(6, 0).build());
            return;
        }
        final OrderRecord record = new OrderRecord(orderId, accountId, symbol, side, ordType, clOrdId, price, quantity);
        orders.put(orderId, record);
        owner.orderIdByClOrdId.put(clOrdId, orderId);
        final String execInst = message.getString(18);
        final boolean postOnly = execInst != null && execInst.indexOf('6') >= 0;
        final long expiry = expireTime;
        try
        {
            publish(writer -> writer.newOrder(command, 0, orderId, accountId, owner.brokerId, instrumentIds.get(symbol),
                side == '1' ? Side.BUY : Side.SELL, ordType == '1' ? OrderType.MARKET : OrderType.LIMIT, timeInForce,
                postOnly, price, quantity, expiry), orderId);
        }
        catch (final EngineUnavailableException ex)
        {
            // refused here (the caller answers): a restart must not find it pending and answer it again
            record.status = '8';
            try
            {
                log.append(stateOf(record));
            }
            catch (final UncheckedIOException | IllegalArgumentException logFailure)
            {
                LOG.error("session {}: {}", owner.index, logFailure.getMessage());
            }
            throw ex;
        }
    }

    private void onCancelRequest(final SessionOrders owner, final FixMessage message, final boolean replace)
    {
        final String clOrdId = message.getString(11);
        final String origClOrdId = message.getString(41);
        final OrderRecord record = find(owner, message.getString(37), origClOrdId);
        if (record == null)
        {
            owner.session.send(cancelReject(null, clOrdId, origClOrdId, replace, 1, "unknown order"));
            return;
        }
        if (owner.orderIdByClOrdId.putIfAbsent(clOrdId, record.orderId) != null)
        {
            owner.session.send(cancelReject(record, clOrdId, origClOrdId, replace, 99, "duplicate ClOrdID " + clOrdId));
            return;
        }
        final int priceIndex = message.indexOf(44);
        final long price = priceIndex < 0 ? record.price : message.scaledAt(priceIndex, 2);
        final long quantity = message.getLong(38, record.quantity);
        if (!logged(owner, new OrderLog.Entry(replace ? OrderLog.REPLACE : OrderLog.CANCEL, record.orderId,
            record.accountId, record.symbol, record.side, record.ordType, price, quantity, clOrdId)))
        {
            owner.orderIdByClOrdId.remove(clOrdId);
            owner.session.send(cancelReject(record, clOrdId, origClOrdId, replace, 99,
                "exchange unavailable: cannot record the request"));
            return;
        }
        record.pendingClOrdId = clOrdId;
        final int instrumentId = instrumentIds.get(record.symbol);
        if (replace)
        {
            publish(writer -> writer.amendOrder(command, 0, record.orderId, record.accountId, owner.brokerId,
                instrumentId, price, quantity), record.orderId);
        }
        else
        {
            publish(writer -> writer.cancelOrder(command, 0, record.orderId, record.accountId, owner.brokerId,
                instrumentId), record.orderId);
        }
    }

    private void onStatusRequest(final SessionOrders owner, final FixMessage message)
    {
        final OrderRecord record = find(owner, message.getString(37), message.getString(11));
        if (record == null)
        {
            owner.session.send(executionReport(null, message.getString(11), STATUS_EXEC_ID, message.getLong(1, 0),
                message.getString(55), message.getChar(54, '1'), '2', 0, 0).add(150, 'I').add(39, '8')
                .add(103, UNKNOWN_ORDER).add(58, "unknown order").add(151, 0).add(14, 0).add(6, 0).build());
            return;
        }
        owner.session.send(withFills(executionReport(record, record.clOrdId, STATUS_EXEC_ID), record).add(150, 'I')
            .add(39, record.status).build());
    }

    /**
     * Scopes are those FIX 4.4 defines that mean something here: all the session's orders (7) or those of one security
     * (1), optionally of one Side (54). Any other scope is refused rather than widened to all orders.
     */
    private void onMassCancel(final SessionOrders owner, final FixMessage message)
    {
        final char requestType = message.getChar(530, '?');
        final String symbol = requestType == '1' ? message.getString(55) : null;
        final char side = message.getChar(54, BOTH_SIDES);
        final ApplicationMessage.Builder report = ApplicationMessage.builder("r")
            .add(11, message.getString(11))
            .add(37, "MASS-" + System.nanoTime())
            .add(530, requestType);
        if (requestType != '1' && requestType != '7')
        {
            owner.session.send(massCancelRejected(report, MASS_CANCEL_NOT_SUPPORTED,
                "MassCancelRequestType must be 1 (security) or 7 (all orders)"));
        }
        else if (requestType == '1' && (symbol == null || !instrumentIds.containsKey(symbol)))
        {
            owner.session.send(massCancelRejected(report, UNKNOWN_SECURITY, "unknown symbol " + symbol));
        }
        else if (side != BOTH_SIDES && side != '1' && side != '2')
        {
            owner.session.send(massCancelRejected(report, MASS_CANCEL_OTHER, "Side must be 1 or 2"));
        }
        else
        {
            final int affected = cancelOpenOrders(owner, symbol, side);
            owner.session.send(report.add(531, requestType).add(533, affected).build());
        }
    }

    private static ApplicationMessage massCancelRejected(
        final ApplicationMessage.Builder report, final int reason, final String text)
    {
        return report.add(531, '0').add(532, reason).add(533, 0).add(58, text).build();
    }

    private int cancelOpenOrders(final SessionOrders owner, final String symbol, final char side)
    {
        int affected = 0;
        for (final OrderRecord record : orders.values())
        {
            if ((record.orderId >>> SESSION_SHIFT) - 1 == owner.index && record.isOpen() &&
                (symbol == null || symbol.equals(record.symbol)) && (side == BOTH_SIDES || side == record.side))
            {
                final int instrumentId = instrumentIds.get(record.symbol);
                publish(writer -> writer.cancelOrder(command, 0, record.orderId, record.accountId, owner.brokerId,
                    instrumentId), record.orderId);
                affected++;
            }
        }
        return affected;
    }

    private OrderRecord find(final SessionOrders owner, final String orderId, final String clOrdId)
    {
        if (orderId != null)
        {
            try
            {
                final OrderRecord record = orders.get(Long.parseLong(orderId));
                if (record != null && (record.orderId >>> SESSION_SHIFT) - 1 == owner.index)
                {
                    return record;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // not one of ours: fall back to the ClOrdID
            }
        }
        final Long id = clOrdId == null ? null : owner.orderIdByClOrdId.get(clOrdId);
        return id == null ? null : orders.get(id);
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
            halt("cannot write the order log: " + ex.getMessage(), ex);
            return false;
        }
    }

    private long nextOrderId(final SessionOrders owner)
    {
        synchronized (owner)
        {
            return ((owner.index + 1L) << SESSION_SHIFT) | ((owner.counterBase + owner.counter++) & COUNTER_MASK);
        }
    }

    @FunctionalInterface
    private interface Encoding
    {
        int encode(CommandWriter writer);
    }

    /**
     * Encode and publish one command; sessions may share event loops, so encoding is serialised.
     */
    private synchronized void publish(final Encoding encoding, final long correlationId)
    {
        final int length = encoding.encode(writer.envelope(System.currentTimeMillis() * 1_000_000, 1, correlationId));
        engine.publish(command, 0, length);
    }

    private static TimeInForce timeInForce(final char value)
    {
        return switch (value)
        {
            case '0' -> TimeInForce.DAY;
            case '1' -> TimeInForce.GTC;
            case '3' -> TimeInForce.IOC;
            case '4' -> TimeInForce.FOK;
            case '6' -> TimeInForce.GTD;
            default -> null;
        };
    }

    // ---------------------------------------------------------------------------------------- engine to FIX

    @Override
    public String roleName()
    {
        return "fix-reports";
    }

    @Override
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        if (commandSequence <= appliedUpTo)
        {
            return; // replaying: the records already hold what these did
        }
        if (commandSequence != execSequence)
        {
            if (replaying && compacted == null && commandSequence > reportedUpTo)
            {
                // the records as of the last stored report: what the next start must begin from
                compacted(reportedUpTo);
            }
            if (ready && execSequence > processedSequence)
            {
                processedSequence = execSequence;
            }
            execSequence = commandSequence;
            eventOrdinal = 0;
        }
        eventOrdinal++;
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrap(buffer, body, blockLength, version);
                final OrderRecord record = orders.get(accepted.orderId());
                if (record != null)
                {
                    record.status = '0';
                    report(record, withFills(executionReport(record, record.clOrdId), record).add(150, '0').add(39, '0'));
                }
            }
            case CommandRejectedDecoder.TEMPLATE_ID -> onRejected(rejected.wrap(buffer, body, blockLength, version));
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, body, blockLength, version);
                final boolean buyerTakes = trade.aggressorSide() == Side.BUY;
                onFill(orders.get(trade.takerOrderId()), trade.takerLeavesQuantity(), 'T',
                    buyerTakes ? trade.buyerFee() : trade.sellerFee());
                onFill(orders.get(trade.makerOrderId()), trade.makerLeavesQuantity(), 'M',
                    buyerTakes ? trade.sellerFee() : trade.buyerFee());
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                cancelled.wrap(buffer, body, blockLength, version);
                final OrderRecord record = orders.get(cancelled.orderId());
                if (record != null)
                {
                    takeLoggedRequest(record);
                    record.status = '4';
                    final String requestedBy = record.pendingClOrdId;
                    final ApplicationMessage.Builder report = requestedBy == null ?
                        executionReport(record, record.clOrdId) : executionReport(record, requestedBy).add(41, record.clOrdId);
                    report(record, withFills(report, record).add(150, '4').add(39, '4').add(58, cancelled.reason().name()));
                    closed(record);
                }
            }
            case OrderAmendedDecoder.TEMPLATE_ID ->
            {
                amended.wrap(buffer, body, blockLength, version);
                final OrderRecord record = orders.get(amended.orderId());
                if (record != null)
                {
                    takeLoggedRequest(record);
                    final String previous = record.clOrdId;
                    record.clOrdId = record.pendingClOrdId == null ? previous : record.pendingClOrdId;
                    record.pendingClOrdId = null;
                    record.price = amended.price();
                    record.quantity = amended.quantity();
                    record.status = record.cumQty > 0 ? '1' : '0';
                    report(record, withFills(executionReport(record, record.clOrdId).add(41, previous), record)
                        .add(150, '5').add(39, record.status));
                }
            }
            case OrderExpiredDecoder.TEMPLATE_ID ->
            {
                expired.wrap(buffer, body, blockLength, version);
                final OrderRecord record = orders.get(expired.orderId());
                if (record != null)
                {
                    record.status = 'C';
                    report(record, withFills(executionReport(record, record.clOrdId), record).add(150, 'C').add(39, 'C'));
                    closed(record);
                }
            }
            case BlockTradeExecutedDecoder.TEMPLATE_ID ->
                crosses.onExecuted(blockTrade.wrap(buffer, body, blockLength, version));
            default ->
            {
                // other events are not about orders placed over FIX
            }
        }
    }

    private void onRejected(final CommandRejectedDecoder event)
    {
        if (event.commandKind() == CommandKind.BLOCK_TRADE && crosses.onRejected(event))
        {
            return;
        }
        final OrderRecord record = orders.get(event.orderId());
        if (record == null)
        {
            return;
        }
        final RejectReason reason = event.reason();
        if (event.commandKind() == CommandKind.NEW_ORDER)
        {
            record.status = '8';
            report(record, withFills(executionReport(record, record.clOrdId), record)
                .add(150, '8').add(39, '8').add(103, ordRejReason(reason)).add(58, reason.name()));
            closed(record);
        }
        else
        {
            takeLoggedRequest(record);
            final String requestedBy = record.pendingClOrdId;
            record.pendingClOrdId = null;
            final int cxlRejReason = reason == RejectReason.UNKNOWN_ORDER ? 1 :
                reason == RejectReason.ORDER_ALREADY_FILLED || reason == RejectReason.ORDER_ALREADY_CLOSED ? 0 : 99;
            report(record, cancelRejectBuilder(record, requestedBy, record.clOrdId,
                event.commandKind() == CommandKind.AMEND_ORDER, cxlRejReason, reason.name()));
        }
    }

    /**
     * A fill of one side of the trade in {@link #trade}, with the fee its account paid as Commission (12, CommType 13 =
     * 3, absolute) and the trade id, which GET /trades and the settlement statements show, as SecondaryExecID (527):
     * FIX 4.4 has no TrdMatchID (880) on an ExecutionReport, and strict counterparties reject it.
     */
    private void onFill(final OrderRecord record, final long leaves, final char role, final long fee)
    {
        if (record == null)
        {
            return;
        }
        final long price = trade.price();
        final long quantity = trade.quantity();
        record.cumQty += quantity;
        record.cumValue += price * quantity;
        record.status = leaves == 0 ? '2' : '1';
        report(record, withFills(executionReport(record, record.clOrdId, nextExecId(role)), record)
            .add(150, 'F').add(39, record.status).addScaled(31, price, 2).add(32, quantity)
            .addScaled(12, fee, 2).add(13, '3').add(527, Long.toString(trade.tradeId())));
        if (leaves == 0)
        {
            closed(record);
        }
    }

    /**
     * While replaying, the cancel or replace request logged first for an order is the one its next cancel, amend or
     * refusal answers: make it the pending one, as it was when the request was taken.
     */
    private void takeLoggedRequest(final OrderRecord record)
    {
        if (replaying && !record.unapplied.isEmpty())
        {
            final OrderLog.Entry request = record.unapplied.poll();
            record.requests.add(request);
            record.pendingClOrdId = request.clOrdId();
        }
    }

    private void closed(final OrderRecord record)
    {
        // the record stays for OrderStatusRequests; a production gateway would age it out
        record.pendingClOrdId = null;
    }

    /**
     * @return the session that owns an id this entry made (an order's or a cross's).
     */
    private SessionOrders ownerOf(final long id)
    {
        return sessionsByIndex[(int)(id >>> SESSION_SHIFT) - 1];
    }

    /**
     * Report an event of the command {@link #execSequence} on the event thread: while replaying, only once past the
     * checkpoint, and then kept for {@link #sendRecovered}; live, handed to the session with its store write tracked.
     */
    private void report(final OrderRecord record, final ApplicationMessage.Builder message)
    {
        report(ownerOf(record.orderId), message.build());
    }

    private void report(final SessionOrders owner, final ApplicationMessage message)
    {
        final String execId = reportExecId;
        reportExecId = null;
        if (replaying)
        {
            if (execSequence > reportedUpTo)
            {
                recovered.add(new Recovered(owner, execSequence, execId, message, null));
            }
            return;
        }
        deliver(owner, execSequence, message, null);
    }

    private void deliver(
        final SessionOrders owner, final long sequence, final ApplicationMessage message, final Runnable afterStored)
    {
        final FixSession session = owner.session;
        if (session == null)
        {
            // sessions are bound before anything is reported; an unbound one cannot keep the report for resend
            halt("no session to report command " + sequence + " to", null);
            owner.failedAtSequence = Math.min(owner.failedAtSequence, sequence);
            return;
        }
        owner.handed.incrementAndGet();
        session.send(message, new FixSession.Delivery()
        {
            @Override
            public void stored()
            {
                owner.lastStoredSequence = sequence;
                if (afterStored != null)
                {
                    try
                    {
                        afterStored.run();
                    }
                    catch (final UncheckedIOException ex)
                    {
                        halt("cannot write the order log: " + ex.getMessage(), ex);
                    }
                }
                if (owner.stored.incrementAndGet() == owner.handed.get())
                {
                    advanceCheckpoint();
                }
            }

            @Override
            public void failed(final Exception cause)
            {
                owner.failedAtSequence = Math.min(owner.failedAtSequence, sequence);
                halt("cannot store the report of command " + sequence + " for session " + session.id() + ": " +
                    cause.getMessage(), cause);
            }
        });
    }

    @Override
    public void onEndOfBatch()
    {
        if (ready && !replaying)
        {
            // the current command's events may go on in the next batch; the one before it is complete
            if (execSequence - 1 > processedSequence)
            {
                processedSequence = execSequence - 1;
            }
            advanceCheckpoint();
        }
    }

    /**
     * Move the checkpoint to the last command whose reports are all stored: the last command handled, unless a session
     * has reports in flight (those stored are in command order, so the commands before its last stored one are
     * complete) or refused one. Reads in the order that keeps it safe: the handled command before the counts, the
     * stored count before the handed one. Called from the event thread and the sessions' event loops.
     */
    private void advanceCheckpoint()
    {
        long reported = processedSequence;
        for (final SessionOrders owner : sessionsByIndex)
        {
            final long lastStored = owner.lastStoredSequence;
            final long stored = owner.stored.get();
            if (stored != owner.handed.get())
            {
                reported = Math.min(reported, lastStored - 1);
            }
            if (owner.failedAtSequence != Long.MAX_VALUE)
            {
                reported = Math.min(reported, owner.failedAtSequence - 1);
            }
        }
        try
        {
            checkpoint.advance(reported);
        }
        catch (final UncheckedIOException ex)
        {
            halt(ex.getMessage(), ex);
        }
    }

    /**
     * Stop the engine taking commands: the gateway can no longer keep what it reports.
     */
    private void halt(final String reason, final Throwable cause)
    {
        final EnginePipeline running = engine;
        if (running != null)
        {
            running.fail(reason, cause);
        }
        else
        {
            LOG.error("{}", reason, cause);
        }
    }

    private ApplicationMessage.Builder executionReport(final OrderRecord record, final String clOrdId)
    {
        return executionReport(record, clOrdId, nextExecId('\0'));
    }

    private ApplicationMessage.Builder executionReport(final OrderRecord record, final String clOrdId, final String execId)
    {
        return executionReport(record, clOrdId, execId, record.accountId, record.symbol, record.side, record.ordType,
            record.price, record.quantity);
    }

    /**
     * @param role {@code T} or {@code M} for a trade's taker or maker, {@code B} or {@code S} for a block trade's buyer
     *     or seller, otherwise 0.
     * @return the ExecID of the current event's report: the same each time the event is reported.
     */
    private String nextExecId(final char role)
    {
        final String execId = role == 0 ? execSequence + "-" + eventOrdinal : execSequence + "-" + eventOrdinal + role;
        reportExecId = execId;
        return execId;
    }

    private ApplicationMessage.Builder executionReport(
        final OrderRecord record,
        final String clOrdId,
        final String execId,
        final long accountId,
        final String symbol,
        final char side,
        final char ordType,
        final long price,
        final long quantity)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("8")
            .add(37, record == null ? "NONE" : Long.toString(record.orderId))
            .add(11, clOrdId == null ? "NONE" : clOrdId)
            .add(17, execId)
            .add(1, Long.toString(accountId))
            .add(55, symbol == null ? "NONE" : symbol)
            .add(54, side)
            .add(38, quantity)
            .add(40, ordType);
        if (ordType == '2' && price != Long.MIN_VALUE)
        {
            message.addScaled(44, price, 2);
        }
        return message;
    }

    private static ApplicationMessage.Builder withFills(final ApplicationMessage.Builder message, final OrderRecord record)
    {
        final long leaves = record.isOpen() ? record.quantity - record.cumQty : 0;
        return message.add(151, leaves).add(14, record.cumQty)
            .addScaled(6, record.cumQty == 0 ? 0 : record.cumValue / record.cumQty, 2);
    }

    private ApplicationMessage cancelReject(
        final OrderRecord record, final String clOrdId, final String origClOrdId, final boolean replace, final int reason,
        final String text)
    {
        return cancelRejectBuilder(record, clOrdId, origClOrdId, replace, reason, text).build();
    }

    private static ApplicationMessage.Builder cancelRejectBuilder(
        final OrderRecord record, final String clOrdId, final String origClOrdId, final boolean replace, final int reason,
        final String text)
    {
        return ApplicationMessage.builder("9")
            .add(37, record == null ? "NONE" : Long.toString(record.orderId))
            .add(11, clOrdId == null ? "NONE" : clOrdId)
            .add(41, origClOrdId == null ? "NONE" : origClOrdId)
            .add(39, record == null ? '8' : record.status)
            .add(434, replace ? '2' : '1')
            .add(102, reason)
            .add(58, text);
    }

    private static ApplicationMessage businessReject(final FixMessage message, final int reason, final String text)
    {
        return ApplicationMessage.builder("j")
            .add(45, message.msgSeqNum())
            .add(372, message.msgType())
            .add(380, reason)
            .add(58, text)
            .build();
    }

    private static int ordRejReason(final RejectReason reason)
    {
        return switch (reason)
        {
            case UNKNOWN_INSTRUMENT -> 1;
            case WRONG_PHASE -> 2;
            case INSUFFICIENT_UNITS, INSUFFICIENT_CASH, HOLDING_LIMIT_EXCEEDED -> 3;
            case UNKNOWN_ORDER -> 5;
            case DUPLICATE_ORDER_ID -> 6;
            case QUANTITY_OUT_OF_RANGE, QUANTITY_NOT_ON_LOT -> 13;
            case UNKNOWN_ACCOUNT, ACCOUNT_NOT_PERMITTED -> 15;
            default -> 99;
        };
    }
}
