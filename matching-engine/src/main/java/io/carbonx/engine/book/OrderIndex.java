package io.carbonx.engine.book;

/**
 * The working orders of a book by id: an open-addressed table, linear probing, of the orders and beside them a 32-bit
 * tag of each one's id (never 0, which marks a free slot). A lookup compares tags, so looking up an id the book does
 * not hold, as every new order does, reads only the tag array and no order; a hit confirms the id on the order it goes
 * on to use anyway. Removal shifts the rest of its run back, so no tombstones build up. At least two slots per order
 * the book can hold, so runs stay short; no allocation after construction.
 */
final class OrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int FREE = 0;
    private static final int BLOCK_BITS = 4;

    private final int[] tags;
    private final Order[] orders;
    private final int mask;
    private final int shift;
    private int size;

    /**
     * @param capacity the most orders held at once.
     */
    OrderIndex(final int capacity)
    {
        // At least two slots per order and two home blocks, rounded up to a power of two.
        final int length = (int)Math.min(1L << 30, Long.highestOneBit(Math.max(32L, capacity * 2L) - 1) << 1);
        tags = new int[length];
        orders = new Order[length];
        mask = length - 1;
        shift = 64 - (Integer.numberOfTrailingZeros(length) - BLOCK_BITS);
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * @return the order with this id, or null.
     */
    Order get(final long orderId)
    {
        final int tag = tag(orderId);
        int slot = home(orderId);
        int slotTag;
        while ((slotTag = tags[slot]) != FREE)
        {
            if (slotTag == tag)
            {
                final Order order = orders[slot];
                if (order.orderId == orderId)
                {
                    return order;
                }
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /**
     * Add an order whose id is not held yet.
     */
    void put(final Order order)
    {
        int slot = home(order.orderId);
        while (tags[slot] != FREE)
        {
            slot = (slot + 1) & mask;
        }
        tags[slot] = tag(order.orderId);
        orders[slot] = order;
        size++;
    }

    /**
     * Remove an order that is held, then move back every later order of its run that may take the freed slot, so
     * that each order stays reachable from its home without gaps.
     */
    void remove(final Order order)
    {
        int hole = home(order.orderId);
        while (orders[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        int slot = hole;
        while (tags[slot = (slot + 1) & mask] != FREE)
        {
            final Order next = orders[slot];
            final int home = home(next.orderId);
            final boolean reachesPastHole = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
            if (!reachesPastHole)
            {
                tags[hole] = tags[slot];
                orders[hole] = next;
                hole = slot;
            }
        }
        tags[hole] = FREE;
        orders[hole] = null;
        size--;
    }

    /**
     * Ids are handed out in sequence (per session), so sixteen consecutive ids share a home block, one cache line of
     * tags: a run of new orders looks up one line per sixteen. The blocks themselves are scattered by a
     * multiplicative hash, so that sessions counting through similar numbers do not pile onto the same slots.
     */
    private int home(final long orderId)
    {
        return (int)(((orderId >>> BLOCK_BITS) * GOLDEN) >>> shift) << BLOCK_BITS |
            (int)orderId & ((1 << BLOCK_BITS) - 1);
    }

    /**
     * The id folded to 32 bits, with the low bit set so that it is never {@link #FREE}.
     */
    private static int tag(final long orderId)
    {
        return (int)(orderId ^ (orderId >>> 32)) | 1;
    }
}
