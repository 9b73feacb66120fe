package io.carbonx.gateway.orders;

import io.carbonx.engine.block.BlockTradeCommandWriter;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Block trades over FIX: a NewOrderCross (s) with two sides, one buy and one sell, becomes one engine
 * {@code BlockTrade} command, and its outcome one ExecutionReport per side, each with the side's ClOrdID and the
 * cross's CrossID (548).
 * <p>
 * The cross must be all or none (CrossType 549 = 1), a limit (OrdType 40 = 2) with a Price (44), and name on each
 * side a numeric registry Account (1) and the same OrderQty (38). The session layer has already checked that the
 * session may use both accounts; the engine checks the scheme's block rules and both parties' units and cash. A trade
 * is reported as ExecType F, OrdStatus 2 with LastPx, LastQty and the side's fee as Commission (12, CommType 13 = 3);
 * a refusal, here or by the engine, as ExecType 8, OrdStatus 8 with the reason in Text (58).
 * <p>
 * Block trades are reported exactly once across restarts, as orders are (see {@link OrderEntry}): each side of a cross
 * is written to the order log before its command is published ({@link OrderLog#CROSS}), since the journaled command
 * holds neither the CrossID nor the ClOrdIDs; the reports of the engine's answer carry ExecIDs made of the command
 * sequence, the event's ordinal and the side ({@code B} or {@code S}), and go through {@link Reporter#report}, which
 * tracks their store writes for the report checkpoint and, while the journal is replayed at start, keeps those not
 * stored for resend. A logged cross that the journal never got is rejected at restart ({@link #unanswered}).
 * <p>
 * Threads: crosses come on the sessions' event loops; the engine's answers on its event thread (during recovery, the
 * starting thread), which also loads and rejects the log's crosses at start.
 */
public final class CrossEntry
{
    private static final Logger LOG = LoggerFactory.getLogger(CrossEntry.class);

    /** The answer to a cross the order log took but the journal never got. */
    static final String NOT_JOURNALED = "not accepted before the exchange restarted; send it again";

    /**
     * What the gateway keeps of a cross until the engine has answered it; after a restart a side may be missing (null)
     * if the process died between logging the two, and then the journal never got the cross.
     */
    private record CrossRecord(
        long crossId, String fixCrossId, String symbol, long price, long quantity, CrossSide buy, CrossSide sell)
    {
    }

    private record CrossSide(char side, String clOrdId, long accountId)
    {
    }

    /**
     * How the order entry records and reports a cross.
     */
    interface Reporter
    {
        /**
         * @return whether the entry is in the order log; if not, the cross must be refused, not published.
         */
        boolean logged(long crossId, OrderLog.Entry entry);

        /**
         * @param side {@code B} or {@code S}.
         * @return the ExecID of the current event's report for one side: the same whenever the event is reported.
         */
        String execId(char side);

        /**
         * Report the current event to the session that owns the cross, on the event thread: tracked for the checkpoint,
         * or kept for resend while replaying.
         */
        void report(long crossId, ApplicationMessage message);

        /**
         * Report at restart a cross the journal never got, unless the session's store already holds the ExecID; run
         * {@code afterStored} once it is stored (or found stored).
         */
        void recovered(long crossId, String execId, ApplicationMessage message, Runnable afterStored);
    }

    private final Map<String, Integer> instrumentIds;
    private final Reporter reporter;
    private final Map<Long, CrossRecord> pending = new ConcurrentHashMap<>();
    private final BlockTradeCommandWriter writer = new BlockTradeCommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
    private EnginePipeline engine;

    /**
     * @param instrumentIds by symbol.
     * @param reporter      records crosses in the order log and reports them to the session that owns the cross id.
     */
    CrossEntry(final Map<String, Integer> instrumentIds, final Reporter reporter)
    {
        this.instrumentIds = Map.copyOf(instrumentIds);
        this.reporter = reporter;
    }

    void engine(final EnginePipeline engine)
    {
        this.engine = engine;
    }

    /**
     * @param crossId  a fresh id in the order entry's scheme, so the engine's answer finds its session.
     * @param brokerId the member the session acts as.
     */
    void onNewOrderCross(final FixSession session, final int brokerId, final long crossId, final FixMessage message)
    {
        final String fixCrossId = message.getString(548);
        final String symbol = message.getString(55);
        final int priceIndex = message.indexOf(44);
        final long price = priceIndex < 0 ? Long.MIN_VALUE : message.scaledAt(priceIndex, 2);
        CrossSide buy = null;
        CrossSide sell = null;
        long buyQuantity = Long.MIN_VALUE;
        long sellQuantity = Long.MIN_VALUE;
        int sides = 0;
        char side = 0;
        String clOrdId = null;
        long accountId = Long.MIN_VALUE;
        long quantity = Long.MIN_VALUE;
        // each Side (54) opens a NoSides instance; ClOrdID, Account and OrderQty appear only inside one in this message
        for (int i = 0; i <= message.fieldCount(); i++)
        {
            final int tag = i < message.fieldCount() ? message.tagAt(i) : 54;
            if (tag == 54)
            {
                if (side == '1' && buy == null)
                {
                    buy = new CrossSide(side, clOrdId, accountId);
                    buyQuantity = quantity;
                }
                else if (side == '2' && sell == null)
                {
                    sell = new CrossSide(side, clOrdId, accountId);
                    sellQuantity = quantity;
                }
                sides += side == 0 ? 0 : 1;
                side = i < message.fieldCount() && message.valueLength(i) == 1 ?
                    (char)message.buffer()[message.valueOffset(i)] : '?';
                clOrdId = null;
                accountId = Long.MIN_VALUE;
                quantity = Long.MIN_VALUE;
            }
            else if (tag == 11)
            {
                clOrdId = message.stringAt(i);
            }
            else if (tag == 1)
            {
                accountId = message.longAt(i);
            }
            else if (tag == 38)
            {
                quantity = message.longAt(i);
            }
        }

        String problem = null;
        int reason = 99;
        if (sides != 2 || buy == null || sell == null)
        {
            problem = "NewOrderCross needs NoSides (552) = 2: one buy (54=1) and one sell (54=2)";
        }
        else if (buy.accountId() == Long.MIN_VALUE || sell.accountId() == Long.MIN_VALUE)
        {
            problem = "Account (1) on both sides must be a numeric registry account";
            reason = 15;
        }
        else if (buyQuantity <= 0 || buyQuantity != sellQuantity)
        {
            problem = "OrderQty (38) must be the same positive whole number of tonnes on both sides";
            reason = 13;
        }
        else if (!instrumentIds.containsKey(symbol))
        {
            problem = "unknown symbol " + symbol;
            reason = 1;
        }
        else if (message.getChar(549, '?') != '1')
        {
            problem = "CrossType (549) must be 1: a block trade executes completely or not at all";
        }
        else if (message.getChar(40, '?') != '2' || price == Long.MIN_VALUE || price <= 0)
        {
            problem = "a block trade is a limit cross: OrdType (40) = 2 with a positive Price (44) of at most 2 decimals";
        }

        final CrossRecord record = new CrossRecord(crossId, fixCrossId, symbol, price, buyQuantity,
            buy == null ? new CrossSide('1', "NONE", 0) : buy, sell == null ? new CrossSide('2', "NONE", 0) : sell);
        if (problem != null)
        {
            if (buy == null && sell == null)
            {
                session.send(ApplicationMessage.builder("j")
                    .add(45, message.msgSeqNum())
                    .add(372, "s")
                    .add(380, 0)
                    .add(58, problem)
                    .build());
                return;
            }
            if (buy != null)
            {
                session.send(rejected(record, buy, refusedExecId(record, buy), reason, problem));
            }
            if (sell != null)
            {
                session.send(rejected(record, sell, refusedExecId(record, sell), reason, problem));
            }
            return;
        }

        if (!reporter.logged(crossId, entry(record, buy)) || !reporter.logged(crossId, entry(record, sell)))
        {
            // the same ExecIDs as a rejection at restart: a side logged before the failure is not refused twice
            final String text = "exchange unavailable: cannot record the cross";
            session.send(rejected(record, buy, refusedExecId(record, buy), 99, text));
            session.send(rejected(record, sell, refusedExecId(record, sell), 99, text));
            return;
        }
        pending.put(crossId, record);
        synchronized (this)
        {
            final int length = writer.envelope(System.currentTimeMillis() * 1_000_000, 1, crossId, 0).blockTrade(command, 0,
                crossId, instrumentIds.get(symbol), price, buyQuantity, buy.accountId(), brokerId, sell.accountId(), brokerId);
            try
            {
                engine.publish(command, 0, length);
            }
            catch (final RuntimeException ex)
            {
                // refused here (the caller answers): a restart must not find it unanswered and refuse it again
                pending.remove(crossId);
                if (!reporter.logged(crossId, OrderLog.Entry.crossClosed(crossId)))
                {
                    LOG.error("cross {} refused but not closed in the order log", crossId);
                }
                throw ex;
            }
        }
    }

    /**
     * At start, before recovery: take a cross side the order log holds after its mark, or the closing of a cross.
     */
    void load(final OrderLog.Entry entry)
    {
        if (entry.kind() == OrderLog.CROSS_CLOSED)
        {
            pending.remove(entry.orderId());
            return;
        }
        final CrossSide side = new CrossSide(entry.side(), entry.clOrdId(), entry.accountId());
        final CrossRecord known = pending.get(entry.orderId());
        final CrossRecord record = known != null ? known : new CrossRecord(entry.orderId(), entry.crossId(),
            entry.symbol(), entry.price(), entry.quantity(), null, null);
        pending.put(entry.orderId(), new CrossRecord(record.crossId(), record.fixCrossId(), record.symbol(),
            record.price(), record.quantity(), side.side() == '1' ? side : record.buy(),
            side.side() == '2' ? side : record.sell()));
    }

    /**
     * @return the order log entries of the crosses not yet answered: what a compacted log keeps of them.
     */
    List<OrderLog.Entry> unansweredEntries()
    {
        final List<OrderLog.Entry> entries = new ArrayList<>();
        for (final CrossRecord record : pending.values())
        {
            for (final CrossSide side : new CrossSide[] {record.buy(), record.sell()})
            {
                if (side != null)
                {
                    entries.add(entry(record, side));
                }
            }
        }
        return entries;
    }

    /**
     * After recovery: reject every logged cross that the journal never got, and close it in the log once the
     * rejections are stored.
     *
     * @return how many crosses are rejected.
     */
    int unanswered(final OrderLog log)
    {
        final int count = pending.size();
        for (final CrossRecord record : pending.values())
        {
            final Runnable close = () -> log.append(OrderLog.Entry.crossClosed(record.crossId()));
            // both sides go to one session, whose store writes in order: the last side stored closes the cross
            if (record.buy() != null)
            {
                reporter.recovered(record.crossId(), refusedExecId(record, record.buy()),
                    rejected(record, record.buy(), refusedExecId(record, record.buy()), 99, NOT_JOURNALED),
                    record.sell() == null ? close : null);
            }
            if (record.sell() != null)
            {
                reporter.recovered(record.crossId(), refusedExecId(record, record.sell()),
                    rejected(record, record.sell(), refusedExecId(record, record.sell()), 99, NOT_JOURNALED), close);
            }
        }
        pending.clear();
        return count;
    }

    void onExecuted(final BlockTradeExecutedDecoder event)
    {
        final CrossRecord record = pending.remove(event.crossId());
        if (record == null)
        {
            return; // not entered over FIX, or already reported before the order log's mark
        }
        if (record.buy() == null || record.sell() == null)
        {
            LOG.error("block trade {} was published with a side missing from the order log", record.crossId());
            return;
        }
        reporter.report(record.crossId(), filled(record, record.buy(), reporter.execId('B'), event.price(),
            event.quantity(), event.buyerFee()));
        reporter.report(record.crossId(), filled(record, record.sell(), reporter.execId('S'), event.price(),
            event.quantity(), event.sellerFee()));
    }

    /**
     * @return true if the rejection was of a cross this entered.
     */
    boolean onRejected(final CommandRejectedDecoder event)
    {
        final CrossRecord record = pending.remove(event.orderId());
        if (record == null)
        {
            return false;
        }
        if (record.buy() == null || record.sell() == null)
        {
            LOG.error("block trade {} was published with a side missing from the order log", record.crossId());
            return true;
        }
        final RejectReason reason = event.reason();
        reporter.report(record.crossId(),
            rejected(record, record.buy(), reporter.execId('B'), ordRejReason(reason), reason.name()));
        reporter.report(record.crossId(),
            rejected(record, record.sell(), reporter.execId('S'), ordRejReason(reason), reason.name()));
        return true;
    }

    private static OrderLog.Entry entry(final CrossRecord record, final CrossSide side)
    {
        return OrderLog.Entry.crossSide(record.crossId(), side.accountId(), record.symbol(), side.side(),
            record.price(), record.quantity(), side.clOrdId(), record.fixCrossId());
    }

    /**
     * @return the ExecID of a side's rejection by the gateway, before or instead of the engine's answer.
     */
    private static String refusedExecId(final CrossRecord record, final CrossSide side)
    {
        return "X" + record.crossId() + "-" + side.side() + "R";
    }

    private static ApplicationMessage filled(
        final CrossRecord record, final CrossSide side, final String execId, final long price, final long quantity,
        final long fee)
    {
        return report(record, side, execId)
            .add(150, 'F')
            .add(39, '2')
            .addScaled(31, price, 2)
            .add(32, quantity)
            .add(151, 0)
            .add(14, quantity)
            .addScaled(6, price, 2)
            .addScaled(12, fee, 2)
            .add(13, '3')
            .build();
    }

    private static ApplicationMessage rejected(
        final CrossRecord record, final CrossSide side, final String execId, final int reason, final String text)
    {
        return report(record, side, execId)
            .add(150, '8')
            .add(39, '8')
            .add(103, reason)
            .add(58, text)
            .add(151, 0)
            .add(14, 0)
            .add(6, 0)
            .build();
    }

    private static ApplicationMessage.Builder report(final CrossRecord record, final CrossSide side, final String execId)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("8")
            .add(37, record.crossId() + "-" + side.side())
            .add(11, side.clOrdId() == null ? "NONE" : side.clOrdId())
            .add(17, execId)
            .add(548, record.fixCrossId() == null ? "NONE" : record.fixCrossId())
            .add(549, '1');
        if (side.accountId() != Long.MIN_VALUE)
        {
            message.add(1, Long.toString(side.accountId()));
        }
        message.add(55, record.symbol() == null ? "NONE" : record.symbol())
            .add(54, side.side())
            .add(38, Math.max(record.quantity(), 0))
            .add(40, '2');
        if (record.price() > 0)
        {
            message.addScaled(44, record.price(), 2);
        }
        return message;
    }

    private static int ordRejReason(final RejectReason reason)
    {
        return switch (reason)
        {
            case UNKNOWN_INSTRUMENT -> 1;
            case WRONG_PHASE -> 2;
            case INSUFFICIENT_UNITS, INSUFFICIENT_CASH, HOLDING_LIMIT_EXCEEDED -> 3;
            case BELOW_BLOCK_THRESHOLD, QUANTITY_NOT_ON_LOT, QUANTITY_OUT_OF_RANGE -> 13;
            case UNKNOWN_ACCOUNT, ACCOUNT_NOT_PERMITTED -> 15;
            default -> 99;
        };
    }
}
