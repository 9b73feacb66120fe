package io.carbonx.bench.wire;

/**
 * Formats epoch milliseconds as a FIX UTCTimestamp, {@code yyyyMMdd-HH:mm:ss.SSS}, into a reused 21-byte array, and
 * formats the date part again only when the day changes.
 */
final class UtcTimestampFormat
{
    static final int LENGTH = 21;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final byte[] text = new byte[LENGTH];
    private long formattedMillis = Long.MIN_VALUE;
    private long formattedDay = Long.MIN_VALUE;

    /**
     * @return the text of {@code epochMillis}, valid until the next call.
     */
    byte[] format(final long epochMillis)
    {
        if (epochMillis == formattedMillis)
        {
            return text;
        }
        formattedMillis = epochMillis;
        final long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != formattedDay)
        {
            formattedDay = day;
            formatDate(day);
        }
        final int ofDay = (int)Math.floorMod(epochMillis, MILLIS_PER_DAY);
        final int seconds = ofDay / 1000;
        two(9, seconds / 3600);
        text[11] = ':';
        two(12, seconds / 60 % 60);
        text[14] = ':';
        two(15, seconds % 60);
        text[17] = '.';
        final int millis = ofDay % 1000;
        text[18] = (byte)('0' + millis / 100);
        two(19, millis % 100);
        return text;
    }

    /**
     * Civil date from days since 1970-01-01 (the algorithm of Howard Hinnant's "chrono-compatible date algorithms").
     */
    private void formatDate(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long shiftedMonth = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        final int month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        final int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        two(0, year / 100);
        two(2, year % 100);
        two(4, month);
        two(6, day);
        text[8] = '-';
    }

    private void two(final int at, final int value)
    {
        text[at] = (byte)('0' + value / 10);
        text[at + 1] = (byte)('0' + value % 10);
    }
}
