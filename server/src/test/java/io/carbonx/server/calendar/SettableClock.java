package io.carbonx.server.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets. Written by the test's thread, read by the scheduler's: the instant is volatile.
 */
public final class SettableClock extends Clock
{
    private volatile Instant now;

    public SettableClock(final Instant start)
    {
        this.now = start;
    }

    public void set(final Instant instant)
    {
        now = instant;
    }

    public void set(final String instant)
    {
        now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone)
    {
        throw new UnsupportedOperationException("a settable clock is UTC");
    }

    @Override
    public Instant instant()
    {
        return now;
    }
}
