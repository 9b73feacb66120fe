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
    final CommandWriter writer = new CommandWriter();
    final BlockTradeCommandWriter blockTradeWriter = new BlockTradeCommandWriter();
    final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
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
     * @return the order whose id is the message's OrderID (37) field, or else the one whose ClOrdID (or whose
     *     request's) is the value of the message's field {@code clOrdIdTag}, or null.
     */
    OrderState find(final FixMessage message, final int clOrdIdTag)
    {
        final long orderId = message.getLong(FixTags.ORDER_ID, NO_ORDER);
        if (orderId != NO_ORDER)
        {
            final OrderState order = placed.get(orderId);
            if (order != null)
            {
                return order;
            }
        }
        final int index = message.indexOf(clOrdIdTag);
        if (index < 0)
        {
            return null;
        }
        final long id = orderIdByClOrdId.get(
            ClOrdIdHash.hash(message.buffer(), message.valueOffset(index), message.valueLength(index)));
        return id == NO_ORDER ? null : placed.get(id);
    }
}
