package io.carbonx.server.calendar;

import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.calendar.TradingCalendar.Session;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.server.calendar.TradingSchedule.Action;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The China calendar's day as commands: Shanghai is UTC+8, so 09:30-11:30 and 13:00-15:00 are 01:30-03:30 and
 * 05:00-07:00 UTC.
 */
class TradingScheduleTest
{
    static final TradingCalendar CHINA = new TradingCalendar(ZoneId.of("Asia/Shanghai"),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>(List.of(LocalDate.of(2026, 10, 1))),
        List.of(new Session(LocalTime.of(9, 30), LocalTime.of(11, 30)),
            new Session(LocalTime.of(13, 0), LocalTime.of(15, 0))));
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private final TradingSchedule schedule = new TradingSchedule(CHINA);

    @Test
    void aTradingDayOpensHaltsForLunchReopensClosesAndEnds()
    {
        assertEquals(List.of(
            new Action(Instant.parse("2026-12-07T01:30:00Z"), TradingPhase.CONTINUOUS, MONDAY),
            new Action(Instant.parse("2026-12-07T03:30:00Z"), TradingPhase.HALTED, MONDAY),
            new Action(Instant.parse("2026-12-07T05:00:00Z"), TradingPhase.CONTINUOUS, MONDAY),
            new Action(Instant.parse("2026-12-07T07:00:00Z"), TradingPhase.CLOSED, MONDAY),
            new Action(Instant.parse("2026-12-07T07:00:00Z"), null, MONDAY)), schedule.day(MONDAY));
        assertEquals(List.of(), schedule.day(LocalDate.of(2026, 12, 6)), "Sunday");
        assertEquals(List.of(), schedule.day(LocalDate.of(2026, 10, 1)), "a holiday");
    }

    @Test
    void thePhaseOfAMomentFollowsTheSessions()
    {
        assertEquals(TradingPhase.CLOSED, schedule.phaseAt(Instant.parse("2026-12-07T01:29:59Z")));
        assertEquals(TradingPhase.CONTINUOUS, schedule.phaseAt(Instant.parse("2026-12-07T01:30:00Z")));
        assertEquals(TradingPhase.HALTED, schedule.phaseAt(Instant.parse("2026-12-07T04:00:00Z")), "lunch");
        assertEquals(TradingPhase.CONTINUOUS, schedule.phaseAt(Instant.parse("2026-12-07T06:59:59Z")));
        assertEquals(TradingPhase.CLOSED, schedule.phaseAt(Instant.parse("2026-12-07T07:00:00Z")));
        assertEquals(TradingPhase.CLOSED, schedule.phaseAt(Instant.parse("2026-12-06T03:00:00Z")), "Sunday");
    }

    @Test
    void theActionsBetweenTwoMomentsAndTheNextOne()
    {
        assertEquals(List.of(TradingPhase.HALTED, TradingPhase.CONTINUOUS),
            schedule.between(Instant.parse("2026-12-07T01:30:00Z"), Instant.parse("2026-12-07T05:00:00Z")).stream()
                .map(Action::phase).toList(), "after the open, up to and including the afternoon's open");
        assertEquals(Instant.parse("2026-12-07T01:30:00Z"), schedule.next(Instant.parse("2026-12-04T07:00:00Z")),
            "from Friday's close over the weekend to Monday's open");
        assertEquals(Instant.parse("2026-10-02T01:30:00Z"), schedule.next(Instant.parse("2026-09-30T07:00:00Z")),
            "over the holiday on Thursday 1 October to Friday");
    }

    @Test
    void theMissedEndsOfDayAreTheTradingDaysClosedSinceTheLastOne()
    {
        assertEquals(List.of(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4)),
            schedule.missedEnds(LocalDate.of(2026, 12, 2), Instant.parse("2026-12-07T06:00:00Z")),
            "Thursday and Friday; Monday's session has not closed");
        assertEquals(List.of(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4), MONDAY),
            schedule.missedEnds(LocalDate.of(2026, 12, 2), Instant.parse("2026-12-07T07:00:00Z")));
        assertEquals(List.of(), schedule.missedEnds(LocalDate.of(2026, 12, 4), Instant.parse("2026-12-07T02:00:00Z")));
    }

    @Test
    void aCalendarWithoutSessionsHasNothingToSchedule()
    {
        assertThrows(IllegalArgumentException.class, () -> new TradingSchedule(TradingCalendar.EVERY_DAY_UTC));
    }
}
