package io.carbonx.fix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest
{
    @Test
    void matchesOnlyThePasswordAndSurvivesItsTextForm()
    {
        final PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 1_000);
        final PasswordHash stored = PasswordHash.parse(hash.encoded());
        assertTrue(stored.matches("s3cret".toCharArray()));
        assertFalse(stored.matches("S3cret".toCharArray()));
        assertFalse(stored.matches(new char[0]));
        assertTrue(hash.encoded().startsWith("pbkdf2-sha256:1000:"));
    }

    @Test
    void saltsEachHash()
    {
        assertNotEquals(PasswordHash.create("same".toCharArray(), 1_000).encoded(),
                PasswordHash.create("same".toCharArray(), 1_000).encoded());
    }

    @Test
    void refusesOtherFormats()
    {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:abc"));
    }
}
