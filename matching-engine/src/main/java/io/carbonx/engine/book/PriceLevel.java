package io.carbonx.engine.book;

/**
 * The orders at one price on one side, in time priority: a doubly linked FIFO threaded through the orders.
 */
public final class PriceLevel
{
    long price;
    long totalLeaves;
    int orderCount;
    Order head;
    Order tail;

    void init(final long price)
    {
        this.price = price;
        this.totalLeaves = 0;
        this.orderCount = 0;
        this.head = null;
        this.tail = null;
    }

    void append(final Order order)
    {
        order.level = this;
        order.next = null;
        order.previous = tail;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalLeaves += order.leaves();
        orderCount++;
    }

    void remove(final Order order)
    {
        final Order previous = order.previous;
        final Order next = order.next;
        if (previous == null)
        {
            head = next;
        }
        else
        {
            previous.next = next;
        }
        if (next == null)
        {
            tail = previous;
        }
        else
        {
            next.previous = previous;
        }
        totalLeaves -= order.leaves();
        orderCount--;
        order.level = null;
        order.previous = null;
        order.next = null;
    }

    boolean isEmpty()
    {
        return head == null;
    }

    public long price()
    {
        return price;
    }

    public long totalLeaves()
    {
        return totalLeaves;
    }

    public int orderCount()
    {
        return orderCount;
    }

    /**
     * @return the order with the highest time priority, or null when the level is empty.
     */
    public Order head()
    {
        return head;
    }

    /**
     * @return the order after the given one in time priority, or null.
     */
    public static Order next(final Order order)
    {
        return order.next;
    }
}
