package io.carbonx.clearing.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which trading days' allowance trades make the reference price of a market-price fine (China: "the average market
 * price of the month before the deadline"), and the time zone the deadline's date is taken in: the scheme's. A scheme
 * setting, fixed for the life of a journal.
 * <p>
 * The deadline's date is the date of the last moment before the deadline, so a deadline at midnight (what a
 * date-only deadline means: the end of that date) belongs to the date it ends, not to the next one.
 *
 * @param zone the scheme's time zone.
 * @param kind which month before the deadline.
 */
public record ReferencePriceWindow(ZoneId zone, Kind kind)
{
    /** The calendar month, in UTC, before the deadline's month: the rule before the window was a setting. */
    public static final ReferencePriceWindow DEFAULT =
        new ReferencePriceWindow(ZoneOffset.UTC, Kind.CALENDAR_MONTH_BEFORE);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * The two readings of "the month before the deadline".
     */
    public enum Kind
    {
        /** The whole calendar month before the deadline's month: a deadline on 2025-12-31 takes November 2025. */
        CALENDAR_MONTH_BEFORE,
        /**
         * The month that ends with the deadline: from the deadline's date one month earlier up to the day before the
         * deadline's date (a deadline on 2025-12-15 takes 2025-11-15 to 2025-12-14).
         */
        MONTH_BEFORE_DEADLINE
    }

    public ReferencePriceWindow
    {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @return the deadline's date in the scheme's time zone: the date of the last nanosecond before it.
     */
    public LocalDate deadlineDate(final long deadline)
    {
        final long before = deadline - 1;
        return Instant.ofEpochSecond(Math.floorDiv(before, NANOS_PER_SECOND), Math.floorMod(before, NANOS_PER_SECOND))
            .atZone(zone).toLocalDate();
    }

    /**
     * @param deadlineDate the deadline's date.
     * @param monthsEarlier 0 for the window itself, n for the same window n months earlier.
     * @return the window's first trading date.
     */
    public LocalDate first(final LocalDate deadlineDate, final int monthsEarlier)
    {
        final LocalDate base = deadlineDate.minusMonths(monthsEarlier);
        return kind == Kind.CALENDAR_MONTH_BEFORE ? base.withDayOfMonth(1).minusMonths(1) : base.minusMonths(1);
    }

    /**
     * @return the window's last trading date; see {@link #first}.
     */
    public LocalDate last(final LocalDate deadlineDate, final int monthsEarlier)
    {
        final LocalDate base = deadlineDate.minusMonths(monthsEarlier);
        return kind == Kind.CALENDAR_MONTH_BEFORE ? base.withDayOfMonth(1).minusDays(1) : base.minusDays(1);
    }
}
