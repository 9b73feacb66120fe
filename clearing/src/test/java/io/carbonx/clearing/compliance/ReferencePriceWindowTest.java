package io.carbonx.clearing.compliance;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.carbonx.clearing.compliance.ReferencePriceWindow.Kind.CALENDAR_MONTH_BEFORE;
import static io.carbonx.clearing.compliance.ReferencePriceWindow.Kind.MONTH_BEFORE_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReferencePriceWindowTest
{
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ReferencePriceWindow CALENDAR_UTC = new ReferencePriceWindow(ZoneOffset.UTC,
        CALENDAR_MONTH_BEFORE);
    private static final ReferencePriceWindow ROLLING_UTC = new ReferencePriceWindow(ZoneOffset.UTC,
        MONTH_BEFORE_DEADLINE);

    @Test
    void theDeadlinesDateIsTheDateItEndsInTheSchemesZone()
    {
        assertEquals(LocalDate.of(2025, 12, 31), CALENDAR_UTC.deadlineDate(nanos("2026-01-01T00:00:00Z")),
            "midnight ends the day before: a date-only deadline's own date");
        assertEquals(LocalDate.of(2026, 1, 1), CALENDAR_UTC.deadlineDate(nanos("2026-01-01T00:00:00.000000001Z")));
        final long shanghaiMorning = nanos("2025-11-30T17:00:00Z");
        assertEquals(LocalDate.of(2025, 11, 30), CALENDAR_UTC.deadlineDate(shanghaiMorning));
        assertEquals(LocalDate.of(2025, 12, 1),
            new ReferencePriceWindow(SHANGHAI, CALENDAR_MONTH_BEFORE).deadlineDate(shanghaiMorning),
            "01:00 on 1 December in Shanghai");
    }

    @Test
    void theCalendarMonthBeforeIsTheWholeMonthBeforeTheDeadlinesMonth()
    {
        final LocalDate deadline = LocalDate.of(2025, 12, 15);
        assertEquals(LocalDate.of(2025, 11, 1), CALENDAR_UTC.first(deadline, 0));
        assertEquals(LocalDate.of(2025, 11, 30), CALENDAR_UTC.last(deadline, 0));
        assertEquals(LocalDate.of(2025, 10, 1), CALENDAR_UTC.first(deadline, 1));
        assertEquals(LocalDate.of(2025, 10, 31), CALENDAR_UTC.last(deadline, 1));
        assertEquals(LocalDate.of(2024, 12, 1), CALENDAR_UTC.first(LocalDate.of(2025, 1, 31), 0));
    }

    @Test
    void theMonthBeforeTheDeadlineEndsTheDayBeforeItsDate()
    {
        final LocalDate deadline = LocalDate.of(2025, 12, 15);
        assertEquals(LocalDate.of(2025, 11, 15), ROLLING_UTC.first(deadline, 0));
        assertEquals(LocalDate.of(2025, 12, 14), ROLLING_UTC.last(deadline, 0));
        assertEquals(LocalDate.of(2025, 10, 15), ROLLING_UTC.first(deadline, 1));
        assertEquals(LocalDate.of(2025, 11, 14), ROLLING_UTC.last(deadline, 1));
        final LocalDate endOfMarch = LocalDate.of(2025, 3, 31);
        assertEquals(LocalDate.of(2025, 2, 28), ROLLING_UTC.first(endOfMarch, 0));
        assertEquals(LocalDate.of(2025, 2, 27), ROLLING_UTC.last(endOfMarch, 1), "the windows do not overlap");
    }

    @Test
    void pricesAverageTheWindowOrTheLatestEarlierWindowWithTrades()
    {
        final MonthlyAllowancePrices prices = new MonthlyAllowancePrices();
        prices.onDay(20251103, 100, 100 * 90_00);
        prices.onDay(20251120, 50, 50 * 84_00);
        prices.onDay(20251210, 100, 100 * 95_00);

        // (100 x 90.00 + 50 x 84.00) / 150
        assertEquals(88_00, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2025, 12, 31)));
        assertEquals(95_00, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2026, 1, 15)));
        assertEquals(95_00, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2026, 2, 1)),
            "January had no trades: December, the latest month with some");
        // 15 November to 14 December: (50 x 84.00 + 100 x 95.00) / 150 = 91.3333
        assertEquals(91_33, prices.averagePrice(ROLLING_UTC, LocalDate.of(2025, 12, 15)));
        // 11 November to 10 December: the same two days
        assertEquals(91_33, prices.averagePrice(ROLLING_UTC, LocalDate.of(2025, 12, 11)));
        // 10 November to 9 December: only the 20th; 10 December is the deadline's own date
        assertEquals(84_00, prices.averagePrice(ROLLING_UTC, LocalDate.of(2025, 12, 10)));
        assertEquals(0, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2025, 11, 3)), "nothing traded up to October");
    }

    @Test
    void aDayIsForgottenWhenItsSlotIsReused()
    {
        final MonthlyAllowancePrices prices = new MonthlyAllowancePrices();
        prices.onDay(20251103, 100, 100 * 90_00);
        prices.onDay(20251120, 50, 50 * 84_00);
        final LocalDate later = LocalDate.of(2025, 11, 3).plusDays(MonthlyAllowancePrices.DAYS);
        prices.onDay(later.getYear() * 10_000 + later.getMonthValue() * 100 + later.getDayOfMonth(), 10, 10 * 70_00);

        assertEquals(84_00, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2025, 12, 31)),
            "3 November's slot holds the later day now");
        prices.onDay(20251103, 100, 100 * 90_00);
        assertEquals(84_00, prices.averagePrice(CALENDAR_UTC, LocalDate.of(2025, 12, 31)),
            "a day older than its slot's is ignored");
    }

    private static long nanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
