package io.carbonx.gateway.http;

import java.time.LocalDate;
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
            throw ApiException.badRequest("field '" + field + "': must be positive, was " + value);
        }
        return value;
    }

    public static long positiveAmount(final String field, final String text)
    {
        final long amount = Money.parse(field, text);
        if (amount <= 0)
        {
            throw ApiException.badRequest("field '" + field + "': must be positive, was " + text);
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
            throw ApiException.badRequest("field '" + field + "': must be 1 to " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e)
            {
                throw ApiException.badRequest("field '" + field + "': only printable ASCII characters are allowed");
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
            throw ApiException.badRequest("field '" + field + "': expected a date yyyy-mm-dd, was '" + text + "'");
        }
    }

    /**
     * @return yyyymmdd as yyyy-mm-dd.
     */
    public static String formatDate(final int yyyymmdd)
    {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }
}
