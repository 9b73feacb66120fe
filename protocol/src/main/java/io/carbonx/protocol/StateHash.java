package io.carbonx.protocol;

/**
 * The one 64-bit running digest of exchange state (registry, books, auctions, compliance): order-sensitive, well
 * mixed, and free of {@code Object.hashCode}, so equal states give equal hashes across JVMs, runs and replays. Not
 * cryptographic: it detects divergence between runs, replays and replicas, not tampering.
 * <p>
 * Every value, of whatever kind, goes through {@link #mix(long, long)}; the other methods only say how a string or a
 * run of bytes is broken into values.
 */
public final class StateHash
{
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private StateHash()
    {
    }

    /**
     * @return the digest of {@code hash} followed by {@code value}.
     */
    public static long mix(final long hash, final long value)
    {
        return finalise(hash * 31 + finalise(value + SEED));
    }

    /**
     * @return the digest of {@code hash} followed by the length of {@code value} and then each of its characters, so
     * that a string and its neighbours cannot run into each other.
     */
    public static long mix(final long hash, final String value)
    {
        final int length = value.length();
        long mixed = mix(hash, length);
        for (int i = 0; i < length; i++)
        {
            mixed = mix(mixed, value.charAt(i));
        }
        return mixed;
    }

    /**
     * @return the digest of {@code hash} followed by each of {@code bytes} in turn.
     */
    public static long mix(final long hash, final byte[] bytes)
    {
        long mixed = hash;
        for (final byte b : bytes)
        {
            mixed = mix(mixed, b);
        }
        return mixed;
    }

    /**
     * The finaliser of SplitMix64 / MurmurHash3's fmix64: every input bit affects every output bit.
     */
    private static long finalise(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
