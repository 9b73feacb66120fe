package io.carbonx.protocol;

import java.util.List;

/**
 * Who a command's user is, by name, for reports and logs: an event's envelope says which source and user id caused it
 * (see {@link UserIds}), and this turns the pair back into the FIX session's SenderCompID or the API user's name, in
 * the order the configuration lists them. Immutable.
 */
public final class UserNames
{
    /** How the exchange itself (its configuration, timers and tools) is named. */
    public static final String EXCHANGE = "exchange";

    /** No users configured: every user is named by its ids. */
    public static final UserNames NONE = new UserNames(List.of(), List.of());

    private final List<String> fixSessions;
    private final List<String> apiUsers;

    /**
     * @param fixSessions the FIX sessions' SenderCompIDs, in configuration order.
     * @param apiUsers    the API users' names, in configuration order.
     */
    public UserNames(final List<String> fixSessions, final List<String> apiUsers)
    {
        this.fixSessions = List.copyOf(fixSessions);
        this.apiUsers = List.copyOf(apiUsers);
    }

    /**
     * @return the user's name: an API user's name, {@code fix:<SenderCompID>} for a FIX session, {@link #EXCHANGE}
     * for the exchange itself, or {@code <source>:<userId>} for a user this configuration does not have (one removed
     * since the journal was written).
     */
    public String name(final int sourceId, final long userId)
    {
        if (userId == UserIds.EXCHANGE)
        {
            return EXCHANGE;
        }
        if (sourceId == SourceIds.HTTP && userId >= 1 && userId <= apiUsers.size())
        {
            return apiUsers.get((int)userId - 1);
        }
        if (sourceId == SourceIds.FIX && userId >= 1 && userId <= fixSessions.size())
        {
            return "fix:" + fixSessions.get((int)userId - 1);
        }
        return sourceId + ":" + userId;
    }
}
