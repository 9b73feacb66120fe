package io.carbonx.engine.pipeline;

import org.agrona.DirectBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;

/**
 * The commands this engine has offered to the command log and not yet seen committed, so that closing can wait for
 * them. The log delivers the commands of every gateway and does not say which are whose, so an offered command is
 * recognised by its content: a 64-bit hash of its bytes and length, counted in a multiset (two identical commands
 * offered are two entries). A command carries its producer's envelope (timestamp, source, correlation id), so another
 * gateway's command that hashes the same is not a practical concern; and a wrong match would only end a drain early or
 * late, never change what is applied. Order is not relied on. Allocates only when the table grows. Owned by the
 * business-logic thread.
 */
final class InFlightCommands
{
    private static final long MISSING = 0;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final Long2LongHashMap counts;
    private long size;

    InFlightCommands(final int initialCapacity)
    {
        counts = new Long2LongHashMap(initialCapacity, Hashing.DEFAULT_LOAD_FACTOR, MISSING);
    }

    void add(final DirectBuffer buffer, final int offset, final int length)
    {
        final long hash = hash(buffer, offset, length);
        counts.put(hash, counts.get(hash) + 1);
        size++;
    }

    /**
     * Forget one offered command with this content, if there is one.
     *
     * @return whether there was one: false for a command some other gateway offered.
     */
    boolean remove(final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == size)
        {
            return false;
        }
        final long hash = hash(buffer, offset, length);
        final long count = counts.get(hash);
        if (MISSING == count)
        {
            return false;
        }
        if (1 == count)
        {
            counts.remove(hash);
        }
        else
        {
            counts.put(hash, count - 1);
        }
        size--;
        return true;
    }

    long size()
    {
        return size;
    }

    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = length * MULTIPLIER;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            hash = mix(hash ^ buffer.getLong(offset + i));
        }
        for (; i < length; i++)
        {
            hash = mix(hash ^ buffer.getByte(offset + i));
        }
        return hash;
    }

    private static long mix(final long value)
    {
        final long product = value * MULTIPLIER;
        return product ^ (product >>> 29);
    }
}
