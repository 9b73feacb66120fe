package io.carbonx.gateway.orders;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.MessageBody;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.UncheckedIOException;
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
 */
final class ReportDelivery
{
    /**
     * The reports of one session in flight.
     */
    private static final class SessionReports
    {
        final FixSessionId id;
        /** Reports handed to the session and reports it has stored: equal when nothing is in flight. */
        final AtomicLong handed = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        /** The command sequence of the last report stored; written by the session's event loop. */
        volatile long lastStoredSequence;
        /** The command sequence of the first report the store refused. */
        volatile long failedAtSequence = Long.MAX_VALUE;
        volatile FixSession session;

        SessionReports(final FixSessionId id)
        {
            this.id = id;
        }
    }

    private final SessionReports[] sessions;
    private final ReportCheckpoint checkpoint;
    private final EngineHalt halt;
    /** How the listener thread waits for room in a session's outbound queue. */
    private final IdleStrategy offerIdle;
    /** What the listener thread does while it waits: take the sessions' hand-offs, so that no session waits on it. */
    private final Runnable whileWaiting;
    /** The last command whose events the listener thread has handled in full (when ready). */
    private volatile long processedSequence = -1;
    private volatile boolean ready;

    ReportDelivery(
        final OrderSessions orderSessions, final ReportCheckpoint checkpoint, final EngineHalt halt,
        final IdleStrategy offerIdle, final Runnable whileWaiting)
    {
        this.offerIdle = offerIdle;
        this.whileWaiting = whileWaiting;
        this.sessions = new SessionReports[orderSessions.count()];
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = new SessionReports(orderSessions.byIndex(i).id);
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
