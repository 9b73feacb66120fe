package io.carbonx.gateway.server;

import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.pipeline.EngineEventListener;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.engine.pipeline.EngineUnavailableException;
import io.carbonx.gateway.fix.ApplicationMessage;
import io.carbonx.gateway.fix.FixApplication;
import io.carbonx.gateway.fix.FixSession;
import io.carbonx.gateway.fix.FixSessionId;
import io.carbonx.gateway.fix.codec.FixMessage;
import io.carbonx.gateway.fix.codec.UtcTimestamps;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Order entry over FIX: turns NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderStatusRequest and
 * OrderMassCancelRequest into engine commands (and NewOrderCross into block trades, through {@link CrossEntry}), and the engine's events into ExecutionReports and OrderCancelRejects
 * for the session that owns each order.
 * <p>
 * An order id carries the index of its session in its top 16 bits, so an event finds its session without a lookup,
 * also after a restart; the low 47 bits come from a clock-seeded counter, which keeps ids unique across restarts as long
 * as a session averages fewer than 128 orders a millisecond. Reports are sent only from the engine's event thread, after
 * the command is journaled; what a disconnected member misses reaches it through FIX resend: every configured session
 * is bound from the start ({@link #bindSessions}), and a logged-off session stores what it is sent for resend.
 * <p>
 * What a report needs to know of an order is written to an {@link OrderLog} before the order is published, and
 * {@link #restore} rebuilds the records of the orders the recovered engine still has working, so that fills, cancels,
 * expiries and amends of orders placed before a restart are reported and the orders can be cancelled by ClOrdID. The
 * engine keeps an order's filled quantity but not the value traded, so after a restart AvgPx (6) takes the fills made
 * before it as done at the order's limit price (exact for a resting order that only traded as the maker).
 */
final class OrderEntry implements FixApplication, EngineEventListener
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderEntry.class);
    private static final int SESSION_SHIFT = 47;
    private static final long COUNTER_MASK = (1L << SESSION_SHIFT) - 1;
    private static final long EPOCH_2025_MILLIS = 1_735_689_600_000L;
    /** FIX 4.4: the ExecID of an order status report (ExecType I) is 0. */
    private static final String STATUS_EXEC_ID = "0";
    /** OrdRejReason 5. */
    private static final int UNKNOWN_ORDER = 5;
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
    private long execSequence = -1;
    private int execIndex;

    /**
     * @param sessions      in configuration order: a session's position is its index in order ids.
     * @param brokerIds    the broker id each session's orders are sent under, in the same order.
     * @param instrumentIds by symbol.
     * @param log           where orders are recorded before they are published, to be reported on after a restart.
     */
    OrderEntry(
        final List<FixSessionId> sessions, final List<Integer> brokerIds, final Map<String, Integer> instrumentIds,
        final OrderLog log)
    {
        this.instrumentIds = Map.copyOf(instrumentIds);
        this.log = log;
        this.sessionsByIndex = new SessionOrders[sessions.size()];
        final long counterBase = (System.currentTimeMillis() - EPOCH_2025_MILLIS) << 7;
        for (int i = 0; i < sessions.size(); i++)
        {
            final SessionOrders orders = new SessionOrders(i, brokerIds.get(i), counterBase);
            sessionsByIndex[i] = orders;
            sessionsById.put(sessions.get(i), orders);
        }
        this.crosses = new CrossEntry(instrumentIds, this::sessionOf);
    }

    /**
     * The engine to send commands to; it is built with this as one of its listeners, so it is bound after both exist.
     */
    void engine(final EnginePipeline engine)
    {
        this.engine = engine;
        crosses.engine(engine);
    }

    /**
     * Bind every configured session as soon as the acceptor exists, so that reports for a session that has not logged on
     * since the start are stored for resend rather than dropped.
     */
    void bindSessions(final Function<FixSessionId, FixSession> sessions)
    {
        sessionsById.forEach((id, owner) -> owner.session = sessions.apply(id));
    }

    /**
     * Rebuild the records of the logged orders that the recovered engine still has working, with their filled
     * quantities from the engine, and cut the log down to them. Call once, before the engine starts: it reads the
     * engine's books.
     *
     * @return how many orders were restored.
     */
    int restore(final ExchangeStateMachine machine) throws IOException
    {
        final Map<Long, List<OrderLog.Entry>> logged = new LinkedHashMap<>();
        for (final OrderLog.Entry entry : log.loaded())
        {
            logged.computeIfAbsent(entry.orderId(), id -> new ArrayList<>()).add(entry);
        }
        final Set<Long> working = new HashSet<>();
        for (final int instrumentId : new TreeSet<>(instrumentIds.values()))
        {
            final OrderBook book = machine.orderBook(instrumentId);
            if (book != null)
            {
                restore(book, Side.BUY, logged, working);
                restore(book, Side.SELL, logged, working);
            }
        }
        final List<OrderLog.Entry> kept = new ArrayList<>();
        for (final OrderLog.Entry entry : log.loaded())
        {
            if (working.contains(entry.orderId()))
            {
                kept.add(entry);
            }
        }
        log.rewrite(kept);
        return working.size();
    }

    private void restore(
        final OrderBook book, final Side side, final Map<Long, List<OrderLog.Entry>> logged, final Set<Long> working)
    {
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            for (Order order = book.level(side, depth).head(); order != null; order = PriceLevel.next(order))
            {
                final List<OrderLog.Entry> entries = logged.get(order.orderId());
                final int index = (int)(order.orderId() >>> SESSION_SHIFT) - 1;
                if (entries == null || entries.get(0).kind() != OrderLog.NEW || index < 0 ||
                    index >= sessionsByIndex.length)
                {
                    continue;
                }
                final OrderLog.Entry placed = entries.get(0);
                final SessionOrders owner = sessionsByIndex[index];
                // the engine does not say which replace took effect: the last one asking for what the order now is
                String clOrdId = placed.clOrdId();
                for (final OrderLog.Entry entry : entries)
                {
                    owner.orderIdByClOrdId.put(entry.clOrdId(), order.orderId());
                    if (entry.kind() == OrderLog.REPLACE && entry.price() == order.price() &&
                        entry.quantity() == order.quantity())
                    {
                        clOrdId = entry.clOrdId();
                    }
                }
                final OrderRecord record = new OrderRecord(order.orderId(), placed.accountId(), placed.symbol(),
                    placed.side(), placed.ordType(), clOrdId, order.price(), order.quantity());
                record.cumQty = order.filled();
                record.cumValue = order.filled() * order.price();
                record.status = order.filled() > 0 ? '1' : '0';
                orders.put(order.orderId(), record);
                working.add(order.orderId());
            }
        }
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

        String problem = null;
        int reason = 99;
        if (owner.orderIdByClOrdId.containsKey(clOrdId))
        {
            problem = "duplicate ClOrdID " + clOrdId;
            reason = 6;
        }
        else if (accountId == Long.MIN_VALUE)
        {
            problem = "Account (1) must be a numeric registry account";
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
            owner.session.send(executionReport(null, clOrdId, "R" + nextOrderId(owner), accountId, symbol, side, ordType,
                price, quantity)
                .add(150, '8').add(39, '8').add(103, reason).add(58, problem).add(151, 0).add(14, 0).add(6, 0).build());
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
        publish(writer -> writer.newOrder(command, 0, orderId, accountId, owner.brokerId, instrumentIds.get(symbol),
            side == '1' ? Side.BUY : Side.SELL, ordType == '1' ? OrderType.MARKET : OrderType.LIMIT, timeInForce,
            postOnly, price, quantity, expiry), orderId);
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
        catch (final UncheckedIOException | IllegalArgumentException ex)
        {
            LOG.error("session {}: {}", owner.index, ex.getMessage());
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
        if (commandSequence != execSequence)
        {
            execSequence = commandSequence;
            execIndex = 0;
        }
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
                onFill(orders.get(trade.takerOrderId()), trade.price(), trade.quantity(), trade.takerLeavesQuantity());
                onFill(orders.get(trade.makerOrderId()), trade.price(), trade.quantity(), trade.makerLeavesQuantity());
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                cancelled.wrap(buffer, body, blockLength, version);
                final OrderRecord record = orders.get(cancelled.orderId());
                if (record != null)
                {
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
            final String requestedBy = record.pendingClOrdId;
            record.pendingClOrdId = null;
            final int cxlRejReason = reason == RejectReason.UNKNOWN_ORDER ? 1 :
                reason == RejectReason.ORDER_ALREADY_FILLED || reason == RejectReason.ORDER_ALREADY_CLOSED ? 0 : 99;
            report(record, cancelRejectBuilder(record, requestedBy, record.clOrdId,
                event.commandKind() == CommandKind.AMEND_ORDER, cxlRejReason, reason.name()));
        }
    }

    private void onFill(final OrderRecord record, final long price, final long quantity, final long leaves)
    {
        if (record == null)
        {
            return;
        }
        record.cumQty += quantity;
        record.cumValue += price * quantity;
        record.status = leaves == 0 ? '2' : '1';
        report(record, withFills(executionReport(record, record.clOrdId), record)
            .add(150, 'F').add(39, record.status).addScaled(31, price, 2).add(32, quantity));
        if (leaves == 0)
        {
            closed(record);
        }
    }

    private void closed(final OrderRecord record)
    {
        // the record stays for OrderStatusRequests; a production gateway would age it out
        record.pendingClOrdId = null;
    }

    /**
     * @return the session that owns an id this entry made (an order's or a cross's), or null before
     *     {@link #bindSessions}.
     */
    private FixSession sessionOf(final long id)
    {
        return sessionsByIndex[(int)(id >>> SESSION_SHIFT) - 1].session;
    }

    private void report(final OrderRecord record, final ApplicationMessage.Builder message)
    {
        final FixSession session = sessionOf(record.orderId);
        if (session == null)
        {
            LOG.warn("no session yet to report order {} to", record.orderId);
            return;
        }
        session.send(message.build());
    }

    private ApplicationMessage.Builder executionReport(final OrderRecord record, final String clOrdId)
    {
        return executionReport(record, clOrdId, nextExecId());
    }

    private ApplicationMessage.Builder executionReport(final OrderRecord record, final String clOrdId, final String execId)
    {
        return executionReport(record, clOrdId, execId, record.accountId, record.symbol, record.side, record.ordType,
            record.price, record.quantity);
    }

    private String nextExecId()
    {
        return execSequence + "-" + execIndex++;
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
        if (ordType == '2')
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
