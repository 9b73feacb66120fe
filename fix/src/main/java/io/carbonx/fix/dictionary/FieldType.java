package io.carbonx.fix.dictionary;

import io.carbonx.fix.codec.FixNumbers;
import io.carbonx.fix.codec.UtcTimestamps;

/** The FIX 4.4 data types and the syntax each admits on the wire. */
public enum FieldType
{
    INT(Syntax.INTEGER, Integer.MIN_VALUE, Integer.MAX_VALUE),
    LENGTH(Syntax.INTEGER, 0, Integer.MAX_VALUE),
    NUMINGROUP(Syntax.INTEGER, 0, Integer.MAX_VALUE),
    SEQNUM(Syntax.INTEGER, 0, Integer.MAX_VALUE),
    TAGNUM(Syntax.INTEGER, 0, Integer.MAX_VALUE),
    DAYOFMONTH(Syntax.INTEGER, 1, 31),
    FLOAT(Syntax.DECIMAL), QTY(Syntax.DECIMAL), PRICE(Syntax.DECIMAL), PRICEOFFSET(Syntax.DECIMAL),
    AMT(Syntax.DECIMAL), PERCENTAGE(Syntax.DECIMAL),
    CHAR(Syntax.SINGLE_CHAR), BOOLEAN(Syntax.Y_OR_N),
    UTCTIMESTAMP(Syntax.TIMESTAMP), UTCTIMEONLY(Syntax.TIME), UTCDATEONLY(Syntax.DATE), LOCALMKTDATE(Syntax.DATE),
    MONTHYEAR(Syntax.MONTH_YEAR),
    STRING(Syntax.ANY), MULTIPLEVALUESTRING(Syntax.ANY), COUNTRY(Syntax.ANY), CURRENCY(Syntax.ANY),
    EXCHANGE(Syntax.ANY), DATA(Syntax.ANY);

    private final Syntax syntax;
    /**
     * For integer types: the range FIX gives the type, within Java's int as QuickFIX's; counts and numbers are
     * unsigned.
     */
    private final long min;
    private final long max;

    FieldType(final Syntax syntax)
    {
        this(syntax, 0, 0);
    }

    FieldType(final Syntax syntax, final long min, final long max)
    {
        this.syntax = syntax;
        this.min = min;
        this.max = max;
    }

    /** True when the value is well formed and in range for this type. */
    public boolean isValid(final byte[] b, final int offset, final int length)
    {
        return check(b, offset, length) == FixNumbers.OK;
    }

    /**
     * {@link FixNumbers#OK}, or the SessionRejectReason for the value: 6 (incorrect data format) when it
     * is not the type's syntax, 5 (value out of range) when a number is well formed but does not fit
     * (an int beyond 32 bits, a sign on a count, a decimal that does not fit the engine's fixed-point long).
     */
    public int check(final byte[] b, final int offset, final int length)
    {
        switch (syntax)
        {
            case INTEGER:
                return FixNumbers.checkInteger(b, offset, length, min, max);
            case DECIMAL:
                return FixNumbers.checkDecimal(b, offset, length);
            default:
                return isValidText(b, offset, length) ? FixNumbers.OK : FixNumbers.BAD_FORMAT;
        }
    }

    private boolean isValidText(final byte[] b, final int offset, final int length)
    {
        switch (syntax)
        {
            case SINGLE_CHAR:
                return length == 1;
            case Y_OR_N:
                return length == 1 && (b[offset] == 'Y' || b[offset] == 'N');
            case TIMESTAMP:
                return UtcTimestamps.parseTimestamp(b, offset, length) != UtcTimestamps.INVALID;
            case TIME:
                return UtcTimestamps.isTimeOnly(b, offset, length);
            case DATE:
                return UtcTimestamps.isDate(b, offset, length);
            case MONTH_YEAR:
                return isMonthYear(b, offset, length);
            default:
                return true;
        }
    }

    /** YYYYMM, YYYYMMDD or YYYYMMwN. */
    private static boolean isMonthYear(final byte[] b, final int offset, final int length)
    {
        if (length != 6 && length != 8)
        {
            return false;
        }
        for (int i = 0; i < 6; i++)
        {
            if (b[offset + i] < '0' || b[offset + i] > '9')
            {
                return false;
            }
        }
        final int month = (b[offset + 4] - '0') * 10 + (b[offset + 5] - '0');
        if (month < 1 || month > 12)
        {
            return false;
        }
        if (length == 6)
        {
            return true;
        }
        final byte c6 = b[offset + 6];
        final byte c7 = b[offset + 7];
        return (c6 == 'w' && c7 >= '1' && c7 <= '5') || (c6 >= '0' && c6 <= '3' && c7 >= '0' && c7 <= '9');
    }

    private enum Syntax
    {
        INTEGER, DECIMAL, SINGLE_CHAR, Y_OR_N, TIMESTAMP, TIME, DATE, MONTH_YEAR, ANY
    }
}
