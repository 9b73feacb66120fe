package io.carbonx.gateway.orders;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * What the inbound side tells the reports, as data: the order (its state object, shared with the placing session) or
 * cross it is about to publish, the ClOrdID of a cancel
 * or replace request under the correlation id its command carries, and a command the engine refused before journaling
 * it. Each is offered before the command is published (or right after the refusal), so the listener thread, which
 * drains the queue before it handles an event, has it before any event of that command.
 * <p>
 * Offered by the sessions' event loops, drained only by the engine's listener thread: a many-to-one queue, no shared
 * field.
 */
final class OrderHandOff
{
    /**
     * A cancel (F) or cancel/replace (G) request: its command carries {@code correlationId}.
     */
    record Request(long correlationId, long orderId, String clOrdId)
    {
    }

    /**
     * The command of the order or cross with this id was refused before the journal got it.
     */
    record Refused(long id)
    {
    }

    /**
     * Takes the hand-offs, on the listener thread.
     */
    interface Receiver
    {
        void onPlaced(OrderState order);

        void onRequest(Request request);

        void onRefused(long orderId);

        void onCrossPlaced(CrossRecord cross);

        void onCrossRefused(long crossId);
    }

    private record CrossRefused(long crossId)
    {
    }

    /** How many hand-offs may wait for the listener thread; a power of two. */
    static final int CAPACITY = 64 * 1024;

    /** An array, not a linked queue: nothing is allocated per hand-off. */
    private final ManyToOneConcurrentArrayQueue<Object> queue = new ManyToOneConcurrentArrayQueue<>(CAPACITY);

    void placed(final OrderState order)
    {
        offer(order);
    }

    void requested(final Request request)
    {
        offer(request);
    }

    void refused(final long orderId)
    {
        offer(new Refused(orderId));
    }

    void crossPlaced(final CrossRecord cross)
    {
        offer(cross);
    }

    void crossRefused(final long crossId)
    {
        offer(new CrossRefused(crossId));
    }

    /**
     * A full queue means the listener thread is {@link #CAPACITY} hand-offs behind: the session waits for it, as it
     * would for the engine's ring. It cannot wait forever: the listener drains the queue before every event and while
     * it waits for room in a session's outbound queue ({@link ReportDelivery}), so a session's event loop waiting here
     * never holds up the listener that would free it.
     */
    private void offer(final Object item)
    {
        if (!queue.offer(item))
        {
            do
            {
                Thread.yield();
            }
            while (!queue.offer(item));
        }
    }

    /**
     * Give everything offered so far to the receiver, in order.
     */
    void drain(final Receiver receiver)
    {
        Object item;
        while ((item = queue.poll()) != null)
        {
            if (item instanceof OrderState order)
            {
                receiver.onPlaced(order);
            }
            else if (item instanceof Request request)
            {
                receiver.onRequest(request);
            }
            else if (item instanceof Refused refused)
            {
                receiver.onRefused(refused.id());
            }
            else if (item instanceof CrossRecord cross)
            {
                receiver.onCrossPlaced(cross);
            }
            else if (item instanceof CrossRefused refused)
            {
                receiver.onCrossRefused(refused.crossId());
            }
        }
    }
}
