package io.carbonx.gateway.orders;

/**
 * The 64-bit hash a session indexes its ClOrdIDs by ({@link SessionOrders#orderIdByClOrdId}), so that the duplicate
 * check reads the ClOrdID's bytes in the received message and keeps no String per ClOrdID: FNV-1a over the ISO-8859-1
 * bytes with a final avalanche (MurmurHash3's fmix64). Two different ClOrdIDs of one session share a hash with a
 * probability of about n^2 / 2^65 (one in 37 million for a million ClOrdIDs a day); the cost of such a collision is a
 * new order refused as a duplicate, never an order or a cancel applied to the wrong order: those are found by order id
 * and checked against their state.
 * <p>
 * Stateless.
 */
final class ClOrdIdHash
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ClOrdIdHash()
    {
    }

    static long hash(final byte[] buffer, final int offset, final int length)
    {
        long hash = FNV_OFFSET;
        for (int i = offset; i < offset + length; i++)
        {
            hash = (hash ^ (buffer[i] & 0xFF)) * FNV_PRIME;
        }
        return fmix(hash);
    }

    /**
     * @param clOrdId as the session read it: one char per byte (ISO-8859-1).
     */
    static long hash(final CharSequence clOrdId)
    {
        long hash = FNV_OFFSET;
        for (int i = 0; i < clOrdId.length(); i++)
        {
            hash = (hash ^ (clOrdId.charAt(i) & 0xFF)) * FNV_PRIME;
        }
        return fmix(hash);
    }

    private static long fmix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
