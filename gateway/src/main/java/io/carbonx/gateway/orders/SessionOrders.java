package io.carbonx.gateway.orders;

import io.carbonx.engine.block.BlockTradeCommandWriter;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the inbound side knows of one configured session: who it acts as, the orders it placed and every ClOrdID it
 * used, its id counter, and its own command encoder, so that sessions publish to the engine without sharing a lock.
 * <p>
 * Written only by the session's event loop (every {@link io.carbonx.fix.FixApplication} callback of a session runs
 * there); before the acceptor starts, by the starting thread (restore).
 */
final class SessionOrders
{
    /** What {@link #orderIdByClOrdId} gives for a ClOrdID it does not hold: no order id is negative. */
    static final long NO_ORDER = -1;
    private static final int CLOSED_QUEUE = 16 * 1024;

    final int index;
    final FixSessionId id;
    final int brokerId;
    /**
     * Order ids by the hash ({@link ClOrdIdHash}) of every ClOrdID the session used: of an order or of one of its
     * requests; no String is kept or made to look one up.
     */
    final Long2LongHashMap orderIdByClOrdId = new Long2LongHashMap(NO_ORDER);
    /** The session's orders, by order id: the same state objects the reports update. */
    final Long2ObjectHashMap<OrderState> placed = new Long2ObjectHashMap<>();
    /** The body of the session's immediate answers (refusals, status), reused from one to the next. */
    final MessageBody answer = new MessageBody();
    /** The ExecID of an immediate answer, reused. */
    final StringBuilder execId = new StringBuilder(24);
    /** The requests of the read being handled, published once their order log records are written. */
    final PendingCommands pending = new PendingCommands();
    /** What the session keeps of its orders that closed, once they left {@link #placed}. */
    final ClosedOrders closedOrders = new ClosedOrders();
    /**
     * The session's orders that closed, as the reports saw them: offered by the engine's listener thread, taken by the
     * session's event loop, which moves them from {@link #placed} to {@link #closedOrders}. When it is full the
     * listener thread leaves an order where it is: only memory is lost, the live state answers as well.
     */
    final OneToOneConcurrentArrayQueue<OrderState> closed = new OneToOneConcurrentArrayQueue<>(CLOSED_QUEUE);
    final CommandWriter writer = new CommandWriter();
    final BlockTradeCommandWriter blockTradeWriter = new BlockTradeCommandWriter();
    final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
    /**
     * How the session's loop waits between tries while the engine's command ring is full: a few spins, then yields,
     * then short parks, so that on two cores it gives the engine's threads the CPU they need to free the ring.
     */
    final IdleStrategy publishIdle = new BackoffIdleStrategy(10, 10, 1_000, 100_000);
    private final long counterBase;
    private long counter;

    SessionOrders(final int index, final FixSessionId id, final int brokerId, final long counterBase)
    {
        this.index = index;
        this.id = id;
        this.brokerId = brokerId;
        this.counterBase = counterBase;
    }

    /**
     * @return a fresh id for an order, a cancel or replace request or a cross of this session.
     */
    long nextId()
    {
        return OrderIds.id(index, counterBase + counter++);
    }

    /**
     * @return whether the id is one this session's index allocates ({@link #nextId}), in this run or an earlier one.
     */
    boolean allocated(final long id)
    {
        return OrderIds.id(index, id) == id;
    }

    /**
     * Move the orders the reports closed from the live index to the compact closed records.
     */
    void retireClosed()
    {
        OrderState order;
        while ((order = closed.poll()) != null)
        {
            if (placed.get(order.orderId) == order)
            {
                placed.remove(order.orderId);
                closedOrders.add(order);
            }
        }
    }

    /**
     * @return the id of the session's order, live or closed, that the message's OrderID (37) names, or else the one
     *     whose ClOrdID (or whose request's) is the value of the message's field {@code clOrdIdTag}, or
     *     {@link #NO_ORDER}.
     */
    long find(final FixMessage message, final int clOrdIdTag)
    {
        final long orderId = message.getLong(FixTags.ORDER_ID, NO_ORDER);
        if (orderId != NO_ORDER && (placed.containsKey(orderId) || closedOrders.find(orderId) >= 0))
        {
            return orderId;
        }
        final int index = message.indexOf(clOrdIdTag);
        if (index < 0)
        {
            return NO_ORDER;
        }
        return orderIdByClOrdId.get(
            ClOrdIdHash.hash(message.buffer(), message.valueOffset(index), message.valueLength(index)));
    }
}
