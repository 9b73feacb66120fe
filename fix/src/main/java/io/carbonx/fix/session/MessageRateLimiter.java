package io.carbonx.fix.session;

/**
 * A rate limit as the generic cell rate algorithm: one long of state, the theoretical arrival time
 * of the next message. It admits {@code ratePerSecond} messages per second on average and bursts
 * of up to one second's worth, and allocates nothing.
 */
final class MessageRateLimiter
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long emissionIntervalNanos;
    private final long burstToleranceNanos;
    private long theoreticalArrivalNanos;

    MessageRateLimiter(final int ratePerSecond)
    {
        emissionIntervalNanos = NANOS_PER_SECOND / ratePerSecond;
        burstToleranceNanos = NANOS_PER_SECOND - emissionIntervalNanos;
        theoreticalArrivalNanos = Long.MIN_VALUE / 2;
    }

    /** True when one more message fits the rate at this time. */
    boolean tryAcquire(final long nowNanos)
    {
        final long tat = Math.max(theoreticalArrivalNanos, nowNanos);
        if (tat - nowNanos > burstToleranceNanos)
        {
            return false;
        }
        theoreticalArrivalNanos = tat + emissionIntervalNanos;
        return true;
    }
}
