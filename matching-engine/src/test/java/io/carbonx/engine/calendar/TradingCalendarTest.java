package io.carbonx.engine.calendar;

import io.carbonx.engine.calendar.TradingCalendar.Session;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCalendarTest
{
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2026-10-01 (Thursday) to 2026-10-07 (Wednesday): National Day
    static final TradingCalendar CHINA = new TradingCalendar(SHANGHAI,
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        new TreeSet<>(List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
            LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7))),
        List.of(new Session(LocalTime.of(9, 30), LocalTime.of(11, 30)),
            new Session(LocalTime.of(13, 0), LocalTime.of(15, 0))));

    @Test
    void weekendsAndHolidaysDoNotTrade()
    {
        assertTrue(CHINA.isTradingDay(LocalDate.of(2026, 12, 7)), "Monday");
        assertTrue(CHINA.isTradingDay(LocalDate.of(2026, 12, 4)), "Friday");
        assertFalse(CHINA.isTradingDay(LocalDate.of(2026, 12, 5)), "Saturday");
        assertFalse(CHINA.isTradingDay(LocalDate.of(2026, 12, 6)), "Sunday");
        assertFalse(CHINA.isTradingDay(LocalDate.of(2026, 10, 1)), "a holiday on a Thursday");
        assertTrue(TradingCalendar.EVERY_DAY_UTC.isTradingDay(LocalDate.of(2026, 12, 6)), "every day trades");
    }

    @Test
    void theNextAndPreviousTradingDaysSkipWeekendsAndHolidays()
    {
        assertEquals(LocalDate.of(2026, 10, 8), CHINA.nextTradingDay(LocalDate.of(2026, 9, 30)),
            "over the National Day week and its weekend");
        assertEquals(LocalDate.of(2026, 9, 30), CHINA.previousTradingDay(LocalDate.of(2026, 10, 8)));
        assertEquals(LocalDate.of(2026, 12, 7), CHINA.nextTradingDay(LocalDate.of(2026, 12, 4)));
        assertEquals(LocalDate.of(2026, 12, 4), CHINA.previousTradingDay(LocalDate.of(2026, 12, 7)));
    }

    @Test
    void anInstantsDateIsItsDateInTheSchemesZone()
    {
        // 16:30 UTC on Sunday 6 December is 00:30 on Monday 7 December in Shanghai (UTC+8)
        final long nanos = nanos("2026-12-06T16:30:00Z");
        assertEquals(LocalDate.of(2026, 12, 7), CHINA.date(nanos));
        assertEquals(LocalDate.of(2026, 12, 6), TradingCalendar.EVERY_DAY_UTC.date(nanos));
        assertEquals(Instant.parse("2026-12-07T01:30:00Z"), CHINA.at(LocalDate.of(2026, 12, 7), LocalTime.of(9, 30)));
    }

    @Test
    void yyyymmddNumbersAreCheckedDates()
    {
        assertEquals(LocalDate.of(2026, 2, 28), TradingCalendar.dateOf(20260228));
        assertNull(TradingCalendar.dateOf(20260229), "2026 is no leap year");
        assertNull(TradingCalendar.dateOf(20261301));
        assertNull(TradingCalendar.dateOf(0));
        assertNull(TradingCalendar.dateOf(-20260101));
        assertEquals(20261207, TradingCalendar.yyyymmdd(LocalDate.of(2026, 12, 7)));
    }

    @Test
    void sessionsMustBeInOrderWithoutOverlapAndADayMustTrade()
    {
        final Session morning = new Session(LocalTime.of(9, 30), LocalTime.of(11, 30));
        final Session overlapping = new Session(LocalTime.of(11, 0), LocalTime.of(15, 0));
        assertThrows(IllegalArgumentException.class, () -> new TradingCalendar(SHANGHAI,
            EnumSet.of(DayOfWeek.MONDAY), new TreeSet<>(), List.of(morning, overlapping)));
        assertThrows(IllegalArgumentException.class, () -> new TradingCalendar(SHANGHAI,
            EnumSet.of(DayOfWeek.MONDAY), new TreeSet<>(), List.of(CHINA.sessions().get(1), morning)));
        assertThrows(IllegalArgumentException.class, () -> new Session(LocalTime.of(15, 0), LocalTime.of(13, 0)));
        assertThrows(IllegalArgumentException.class, () -> new TradingCalendar(SHANGHAI,
            EnumSet.noneOf(DayOfWeek.class), new TreeSet<>(), List.of()));
    }

    static long nanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
