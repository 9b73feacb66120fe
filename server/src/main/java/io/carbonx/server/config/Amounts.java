package io.carbonx.server.config;

import java.math.BigDecimal;

/**
 * Converts amounts written in a configuration as decimal text ("90.00", "5000000") into the engine's fixed-point
 * 0.01 units, exactly: never through a double, and refusing what has more than two decimals.
 */
final class Amounts
{
    static long toMinorUnits(final String path, final String text)
    {
        if (text == null || text.isBlank())
        {
            throw new ConfigException(path, "an amount is required");
        }
        try
        {
            return new BigDecimal(text.trim()).movePointRight(2).longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(path, "not a decimal amount: '" + text + "'");
        }
        catch (final ArithmeticException ex)
        {
            throw new ConfigException(path, "more than two decimals, or too large: '" + text + "'");
        }
    }

    private Amounts()
    {
    }
}
