package io.carbonx.protocol;

import java.math.BigDecimal;

/**
 * Amounts of money as the API reads and writes them: decimal text with at most two decimals ("90.00", "90.5", "90"),
 * exactly the engine's fixed-point 0.01 units, never through a double.
 */
public final class Money
{
    private Money()
    {
    }

    /**
     * Accepts exactly {@code [0-9]+(\.[0-9]{1,2})?} in ASCII digits: no sign, no blanks, no exponent, no other
     * script's digits, nothing before or after. Amounts are never negative in the API.
     *
     * @throws InvalidFieldException naming the field when the text is anything else or does not fit a long of 0.01
     * units.
     */
    public static long parse(final String field, final String text)
    {
        final int length = text.length();
        final int point = text.indexOf('.');
        final int integerEnd = point < 0 ? length : point;
        final int decimals = point < 0 ? 0 : length - point - 1;
        final boolean shaped = integerEnd > 0 && (point < 0 || decimals >= 1) &&
            digits(text, 0, integerEnd) && digits(text, integerEnd + 1, length);
        if (shaped && decimals > 2)
        {
            throw new InvalidFieldException("field '" + field + "': more than two decimals: '" + text + "'");
        }
        if (!shaped)
        {
            throw new InvalidFieldException("field '" + field +
                "': expected a decimal amount like \"90.00\" (digits, " +
                "at most two decimals, no sign), was '" + printable(text) + "'");
        }
        try
        {
            long minor = 0;
            for (int i = 0; i < integerEnd; i++)
            {
                minor = Math.addExact(Math.multiplyExact(minor, 10), text.charAt(i) - '0');
            }
            for (int i = 0; i < 2; i++)
            {
                final int index = integerEnd + 1 + i;
                minor = Math.addExact(Math.multiplyExact(minor, 10), index < length ? text.charAt(index) - '0' : 0);
            }
            return minor;
        }
        catch (final ArithmeticException ex)
        {
            throw new InvalidFieldException("field '" + field + "': too large, at most " + format(Long.MAX_VALUE) +
                ", was '" + printable(text) + "'");
        }
    }

    /**
     * @return 0.01 units as decimal text, e.g. 9000 as "90.00" and -5 as "-0.05".
     */
    public static String format(final long minorUnits)
    {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }

    private static boolean digits(final String text, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The text as an error message may echo it: control characters escaped, at most 64 characters.
     */
    private static String printable(final String text)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 64; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return text.length() > 64 ? out.append("...").toString() : out.toString();
    }
}
