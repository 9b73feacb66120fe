package io.carbonx.gateway.http;

import java.math.BigDecimal;

/**
 * Amounts of money as the API writes them: decimal text with two decimals ("90.00"), exactly the engine's fixed-point
 * 0.01 units, never through a double.
 */
public final class Money
{
    private Money()
    {
    }

    /**
     * @throws ApiException 400 naming the field when the text is not a decimal with at most two decimals.
     */
    public static long parse(final String field, final String text)
    {
        try
        {
            if (text.isBlank() || text.indexOf('e') >= 0 || text.indexOf('E') >= 0)
            {
                throw new NumberFormatException();
            }
            return new BigDecimal(text.trim()).movePointRight(2).longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("field '" + field + "': expected a decimal amount like \"90.00\", was '" + text + "'");
        }
        catch (final ArithmeticException ex)
        {
            throw ApiException.badRequest("field '" + field + "': more than two decimals, or too large: '" + text + "'");
        }
    }

    /**
     * @return 0.01 units as decimal text, e.g. 9000 as "90.00" and -5 as "-0.05".
     */
    public static String format(final long minorUnits)
    {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }
}
