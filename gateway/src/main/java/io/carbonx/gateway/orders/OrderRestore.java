package io.carbonx.gateway.orders;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restart restore of order entry: nothing journaled goes unreported across a crash, and nothing is reported twice.
 * <p>
 * What a report needs of an order is in the {@link OrderLog} before the order is published. At start {@link #load}
 * rebuilds every order of the log (filled and closed ones too, so that an OrderStatusRequest finds them) into the
 * {@link OrderCache} and the sessions' indexes; recovery replays the journal after the log's mark through
 * {@link ExecutionReports#onEvent}, silently up to the {@link ReportCheckpoint} and then into {@link #replayed}; and
 * {@link #sendRecovered} sends the replayed reports that the sessions' stores do not already hold (their ExecIDs are
 * the same whenever an event is reported). An order, request or cross of the log that the journal never got is rejected
 * then, with the reason ({@link #finish}), and the log is compacted to the orders' state.
 * <p>
 * Used by the starting thread only; once {@link #finish} has run, the listener thread reads {@link #isReplaying()}
 * (false) and {@link #skips} (its final mark), both fixed before the engine's threads start.
 */
final class OrderRestore
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderRestore.class);

    /**
     * A report made while replaying the journal at start, sent once the sessions are bound unless already stored; and
     * its drop copy (null if none covers its account), sent likewise to each drop copy that covers the account.
     */
    private record Recovered(int owner, long sequence, String execId, ApplicationMessage message, Runnable afterStored,
        long accountId, ApplicationMessage copy)
    {
        Recovered(final int owner, final long sequence, final String execId, final ApplicationMessage message,
            final Runnable afterStored)
        {
            this(owner, sequence, execId, message, afterStored, 0, null);
        }
    }

    private final OrderLog log;
    private final ReportCheckpoint checkpoint;
    private final OrderSessions sessions;
    private final OrderCache cache;
    private final CrossReports crosses;
    private final ReportDelivery delivery;

    /** Replace and cancel requests whose commands are applied to an order's state. */
    private final Map<Long, List<OrderLog.Entry>> applied = new HashMap<>();
    /** Replace and cancel requests logged after the log's mark, in order, not yet met in the replay. */
    private final Map<Long, ArrayDeque<OrderLog.Entry>> unapplied = new HashMap<>();
    private final List<Recovered> recovered = new ArrayList<>();
    /** The events of commands up to this sequence are already in the orders' state: a replay passes them over. */
    private long appliedUpTo = -1;
    /** The reports of commands up to this sequence are stored: a replay applies their events without reporting. */
    private long reportedUpTo = -1;
    private boolean replaying;
    /** The compacted order log up to its MARK, and the requests to log after it; null until captured. */
    private List<OrderLog.Entry> compacted;
    private List<OrderLog.Entry> compactedLater;

    OrderRestore(
        final OrderLog log, final ReportCheckpoint checkpoint, final OrderSessions sessions, final OrderCache cache,
        final CrossReports crosses, final ReportDelivery delivery)
    {
        this.log = log;
        this.checkpoint = checkpoint;
        this.sessions = sessions;
        this.cache = cache;
        this.crosses = crosses;
        this.delivery = delivery;
    }

    /**
     * Rebuild every order of the log: its state as of the log's mark, and the requests logged after the mark, to be
     * matched with the events of the replay. Call once, before recovery.
     *
     * @return the mark: the command sequence up to which the orders' state includes the events.
     */
    long load()
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
                    final SessionOrders owner = placingSession(entry.orderId());
                    if (owner == null)
                    {
                        LOG.warn("block trade {} of the order log was entered by a session no longer configured: " +
                            "not reported", entry.orderId());
                    }
                    else
                    {
                        crosses.load(owner.index, entry);
                    }
                }
                continue;
            }
            if (entry.kind() == OrderLog.MARK)
            {
                continue;
            }
            final SessionOrders owner = placingSession(entry.orderId());
            if (owner == null)
            {
                continue;
            }
            owner.orderIdByClOrdId.put(ClOrdIdHash.hash(entry.clOrdId()), entry.orderId());
            if (entry.kind() == OrderLog.NEW)
            {
                if (cache.get(entry.orderId()) == null)
                {
                    final OrderState order = PlacedOrder.of(owner.index, entry).initialState();
                    owner.placed.put(order.orderId, order);
                    cache.add(order);
                }
                continue;
            }
            final OrderState order = cache.get(entry.orderId());
            if (order == null)
            {
                continue;
            }
            if (entry.kind() == OrderLog.STATE)
            {
                order.restore(entry);
            }
            else if (i < markIndex)
            {
                applied.computeIfAbsent(order.orderId, id -> new ArrayList<>()).add(entry);
            }
            else
            {
                unapplied.computeIfAbsent(order.orderId, id -> new ArrayDeque<>()).add(entry);
            }
        }
        appliedUpTo = mark;
        reportedUpTo = Math.max(mark, checkpoint.sequence());
        delivery.reportedUpTo(reportedUpTo);
        replaying = true;
        return mark;
    }

    boolean isReplaying()
    {
        return replaying;
    }

    /**
     * @return whether the orders' state already holds what this command did.
     */
    boolean skips(final long commandSequence)
    {
        return commandSequence <= appliedUpTo;
    }

    /**
     * The replay reaches a new command: past the last stored report, capture the orders as they are then, which is
     * what the next start must begin from.
     */
    void beforeCommand(final long commandSequence)
    {
        if (replaying && compacted == null && commandSequence > reportedUpTo)
        {
            compacted(reportedUpTo);
        }
    }

    /**
     * While replaying, the cancel or replace request logged first for an order is the one its next cancel, amend or
     * refusal answers (the journaled command does not hold its ClOrdID).
     *
     * @return the request's ClOrdID, or null if none is logged.
     */
    String takeLoggedRequest(final long orderId)
    {
        final ArrayDeque<OrderLog.Entry> requests = unapplied.get(orderId);
        if (requests == null || requests.isEmpty())
        {
            return null;
        }
        final OrderLog.Entry request = requests.poll();
        applied.computeIfAbsent(orderId, id -> new ArrayList<>()).add(request);
        return request.clOrdId();
    }

    /**
     * A report of a replayed event: kept for {@link #sendRecovered} unless the checkpoint says it is stored.
     *
     * @param copy its drop copy, or null.
     */
    void replayed(final int owner, final long sequence, final String execId, final ApplicationMessage message,
        final long accountId, final ApplicationMessage copy)
    {
        if (sequence > reportedUpTo)
        {
            recovered.add(new Recovered(owner, sequence, execId, message, null, accountId, copy));
        }
    }

    /**
     * A report made at start about something the journal never got, with its drop copy if one covers the account.
     */
    private Recovered recoveredReport(final int owner, final long sequence, final String execId,
        final MessageBody body, final long accountId, final Runnable afterStored)
    {
        final ApplicationMessage message = body.toMessage();
        return new Recovered(owner, sequence, execId, message, afterStored, accountId,
            delivery.copyMessage(owner, accountId, body));
    }

    /**
     * After recovery, before the engine starts: compact the order log to the orders' state, and reject every order,
     * cancel, replace and cross of the log that the journal never received (an order whose state never left "pending
     * new", a request that no event answered).
     *
     * @return how many orders are rejected for that reason.
     */
    int finish(final long journalEnd) throws IOException
    {
        if (compacted == null)
        {
            compacted(journalEnd);
        }
        final List<OrderLog.Entry> unanswered = new ArrayList<>();
        for (final OrderState order : cache.all())
        {
            for (final OrderLog.Entry request : unapplied.getOrDefault(order.orderId, new ArrayDeque<>(0)))
            {
                unanswered.add(request);
                recovered.add(new Recovered(order.session, journalEnd, null,
                    OrderMessages.cancelReject(new MessageBody(), order, request.clOrdId(), order.clOrdId,
                        request.kind() == OrderLog.REPLACE, OrdRejReason.OTHER, OrderMessages.NOT_JOURNALED)
                        .toMessage(),
                    null));
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
        for (final OrderState order : cache.all())
        {
            if (order.status == OrdStatus.PENDING_NEW)
            {
                order.status = OrdStatus.REJECTED;
                rejected++;
                final OrderLog.Entry state = order.stateEntry();
                final String execId = "X" + order.orderId;
                // OrderID NONE, as for any order refused before the engine had it: the exchange never took it
                recovered.add(recoveredReport(order.session, journalEnd, execId,
                    OrderMessages.rejected(OrderMessages.executionReport(new MessageBody(), null, order.clOrdId, execId,
                    order.accountId, order.symbol, order.side, order.ordType, order.price, order.quantity),
                    OrdRejReason.OTHER, OrderMessages.NOT_JOURNALED), order.accountId, () -> log.append(state)));
            }
        }
        unapplied.clear();
        applied.clear();
        replaying = false;
        final int crossesRejected = crosses.unanswered(log, (session, execId, body, accountId, afterStored) ->
            recovered.add(recoveredReport(session, journalEnd, execId, body, accountId, afterStored)));
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
    int sendRecovered(final Map<FixSessionId, Set<String>> storedExecIds, final long journalEnd)
    {
        final Map<Integer, Set<String>> stored = new HashMap<>();
        storedExecIds.forEach((id, execIds) ->
        {
            final int index = delivery.indexOf(id);
            if (index >= 0)
            {
                stored.put(index, execIds);
            }
        });
        int sent = 0;
        for (final Recovered report : recovered)
        {
            if (report.copy() != null && report.execId() != null)
            {
                // the drop copies first: the owner's afterStored may write the order log, which a copy never waits on
                for (final int dropCopy : delivery.dropCopiesCovering(report.accountId()))
                {
                    if (!stored.getOrDefault(dropCopy, Set.of()).contains(report.execId()))
                    {
                        delivery.deliver(dropCopy, report.sequence(), report.copy(), null);
                    }
                }
            }
            if (stored.getOrDefault(report.owner(), Set.of()).contains(report.execId()))
            {
                if (report.afterStored() != null)
                {
                    report.afterStored().run();
                }
                continue;
            }
            delivery.deliver(report.owner(), report.sequence(), report.message(), report.afterStored());
            sent++;
        }
        recovered.clear();
        delivery.open(journalEnd);
        return sent;
    }

    /**
     * The session that placed an order, request or cross of the order log, whose entries do not record it: the one
     * place that finds a session from an id, once, when the log is loaded; from then on the order ({@link PlacedOrder})
     * and the cross ({@link CrossRecord}) carry their session. A session allocates its ids under its index
     * ({@link SessionOrders#allocated}), and a session keeps its index across restarts while the configuration lists
     * the same sessions in the same order.
     *
     * @return the session, or null if no configured session has that index any more.
     */
    private SessionOrders placingSession(final long loggedId)
    {
        for (int i = 0; i < sessions.count(); i++)
        {
            final SessionOrders session = sessions.byIndex(i);
            if (session.allocated(loggedId))
            {
                return session;
            }
        }
        return null;
    }

    /**
     * Capture the order log as of a command sequence: each order's NEW entry, applied requests and state, the MARK,
     * and (in {@link #compactedLater}) the requests still to be met in the replay.
     */
    private void compacted(final long markSequence)
    {
        final List<OrderLog.Entry> entries = new ArrayList<>();
        final List<OrderLog.Entry> later = new ArrayList<>();
        for (final OrderState order : cache.all())
        {
            entries.add(order.newEntry());
            entries.addAll(applied.getOrDefault(order.orderId, List.of()));
            entries.add(order.stateEntry());
            later.addAll(unapplied.getOrDefault(order.orderId, new ArrayDeque<>(0)));
        }
        entries.add(OrderLog.Entry.mark(markSequence));
        later.addAll(crosses.unansweredEntries());
        compacted = entries;
        compactedLater = later;
    }
}
