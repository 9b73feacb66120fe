package io.carbonx.fix.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtcTimestampsTest
{
    @Test
    void formatsAndParsesMillisecondsAcrossTheCalendar()
    {
        for (final String iso : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z",
            "2024-12-31T12:34:56.789Z",
            "2100-03-01T00:00:00.001Z"})
        {
            final long millis = Instant.parse(iso).toEpochMilli();
            final byte[] out = new byte[UtcTimestamps.MILLIS_LENGTH];
            UtcTimestamps.formatMillis(millis, out, 0);
            assertEquals(millis, UtcTimestamps.parseTimestamp(out, 0, out.length), iso);
        }
        final byte[] text = "20240315-08:09:10.123".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Instant.parse("2024-03-15T08:09:10.123Z").toEpochMilli(),
            UtcTimestamps.parseTimestamp(text, 0, text.length));
    }

    @Test
    void acceptsSecondsAndFinerFractions()
    {
        assertTrue(valid("20010101-00:00:00"));
        assertTrue(valid("20010101-00:00:00.123456"));
        assertTrue(valid("20010101-00:00:00.123456789"));
    }

    @Test
    void refusesMalformedOrImpossibleTimes()
    {
        assertFalse(valid("20040415"));
        assertFalse(valid("20230229-00:00:00"));
        assertFalse(valid("20240101-24:00:00"));
        assertFalse(valid("20240101-00:00:00.12"));
        assertFalse(valid("2024010100:00:00.000"));
    }

    private static boolean valid(final String s)
    {
        final byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return UtcTimestamps.parseTimestamp(b, 0, b.length) != UtcTimestamps.INVALID;
    }
}
