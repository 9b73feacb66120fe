package io.carbonx.fix.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageRateLimiterTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void admitsABurstOfOneSecondThenTheRate()
    {
        final MessageRateLimiter limiter = new MessageRateLimiter(10);
        final long start = 5 * SECOND;
        for (int i = 0; i < 10; i++)
        {
            assertTrue(limiter.tryAcquire(start), "message " + i + " of the burst");
        }
        assertFalse(limiter.tryAcquire(start));
        assertTrue(limiter.tryAcquire(start + SECOND / 10), "one more after a tenth of a second");
        assertFalse(limiter.tryAcquire(start + SECOND / 10));
        for (int i = 0; i < 10; i++)
        {
            assertTrue(limiter.tryAcquire(start + 3 * SECOND), "refilled after a pause");
        }
    }
}
