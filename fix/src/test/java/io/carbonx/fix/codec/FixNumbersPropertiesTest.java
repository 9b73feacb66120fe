package io.carbonx.fix.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every FIX number parser against a BigInteger/BigDecimal reference: a value is accepted exactly when
 * it is well formed and in range, and then with the reference's value. The inputs mix random text,
 * numbers near the limits of int and long, and decimals with many places.
 */
class FixNumbersPropertiesTest
{
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN_ACCEPTED = BigInteger.valueOf(-Long.MAX_VALUE);

    @Property(tries = 3000)
    void parseLongAcceptsExactlyTheIntegersOfALong(final @ForAll("numberText") String text)
    {
        final byte[] bytes = bytes(text);
        final long parsed = FixNumbers.parseLong(bytes, 1, bytes.length - 2);
        final BigInteger reference = referenceInteger(text);
        if (reference == null || !fitsLong(reference))
        {
            assertEquals(FixNumbers.INVALID, parsed, text);
        }
        else
        {
            assertEquals(reference.longValueExact(), parsed, text);
        }
    }

    @Property(tries = 3000)
    void boundedParseAcceptsExactlyTheRange(final @ForAll("numberText") String text,
                                            final @ForAll("bounds") long[] bounds)
    {
        final byte[] bytes = bytes(text);
        final long parsed = FixNumbers.parseLong(bytes, 1, bytes.length - 2, bounds[0], bounds[1]);
        final BigInteger reference = referenceInteger(text);
        final boolean signForbidden = bounds[0] >= 0 && text.startsWith("-");
        final boolean accepted = reference != null && !signForbidden
                && reference.compareTo(BigInteger.valueOf(bounds[0])) >= 0
                && reference.compareTo(BigInteger.valueOf(bounds[1])) <= 0;
        assertEquals(accepted ? reference.longValueExact() : FixNumbers.INVALID, parsed, text);
        final int check = FixNumbers.checkInteger(bytes, 1, bytes.length - 2, bounds[0], bounds[1]);
        assertEquals(reference == null ? FixNumbers.BAD_FORMAT : accepted ? FixNumbers.OK : FixNumbers.OUT_OF_RANGE,
                check, text);
    }

    @Property(tries = 3000)
    void parseScaledAcceptsExactlyTheDecimalsThatFitAtTheScale(final @ForAll("numberText") String text,
                                                                final @ForAll @IntRange(min = 0, max = 18) int scale)
    {
        final byte[] bytes = bytes(text);
        final long parsed = FixNumbers.parseScaled(bytes, 1, bytes.length - 2, scale);
        final BigDecimal reference = referenceDecimal(text);
        BigInteger unscaled = null;
        if (reference != null)
        {
            try
            {
                unscaled = reference.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
            }
            catch (final ArithmeticException finer)
            {
                unscaled = null;
            }
        }
        if (unscaled == null || !fitsLong(unscaled))
        {
            assertEquals(FixNumbers.INVALID, parsed, text + " at scale " + scale);
        }
        else
        {
            assertEquals(unscaled.longValueExact(), parsed, text + " at scale " + scale);
        }
    }

    @Property(tries = 3000)
    void checkDecimalSaysWhetherTheValueFitsTheEngineScale(final @ForAll("numberText") String text)
    {
        final byte[] bytes = bytes(text);
        final int check = FixNumbers.checkDecimal(bytes, 1, bytes.length - 2);
        final BigDecimal reference = referenceDecimal(text);
        final int expected = reference == null ? FixNumbers.BAD_FORMAT
                : fitsLong(reference.setScale(FixNumbers.ENGINE_SCALE, RoundingMode.DOWN).unscaledValue())
                ? FixNumbers.OK : FixNumbers.OUT_OF_RANGE;
        assertEquals(expected, check, text);
    }

    @Example
    void theReportedOverflowsAreRefused()
    {
        assertEquals(FixNumbers.INVALID, scaled("4611686018427388004", 2));
        assertEquals(FixNumbers.INVALID, bounded("4294967298", 0, Integer.MAX_VALUE));
        assertEquals(FixNumbers.INVALID, bounded("-1", 0, Integer.MAX_VALUE));
        assertEquals(FixNumbers.INVALID, bounded("12345678901234567890", 0, Integer.MAX_VALUE));
        assertEquals(FixNumbers.INVALID, bounded("9223372036854775808", Long.MIN_VALUE + 1, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, bounded("9223372036854775807", 0, Long.MAX_VALUE));
        assertEquals(10_000, scaled("100.00", 2));
        assertEquals(FixNumbers.INVALID, scaled("+5", 2));
        assertEquals(FixNumbers.INVALID, scaled("1.005", 2));
        assertEquals(100_500, scaled("1005.000", 2));
    }

    private static long scaled(final String text, final int scale)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return FixNumbers.parseScaled(b, 0, b.length, scale);
    }

    private static long bounded(final String text, final long min, final long max)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return FixNumbers.parseLong(b, 0, b.length, min, max);
    }

    /** The text between two guard bytes, so that a parser reading outside its range would be caught. */
    private static byte[] bytes(final String text)
    {
        return ("9" + text + "9").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BigInteger referenceInteger(final String text)
    {
        return INTEGER.matcher(text).matches() ? new BigInteger(text) : null;
    }

    private static BigDecimal referenceDecimal(final String text)
    {
        return DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    private static boolean fitsLong(final BigInteger value)
    {
        return value.compareTo(LONG_MAX) <= 0 && value.compareTo(LONG_MIN_ACCEPTED) >= 0;
    }

    @Provide
    Arbitrary<String> numberText()
    {
        final Arbitrary<String> nearLimits = Arbitraries.bigIntegers()
                .between(BigInteger.TWO.pow(66).negate(), BigInteger.TWO.pow(66)).map(BigInteger::toString);
        final Arbitrary<String> boundaries = Arbitraries.of(Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE,
                        (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 4_294_967_298L, 4_611_686_018_427_388_004L,
                        Long.MAX_VALUE / 100, Long.MAX_VALUE / 100 + 1, 0L, -1L)
                .flatMap(v -> Arbitraries.integers().between(-2, 2)
                    .map(d -> BigInteger.valueOf(v).add(BigInteger.valueOf(d)).toString()));
        final Arbitrary<String> decimals = Combinators.combine(nearLimits, Arbitraries.integers().between(0, 22))
                .as((digits, places) -> new BigDecimal(new BigInteger(digits), places).toPlainString());
        final Arbitrary<String> zeroPadded = Combinators.combine(decimals, Arbitraries.integers().between(0, 25))
                .as((d, zeros) -> d.contains(".") ? d + "0".repeat(zeros) : "0".repeat(zeros) + d.replace("-", ""));
        final Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789-+.e ,\u0001x")
                .ofMinLength(0).ofMaxLength(24);
        final Arbitrary<String> digitsOnly = Arbitraries.strings().withChars("0123456789.-").ofMinLength(0)
            .ofMaxLength(25);
        return Arbitraries.oneOf(nearLimits, boundaries, decimals, zeroPadded, noise, digitsOnly);
    }

    @Provide
    Arbitrary<long[]> bounds()
    {
        return Arbitraries.of(new long[] {0, Integer.MAX_VALUE}, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
                new long[] {1, 31}, new long[] {0, Long.MAX_VALUE}, new long[] {-Long.MAX_VALUE, Long.MAX_VALUE});
    }
}
