package io.carbonx.gateway.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The gateway's append-only log of what it needs to report on an order after a restart: every order it publishes to the
 * engine (its id, account, symbol, side, type, price, quantity and ClOrdID) and every ClOrdID a cancel or replace
 * request gave it. An entry is written before its command is published, so an order the engine knows is always in
 * the log.
 * <p>
 * A record is {@code int length, payload, int CRC32 of the payload}; a torn or corrupt tail (a crash in mid-write) ends
 * the log and is cut off when it is opened. Writes reach the page cache, like the engine's default journal durability
 * ({@code PAGE_CACHE}): they survive a crash of the process, not a power loss, unless the log is opened to sync every
 * write.
 * <p>
 * At start the log is compacted: each order becomes its NEW entry, the ClOrdIDs its requests used, and a STATE entry
 * with what the reports had said of it as of a command sequence, recorded by a MARK entry; the requests logged after
 * the MARK are the ones whose commands may come after that sequence. The log thus keeps every order of the run and
 * every ClOrdID, so that a status request finds a filled or cancelled order and a ClOrdID is never reused. The sides
 * of a NewOrderCross (CROSS) are kept, after the MARK, only until the block trade's outcome is reported.
 * <p>
 * Written by the FIX sessions' event loops (appends, serialised here) and by the starting thread (compaction).
 */
public final class OrderLog implements AutoCloseable
{
    /** A NewOrderSingle. */
    public static final byte NEW = 1;
    /** An OrderCancelReplaceRequest: the new ClOrdID with the price and quantity asked for. */
    public static final byte REPLACE = 2;
    /** An OrderCancelRequest: its ClOrdID, kept only so that it cannot be used again. */
    public static final byte CANCEL = 3;

    /**
     * What a report needs of an order as of the last {@link #MARK}: its ClOrdID in force, price, quantity, filled
     * quantity and value, and OrdStatus; written when the log is compacted at start.
     */
    public static final byte STATE = 4;
    /**
     * The entries before it hold the orders' state as of the command sequence in its order id field; the requests after
     * it were made later, and the events of commands after that sequence are still to be applied to the orders.
     */
    public static final byte MARK = 5;
    /**
     * One side of a NewOrderCross, written before its block trade is published: the cross's id in the order id field,
     * the side's account, ClOrdID and Side, the cross's symbol, price, quantity and CrossID (548).
     */
    public static final byte CROSS = 6;
    /** The cross with the id in the order id field was answered outside the journal: it needs no more reports. */
    public static final byte CROSS_CLOSED = 7;

    private static final int STATE_EXTRA = 8 + 8 + 1;
    private static final int MAX_RECORD = 64 * 1024;
    private static final int FIXED_PAYLOAD = 1 + 8 + 8 + 8 + 8 + 1 + 1 + 2 + 2;

    /**
     * One request of the log; for REPLACE and CANCEL only the order id, ClOrdID (and for REPLACE price and quantity)
     * mean anything; {@code crossId} only for CROSS.
     */
    public record Entry(
        byte kind, long orderId, long accountId, String symbol, char side, char ordType, long price, long quantity,
        String clOrdId, long cumQty, long cumValue, char status, String crossId)
    {
        public Entry(
            final byte kind, final long orderId, final long accountId, final String symbol, final char side,
            final char ordType, final long price, final long quantity, final String clOrdId, final long cumQty,
            final long cumValue, final char status)
        {
            this(kind, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId, cumQty, cumValue, status,
                "");
        }

        public Entry(
            final byte kind, final long orderId, final long accountId, final String symbol, final char side,
            final char ordType, final long price, final long quantity, final String clOrdId)
        {
            this(kind, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId, 0, 0, '\0');
        }

        public static Entry mark(final long sequence)
        {
            return new Entry(MARK, sequence, 0, "", '\0', '\0', 0, 0, "");
        }

        public static Entry crossSide(
            final long crossId, final long accountId, final String symbol, final char side, final long price,
            final long quantity, final String clOrdId, final String fixCrossId)
        {
            return new Entry(CROSS, crossId, accountId, symbol, side, '2', price, quantity, clOrdId, 0, 0, '\0',
                fixCrossId);
        }

        public static Entry crossClosed(final long crossId)
        {
            return new Entry(CROSS_CLOSED, crossId, 0, "", '\0', '\0', 0, 0, "");
        }
    }

    /**
     * Records encoded from their fields, without an {@link Entry}, into a buffer reused from one batch to the next, to
     * be written with one {@link #append(Batch)}: what a session's event loop collects for the requests of one read.
     * The records are those {@link #append(Entry)} writes, byte for byte.
     * <p>
     * Not thread-safe: one per session, used by its event loop.
     */
    public static final class Batch
    {
        private final CRC32 crc = new CRC32();
        private ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
        private int count;

        /**
         * Add a NEW, REPLACE or CANCEL record.
         *
         * @param symbol  the symbol as the log holds it (UTF-8).
         * @param clOrdId the ClOrdID's bytes as received (ISO-8859-1, as the session reads FIX text).
         * @return false if the record would be too long for the log: nothing was added.
         */
        public boolean add(
            final byte kind, final long orderId, final long accountId, final long price, final long quantity,
            final char side, final char ordType, final byte[] symbol, final byte[] clOrdId, final int clOrdIdOffset,
            final int clOrdIdLength)
        {
            int clOrdIdBytes = clOrdIdLength;
            for (int i = clOrdIdOffset; i < clOrdIdOffset + clOrdIdLength; i++)
            {
                if (clOrdId[i] < 0)
                {
                    clOrdIdBytes++; // a character above 127 takes two bytes in UTF-8
                }
            }
            final int payload = FIXED_PAYLOAD + symbol.length + clOrdIdBytes;
            if (payload > MAX_RECORD || symbol.length > Short.MAX_VALUE || clOrdIdBytes > Short.MAX_VALUE)
            {
                return false;
            }
            ensure(4 + payload + 4);
            final int start = buffer.position();
            buffer.putInt(payload)
                .put(kind)
                .putLong(orderId)
                .putLong(accountId)
                .putLong(price)
                .putLong(quantity)
                .put((byte)side)
                .put((byte)ordType)
                .putShort((short)symbol.length)
                .put(symbol)
                .putShort((short)clOrdIdBytes);
            for (int i = clOrdIdOffset; i < clOrdIdOffset + clOrdIdLength; i++)
            {
                final int c = clOrdId[i] & 0xFF;
                if (c < 0x80)
                {
                    buffer.put((byte)c);
                }
                else
                {
                    buffer.put((byte)(0xC0 | (c >> 6))).put((byte)(0x80 | (c & 0x3F)));
                }
            }
            final int end = buffer.position();
            crc.reset();
            buffer.position(start + 4);
            buffer.limit(end);
            crc.update(buffer);
            buffer.limit(buffer.capacity());
            buffer.position(end);
            buffer.putInt((int)crc.getValue());
            count++;
            return true;
        }

        /**
         * @return how many records the batch holds.
         */
        public int count()
        {
            return count;
        }

        /**
         * Forget the records: after they are written, or refused.
         */
        public void clear()
        {
            buffer.clear();
            count = 0;
        }

        private void ensure(final int bytes)
        {
            if (buffer.remaining() < bytes)
            {
                final ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(buffer.capacity() * 2,
                    buffer.position() + bytes));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
        }
    }

    private final Path file;
    private final boolean syncEveryWrite;
    private final List<Entry> loaded;
    private FileChannel channel;

    private OrderLog(final Path file, final boolean syncEveryWrite, final List<Entry> loaded, final FileChannel channel)
    {
        this.file = file;
        this.syncEveryWrite = syncEveryWrite;
        this.loaded = loaded;
        this.channel = channel;
    }

    /**
     * Open (or create) the log and read its valid entries.
     *
     * @param syncEveryWrite fsync each entry before returning, for engines that journal with fsync.
     */
    public static OrderLog open(final Path file, final boolean syncEveryWrite) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try
        {
            final List<Entry> entries = new ArrayList<>();
            final long validEnd = read(channel, entries);
            if (validEnd < channel.size())
            {
                channel.truncate(validEnd);
            }
            channel.position(validEnd);
            return new OrderLog(file, syncEveryWrite, entries, channel);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @return the entries the log held when it was opened, oldest first.
     */
    public List<Entry> loaded()
    {
        return loaded;
    }

    /**
     * Append one entry; it is in the log (page cache, or disk when syncing) when this returns.
     *
     * @throws UncheckedIOException when it cannot be written: the caller must not publish the order.
     */
    public synchronized void append(final Entry entry)
    {
        try
        {
            final ByteBuffer record = encode(entry);
            while (record.hasRemaining())
            {
                channel.write(record);
            }
            if (syncEveryWrite)
            {
                channel.force(false);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the order log " + file, ex);
        }
    }

    /**
     * Append the batch's records with one write; they are in the log (page cache, or disk when syncing) when this
     * returns. The batch is left as it was: the caller clears it.
     *
     * @throws UncheckedIOException when they cannot all be written: the caller must not publish their commands (a
     *     crash or a restart reads the valid records written before a torn one, and the commands not published are
     *     rejected then, as for any logged request the journal never got).
     */
    public synchronized void append(final Batch batch)
    {
        if (batch.count == 0)
        {
            return;
        }
        final ByteBuffer records = batch.buffer;
        final int end = records.position();
        records.flip();
        try
        {
            while (records.hasRemaining())
            {
                channel.write(records);
            }
            if (syncEveryWrite)
            {
                channel.force(false);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the order log " + file, ex);
        }
        finally
        {
            records.limit(records.capacity());
            records.position(end);
        }
    }

    /**
     * Replace the log's content with these entries, atomically: a crash leaves either the old or the new log.
     */
    synchronized void rewrite(final List<Entry> entries) throws IOException
    {
        final Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            for (final Entry entry : entries)
            {
                final ByteBuffer record = encode(entry);
                while (record.hasRemaining())
                {
                    out.write(record);
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(channel.size());
    }

    @Override
    public synchronized void close() throws IOException
    {
        channel.close();
    }

    private static ByteBuffer encode(final Entry entry)
    {
        final byte[] symbol = bytes(entry.symbol());
        final byte[] clOrdId = bytes(entry.clOrdId());
        final byte[] crossId = entry.kind() == CROSS ? bytes(entry.crossId()) : new byte[0];
        final int payload = FIXED_PAYLOAD + symbol.length + clOrdId.length + (entry.kind() == STATE ? STATE_EXTRA : 0) +
            (entry.kind() == CROSS ? 2 + crossId.length : 0);
        if (payload > MAX_RECORD || symbol.length > Short.MAX_VALUE || clOrdId.length > Short.MAX_VALUE ||
            crossId.length > Short.MAX_VALUE)
        {
            throw new IllegalArgumentException("order log entry too long: " + payload + " bytes");
        }
        final ByteBuffer record = ByteBuffer.allocate(4 + payload + 4);
        record.putInt(payload)
            .put(entry.kind())
            .putLong(entry.orderId())
            .putLong(entry.accountId())
            .putLong(entry.price())
            .putLong(entry.quantity())
            .put((byte)entry.side())
            .put((byte)entry.ordType())
            .putShort((short)symbol.length)
            .put(symbol)
            .putShort((short)clOrdId.length)
            .put(clOrdId);
        if (entry.kind() == STATE)
        {
            record.putLong(entry.cumQty()).putLong(entry.cumValue()).put((byte)entry.status());
        }
        if (entry.kind() == CROSS)
        {
            record.putShort((short)crossId.length).put(crossId);
        }
        final CRC32 crc = new CRC32();
        crc.update(record.array(), 4, payload);
        record.putInt((int)crc.getValue());
        return record.flip();
    }

    /**
     * @return the end of the last whole, valid record.
     */
    private static long read(final FileChannel channel, final List<Entry> entries) throws IOException
    {
        final long size = channel.size();
        final ByteBuffer length = ByteBuffer.allocate(4);
        long position = 0;
        while (position + 4 <= size)
        {
            length.clear();
            readFully(channel, length, position);
            final int payload = length.flip().getInt();
            if (payload < FIXED_PAYLOAD || payload > MAX_RECORD || position + 4 + payload + 4 > size)
            {
                break;
            }
            final ByteBuffer record = ByteBuffer.allocate(payload + 4);
            readFully(channel, record, position + 4);
            final CRC32 crc = new CRC32();
            crc.update(record.array(), 0, payload);
            if (record.getInt(payload) != (int)crc.getValue())
            {
                break;
            }
            final Entry entry = decode(record.flip().limit(payload));
            if (entry == null)
            {
                break;
            }
            entries.add(entry);
            position += 4 + payload + 4;
        }
        return position;
    }

    private static Entry decode(final ByteBuffer payload)
    {
        final byte kind = payload.get();
        final long orderId = payload.getLong();
        final long accountId = payload.getLong();
        final long price = payload.getLong();
        final long quantity = payload.getLong();
        final char side = (char)payload.get();
        final char ordType = (char)payload.get();
        final String symbol = string(payload);
        final String clOrdId = symbol == null ? null : string(payload);
        if (clOrdId == null || kind < NEW || kind > CROSS_CLOSED)
        {
            return null;
        }
        if (kind == CROSS)
        {
            final String crossId = string(payload);
            return crossId == null || payload.hasRemaining() ? null : new Entry(kind, orderId, accountId, symbol, side,
                ordType, price, quantity, clOrdId, 0, 0, '\0', crossId);
        }
        if (kind != STATE)
        {
            return payload.hasRemaining() ? null :
                new Entry(kind, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId);
        }
        if (payload.remaining() != STATE_EXTRA)
        {
            return null;
        }
        return new Entry(kind, orderId, accountId, symbol, side, ordType, price, quantity, clOrdId, payload.getLong(),
            payload.getLong(), (char)payload.get());
    }

    private static String string(final ByteBuffer payload)
    {
        if (payload.remaining() < 2)
        {
            return null;
        }
        final int length = payload.getShort();
        if (length < 0 || length > payload.remaining())
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text)
    {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position)
        throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int read = channel.read(buffer, at);
            if (read < 0)
            {
                throw new IOException("unexpected end of the order log");
            }
            at += read;
        }
    }
}
