package io.carbonx.gateway.orders;

import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reports of block trades entered over FIX ({@link CrossRequests}): one ExecutionReport per side of the engine's
 * answer, with ExecIDs made of the command sequence, the event's ordinal and the side ({@code B} or {@code S}).
 * <p>
 * Block trades are reported exactly once across restarts, as orders are (see {@link ExecutionReports}): each side of a
 * cross is in the order log before its command is published ({@link OrderLog#CROSS}), since the journaled command holds
 * neither the CrossID nor the ClOrdIDs. A logged cross that the journal never got is rejected at restart
 * ({@link #unanswered}).
 * <p>
 * Written only by the engine's listener thread (crosses handed over, answers); before the engine starts, by the
 * starting thread, which loads and rejects the log's crosses.
 */
final class CrossReports
{
    private static final Logger LOG = LoggerFactory.getLogger(CrossReports.class);

    /**
     * How the reports of a cross reach its session.
     */
    interface Reporter
    {
        /**
         * @param side {@code B} or {@code S}.
         * @return the ExecID of the current event's report for one side: the same whenever the event is reported.
         */
        CharSequence execId(char side);

        /**
         * @return the reused body to write the current event's report into.
         */
        MessageBody body();

        /**
         * Report the current event, written into {@link #body()}, to the session that entered the cross.
         *
         * @param session   the index of that session, as the cross's record names it.
         * @param accountId the account of the side reported.
         */
        void report(int session, long accountId);
    }

    /**
     * Where the rejections of crosses the journal never got go at restart.
     */
    interface Recovered
    {
        /**
         * Report unless the session's store already holds the ExecID; run {@code afterStored} once it is stored.
         *
         * @param session   the index of the session that entered the cross, as its record names it.
         * @param accountId the account of the side rejected.
         * @param body      the rejection, which the restore copies and may then append to.
         */
        void recovered(int session, String execId, MessageBody body, long accountId, Runnable afterStored);
    }

    private final Map<Long, CrossRecord> pending = new ConcurrentHashMap<>();

    /**
     * A cross the inbound side is publishing.
     */
    void placed(final CrossRecord cross)
    {
        pending.put(cross.crossId(), cross);
    }

    /**
     * The engine refused the cross's command before journaling it; the inbound side has answered it.
     */
    void refused(final long crossId)
    {
        pending.remove(crossId);
    }

    /**
     * At start, before recovery: take a cross side the order log holds after its mark, or the closing of a cross.
     *
     * @param session the index of the session that entered the cross, as the restore found it.
     */
    void load(final int session, final OrderLog.Entry entry)
    {
        if (entry.kind() == OrderLog.CROSS_CLOSED)
        {
            pending.remove(entry.orderId());
            return;
        }
        final CrossRecord.CrossSide side = new CrossRecord.CrossSide(entry.side(), entry.clOrdId(), entry.accountId());
        final CrossRecord known = pending.get(entry.orderId());
        final CrossRecord record = known != null ? known : new CrossRecord(session, entry.orderId(), entry.crossId(),
            entry.symbol(), entry.price(), entry.quantity(), null, null);
        pending.put(entry.orderId(), record.with(side));
    }

    /**
     * @return the order log entries of the crosses not yet answered: what a compacted log keeps of them.
     */
    List<OrderLog.Entry> unansweredEntries()
    {
        final List<OrderLog.Entry> entries = new ArrayList<>();
        for (final CrossRecord record : pending.values())
        {
            for (final CrossRecord.CrossSide side : new CrossRecord.CrossSide[] {record.buy(), record.sell()})
            {
                if (side != null)
                {
                    entries.add(record.entry(side));
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
    int unanswered(final OrderLog log, final Recovered recovered)
    {
        final int count = pending.size();
        for (final CrossRecord record : pending.values())
        {
            final Runnable close = () -> log.append(OrderLog.Entry.crossClosed(record.crossId()));
            // both sides go to one session, whose store writes in order: the last side stored closes the cross
            if (record.buy() != null)
            {
                recovered.recovered(record.session(), record.refusedExecId(record.buy()),
                    record.rejected(new MessageBody(), record.buy(), record.refusedExecId(record.buy()),
                    OrdRejReason.OTHER, OrderMessages.NOT_JOURNALED), record.buy().accountId(),
                    record.sell() == null ? close : null);
            }
            if (record.sell() != null)
            {
                recovered.recovered(record.session(), record.refusedExecId(record.sell()),
                    record.rejected(new MessageBody(), record.sell(), record.refusedExecId(record.sell()),
                    OrdRejReason.OTHER, OrderMessages.NOT_JOURNALED), record.sell().accountId(), close);
            }
        }
        pending.clear();
        return count;
    }

    void onExecuted(final BlockTradeExecutedDecoder event, final Reporter reporter)
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
        record.filled(reporter.body(), record.buy(), reporter.execId('B'), event.price(), event.quantity(),
            event.buyerFee());
        reporter.report(record.session(), record.buy().accountId());
        record.filled(reporter.body(), record.sell(), reporter.execId('S'), event.price(), event.quantity(),
            event.sellerFee());
        reporter.report(record.session(), record.sell().accountId());
    }

    /**
     * @return true if the rejection was of a cross entered over FIX.
     */
    boolean onRejected(final CommandRejectedDecoder event, final Reporter reporter)
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
        record.rejected(reporter.body(), record.buy(), reporter.execId('B'), ordRejReason(reason), reason.name());
        reporter.report(record.session(), record.buy().accountId());
        record.rejected(reporter.body(), record.sell(), reporter.execId('S'), ordRejReason(reason), reason.name());
        reporter.report(record.session(), record.sell().accountId());
        return true;
    }

    private static int ordRejReason(final RejectReason reason)
    {
        return switch (reason)
        {
            case UNKNOWN_INSTRUMENT -> OrdRejReason.UNKNOWN_SYMBOL;
            case WRONG_PHASE -> OrdRejReason.EXCHANGE_CLOSED;
            case INSUFFICIENT_UNITS, INSUFFICIENT_CASH, HOLDING_LIMIT_EXCEEDED -> OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case BELOW_BLOCK_THRESHOLD, QUANTITY_NOT_ON_LOT, QUANTITY_OUT_OF_RANGE -> OrdRejReason.INCORRECT_QUANTITY;
            case UNKNOWN_ACCOUNT, ACCOUNT_NOT_PERMITTED -> OrdRejReason.UNKNOWN_ACCOUNT;
            default -> OrdRejReason.OTHER;
        };
    }
}
