package io.carbonx.engine.book;

/**
 * The working orders of a book by id: an open-addressed table of the orders themselves, linear probing, the id read
 * from the order. A lookup that finds its order touches one table slot and the order it goes on to use anyway, where
 * a map of separate key and value arrays touches a key and a value slot first; removal shifts the rest of its run back,
 * so no tombstones build up. At least two slots per order the book can hold, so runs stay short; no allocation after
 * construction.
 */
final class OrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Order[] slots;
    private final int mask;
    private final int shift;
    private int size;

    /**
     * @param capacity the most orders held at once.
     */
    OrderIndex(final int capacity)
    {
        final int length = (int)Math.min(1L << 30, Long.highestOneBit(Math.max(2L, capacity * 2L) - 1) << 1);
        slots = new Order[length];
        mask = length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(length);
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
        int slot = home(orderId);
        Order order;
        while ((order = slots[slot]) != null)
        {
            if (order.orderId == orderId)
            {
                return order;
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
        while (slots[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = order;
        size++;
    }

    /**
     * Remove an order that is held, then move back every later order of its run that may take the freed slot, so
     * that each order stays reachable from its home without gaps.
     */
    void remove(final Order order)
    {
        int hole = home(order.orderId);
        while (slots[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        int slot = hole;
        Order next;
        while ((next = slots[slot = (slot + 1) & mask]) != null)
        {
            final int home = home(next.orderId);
            final boolean reachesPastHole = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
            if (!reachesPastHole)
            {
                slots[hole] = next;
                hole = slot;
            }
        }
        slots[hole] = null;
        size--;
    }

    private int home(final long orderId)
    {
        return (int)((orderId * GOLDEN) >>> shift);
    }
}
