package io.carbonx.protocol;

/**
 * Who acted: the {@code userId} of a command's envelope, so the journal records who did what. A user id is read
 * together with the command's {@link SourceIds source}: FIX sessions and API users are numbered each in their own
 * source, both from their position in the configuration, so the same configuration always gives the same ids.
 */
public final class UserIds
{
    /** The exchange itself: configuration at start, timers, tools and benchmarks. */
    public static final long EXCHANGE = 0;

    private UserIds()
    {
    }

    /**
     * @param index the session's position among the configured FIX sessions, from 0.
     * @return its user id in commands from {@link SourceIds#FIX}: the position + 1.
     */
    public static long fixSession(final int index)
    {
        return index + 1L;
    }

    /**
     * @param index the user's position among the configured API users, from 0.
     * @return its user id in commands from {@link SourceIds#HTTP}: the position + 1.
     */
    public static long apiUser(final int index)
    {
        return index + 1L;
    }
}
