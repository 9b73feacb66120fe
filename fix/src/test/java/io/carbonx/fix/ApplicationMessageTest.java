package io.carbonx.fix;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Numbers and characters written without going through strings read exactly as before: as Long.toString,
 * String.valueOf and BigDecimal.toPlainString write them.
 */
class ApplicationMessageTest
{
    private static final long[] EDGES = {0, 1, -1, 9, 10, 99, 100, 9_200, -9_200, 5, -5, 123_456_789_012L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};

    @Test
    void integersAndCharactersAreWrittenAsText()
    {
        for (final long value : EDGES)
        {
            assertEquals("35=8|38=" + value + "|", body(ApplicationMessage.builder("8").add(38, value)));
        }
        assertEquals("35=8|150=F|39=2|", body(ApplicationMessage.builder("8").add(150, 'F').add(39, '2')));
        assertEquals("35=8|58=\u00e9|", body(ApplicationMessage.builder("8").add(58, '\u00e9')));
    }

    @Test
    void scaledValuesReadAsBigDecimalWritesThem()
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (int scale = 0; scale <= 18; scale++)
        {
            for (final long value : EDGES)
            {
                assertScaled(value, scale);
            }
            for (int i = 0; i < 200; i++)
            {
                assertScaled(random.nextLong() >> random.nextInt(64), scale);
            }
        }
    }

    @Test
    void badValuesAreRefused()
    {
        final ApplicationMessage.Builder builder = ApplicationMessage.builder("8");
        assertThrows(IllegalArgumentException.class, () -> builder.add(58, '\u0001'));
        assertThrows(IllegalArgumentException.class, () -> builder.add(58, '\u20ac'));
        assertThrows(IllegalArgumentException.class, () -> builder.add(34, 7L), "set by the session");
        assertThrows(IllegalArgumentException.class, () -> builder.add(0, 'x'));
        assertThrows(IllegalArgumentException.class, () -> builder.addScaled(44, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> builder.addScaled(44, 1, 19));
        assertEquals("35=8|", body(builder), "a refused field leaves nothing behind");
    }

    private static void assertScaled(final long value, final int scale)
    {
        assertEquals("35=8|44=" + BigDecimal.valueOf(value, scale).toPlainString() + "|",
            body(ApplicationMessage.builder("8").addScaled(44, value, scale)), value + " scale " + scale);
    }

    private static String body(final ApplicationMessage.Builder builder)
    {
        return builder.build().toString();
    }
}
