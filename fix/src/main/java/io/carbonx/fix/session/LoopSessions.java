package io.carbonx.fix.session;

import java.util.List;

/**
 * The sessions one FIX event loop serves, so that a session's application, waiting on that loop, can drain the
 * outbound queues of all of them ({@link AcceptorSession#pollOutbound}): a producer blocked on a full queue may be
 * waiting for any session of the loop, not only the one whose message is being handled.
 * <p>
 * Immutable once the acceptor has built it; read on its event loop only.
 */
final class LoopSessions
{
    private AcceptorSession[] sessions = new AcceptorSession[0];

    /** Called by the acceptor before any connection is accepted. */
    void set(final List<AcceptorSession> onThisLoop)
    {
        sessions = onThisLoop.toArray(new AcceptorSession[0]);
    }

    /** Numbers, stores and writes what producers offered to each session of the loop. */
    void drainOutbound()
    {
        for (final AcceptorSession session : sessions)
        {
            session.drainNow();
        }
    }
}
