package io.carbonx.fix;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, stored as text
 * {@code pbkdf2-sha256:<iterations>:<base64 salt>:<base64 hash>} so configuration files never hold a
 * password. Verification is deliberately slow; the acceptor runs it off the I/O threads.
 */
public final class PasswordHash
{
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(final int iterations, final byte[] salt, final byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a new password with a random salt. */
    public static PasswordHash create(final char[] password)
    {
        return create(password, DEFAULT_ITERATIONS);
    }

    public static PasswordHash create(final char[] password, final int iterations)
    {
        final byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads the stored form produced by {@link #encoded()}. */
    public static PasswordHash parse(final String encoded)
    {
        final String[] parts = encoded.split(":");
        if (parts.length != 4 || !PREFIX.equals(parts[0]))
        {
            throw new IllegalArgumentException("Not a " + PREFIX + " password hash");
        }
        final Base64.Decoder base64 = Base64.getDecoder();
        return new PasswordHash(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
    }

    public String encoded()
    {
        final Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /** Constant-time comparison of the derived key. */
    public boolean matches(final char[] password)
    {
        if (password.length == 0)
        {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(final char[] password, final byte[] salt, final int iterations)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try
        {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
        finally
        {
            spec.clearPassword();
        }
    }

    @Override
    public String toString()
    {
        return PREFIX + ":" + iterations + ":<salt>:<hash>";
    }
}
