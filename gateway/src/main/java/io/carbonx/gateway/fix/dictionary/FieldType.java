package io.carbonx.gateway.fix.dictionary;

import io.carbonx.gateway.fix.codec.UtcTimestamps;

/** The FIX 4.4 data types and the syntax each admits on the wire. */
public enum FieldType {
    INT(Syntax.INTEGER), LENGTH(Syntax.INTEGER), NUMINGROUP(Syntax.INTEGER), SEQNUM(Syntax.INTEGER),
    TAGNUM(Syntax.INTEGER), DAYOFMONTH(Syntax.INTEGER),
    FLOAT(Syntax.DECIMAL), QTY(Syntax.DECIMAL), PRICE(Syntax.DECIMAL), PRICEOFFSET(Syntax.DECIMAL),
    AMT(Syntax.DECIMAL), PERCENTAGE(Syntax.DECIMAL),
    CHAR(Syntax.SINGLE_CHAR), BOOLEAN(Syntax.Y_OR_N),
    UTCTIMESTAMP(Syntax.TIMESTAMP), UTCTIMEONLY(Syntax.TIME), UTCDATEONLY(Syntax.DATE), LOCALMKTDATE(Syntax.DATE),
    MONTHYEAR(Syntax.MONTH_YEAR),
    STRING(Syntax.ANY), MULTIPLEVALUESTRING(Syntax.ANY), COUNTRY(Syntax.ANY), CURRENCY(Syntax.ANY),
    EXCHANGE(Syntax.ANY), DATA(Syntax.ANY);

    private final Syntax syntax;

    FieldType(Syntax syntax) {
        this.syntax = syntax;
    }

    /** True when the value is well formed for this type. */
    public boolean isValid(byte[] b, int offset, int length) {
        switch (syntax) {
            case INTEGER:
                return isInteger(b, offset, length);
            case DECIMAL:
                return isDecimal(b, offset, length);
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

    /** FIX integers: an optional minus and digits; a plus sign is not FIX. */
    private static boolean isInteger(byte[] b, int offset, int length) {
        int p = offset;
        final int end = offset + length;
        if (p < end && b[p] == '-') {
            p++;
        }
        if (p == end) {
            return false;
        }
        for (; p < end; p++) {
            if (b[p] < '0' || b[p] > '9') {
                return false;
            }
        }
        return true;
    }

    /** FIX decimals: an optional minus, digits and at most one point; no sign but minus, no exponent. */
    private static boolean isDecimal(byte[] b, int offset, int length) {
        int p = offset;
        final int end = offset + length;
        if (p < end && b[p] == '-') {
            p++;
        }
        boolean digits = false;
        boolean point = false;
        for (; p < end; p++) {
            if (b[p] == '.' && !point) {
                point = true;
            } else if (b[p] >= '0' && b[p] <= '9') {
                digits = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    /** YYYYMM, YYYYMMDD or YYYYMMwN. */
    private static boolean isMonthYear(byte[] b, int offset, int length) {
        if (length != 6 && length != 8) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (b[offset + i] < '0' || b[offset + i] > '9') {
                return false;
            }
        }
        final int month = (b[offset + 4] - '0') * 10 + (b[offset + 5] - '0');
        if (month < 1 || month > 12) {
            return false;
        }
        if (length == 6) {
            return true;
        }
        final byte c6 = b[offset + 6];
        final byte c7 = b[offset + 7];
        return (c6 == 'w' && c7 >= '1' && c7 <= '5') || (c6 >= '0' && c6 <= '3' && c7 >= '0' && c7 <= '9');
    }

    private enum Syntax {
        INTEGER, DECIMAL, SINGLE_CHAR, Y_OR_N, TIMESTAMP, TIME, DATE, MONTH_YEAR, ANY
    }
}
