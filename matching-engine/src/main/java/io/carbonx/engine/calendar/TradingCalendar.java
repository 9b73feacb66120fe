package io.carbonx.engine.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A scheme's trading calendar: its time zone, the weekdays it trades on, its holidays and the day's trading sessions.
 * Part of the scheme, fixed for the life of a journal: the engine checks each {@code EndOfTradingDay} against it
 * from the command's timestamp alone, and the scheduler outside the core publishes the phases and the end of the day
 * at its times. Immutable.
 * <p>
 * {@link #EVERY_DAY_UTC}, the calendar of a configuration that names none, trades every day of the week in UTC and
 * has no sessions: no day is refused for its weekday, and there is nothing to schedule.
 *
 * @param zone        the scheme's time zone: trading dates, months and date-only deadlines are its.
 * @param tradingDays the weekdays with trading, unless a holiday.
 * @param holidays    the dates without trading although their weekday trades.
 * @param sessions    the day's continuous sessions in local time, in order, not overlapping; may be empty.
 */
public record TradingCalendar(ZoneId zone, Set<DayOfWeek> tradingDays, SortedSet<LocalDate> holidays,
    List<Session> sessions)
{
    /** Every day trades, in UTC, with no sessions: the calendar of a configuration without one. */
    public static final TradingCalendar EVERY_DAY_UTC =
        new TradingCalendar(ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), new TreeSet<>(), List.of());

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * One continuous session of the trading day, in the scheme's local time; it opens at {@code open} and closes at
     * {@code close}.
     */
    public record Session(LocalTime open, LocalTime close)
    {
        public Session
        {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close))
            {
                throw new IllegalArgumentException("a session must open before it closes: " + open + "-" + close);
            }
        }

        @Override
        public String toString()
        {
            return open + "-" + close;
        }
    }

    public TradingCalendar
    {
        Objects.requireNonNull(zone, "zone");
        if (tradingDays == null || tradingDays.isEmpty())
        {
            throw new IllegalArgumentException("a calendar must trade on at least one weekday");
        }
        tradingDays = Collections.unmodifiableSet(EnumSet.copyOf(tradingDays));
        holidays = Collections.unmodifiableSortedSet(new TreeSet<>(holidays == null ? Set.of() : holidays));
        final List<Session> ordered = new ArrayList<>(sessions == null ? List.of() : sessions);
        for (int i = 1; i < ordered.size(); i++)
        {
            if (ordered.get(i).open().isBefore(ordered.get(i - 1).close()))
            {
                throw new IllegalArgumentException("sessions must be in order and must not overlap: " +
                    ordered.get(i - 1) + " then " + ordered.get(i));
            }
        }
        sessions = List.copyOf(ordered);
    }

    /**
     * @return true if the date trades: its weekday does and it is not a holiday.
     */
    public boolean isTradingDay(final LocalDate date)
    {
        return tradingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * @return the date of an instant, in epoch nanoseconds, in the scheme's time zone.
     */
    public LocalDate date(final long epochNanos)
    {
        return instant(epochNanos).atZone(zone).toLocalDate();
    }

    /**
     * @return the first trading day after {@code date}.
     */
    public LocalDate nextTradingDay(final LocalDate date)
    {
        LocalDate next = date.plusDays(1);
        while (!isTradingDay(next))
        {
            next = next.plusDays(1);
        }
        return next;
    }

    /**
     * @return the last trading day before {@code date}.
     */
    public LocalDate previousTradingDay(final LocalDate date)
    {
        LocalDate previous = date.minusDays(1);
        while (!isTradingDay(previous))
        {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    /**
     * @return the instant, in the scheme's zone, a local time of a date is; a time a daylight-saving gap skips is
     *         moved forward by the gap's length, as {@link java.time.ZonedDateTime} does.
     */
    public Instant at(final LocalDate date, final LocalTime time)
    {
        return date.atTime(time).atZone(zone).toInstant();
    }

    /**
     * @return the yyyymmdd number the engine's commands and events carry for a date.
     */
    public static int yyyymmdd(final LocalDate date)
    {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /**
     * @return the date of a yyyymmdd number, or null when it is not a date.
     */
    public static LocalDate dateOf(final int yyyymmdd)
    {
        if (yyyymmdd < 1_00_01 || yyyymmdd > 9999_12_31)
        {
            return null;
        }
        try
        {
            return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }

    private static Instant instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
            Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }
}
