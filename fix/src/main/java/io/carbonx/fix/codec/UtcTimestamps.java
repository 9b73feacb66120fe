package io.carbonx.fix.codec;

/**
 * Formats and parses the FIX UTCTimestamp, UTCTimeOnly and date types on byte arrays with plain
 * calendar arithmetic, so that stamping SendingTime and checking it allocate nothing.
 */
public final class UtcTimestamps
{
    /** Length of {@code YYYYMMDD-HH:MM:SS.sss}, the form this gateway sends. */
    public static final int MILLIS_LENGTH = 21;
    /** Returned by {@link #parseTimestamp} for a value that is not a UTCTimestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private UtcTimestamps()
    {
    }

    /** Writes {@code YYYYMMDD-HH:MM:SS.sss} at {@code offset}; returns the offset after it. */
    public static int formatMillis(final long epochMillis, final byte[] dst, final int offset)
    {
        final long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // civil-from-days, H. Hinnant's algorithm
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        final int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        final int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

        int p = offset;
        p = digits(year, 4, dst, p);
        p = digits(month, 2, dst, p);
        p = digits(day, 2, dst, p);
        dst[p++] = '-';
        p = digits(millisOfDay / 3_600_000, 2, dst, p);
        millisOfDay %= 3_600_000;
        dst[p++] = ':';
        p = digits(millisOfDay / 60_000, 2, dst, p);
        millisOfDay %= 60_000;
        dst[p++] = ':';
        p = digits(millisOfDay / 1000, 2, dst, p);
        dst[p++] = '.';
        return digits(millisOfDay % 1000, 3, dst, p);
    }

    /**
     * Parses {@code YYYYMMDD-HH:MM:SS} with an optional fraction of 3, 6 or 9 digits (FIX 4.4 and the
     * finer precisions engines send) to epoch milliseconds, or {@link #INVALID}.
     */
    public static long parseTimestamp(final byte[] b, final int offset, final int length)
    {
        if (length < 17 || b[offset + 8] != '-')
        {
            return INVALID;
        }
        final long date = parseDate(b, offset);
        final long time = parseTime(b, offset + 9, length - 9);
        if (date == INVALID || time == INVALID)
        {
            return INVALID;
        }
        return date * MILLIS_PER_DAY + time;
    }

    /** True for {@code HH:MM:SS} with an optional fraction of 3, 6 or 9 digits. */
    public static boolean isTimeOnly(final byte[] b, final int offset, final int length)
    {
        return parseTime(b, offset, length) != INVALID;
    }

    /** True for {@code YYYYMMDD} naming a real calendar day. */
    public static boolean isDate(final byte[] b, final int offset, final int length)
    {
        return length == 8 && parseDate(b, offset) != INVALID;
    }

    /** Days since the epoch of the {@code YYYYMMDD} at offset, or {@link #INVALID}. */
    private static long parseDate(final byte[] b, final int offset)
    {
        final int year = number(b, offset, 4);
        final int month = number(b, offset + 4, 2);
        final int day = number(b, offset + 6, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        {
            return INVALID;
        }
        // days-from-civil, H. Hinnant's algorithm
        final int y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Milliseconds of the day of {@code HH:MM:SS[.fff]}, or {@link #INVALID}. */
    private static long parseTime(final byte[] b, final int offset, final int length)
    {
        if (length != 8 && length != 12 && length != 15 && length != 18)
        {
            return INVALID;
        }
        if (b[offset + 2] != ':' || b[offset + 5] != ':')
        {
            return INVALID;
        }
        final int hour = number(b, offset, 2);
        final int minute = number(b, offset + 3, 2);
        final int second = number(b, offset + 6, 2);
        // 60 admits a leap second
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        {
            return INVALID;
        }
        int millis = 0;
        if (length > 8)
        {
            if (b[offset + 8] != '.' || number(b, offset + 9, length - 9) < 0)
            {
                return INVALID;
            }
            millis = number(b, offset + 9, 3);
        }
        return hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    private static int daysInMonth(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                final boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The non-negative decimal of exactly {@code count} digits, or -1. */
    private static int number(final byte[] b, final int offset, final int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final int d = b[offset + i] - '0';
            if (d < 0 || d > 9)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int digits(final int initialValue, final int count, final byte[] dst, final int offset)
    {
        int value = initialValue;
        for (int i = count - 1; i >= 0; i--)
        {
            dst[offset + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return offset + count;
    }
}
