package io.carbonx.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The one state digest: order matters, strings carry their length so neighbours cannot run into each other, and every
 * form (value, string, bytes) is the same mix of values.
 */
class StateHashTest
{
    @Property
    void swappingTwoDifferentValuesChangesTheDigest(@ForAll final long a, @ForAll final long b)
    {
        if (a != b)
        {
            assertNotEquals(StateHash.mix(StateHash.mix(0, a), b), StateHash.mix(StateHash.mix(0, b), a));
        }
    }

    @Property
    void aStringIsItsLengthThenItsCharacters(@ForAll final long seed, @ForAll final String text)
    {
        long expected = StateHash.mix(seed, text.length());
        for (int i = 0; i < text.length(); i++)
        {
            expected = StateHash.mix(expected, text.charAt(i));
        }
        assertEquals(expected, StateHash.mix(seed, text));
    }

    @Property
    void bytesAreMixedOneAtATime(@ForAll final long seed, @ForAll final byte[] bytes)
    {
        long expected = seed;
        for (final byte b : bytes)
        {
            expected = StateHash.mix(expected, b);
        }
        assertEquals(expected, StateHash.mix(seed, bytes));
    }

    @Test
    void stringsCannotRunIntoTheirNeighbours()
    {
        assertNotEquals(
            StateHash.mix(StateHash.mix(0, "ab"), "c"),
            StateHash.mix(StateHash.mix(0, "a"), "bc"));
    }

    @Test
    void zeroIsAValueLikeAnyOther()
    {
        assertNotEquals(0, StateHash.mix(0, 0));
        assertNotEquals(StateHash.mix(0, 0), StateHash.mix(StateHash.mix(0, 0), 0));
    }
}
