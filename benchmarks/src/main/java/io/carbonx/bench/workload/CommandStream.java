package io.carbonx.bench.workload;

import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

import java.util.Arrays;

/**
 * A precomputed stream of order book commands on one instrument, held as parallel primitive arrays so that replaying
 * it reads memory sequentially and allocates nothing.
 * <p>
 * Codes are the SBE wire values ({@link CommandKind}, {@link Side}, {@link OrderType}, {@link TimeInForce}), so a
 * pipeline benchmark can encode a command straight into a message. Fields a command does not use are zero.
 * <p>
 * The stream has three consecutive sections:
 * <ol>
 *     <li>warm-up {@code [0, measuredStart)}: brings an empty book into the workload's steady state;</li>
 *     <li>measured {@code [measuredStart, measuredEnd)}: the commands a benchmark times;</li>
 *     <li>drain {@code [measuredEnd, size)}: cancels every order still resting, leaving the book empty.</li>
 * </ol>
 * Because the stream starts and ends with an empty book, it can be replayed again on the same book as long as the
 * order ids are shifted past those already used (see {@link #orderIdSpan()}).
 */
public final class CommandStream
{
    public static final byte NEW_ORDER = 1;
    public static final byte CANCEL = 2;
    public static final byte AMEND = 3;

    private final String name;
    private byte[] op;
    private long[] orderId;
    private long[] accountId;
    private byte[] side;
    private byte[] orderType;
    private byte[] timeInForce;
    private long[] price;
    private long[] quantity;
    private int size;
    private int measuredStart = -1;
    private int measuredEnd = -1;
    private long maxOrderId;

    CommandStream(final String name, final int expectedSize)
    {
        this.name = name;
        final int capacity = Math.max(expectedSize, 16);
        op = new byte[capacity];
        orderId = new long[capacity];
        accountId = new long[capacity];
        side = new byte[capacity];
        orderType = new byte[capacity];
        timeInForce = new byte[capacity];
        price = new long[capacity];
        quantity = new long[capacity];
    }

    public String name()
    {
        return name;
    }

    public int size()
    {
        return size;
    }

    public int measuredStart()
    {
        return measuredStart;
    }

    public int measuredEnd()
    {
        return measuredEnd;
    }

    public int measuredCount()
    {
        return measuredEnd - measuredStart;
    }

    /**
     * @return one more than the largest order id in the stream: adding a multiple of it to every id replays the
     * stream with ids no earlier replay used.
     */
    public long orderIdSpan()
    {
        return maxOrderId + 1;
    }

    /**
     * @return {@link #NEW_ORDER}, {@link #CANCEL} or {@link #AMEND}.
     */
    public byte op(final int index)
    {
        return op[index];
    }

    public long orderId(final int index)
    {
        return orderId[index];
    }

    public long accountId(final int index)
    {
        return accountId[index];
    }

    /**
     * @return the {@link Side} wire value of a new order; 0 for a cancel or amend.
     */
    public short side(final int index)
    {
        return side[index];
    }

    /**
     * @return the {@link OrderType} wire value of a new order; 0 for a cancel or amend.
     */
    public short orderType(final int index)
    {
        return orderType[index];
    }

    /**
     * @return the {@link TimeInForce} wire value of a new order; 0 for a cancel or amend.
     */
    public short timeInForce(final int index)
    {
        return timeInForce[index];
    }

    /**
     * @return the limit price of a new order or the new price of an amend, in ticks of 0.01.
     */
    public long price(final int index)
    {
        return price[index];
    }

    /**
     * @return the quantity of a new order or the new total quantity of an amend, in tonnes.
     */
    public long quantity(final int index)
    {
        return quantity[index];
    }

    void appendNewOrder(
        final long orderId,
        final long accountId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final int index = claim(NEW_ORDER, orderId, accountId);
        this.side[index] = (byte)side.value();
        this.orderType[index] = (byte)type.value();
        this.timeInForce[index] = (byte)timeInForce.value();
        this.price[index] = price;
        this.quantity[index] = quantity;
    }

    void appendCancel(final long orderId, final long accountId)
    {
        claim(CANCEL, orderId, accountId);
    }

    void appendAmend(final long orderId, final long accountId, final long newPrice, final long newQuantity)
    {
        final int index = claim(AMEND, orderId, accountId);
        this.price[index] = newPrice;
        this.quantity[index] = newQuantity;
    }

    void startMeasuring()
    {
        measuredStart = size;
    }

    void stopMeasuring()
    {
        measuredEnd = size;
    }

    private int claim(final byte op, final long orderId, final long accountId)
    {
        if (size == this.op.length)
        {
            grow();
        }
        final int index = size++;
        this.op[index] = op;
        this.orderId[index] = orderId;
        this.accountId[index] = accountId;
        maxOrderId = Math.max(maxOrderId, orderId);
        return index;
    }

    private void grow()
    {
        final int capacity = op.length * 2;
        op = Arrays.copyOf(op, capacity);
        orderId = Arrays.copyOf(orderId, capacity);
        accountId = Arrays.copyOf(accountId, capacity);
        side = Arrays.copyOf(side, capacity);
        orderType = Arrays.copyOf(orderType, capacity);
        timeInForce = Arrays.copyOf(timeInForce, capacity);
        price = Arrays.copyOf(price, capacity);
        quantity = Arrays.copyOf(quantity, capacity);
    }
}
