package io.carbonx.bench.workload;

import io.carbonx.engine.book.OrderBook;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

/**
 * Applies the commands of a {@link CommandStream} to a CarbonX {@link OrderBook}: the one interpretation of a stream
 * shared by the generators' reference run and the benchmark, so the benchmark replays exactly what was generated.
 * <p>
 * Every order id is shifted by {@link #idOffset(long)}, which lets one book replay a stream several times: each
 * replay uses ids the book has never seen, so its memory of closed orders cannot refuse them as duplicates.
 * Refusals are counted, not thrown, so the hot loop stays branch-light; callers check {@link #rejections()}.
 */
public final class OrderBookDriver
{
    /**
     * Only GTD orders read the clock and the workloads have none; a constant keeps replays deterministic.
     */
    private static final long NOW = 0;
    private static final long NO_EXPIRY = 0;

    private final OrderBook book;
    private long idOffset;
    private long rejections;
    private RejectReason lastRejection;

    public OrderBookDriver(final OrderBook book)
    {
        this.book = book;
    }

    public OrderBook book()
    {
        return book;
    }

    public void idOffset(final long idOffset)
    {
        this.idOffset = idOffset;
    }

    public long idOffset()
    {
        return idOffset;
    }

    /**
     * Apply commands {@code [from, to)} in order.
     */
    public void replay(final CommandStream stream, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            apply(stream, i);
        }
    }

    /**
     * Apply one command.
     *
     * @return the reason the book refused it, or null.
     */
    public RejectReason apply(final CommandStream stream, final int index)
    {
        final long orderId = stream.orderId(index) + idOffset;
        final RejectReason reason;
        switch (stream.op(index))
        {
            case CommandStream.NEW_ORDER:
                reason = book.submit(
                    orderId,
                    stream.accountId(index),
                    Side.get(stream.side(index)),
                    OrderType.get(stream.orderType(index)),
                    TimeInForce.get(stream.timeInForce(index)),
                    false,
                    stream.price(index),
                    stream.quantity(index),
                    NO_EXPIRY,
                    NOW);
                break;

            case CommandStream.CANCEL:
                reason = book.cancel(orderId, stream.accountId(index));
                break;

            case CommandStream.AMEND:
                reason = amend(orderId, stream.accountId(index), stream.price(index), stream.quantity(index));
                break;

            default:
                throw new IllegalStateException("unknown op " + stream.op(index) + " at " + index);
        }
        if (reason != null)
        {
            rejections++;
            lastRejection = reason;
        }
        return reason;
    }

    /**
     * @return how many commands the book has refused since the last {@link #resetRejections()}.
     */
    public long rejections()
    {
        return rejections;
    }

    /**
     * @return the reason of the latest refusal, or null when there was none.
     */
    public RejectReason lastRejection()
    {
        return lastRejection;
    }

    public void resetRejections()
    {
        rejections = 0;
        lastRejection = null;
    }

    private RejectReason amend(final long orderId, final long accountId, final long newPrice, final long newQuantity)
    {
        final RejectReason reason = book.validateAmend(orderId, accountId, newPrice, newQuantity);
        if (reason == null)
        {
            book.amend(orderId, newPrice, newQuantity);
        }
        return reason;
    }
}
