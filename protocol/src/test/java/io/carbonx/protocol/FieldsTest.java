package io.carbonx.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Deadlines and bid windows as the API reads them.
 */
class FieldsTest
{
    @Test
    void aDateMeansTheEndOfThatDayInUtc()
    {
        assertEquals(Instant.parse("2026-07-01T00:00:00Z").getEpochSecond() * 1_000_000_000L,
            Fields.instant("deadline", "2026-06-30"));
    }

    @Test
    void aDateMeansTheEndOfThatDayInTheSchemesZone()
    {
        // midnight in Shanghai (UTC+8) is 16:00 UTC the day before
        assertEquals(Instant.parse("2026-06-30T16:00:00Z").getEpochSecond() * 1_000_000_000L,
            Fields.instant("deadline", "2026-06-30", ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void aDeadlineAtMidnightInTheZoneIsShownAsTheDateItEnds()
    {
        final ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertEquals("2026-06-30", Fields.deadline(Fields.instant("deadline", "2026-06-30", shanghai), shanghai));
        assertEquals("2026-06-30", Fields.deadline(Fields.instant("deadline", "2026-06-30"), ZoneOffset.UTC));
        assertEquals("2026-06-30T16:00:00Z", Fields.deadline(Fields.instant("deadline", "2026-06-30", shanghai),
            ZoneOffset.UTC), "midnight in Shanghai is not midnight in UTC");
        assertEquals("2026-06-30T23:59:59Z",
            Fields.deadline(Fields.instant("deadline", "2026-06-30T23:59:59Z"), ZoneOffset.UTC));
    }

    @Test
    void aDateTimeKeepsItsOffsetAndNanoseconds()
    {
        assertEquals(Instant.parse("2026-06-30T10:00:00Z").getEpochSecond() * 1_000_000_000L + 5,
            Fields.instant("deadline", "2026-06-30T18:00:00.000000005+08:00"));
    }

    @Test
    void anythingElseIsA400NamingTheField()
    {
        final InvalidFieldException ex =
            assertThrows(InvalidFieldException.class, () -> Fields.instant("deadline", "2026-06-30T18:00"));
        assertEquals("field 'deadline': expected a date-time like 2026-06-30T23:59:59Z or a date yyyy-mm-dd, was " +
            "'2026-06-30T18:00'", ex.getMessage());
        assertEquals("field 'year': must be a year from 2000 to 2999, was 25",
            assertThrows(InvalidFieldException.class, () -> Fields.year("year", 25)).getMessage());
    }
}
