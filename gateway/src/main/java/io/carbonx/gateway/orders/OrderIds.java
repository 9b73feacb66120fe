package io.carbonx.gateway.orders;

/**
 * How sessions allocate the ids order entry gives orders, cancel and replace requests and crosses without sharing a
 * counter: the index of the session that makes one in the top 16 bits (plus one, so that no id is 0), the low 47 bits
 * from a clock-seeded counter, which keeps ids unique across restarts as long as a session averages fewer than 128 ids
 * a millisecond. Nothing routes by an id's bits: orders and crosses record their session
 * ({@link OrderState#session}, {@link CrossRecord#session()}).
 */
final class OrderIds
{
    private static final int SESSION_SHIFT = 47;
    private static final long COUNTER_MASK = (1L << SESSION_SHIFT) - 1;
    private static final long EPOCH_2025_MILLIS = 1_735_689_600_000L;

    private OrderIds()
    {
    }

    /**
     * @return the first counter value of this run: milliseconds since 2025 times 128.
     */
    static long counterBase()
    {
        return (System.currentTimeMillis() - EPOCH_2025_MILLIS) << 7;
    }

    static long id(final int sessionIndex, final long counter)
    {
        return ((sessionIndex + 1L) << SESSION_SHIFT) | (counter & COUNTER_MASK);
    }
}
