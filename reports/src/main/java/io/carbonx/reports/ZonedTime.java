package io.carbonx.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time of a command as the reports show it: ISO-8601 in the scheme's time zone, with the zone's offset
 * ({@code 2025-01-02T09:00:00+08:00} in Shanghai), or as an instant ({@code 2025-01-02T01:00:00Z}) in UTC.
 */
public final class ZonedTime
{
    private ZonedTime()
    {
    }

    public static String format(final long epochNanos, final ZoneId zone)
    {
        final Instant instant = Instant.ofEpochSecond(0, epochNanos);
        return zone.equals(ZoneOffset.UTC) ? instant.toString() :
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
