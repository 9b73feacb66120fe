package io.carbonx.fix.session;

import io.carbonx.fix.FixSessionId;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured sessions by their CompIDs; immutable after start-up, so any thread may read it. */
public final class SessionRegistry
{
    private final Map<FixSessionId, AcceptorSession> sessions;

    public SessionRegistry(final Collection<AcceptorSession> sessions)
    {
        this.sessions = sessions.stream()
            .collect(Collectors.toUnmodifiableMap(AcceptorSession::id, Function.identity()));
    }

    /** The session for a Logon whose TargetCompID is ours and SenderCompID is the counterparty's, or null. */
    public AcceptorSession find(final String ourCompId, final String theirCompId)
    {
        if (ourCompId == null || theirCompId == null || ourCompId.isEmpty() || theirCompId.isEmpty())
        {
            return null;
        }
        return sessions.get(new FixSessionId(ourCompId, theirCompId));
    }

    public AcceptorSession get(final FixSessionId id)
    {
        return sessions.get(id);
    }

    public Collection<AcceptorSession> all()
    {
        return sessions.values();
    }
}
