package io.carbonx.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Checks of single request values that the JSON types alone do not express.
 */
public final class Fields
{
    private static final int MAX_TEXT = 1024;

    private Fields()
    {
    }

    public static long positive(final String field, final long value)
    {
        if (value <= 0)
        {
            throw new InvalidFieldException("field '" + field + "': must be positive, was " + value);
        }
        return value;
    }

    public static long positiveAmount(final String field, final String text)
    {
        final long amount = Money.parse(field, text);
        if (amount <= 0)
        {
            throw new InvalidFieldException("field '" + field + "': must be positive, was " + text);
        }
        return amount;
    }

    /**
     * @return printable ASCII text of 1 to 1024 characters, which is what the engine's text fields carry.
     */
    public static String asciiText(final String field, final String text)
    {
        if (text.isEmpty() || text.length() > MAX_TEXT)
        {
            throw new InvalidFieldException("field '" + field + "': must be 1 to " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e)
            {
                throw new InvalidFieldException("field '" + field + "': only printable ASCII characters are allowed");
            }
        }
        return text;
    }

    /**
     * @return a date written yyyy-mm-dd as the engine's yyyymmdd number.
     */
    public static int date(final String field, final String text)
    {
        try
        {
            final LocalDate date = LocalDate.parse(text);
            return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        }
        catch (final DateTimeParseException ex)
        {
            throw new InvalidFieldException("field '" + field + "': expected a date yyyy-mm-dd, was '" + text + "'");
        }
    }

    /**
     * A point in time written as an ISO date-time with its offset ({@code 2026-06-30T23:59:59Z},
     * {@code 2026-06-30T18:00+08:00}) or as a date ({@code 2026-06-30}), which means the end of that day in UTC: the
     * first instant of the next day, so that the whole date counts as before it.
     *
     * @return the instant in epoch nanoseconds, the engine's timestamps.
     */
    public static long instant(final String field, final String text)
    {
        return instant(field, text, ZoneOffset.UTC);
    }

    /**
     * A point in time as {@link #instant(String, String)}, a date meaning the end of that day in {@code zone} (the
     * scheme's time zone).
     *
     * @return the instant in epoch nanoseconds, the engine's timestamps.
     */
    public static long instant(final String field, final String text, final ZoneId zone)
    {
        try
        {
            final Instant instant = text.length() == 10 ?
                LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant() :
                OffsetDateTime.parse(text).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new InvalidFieldException("field '" + field +
                "': expected a date-time like 2026-06-30T23:59:59Z or a " +
                "date yyyy-mm-dd, was '" + text + "'");
        }
    }

    /**
     * @return a compliance year, 2000 to 2999.
     */
    public static int year(final String field, final int year)
    {
        if (year < 2000 || year > 2999)
        {
            throw new InvalidFieldException("field '" + field + "': must be a year from 2000 to 2999, was " + year);
        }
        return year;
    }

    /**
     * A deadline as people wrote it: at midnight in {@code zone} it is the end of the date before, which is what a
     * date-only deadline means, and is shown as that date ({@code 2026-06-30}); any other instant as ISO-8601 in UTC.
     */
    public static String deadline(final long epochNanos, final ZoneId zone)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L));
        final ZonedDateTime local = instant.atZone(zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().minusDays(1).toString() :
            instant.toString();
    }

    /**
     * @return yyyymmdd as yyyy-mm-dd.
     */
    public static String formatDate(final int yyyymmdd)
    {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }
}
