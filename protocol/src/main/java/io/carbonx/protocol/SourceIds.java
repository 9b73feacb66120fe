package io.carbonx.protocol;

/**
 * The sources a command can come from: the {@code sourceId} of its envelope, repeated in every event it causes, so
 * each adapter picks out the events of its own commands by their envelope.
 */
public final class SourceIds
{
    /** The exchange itself: configuration at start, timers, tools and benchmarks. */
    public static final int EXCHANGE = 0;

    /** FIX order entry: the correlation id is the gateway's own (order, cross). */
    public static final int FIX = 1;

    /** The HTTP API: the correlation id is the pending request's. */
    public static final int HTTP = 2;

    private SourceIds()
    {
    }
}
