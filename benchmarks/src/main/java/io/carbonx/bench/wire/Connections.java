package io.carbonx.bench.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The load generator's connections to the exchange, one per session, in non-blocking mode so that one
 * {@link ReportReader} selector can read them all. A write goes out whole: when a socket's send buffer is full (the
 * exchange is not reading fast enough), the sender waits in a selector of its own until there is room, in the kernel
 * as a blocking write would, rather than spinning: on two cores a spinning sender takes the CPU of the exchange it
 * measures. When the exchange takes nothing for the stall timeout, the write fails with a {@link WireStall}.
 * <p>
 * Used by one thread, the sender; the {@link ReportReader} thread reads the channels.
 */
final class Connections implements AutoCloseable
{
    /** How long one wait for room lasts before the channel is tried again. */
    private static final long WRITABLE_WAIT_MILLIS = 100;

    private final long stallNanos;
    private final SocketChannel[] channels;
    private final SelectionKey[] writeKeys;
    private final Selector writable;
    private final Consumer<SelectionKey> ignore = key ->
    {
        // the wait is the point: the channel is written again after it
    };

    private Connections(final int count, final long stallNanos) throws IOException
    {
        this.stallNanos = stallNanos;
        this.channels = new SocketChannel[count];
        this.writeKeys = new SelectionKey[count];
        this.writable = Selector.open();
    }

    /**
     * Connect {@code count} times to the exchange, with Nagle's algorithm off.
     *
     * @param stallNanos how long a write may wait for the exchange to take any of it.
     */
    static Connections open(final InetSocketAddress exchange, final int count, final long stallNanos)
        throws IOException
    {
        final Connections connections = new Connections(count, stallNanos);
        try
        {
            for (int i = 0; i < count; i++)
            {
                final SocketChannel channel = SocketChannel.open(exchange);
                connections.channels[i] = channel;
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                connections.writeKeys[i] = channel.register(connections.writable, 0);
            }
            return connections;
        }
        catch (final IOException | RuntimeException ex)
        {
            connections.close();
            throw ex;
        }
    }

    int count()
    {
        return channels.length;
    }

    SocketChannel channel(final int session)
    {
        return channels[session];
    }

    /**
     * Write all of {@code buffer} (from its position to its limit) to the session's connection.
     *
     * @throws WireStall when the exchange took none of it for the stall timeout.
     */
    void write(final int session, final ByteBuffer buffer) throws IOException
    {
        final SocketChannel channel = channels[session];
        long lastProgress = 0;
        while (buffer.hasRemaining())
        {
            if (channel.write(buffer) > 0)
            {
                lastProgress = 0;
                continue;
            }
            final long now = System.nanoTime();
            if (lastProgress == 0)
            {
                lastProgress = now;
            }
            else if (now - lastProgress > stallNanos)
            {
                throw new WireStall(String.format(Locale.ROOT, "connection %d: the exchange has taken no bytes for " +
                    "%.1f s with %d waiting to be sent: it has stopped reading", session, (now - lastProgress) / 1e9,
                    buffer.remaining()));
            }
            final SelectionKey key = writeKeys[session];
            key.interestOps(SelectionKey.OP_WRITE);
            writable.select(ignore, WRITABLE_WAIT_MILLIS);
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException
    {
        IOException failure = null;
        for (final SocketChannel channel : channels)
        {
            if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ex)
                {
                    failure = ex;
                }
            }
        }
        writable.close();
        if (failure != null)
        {
            throw failure;
        }
    }
}
