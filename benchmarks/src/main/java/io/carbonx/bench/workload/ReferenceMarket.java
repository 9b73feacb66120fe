package io.carbonx.bench.workload;

import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.book.OrderBookListener;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.protocol.sbe.CancelReason;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.collections.LongArrayList;

import java.util.Arrays;

/**
 * A generator's session: every command it issues is appended to the {@link CommandStream} and at once applied to a
 * real {@link OrderBook} through the same {@link OrderBookDriver} the benchmark uses, so the generator can see which
 * orders are live, where the best prices are and what traded, and the benchmark later replays a stream whose effect
 * is known. Generation time only: this class allocates freely.
 * <p>
 * Order ids are dense, 1, 2, 3, ... in the order the orders are placed.
 */
final class ReferenceMarket implements OrderBookListener
{
    private final CommandStream stream;
    private final OrderBook book;
    private final OrderBookDriver driver;
    private final WorkloadProfile.Builder profile;
    private final LongArrayList touchedOrderIds = new LongArrayList();
    private boolean[] live;
    private boolean[] traded;
    private byte[] sideOf;
    private final int[] liveBySide = new int[2];
    private long nextOrderId = 1;
    private long lastTradePrice = BenchmarkInstrument.MID_PRICE;

    /**
     * @param orderCapacity  the most orders that may rest at once during the whole stream.
     * @param expectedOrders about how many new orders the generator will place; a hint only.
     */
    ReferenceMarket(final CommandStream stream, final int orderCapacity, final int expectedOrders)
    {
        this.stream = stream;
        this.book = BenchmarkInstrument.newBook(orderCapacity, this);
        this.driver = new OrderBookDriver(book);
        this.profile = new WorkloadProfile.Builder(stream.name());
        final int idCapacity = Math.max(expectedOrders, 1024) + 1;
        live = new boolean[idCapacity];
        traded = new boolean[idCapacity];
        sideOf = new byte[idCapacity];
    }

    /**
     * Place a new order from the next order id.
     *
     * @return its order id.
     */
    long place(
        final long accountId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final long orderId = nextOrderId++;
        ensureOrderCapacity(orderId);
        sideOf[(int)orderId] = (byte)side.ordinal();
        stream.appendNewOrder(orderId, accountId, side, type, timeInForce, price, quantity);
        touchedOrderIds.addLong(orderId);
        applyLatest();
        profile.recordNewOrder(timeInForce, traded[(int)orderId]);
        return orderId;
    }

    void cancel(final long orderId)
    {
        stream.appendCancel(orderId, book.order(orderId).accountId());
        touchedOrderIds.addLong(orderId);
        applyLatest();
        profile.recordCancel();
    }

    /**
     * Move a live order to a new price, keeping its quantity (so it loses time priority).
     */
    void amendPrice(final long orderId, final long newPrice)
    {
        final Order order = book.order(orderId);
        stream.appendAmend(orderId, order.accountId(), newPrice, order.quantity());
        touchedOrderIds.addLong(orderId);
        applyLatest();
        profile.recordAmend();
    }

    /**
     * Start the measured section; the book's size is sampled after every measured command from now on.
     */
    void startMeasuring()
    {
        stream.startMeasuring();
        profile.startMeasuring();
    }

    /**
     * End the measured section, then cancel every order still resting so that the stream ends with an empty book.
     */
    WorkloadProfile finish()
    {
        stream.stopMeasuring();
        profile.stopMeasuring(countTraded(), nextOrderId - 1);
        for (long orderId = 1; orderId < nextOrderId; orderId++)
        {
            if (live[(int)orderId])
            {
                stream.appendCancel(orderId, book.order(orderId).accountId());
                touchedOrderIds.addLong(orderId);
                applyLatest();
            }
        }
        if (book.orderCount() != 0)
        {
            throw new IllegalStateException(stream.name() + ": book not empty after the drain: " + book.orderCount());
        }
        return profile.build();
    }

    Order order(final long orderId)
    {
        return book.order(orderId);
    }

    boolean isLive(final long orderId)
    {
        return orderId < nextOrderId && live[(int)orderId];
    }

    int liveOrders(final Side side)
    {
        return liveBySide[side.ordinal()];
    }

    int liveOrders()
    {
        return book.orderCount();
    }

    /**
     * @return the best price of a side, or {@link Long#MIN_VALUE} when that side is empty.
     */
    long bestPrice(final Side side)
    {
        return book.bestPrice(side);
    }

    /**
     * @return the price of the latest trade; the mid price before the first.
     */
    long lastTradePrice()
    {
        return lastTradePrice;
    }

    /**
     * Whether an order of this account, side, limit and quantity would meet one of the account's own resting orders
     * before it is filled: walks the opposite side in priority order, as matching would.
     */
    boolean wouldSelfTrade(final long accountId, final Side side, final long limitPrice, final long quantity)
    {
        final Side makerSide = side == Side.BUY ? Side.SELL : Side.BUY;
        long reached = 0;
        for (int depth = 0; ; depth++)
        {
            final PriceLevel level = book.level(makerSide, depth);
            if (level == null || (side == Side.BUY ? level.price() > limitPrice : level.price() < limitPrice))
            {
                return false;
            }
            for (Order maker = level.head(); maker != null; maker = PriceLevel.next(maker))
            {
                if (maker.accountId() == accountId)
                {
                    return true;
                }
                reached += maker.leaves();
                if (reached >= quantity)
                {
                    return false;
                }
            }
        }
    }

    @Override
    public void onTrade(final Order taker, final Order maker, final long price, final long quantity)
    {
        traded[(int)taker.orderId()] = true;
        traded[(int)maker.orderId()] = true;
        touchedOrderIds.addLong(maker.orderId());
        lastTradePrice = price;
        profile.recordTrade(price);
    }

    @Override
    public void onCancelled(final Order order, final long cancelledQuantity, final CancelReason reason)
    {
        touchedOrderIds.addLong(order.orderId());
    }

    @Override
    public void onExpired(final Order order, final long expiredQuantity)
    {
        throw new IllegalStateException("workloads have no expiring orders: " + order);
    }

    @Override
    public void onAmended(final Order order, final boolean priorityKept)
    {
    }

    @Override
    public void onSelfTradePrevented(final Order incoming, final Order resting, final SelfTradePolicy policy)
    {
        profile.recordSelfTradePrevented();
    }

    private void applyLatest()
    {
        final int index = stream.size() - 1;
        final RejectReason reason = driver.apply(stream, index);
        if (reason != null)
        {
            profile.recordRejection();
        }
        updateLiveOrders();
        profile.sampleBook(book.orderCount(), book.levelCount(Side.BUY) + book.levelCount(Side.SELL));
    }

    /**
     * Bring the live flags and per-side counts up to date for every order the last command touched.
     */
    private void updateLiveOrders()
    {
        for (int i = 0, size = touchedOrderIds.size(); i < size; i++)
        {
            final int orderId = (int)touchedOrderIds.getLong(i);
            final boolean isLive = book.order(orderId) != null;
            if (isLive != live[orderId])
            {
                live[orderId] = isLive;
                liveBySide[sideOf[orderId]] += isLive ? 1 : -1;
            }
        }
        touchedOrderIds.clear();
    }

    private long countTraded()
    {
        long count = 0;
        for (long orderId = 1; orderId < nextOrderId; orderId++)
        {
            if (traded[(int)orderId])
            {
                count++;
            }
        }
        return count;
    }

    private void ensureOrderCapacity(final long orderId)
    {
        if (orderId >= live.length)
        {
            final int capacity = Math.toIntExact(Math.max(orderId + 1, live.length * 2L));
            live = Arrays.copyOf(live, capacity);
            traded = Arrays.copyOf(traded, capacity);
            sideOf = Arrays.copyOf(sideOf, capacity);
        }
    }
}
