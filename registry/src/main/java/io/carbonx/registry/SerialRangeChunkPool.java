package io.carbonx.registry;

/**
 * The spare chunks of serial ranges that every {@link SerialRangeQueue} of one registry grows into and gives back to.
 * <p>
 * Serial ranges are state that grows with trading: a trade usually hands the buyer a range that does not continue its
 * last one. Drawing the chunks from a pool filled at construction keeps that growth off the allocator, so steady
 * trading allocates nothing until the pool runs dry; a chunk a queue empties comes back here for any other queue to
 * take. A dry pool never refuses, since the registry must record every serial: it allocates a chunk and counts it in
 * {@link #chunksAllocatedBeyondCapacity()}, and that chunk joins the pool when it is given back.
 * <p>
 * The pool is not state: which chunk holds which ranges leaves no trace in a snapshot or the state hash. Written only
 * by the {@link Registry}'s thread.
 */
final class SerialRangeChunkPool
{
    /**
     * Ranges per chunk: 512 bytes of starts and ends. Chunks are linked, so a small chunk costs a long queue nothing
     * but one link per 32 ranges, and a holding just past its ring ties up little.
     */
    static final int DEFAULT_CHUNK_SIZE = 32;

    private final int chunkSize;
    private final int capacityChunks;
    private Chunk free;
    private int freeCount;
    private long allocatedBeyondCapacity;

    /**
     * A pool with no chunks in advance, allocating (and counting) each as it is first needed.
     */
    SerialRangeChunkPool(final int chunkSize)
    {
        this(0, chunkSize);
    }

    /**
     * @param rangeCapacity ranges to allocate chunks for now, rounded up to whole chunks; 0 for none.
     * @param chunkSize     ranges per chunk, a power of two >= 4; tests use a small one to reach chunk mode quickly.
     */
    SerialRangeChunkPool(final long rangeCapacity, final int chunkSize)
    {
        if (chunkSize < SerialRangeQueue.RING_CAPACITY || Integer.bitCount(chunkSize) != 1)
        {
            throw new IllegalArgumentException("chunk size must be a power of two >= 4: " + chunkSize);
        }
        final long chunks = (rangeCapacity + chunkSize - 1) / chunkSize;
        if (rangeCapacity < 0 || chunks > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("serial range capacity must be 0 to " +
                (long)Integer.MAX_VALUE * chunkSize + ": " + rangeCapacity);
        }

        this.chunkSize = chunkSize;
        this.capacityChunks = (int)chunks;
        for (int i = 0; i < capacityChunks; i++)
        {
            give(new Chunk(chunkSize));
        }
    }

    int chunkSize()
    {
        return chunkSize;
    }

    /**
     * @return chunks allocated in advance.
     */
    int capacityChunks()
    {
        return capacityChunks;
    }

    /**
     * @return chunks waiting to be taken.
     */
    int freeChunks()
    {
        return freeCount;
    }

    /**
     * @return chunks allocated because the pool was empty when a queue needed one, over the pool's life.
     */
    long chunksAllocatedBeyondCapacity()
    {
        return allocatedBeyondCapacity;
    }

    /**
     * @return an unlinked chunk, from the pool or newly allocated when it is empty; its contents are stale.
     */
    Chunk take()
    {
        final Chunk chunk = free;
        if (chunk == null)
        {
            allocatedBeyondCapacity++;
            return new Chunk(chunkSize);
        }

        free = chunk.next;
        chunk.next = null;
        freeCount--;
        return chunk;
    }

    void give(final Chunk chunk)
    {
        chunk.next = free;
        free = chunk;
        freeCount++;
    }

    /**
     * Give back a linked list of chunks, {@code first} to {@code last}.
     */
    void giveAll(final Chunk first, final Chunk last, final int count)
    {
        last.next = free;
        free = first;
        freeCount += count;
    }

    /**
     * Room for {@code chunkSize} ranges, start and end of slot i at {@code 2i} and {@code 2i + 1}, and the link to
     * the next chunk of the same queue (or of the pool's free list).
     */
    static final class Chunk
    {
        final long[] ranges;
        Chunk next;

        Chunk(final int chunkSize)
        {
            ranges = new long[chunkSize << 1];
        }
    }
}
