package io.carbonx.engine.core;

/**
 * A 64-bit running digest for {@link StateMachine#stateHash()}: order-sensitive, well mixed, and free of
 * {@code Object.hashCode}, so equal states give equal hashes across JVMs and runs.
 */
public final class StateHash
{
    private static final long SEED = 0x9E3779B97F4A7C15L;

    /**
     * @return the digest of {@code hash} followed by {@code value}.
     */
    public static long mix(final long hash, final long value)
    {
        return finalise(hash * 31 + finalise(value + SEED));
    }

    /**
     * The finaliser of SplitMix64 / MurmurHash3's fmix64: every input bit affects every output bit.
     */
    private static long finalise(long z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private StateHash()
    {
    }
}
