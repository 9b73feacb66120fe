package io.carbonx.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Money text is read strictly: {@code [0-9]+(\.[0-9]{1,2})?} in ASCII digits, into 0.01 units that fit a long, and
 * anything else is a 400 naming the field. The property compares the parser with a reference: the strict regex, then
 * BigDecimal.
 */
class MoneyTest
{
    private static final Pattern STRICT = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    @Test
    void lenientFormsOnceAcceptedAreRefusedNamingTheField()
    {
        for (final String text : new String[] {
            "\uff11\uff10\uff10.00", "+5.00", " 5.00", "5.00 ", "5.", ".5", "5.00\u0000", "-5.00", "5e2", "0x10", "",
            "1,000.00",
            "\u0665.00", "5..0", "5.0.0" })
        {
            final InvalidFieldException ex =
                assertThrows(InvalidFieldException.class, () -> Money.parse("amount", text), text);
            assertTrue(ex.getMessage().startsWith("field 'amount': "), ex.getMessage());
        }
        assertEquals(
            "field 'amount': expected a decimal amount like \"90.00\" (digits, at most two decimals, no sign), " +
            "was '5.00\\u0000'", assertThrows(InvalidFieldException.class, () -> Money.parse("amount", "5.00\u0000"))
            .getMessage());
    }

    @Test
    void theLargestAmountFitsAndOneMoreOverflows()
    {
        assertEquals(Long.MAX_VALUE, Money.parse("amount", "92233720368547758.07"));
        assertEquals("field 'amount': too large, at most 92233720368547758.07, was '92233720368547758.08'",
            assertThrows(InvalidFieldException.class, () -> Money.parse("amount", "92233720368547758.08"))
            .getMessage());
        assertEquals(5, Money.parse("amount", "0.05"));
        assertEquals(500, Money.parse("amount", "5"));
        assertEquals(550, Money.parse("amount", "5.5"));
        assertEquals(500, Money.parse("amount", "005.00"));
    }

    @Property(tries = 3000)
    void parsesExactlyWhatTheStrictFormDoes(@ForAll("moneyLike") final String text)
    {
        final Long expected = reference(text);
        if (expected == null)
        {
            final InvalidFieldException ex =
                assertThrows(InvalidFieldException.class, () -> Money.parse("price", text), text);
            assertTrue(ex.getMessage().startsWith("field 'price': "), ex.getMessage());
        }
        else
        {
            assertEquals(expected, Money.parse("price", text), text);
        }
    }

    @Property(tries = 1000)
    void formatThenParseIsTheIdentityForEveryAmount(@ForAll("amounts") final long minorUnits)
    {
        assertEquals(minorUnits, Money.parse("amount", Money.format(minorUnits)));
    }

    @Provide
    Arbitrary<String> moneyLike()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(22);
        final Arbitrary<String> noise = Arbitraries.strings()
            .withChars("0123456789.+- eE,\u0000\uff11\u0665\t").ofMinLength(0).ofMaxLength(8);
        final Arbitrary<String> wellFormed = Arbitraries.oneOf(
            digits,
            digits.flatMap(whole -> Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(3)
                .map(fraction -> whole + "." + fraction)));
        return Arbitraries.oneOf(
            wellFormed,
            wellFormed.flatMap(text -> noise.map(extra -> extra + text)),
            wellFormed.flatMap(text -> noise.map(extra -> text + extra)),
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.longs().map(value -> Long.toString(value)),
            Arbitraries.bigDecimals().ofScale(2).map(BigDecimal::toPlainString));
    }

    @Provide
    Arbitrary<Long> amounts()
    {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    private static Long reference(final String text)
    {
        if (!STRICT.matcher(text).matches())
        {
            return null;
        }
        final BigDecimal minor = new BigDecimal(text).movePointRight(2);
        return minor.compareTo(MAX) > 0 ? null : minor.longValueExact();
    }
}
