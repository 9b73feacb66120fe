package io.carbonx.engine.book;

/**
 * A binary min-heap of GTD orders by expiry time, intrusive so that a cancelled order leaves it in O(log n)
 * without a search. Ties are broken by order id to keep expiry order deterministic.
 */
final class ExpiryQueue
{
    private final Order[] heap;
    private int size;

    ExpiryQueue(final int capacity)
    {
        heap = new Order[capacity];
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    Order peek()
    {
        return size == 0 ? null : heap[0];
    }

    void add(final Order order)
    {
        final int index = size++;
        heap[index] = order;
        order.expiryIndex = index;
        siftUp(index);
    }

    void remove(final Order order)
    {
        final int index = order.expiryIndex;
        if (index < 0)
        {
            return;
        }
        order.expiryIndex = -1;
        final int last = --size;
        if (index != last)
        {
            final Order moved = heap[last];
            heap[index] = moved;
            moved.expiryIndex = index;
            siftDown(index);
            siftUp(moved.expiryIndex);
        }
        heap[last] = null;
    }

    private void siftUp(final int initialIndex)
    {
        int index = initialIndex;
        final Order order = heap[index];
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            final Order parentOrder = heap[parent];
            if (!isBefore(order, parentOrder))
            {
                break;
            }
            heap[index] = parentOrder;
            parentOrder.expiryIndex = index;
            index = parent;
        }
        heap[index] = order;
        order.expiryIndex = index;
    }

    private void siftDown(final int initialIndex)
    {
        int index = initialIndex;
        final Order order = heap[index];
        final int half = size >>> 1;
        while (index < half)
        {
            int child = 2 * index + 1;
            final int right = child + 1;
            if (right < size && isBefore(heap[right], heap[child]))
            {
                child = right;
            }
            if (!isBefore(heap[child], order))
            {
                break;
            }
            heap[index] = heap[child];
            heap[index].expiryIndex = index;
            index = child;
        }
        heap[index] = order;
        order.expiryIndex = index;
    }

    private static boolean isBefore(final Order a, final Order b)
    {
        return a.expireTime < b.expireTime || (a.expireTime == b.expireTime && a.orderId < b.orderId);
    }
}
