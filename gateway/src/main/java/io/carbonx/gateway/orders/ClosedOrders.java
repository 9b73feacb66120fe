package io.carbonx.gateway.orders;

import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;

/**
 * What a session keeps of its closed orders (filled, cancelled, expired, rejected) once they leave its live index: a
 * compact record each, in primitive arrays (no object per order), so that an OrderStatusRequest, a possible duplicate
 * NewOrderSingle or a late cancel about a closed order is answered as before. About 90 bytes and the ClOrdID's bytes
 * per order, against several hundred for the live objects and map entries it replaces. The duplicate-ClOrdID check
 * needs none of it: the session's ClOrdID hash index keeps every ClOrdID of the day.
 * <p>
 * The storage grows a chunk at a time (1,024 records, 64 KiB of ClOrdIDs) and is never copied; the order id index
 * grows as Agrona maps do. Written and read only by its session's event loop.
 */
final class ClosedOrders
{
    /**
     * A view of a stored ClOrdID as text, one char per byte: reused, valid until the next call.
     */
    private static final class ClOrdIdView implements CharSequence
    {
        private byte[] bytes;
        private int offset;
        private int length;

        ClOrdIdView wrap(final byte[] bytes, final int offset, final int length)
        {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
            return this;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(final int index)
        {
            return (char)(bytes[offset + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            return toString().substring(start, end);
        }

        @Override
        public String toString()
        {
            final char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = charAt(i);
            }
            return new String(chars);
        }
    }

    private static final int FIELDS = 8;
    private static final int ORDER_ID = 0;
    private static final int ACCOUNT_ID = 1;
    private static final int PRICE = 2;
    private static final int QUANTITY = 3;
    private static final int CUM_QTY = 4;
    private static final int CUM_VALUE = 5;
    /** Side, OrdType and OrdStatus in the low three bytes, the ClOrdID's length above them. */
    private static final int CODES = 6;
    /** Where the ClOrdID's bytes are: the chunk in the high half, the offset in it in the low. */
    private static final int CL_ORD_ID_AT = 7;
    private static final int CHUNK_SHIFT = 10;
    /** Records per chunk: the storage grows a chunk at a time and never copies. */
    private static final int CHUNK_RECORDS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_RECORDS - 1;
    private static final int BYTES_CHUNK = 64 * 1024;

    private final Long2LongHashMap indexByOrderId = new Long2LongHashMap(-1);
    private final ClOrdIdView view = new ClOrdIdView();
    private final ArrayList<long[]> numbers = new ArrayList<>();
    private final ArrayList<String[]> symbols = new ArrayList<>();
    private final ArrayList<byte[]> clOrdIds = new ArrayList<>();
    private int count;
    private int clOrdIdEnd = BYTES_CHUNK;

    /**
     * Keep what a report needs of a closed order, as it is now.
     */
    void add(final OrderState order)
    {
        if (indexByOrderId.get(order.orderId) >= 0)
        {
            return;
        }
        final String clOrdId = order.clOrdId;
        final int length = clOrdId.length();
        if ((count & CHUNK_MASK) == 0)
        {
            numbers.add(new long[CHUNK_RECORDS * FIELDS]);
            symbols.add(new String[CHUNK_RECORDS]);
        }
        if (clOrdIdEnd + length > BYTES_CHUNK)
        {
            clOrdIds.add(new byte[Math.max(BYTES_CHUNK, length)]);
            clOrdIdEnd = 0;
        }
        final long[] chunk = numbers.get(count >> CHUNK_SHIFT);
        final int base = (count & CHUNK_MASK) * FIELDS;
        chunk[base + ORDER_ID] = order.orderId;
        chunk[base + ACCOUNT_ID] = order.accountId;
        chunk[base + PRICE] = order.price;
        chunk[base + QUANTITY] = order.quantity;
        chunk[base + CUM_QTY] = order.cumQty;
        chunk[base + CUM_VALUE] = order.cumValue;
        chunk[base + CODES] = ((long)length << 24) | ((order.side & 0xFF) << 16) | ((order.ordType & 0xFF) << 8) |
            (order.status & 0xFF);
        chunk[base + CL_ORD_ID_AT] = ((long)(clOrdIds.size() - 1) << 32) | clOrdIdEnd;
        symbols.get(count >> CHUNK_SHIFT)[count & CHUNK_MASK] = order.symbol;
        final byte[] bytes = clOrdIds.get(clOrdIds.size() - 1);
        for (int i = 0; i < length; i++)
        {
            bytes[clOrdIdEnd++] = (byte)clOrdId.charAt(i);
        }
        indexByOrderId.put(order.orderId, count);
        count++;
    }

    /**
     * @return the record of the order, or -1 if it is not a closed order of the session.
     */
    int find(final long orderId)
    {
        return (int)indexByOrderId.get(orderId);
    }

    int size()
    {
        return count;
    }

    long orderId(final int record)
    {
        return field(record, ORDER_ID);
    }

    long accountId(final int record)
    {
        return field(record, ACCOUNT_ID);
    }

    long price(final int record)
    {
        return field(record, PRICE);
    }

    long quantity(final int record)
    {
        return field(record, QUANTITY);
    }

    long cumQty(final int record)
    {
        return field(record, CUM_QTY);
    }

    long cumValue(final int record)
    {
        return field(record, CUM_VALUE);
    }

    char side(final int record)
    {
        return (char)((field(record, CODES) >> 16) & 0xFF);
    }

    char ordType(final int record)
    {
        return (char)((field(record, CODES) >> 8) & 0xFF);
    }

    char status(final int record)
    {
        return (char)(field(record, CODES) & 0xFF);
    }

    String symbol(final int record)
    {
        return symbols.get(record >> CHUNK_SHIFT)[record & CHUNK_MASK];
    }

    /**
     * @return the ClOrdID in force when the order closed: a reused view, valid until the next call.
     */
    CharSequence clOrdId(final int record)
    {
        final long at = field(record, CL_ORD_ID_AT);
        return view.wrap(clOrdIds.get((int)(at >>> 32)), (int)at, (int)(field(record, CODES) >>> 24));
    }

    private long field(final int record, final int field)
    {
        return numbers.get(record >> CHUNK_SHIFT)[(record & CHUNK_MASK) * FIELDS + field];
    }
}
