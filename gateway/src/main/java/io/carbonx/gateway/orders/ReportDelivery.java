package io.carbonx.gateway.orders;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixValues.MsgType;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Hands reports to the sessions that own them and tracks each report's store write, so that the
 * {@link ReportCheckpoint} records the highest command sequence whose reports are all stored. A report that cannot be
 * stored halts the engine: no more commands are taken, so no fill goes unreported; what was journaled is reported after
 * a restart.
 * <p>
 * Threads, field by field: the bound sessions by the starting thread ({@link #bindSessions}), before anything is
 * reported live; the handed counts and the processed sequence by the engine's listener thread (during start, the
 * starting thread); the stored counts, last stored and failed sequences by the sessions' event loops, in their store
 * confirmations. The checkpoint, advanced from both, serialises itself.
 * <p>
 * It also copies every ExecutionReport to the drop-copy sessions ({@link DropCopy}) that cover its account, after its
 * owner has it: the copy is the same body with the drop-copy fields appended ({@link OrderMessages#dropCopy}), offered
 * like the owner's, so a copy goes through the drop-copy session's sequence numbers and store and is resent as any
 * message is. A live copy's store write holds the checkpoint as a report's does, so a crash does not lose it either.
 * But a copy never waits and never stops the exchange: when a drop copy's outbound queue is full the copy goes by the
 * session's unbounded path ({@link FixSession#send}, allocating), up to {@link #MAX_OVERFLOW_COPIES} copies in flight
 * that way; beyond that it is dropped, counted and logged, and a copy its store refuses is counted and logged (the
 * session logs out, as any whose store fails).
 */
final class ReportDelivery
{
    private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);
    /**
     * Copies in flight to one drop copy by the unbounded path, beyond its outbound queue: past this many its event loop
     * has stopped keeping up, and further copies are dropped rather than held in memory without bound.
     */
    static final int MAX_OVERFLOW_COPIES = 100_000;

    /**
     * The reports of one session in flight.
     */
    private static final class SessionReports
    {
        final FixSessionId id;
        /** What a drop-copy session covers; null for an order entry session. */
        final DropCopy dropCopy;
        /** Reports handed to the session and reports it has stored: equal when nothing is in flight. */
        final AtomicLong handed = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        /** The command sequence of the last report stored; written by the session's event loop. */
        volatile long lastStoredSequence;
        /** The command sequence of the first report the store refused. */
        volatile long failedAtSequence = Long.MAX_VALUE;
        volatile FixSession session;
        /** Drop copies only: copies given to the unbounded path and not yet stored or failed, tracked or not. */
        final AtomicInteger overflowing = new AtomicInteger();
        /** Drop copies only: tracked (live report) copies among {@link #overflowing}. */
        final AtomicInteger overflowingTracked = new AtomicInteger();
        /**
         * The command sequence of the first tracked copy that went the unbounded path since none was in flight there:
         * the path may store it after later copies, so the checkpoint stays below it while any is in flight. Written
         * by the listener thread only, before it counts the copy in {@link #overflowingTracked}.
         */
        volatile long overflowFrom = Long.MAX_VALUE;
        final AtomicLong overflowed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong failedCopies = new AtomicLong();

        SessionReports(final FixSessionId id, final DropCopy dropCopy)
        {
            this.id = id;
            this.dropCopy = dropCopy;
        }
    }

    private final SessionReports[] sessions;
    /** The order entry sessions are {@link #sessions} up to this index; the drop copies follow them. */
    private final int members;
    private final ReportCheckpoint checkpoint;
    private final EngineHalt halt;
    /** How the listener thread waits for room in a session's outbound queue. */
    private final IdleStrategy offerIdle;
    /** What the listener thread does while it waits: take the sessions' hand-offs, so that no session waits on it. */
    private final Runnable whileWaiting;
    /** {@link #MAX_OVERFLOW_COPIES}, but for tests. */
    private int maxOverflowCopies = MAX_OVERFLOW_COPIES;
    /** The last command whose events the listener thread has handled in full (when ready). */
    private volatile long processedSequence = -1;
    private volatile boolean ready;

    ReportDelivery(
        final OrderSessions orderSessions, final ReportCheckpoint checkpoint, final EngineHalt halt,
        final IdleStrategy offerIdle, final Runnable whileWaiting)
    {
        this.offerIdle = offerIdle;
        this.whileWaiting = whileWaiting;
        this.members = orderSessions.count();
        this.sessions = new SessionReports[members + orderSessions.dropCopies().size()];
        for (int i = 0; i < members; i++)
        {
            sessions[i] = new SessionReports(orderSessions.byIndex(i).id, null);
        }
        for (int i = members; i < sessions.length; i++)
        {
            final DropCopy dropCopy = orderSessions.dropCopies().get(i - members);
            sessions[i] = new SessionReports(dropCopy.id(), dropCopy);
        }
        this.checkpoint = checkpoint;
        this.halt = halt;
    }

    /**
     * Bind every configured session as soon as the acceptor exists, so that reports for a session that has not logged
     * on since the start are stored for resend rather than dropped.
     */
    void bindSessions(final Function<FixSessionId, FixSession> lookup)
    {
        for (final SessionReports reports : sessions)
        {
            reports.session = lookup.apply(reports.id);
        }
    }

    /**
     * At start: the reports of commands up to this sequence are stored.
     */
    void reportedUpTo(final long sequence)
    {
        processedSequence = sequence;
        for (final SessionReports reports : sessions)
        {
            reports.lastStoredSequence = sequence + 1;
        }
    }

    /**
     * @return the index of the session with this id, or -1.
     */
    int indexOf(final FixSessionId id)
    {
        for (int i = 0; i < sessions.length; i++)
        {
            if (sessions[i].id.equals(id))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Once the recovered reports are handed over: from now on requests are taken and the checkpoint moves.
     */
    void open(final long journalEnd)
    {
        processedSequence = Math.max(processedSequence, journalEnd);
        ready = true;
        advanceCheckpoint();
    }

    boolean isReady()
    {
        return ready;
    }

    /**
     * Every event of the commands up to this sequence is handled; ignored before {@link #open}.
     */
    void processed(final long sequence)
    {
        if (ready && sequence > processedSequence)
        {
            processedSequence = sequence;
        }
    }

    /**
     * Spins a little, then yields, then parks for up to a millisecond: a full outbound queue drains in microseconds
     * when its session's event loop runs, and the listener thread must not burn a core when it does not.
     */
    static IdleStrategy defaultIdleStrategy()
    {
        return new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
    }

    /**
     * Offer a live report of command {@code sequence} to the session at {@code index}, the sequence as its tag, so that
     * the session's store confirmation ({@link #onStored}) tracks it; allocates nothing. The session copies the body
     * before this returns. While the session's outbound queue is full the offer is repeated, with the idle strategy
     * between tries: a report is never dropped. Listener thread only.
     */
    void offer(final int index, final long sequence, final MessageBody body)
    {
        final SessionReports owner = sessions[index];
        final FixSession session = owner.session;
        if (session == null)
        {
            unbound(owner, sequence);
            return;
        }
        owner.handed.incrementAndGet();
        if (!session.offer(body, sequence))
        {
            do
            {
                whileWaiting.run();
                offerIdle.idle();
            }
            while (!session.offer(body, sequence));
            offerIdle.reset();
        }
    }

    /**
     * The session at {@code index} stored the report offered with this command sequence: on the session's event loop.
     */
    void onStored(final int index, final FixSession session, final long sequence)
    {
        final SessionReports owner = sessions[index];
        if (owner.session == session)
        {
            stored(owner, sequence, null);
        }
    }

    /**
     * The store of the session at {@code index} refused the report offered with this command sequence: on the
     * session's event loop.
     */
    void onFailed(final int index, final FixSession session, final long sequence, final Exception cause)
    {
        final SessionReports owner = sessions[index];
        if (owner.session == session)
        {
            failed(owner, session, sequence, cause);
        }
    }

    /**
     * Copy a live report of command {@code sequence}, in {@code body} and just offered to its owner, to every drop copy
     * that covers its account, each offered with the sequence as its tag so that its store write is tracked; appends
     * the drop-copy fields to the body. Does nothing for a message other than an ExecutionReport. Never waits, and
     * allocates only when a drop copy's outbound queue is full. Listener thread only.
     */
    void copy(final int owner, final long accountId, final long sequence, final MessageBody body)
    {
        if (members == sessions.length || !MsgType.EXECUTION_REPORT.equals(body.msgType()))
        {
            return;
        }
        boolean copied = false;
        for (int i = members; i < sessions.length; i++)
        {
            final SessionReports dropCopy = sessions[i];
            if (dropCopy.dropCopy.covers(accountId))
            {
                if (!copied)
                {
                    OrderMessages.dropCopy(body, sessions[owner].id.targetCompId());
                    copied = true;
                }
                offerCopy(dropCopy, sequence, body);
            }
        }
    }

    /**
     * Copy an immediate answer of an order entry session (an order it refused at once), in {@code body} and just sent
     * to it, to every drop copy that covers its account; not tracked by the checkpoint, as the answer itself is not.
     * Appends the drop-copy fields to the body; does nothing for a message other than an ExecutionReport. Any session's
     * event loop.
     */
    void copyAnswer(final int owner, final long accountId, final MessageBody body)
    {
        if (members == sessions.length || !MsgType.EXECUTION_REPORT.equals(body.msgType()))
        {
            return;
        }
        boolean copied = false;
        for (int i = members; i < sessions.length; i++)
        {
            final SessionReports dropCopy = sessions[i];
            final FixSession session = dropCopy.session;
            if (session != null && dropCopy.dropCopy.covers(accountId))
            {
                if (!copied)
                {
                    OrderMessages.dropCopy(body, sessions[owner].id.targetCompId());
                    copied = true;
                }
                if (!session.offer(body, -1))
                {
                    overflow(dropCopy, session, -1, body.toMessage());
                }
            }
        }
    }

    /**
     * A copy made at start (recovery), for {@link #deliver} to the drop copies that cover its account and do not hold
     * it yet: the report in {@code body} with the drop-copy fields appended, or null when no drop copy covers the
     * account or the report is not an ExecutionReport. Starting thread.
     */
    ApplicationMessage copyMessage(final int owner, final long accountId, final MessageBody body)
    {
        if (!MsgType.EXECUTION_REPORT.equals(body.msgType()))
        {
            return null;
        }
        for (int i = members; i < sessions.length; i++)
        {
            if (sessions[i].dropCopy.covers(accountId))
            {
                return OrderMessages.dropCopy(body, sessions[owner].id.targetCompId()).toMessage();
            }
        }
        return null;
    }

    /**
     * @return the indexes of the drop copies covering the account, for the copies recovered at start.
     */
    int[] dropCopiesCovering(final long accountId)
    {
        int count = 0;
        final int[] covering = new int[sessions.length - members];
        for (int i = members; i < sessions.length; i++)
        {
            if (sessions[i].dropCopy.covers(accountId))
            {
                covering[count++] = i;
            }
        }
        return Arrays.copyOf(covering, count);
    }

    /**
     * @return the copies to this drop copy dropped because its event loop fell too far behind, since the start.
     */
    long copiesDropped(final FixSessionId id)
    {
        final int index = indexOf(id);
        return index < members ? 0 : sessions[index].dropped.get();
    }

    /**
     * @return the copies to this drop copy that went by the unbounded path because its outbound queue was full.
     */
    long copiesOverflowed(final FixSessionId id)
    {
        final int index = indexOf(id);
        return index < members ? 0 : sessions[index].overflowed.get();
    }

    /**
     * For tests: a smaller bound than {@link #MAX_OVERFLOW_COPIES}; before anything is copied.
     */
    void maxOverflowCopies(final int copies)
    {
        maxOverflowCopies = copies;
    }

    private void offerCopy(final SessionReports dropCopy, final long sequence, final MessageBody body)
    {
        final FixSession session = dropCopy.session;
        if (session == null)
        {
            dropped(dropCopy, sequence, "its session is not bound");
            return;
        }
        dropCopy.handed.incrementAndGet();
        if (!session.offer(body, sequence))
        {
            overflow(dropCopy, session, sequence, body.toMessage());
        }
    }

    /**
     * A drop copy's outbound queue is full: the copy goes by the session's unbounded path, or is dropped when too many
     * are already in flight there.
     *
     * @param sequence the command sequence of a tracked copy (already counted as handed), or -1.
     */
    private void overflow(
        final SessionReports dropCopy, final FixSession session, final long sequence, final ApplicationMessage copy)
    {
        if (dropCopy.overflowing.incrementAndGet() > maxOverflowCopies)
        {
            dropCopy.overflowing.decrementAndGet();
            if (sequence >= 0)
            {
                dropCopy.handed.decrementAndGet();
                if (dropCopy.stored.get() == dropCopy.handed.get())
                {
                    advanceCheckpoint();
                }
            }
            dropped(dropCopy, sequence, maxOverflowCopies + " copies are already waiting for its event loop");
            return;
        }
        if (dropCopy.overflowed.incrementAndGet() == 1)
        {
            LOG.warn("drop copy {}: outbound queue full, copies go by the unbounded path (logged once)", dropCopy.id);
        }
        if (sequence >= 0)
        {
            if (dropCopy.overflowingTracked.get() == 0)
            {
                dropCopy.overflowFrom = sequence;
            }
            dropCopy.overflowingTracked.incrementAndGet();
        }
        session.send(copy, new FixSession.Delivery()
        {
            @Override
            public void stored()
            {
                overflowDone(dropCopy, sequence);
                if (sequence >= 0)
                {
                    ReportDelivery.this.stored(dropCopy, sequence, null);
                }
            }

            @Override
            public void failed(final Exception cause)
            {
                overflowDone(dropCopy, sequence);
                if (sequence >= 0)
                {
                    ReportDelivery.this.failed(dropCopy, session, sequence, cause);
                }
                else
                {
                    copyFailed(dropCopy, sequence, cause);
                }
            }
        });
    }

    private static void overflowDone(final SessionReports dropCopy, final long sequence)
    {
        dropCopy.overflowing.decrementAndGet();
        if (sequence >= 0)
        {
            dropCopy.overflowingTracked.decrementAndGet();
        }
    }

    private static void dropped(final SessionReports dropCopy, final long sequence, final String why)
    {
        final long dropped = dropCopy.dropped.incrementAndGet();
        if (Long.bitCount(dropped) == 1)
        {
            // the first, second, fourth, ... drop: enough to see it happen and grow, without a line per report
            LOG.error("drop copy {}: copy of the report of command {} dropped, {}; {} dropped since the start: a gap " +
                "its counterparty cannot fill by resend", dropCopy.id, sequence, why, dropped);
        }
    }

    private static void copyFailed(final SessionReports dropCopy, final long sequence, final Exception cause)
    {
        final long failed = dropCopy.failedCopies.incrementAndGet();
        LOG.error("drop copy {}: its store refused the copy of the report of command {} ({} since the start); the " +
            "exchange goes on, the copy is lost: {}", dropCopy.id, sequence, failed, String.valueOf(cause));
    }

    /**
     * Hand a report of command {@code sequence} made at start (recovery) to the session at {@code index}, its store
     * write tracked as {@link #offer}'s are; allocates, which the start may.
     *
     * @param afterStored run once the report is stored, or null.
     */
    void deliver(final int index, final long sequence, final ApplicationMessage message, final Runnable afterStored)
    {
        final SessionReports owner = sessions[index];
        final FixSession session = owner.session;
        if (session == null)
        {
            unbound(owner, sequence);
            return;
        }
        owner.handed.incrementAndGet();
        session.send(message, new FixSession.Delivery()
        {
            @Override
            public void stored()
            {
                ReportDelivery.this.stored(owner, sequence, afterStored);
            }

            @Override
            public void failed(final Exception cause)
            {
                ReportDelivery.this.failed(owner, session, sequence, cause);
            }
        });
    }

    private void unbound(final SessionReports owner, final long sequence)
    {
        if (owner.dropCopy != null)
        {
            dropped(owner, sequence, "its session is not bound");
            return;
        }
        // sessions are bound before anything is reported; an unbound one cannot keep the report for resend
        halt("no session to report command " + sequence + " to", null);
        owner.failedAtSequence = Math.min(owner.failedAtSequence, sequence);
    }

    private void stored(final SessionReports owner, final long sequence, final Runnable afterStored)
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

    private void failed(final SessionReports owner, final FixSession session, final long sequence,
        final Exception cause)
    {
        if (owner.dropCopy != null)
        {
            // a copy is not worth stopping the exchange for: counted as settled, so the checkpoint goes on
            copyFailed(owner, sequence, cause);
            stored(owner, sequence, null);
            return;
        }
        owner.failedAtSequence = Math.min(owner.failedAtSequence, sequence);
        halt("cannot store the report of command " + sequence + " for session " + session.id() + ": " +
            cause.getMessage(), cause);
    }

    /**
     * Move the checkpoint to the last command whose reports are all stored: the last command handled, unless a session
     * has reports in flight (those stored are in command order, so the commands before its last stored one are
     * complete) or refused one. Reads in the order that keeps it safe: the handled command before the counts, the
     * stored count before the handed one. Called from the listener thread and the sessions' event loops.
     */
    void advanceCheckpoint()
    {
        long reported = processedSequence;
        for (final SessionReports owner : sessions)
        {
            final long lastStored = owner.lastStoredSequence;
            final long stored = owner.stored.get();
            if (stored != owner.handed.get())
            {
                reported = Math.min(reported, lastStored - 1);
            }
            if (owner.overflowingTracked.get() > 0)
            {
                reported = Math.min(reported, owner.overflowFrom - 1);
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

    void halt(final String reason, final Throwable cause)
    {
        halt.halt(reason, cause);
    }
}
