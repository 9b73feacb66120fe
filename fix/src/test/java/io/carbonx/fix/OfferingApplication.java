package io.carbonx.fix;

import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers each NewOrderSingle with an ExecutionReport through {@link FixSession#offer}, tagged with the order's
 * MsgSeqNum, as the gateway's order entry does; records what the session tells it back. Allocates nothing per message,
 * so that a test can measure the session's own allocation. Called on the session's event loop only; the counters are
 * read by the test thread.
 */
final class OfferingApplication implements FixApplication
{
    final AtomicLong stored = new AtomicLong();
    final AtomicLong lastStoredTag = new AtomicLong(-1);
    final AtomicLong outOfOrderTags = new AtomicLong();
    final AtomicLong refusedOffers = new AtomicLong();
    final ConcurrentLinkedQueue<Long> failedTags = new ConcurrentLinkedQueue<>();
    volatile Thread sessionThread;
    private final MessageBody report = new MessageBody();
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[0]);
    private long orderId;

    @Override
    public void onMessage(final FixSession session, final FixMessage message)
    {
        sessionThread = Thread.currentThread();
        final int clOrdId = message.indexOf(FixTags.CL_ORD_ID);
        value.wrap(message.buffer());
        report.reset("8").add(37, ++orderId).add(FixTags.CL_ORD_ID, value, message.valueOffset(clOrdId),
                message.valueLength(clOrdId)).add(17, orderId).add(150, '0').add(39, '0').add(55, "CEA-2025")
                .add(54, '1').addScaled(151, 10_000, 2).add(14, 0).add(6, 0);
        if (!session.offer(report, message.msgSeqNum()))
        {
            refusedOffers.incrementAndGet();
        }
    }

    @Override
    public void onOutboundStored(final FixSession session, final long tag)
    {
        if (tag <= lastStoredTag.get())
        {
            outOfOrderTags.incrementAndGet();
        }
        lastStoredTag.set(tag);
        stored.incrementAndGet();
    }

    @Override
    public void onOutboundFailed(final FixSession session, final long tag, final Exception cause)
    {
        failedTags.add(tag);
    }
}
