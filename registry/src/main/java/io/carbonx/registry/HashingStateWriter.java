package io.carbonx.registry;

import io.carbonx.protocol.StateHash;

/**
 * Feeds the registry's canonical walk into the exchange's one {@link StateHash}, so the registry's digest covers
 * exactly what its snapshot writes. Used by one thread at a time, the one asking for {@link Registry#stateHash()}.
 */
final class HashingStateWriter implements StateWriter
{
    private long hash;

    public void writeLong(final long value)
    {
        hash = StateHash.mix(hash, value);
    }

    public void writeUtf(final String value)
    {
        hash = StateHash.mix(hash, value);
    }

    long digest()
    {
        return hash;
    }
}
