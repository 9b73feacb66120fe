package io.carbonx.fix.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The throttle's rules on an explicit clock: one check at a time, free failures, then a doubling lockout. */
class LogonThrottleTest
{
    private static final long BACKOFF = 1_000;

    private final LogonThrottle throttle = new LogonThrottle(BACKOFF);

    @Test
    void oneCheckAtATime()
    {
        assertNull(throttle.refusal(0));
        throttle.onCheckStarted();
        assertNotNull(throttle.refusal(0));
        throttle.onChecked(true, 0);
        assertNull(throttle.refusal(0));
        assertEquals(1, throttle.checks());
    }

    @Test
    void locksAfterTheFreeFailuresForABackoffThatDoubles()
    {
        long now = 0;
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++)
        {
            assertNull(throttle.refusal(now));
            fail(now);
        }
        assertNotNull(throttle.refusal(now + BACKOFF - 1));
        now += BACKOFF;
        assertNull(throttle.refusal(now));
        fail(now);
        assertNotNull(throttle.refusal(now + 2 * BACKOFF - 1), "doubled after a further failure");
        assertNull(throttle.refusal(now + 2 * BACKOFF));
    }

    @Test
    void theBackoffStopsDoublingAtSixtyFourTimes()
    {
        long now = 0;
        for (int i = 0; i < 40; i++)
        {
            fail(now);
            now += 64 * BACKOFF;
        }
        assertNull(throttle.refusal(now), "locked 64 backoffs after the last failure, not longer");
        assertNotNull(throttle.refusal(now - 1));
    }

    @Test
    void aSuccessEndsTheLockoutCount()
    {
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++)
        {
            fail(0);
        }
        throttle.onCheckStarted();
        throttle.onChecked(true, BACKOFF);
        fail(BACKOFF);
        assertNull(throttle.refusal(BACKOFF), "one failure after a success is free again");
    }

    private void fail(final long now)
    {
        throttle.onCheckStarted();
        throttle.onChecked(false, now);
    }
}
