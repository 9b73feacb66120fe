package io.carbonx.registry;

/**
 * A 64-bit digest of a stream of values, for comparing two states cheaply.
 * <p>
 * Each value goes through the 8-byte step of xxHash64 and the result through its final avalanche: every bit of every
 * value affects every bit of the digest, and the order of values matters. Not cryptographic: it detects divergence
 * between replicas and replays, not tampering.
 */
final class StateDigest implements StateWriter
{
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;

    private long hash = PRIME_5;
    private long count;

    public void writeLong(final long value)
    {
        hash ^= Long.rotateLeft(value * PRIME_2, 31) * PRIME_1;
        hash = Long.rotateLeft(hash, 27) * PRIME_1 + PRIME_4;
        count++;
    }

    public void writeUtf(final String value)
    {
        final int length = value.length();
        writeLong(length);
        for (int i = 0; i < length; i++)
        {
            writeLong(value.charAt(i));
        }
    }

    long digest()
    {
        long h = hash ^ count;
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        h ^= h >>> 32;

        return h;
    }
}
