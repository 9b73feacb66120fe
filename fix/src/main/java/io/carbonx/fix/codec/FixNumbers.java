package io.carbonx.fix.codec;

/**
 * Strict, allocation-free parsers of the numbers FIX puts on the wire, read in place from a byte
 * array. Every parser checks the syntax (digits, an optional minus, one decimal point for decimals,
 * nothing else: no plus, no spaces, no exponent) and the range, so an over-long number is refused
 * instead of wrapping into another value ({@code 34=4294967298} is not MsgSeqNum 2).
 *
 * <p>Results are longs; {@link #INVALID} ({@code Long.MIN_VALUE}) marks a value that is malformed
 * or out of range. {@code Long.MIN_VALUE} itself is therefore never a result: it has no positive
 * counterpart and is never a price, quantity or count.
 */
public final class FixNumbers
{
    /** What a parser returns for a malformed or out-of-range value. */
    public static final long INVALID = Long.MIN_VALUE;
    /** A well-formed, in-range value. */
    public static final int OK = 0;
    /** Not the syntax of the type: SessionRejectReason 6, incorrect data format. */
    public static final int BAD_FORMAT = 6;
    /** The syntax of the type but outside its range: SessionRejectReason 5, value is incorrect (out of range). */
    public static final int OUT_OF_RANGE = 5;
    /** The finest fixed-point scale the engine uses (prices in hundredths); every decimal must fit a long at it. */
    public static final int ENGINE_SCALE = 2;
    /** The largest scale {@link #parseScaled} takes: 10^18 is the largest power of ten in a long. */
    public static final int MAX_SCALE = 18;

    private static final long NEGATIVE_LIMIT = -Long.MAX_VALUE;
    private static final long MULTIPLY_LIMIT = NEGATIVE_LIMIT / 10;

    private FixNumbers()
    {
    }

    /**
     * An integer: an optional minus and one or more digits.
     *
     * @return the value, or {@link #INVALID} if malformed or beyond ±(2^63-1)
     */
    public static long parseLong(final byte[] b, final int offset, final int length)
    {
        final int end = offset + length;
        int p = offset;
        final boolean negative = p < end && b[p] == '-';
        if (negative)
        {
            p++;
        }
        if (p == end)
        {
            return INVALID;
        }
        // accumulate negatively, as Long.parseLong does, so the whole range is reachable without overflow
        long result = 0;
        for (; p < end; p++)
        {
            final int digit = b[p] - '0';
            if (digit < 0 || digit > 9 || result < MULTIPLY_LIMIT)
            {
                return INVALID;
            }
            result *= 10;
            if (result < NEGATIVE_LIMIT + digit)
            {
                return INVALID;
            }
            result -= digit;
        }
        return negative ? result : -result;
    }

    /**
     * An integer within [min, max]; a minus sign is allowed only when min is negative.
     *
     * @return the value, or {@link #INVALID}
     */
    public static long parseLong(final byte[] b, final int offset, final int length, final long min, final long max)
    {
        if (min >= 0 && length > 0 && b[offset] == '-')
        {
            return INVALID;
        }
        final long value = parseLong(b, offset, length);
        return value == INVALID || value < min || value > max ? INVALID : value;
    }

    /**
     * Classifies an integer for a session Reject: {@link #BAD_FORMAT} unless it is an optional minus and
     * digits; {@link #OUT_OF_RANGE} if outside [min, max] (a minus on an unsigned type counts as out of range).
     */
    public static int checkInteger(final byte[] b, final int offset, final int length, final long min, final long max)
    {
        if (!isIntegerSyntax(b, offset, length))
        {
            return BAD_FORMAT;
        }
        return parseLong(b, offset, length, min, max) == INVALID ? OUT_OF_RANGE : OK;
    }

    /**
     * A decimal as a fixed-point long with {@code scale} places: 2 reads {@code "12.5"} as 1250. Digits
     * beyond the scale are accepted only if they are zeros ({@code "12.500"}), since anything else would
     * have to be rounded.
     *
     * @return the value, or {@link #INVALID} if malformed, finer than the scale, or beyond ±(2^63-1) once scaled
     */
    public static long parseScaled(final byte[] b, final int offset, final int length, final int scale)
    {
        return scaled(b, offset, length, scale, false);
    }

    /**
     * Classifies a decimal for a session Reject: {@link #BAD_FORMAT} unless it is an optional minus, digits
     * and at most one point (at least one digit); {@link #OUT_OF_RANGE} if it does not fit a long at
     * {@link #ENGINE_SCALE} (the places beyond it are not considered: a finer value is a business matter).
     */
    public static int checkDecimal(final byte[] b, final int offset, final int length)
    {
        if (!isDecimalSyntax(b, offset, length))
        {
            return BAD_FORMAT;
        }
        return scaled(b, offset, length, ENGINE_SCALE, true) == INVALID ? OUT_OF_RANGE : OK;
    }

    /** An optional minus and one or more digits. */
    public static boolean isIntegerSyntax(final byte[] b, final int offset, final int length)
    {
        final int end = offset + length;
        int p = offset;
        if (p < end && b[p] == '-')
        {
            p++;
        }
        if (p == end)
        {
            return false;
        }
        for (; p < end; p++)
        {
            if (b[p] < '0' || b[p] > '9')
            {
                return false;
            }
        }
        return true;
    }

    /** An optional minus, digits and at most one point, with at least one digit: FIX's float syntax. */
    public static boolean isDecimalSyntax(final byte[] b, final int offset, final int length)
    {
        final int end = offset + length;
        int p = offset;
        if (p < end && b[p] == '-')
        {
            p++;
        }
        boolean digits = false;
        boolean point = false;
        for (; p < end; p++)
        {
            if (b[p] == '.' && !point)
            {
                point = true;
            }
            else if (b[p] >= '0' && b[p] <= '9')
            {
                digits = true;
            }
            else
            {
                return false;
            }
        }
        return digits;
    }

    private static long scaled(final byte[] b, final int offset, final int length, final int scale,
                               final boolean truncate)
    {
        if (scale < 0 || scale > MAX_SCALE || !isDecimalSyntax(b, offset, length))
        {
            return INVALID;
        }
        final int end = offset + length;
        int p = offset;
        final boolean negative = b[p] == '-';
        if (negative)
        {
            p++;
        }
        long result = 0;
        int places = -1;
        for (; p < end; p++)
        {
            final byte c = b[p];
            if (c == '.')
            {
                places = 0;
                continue;
            }
            final int digit = c - '0';
            if (places >= 0 && ++places > scale)
            {
                if (digit != 0 && !truncate)
                {
                    return INVALID;
                }
                continue;
            }
            if (result < MULTIPLY_LIMIT)
            {
                return INVALID;
            }
            result *= 10;
            if (result < NEGATIVE_LIMIT + digit)
            {
                return INVALID;
            }
            result -= digit;
        }
        for (int i = Math.max(places, 0); i < scale; i++)
        {
            if (result < MULTIPLY_LIMIT)
            {
                return INVALID;
            }
            result *= 10;
        }
        return negative ? result : -result;
    }
}
