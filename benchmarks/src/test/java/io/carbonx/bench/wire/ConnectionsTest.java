package io.carbonx.bench.wire;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's connections over real loopback sockets: a write goes out whole however small the peer's reads, and
 * a peer that stops reading ends the write with a {@link WireStall} after the stall timeout instead of a wait for ever.
 */
class ConnectionsTest
{
    /** Far more than the socket buffers of both ends hold, so the writer must wait for the reader. */
    private static final int BYTES = 16 * 1024 * 1024;

    @Test
    void aWriteGoesOutWholeWhileThePeerReads() throws Exception
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            Connections connections = Connections.open((InetSocketAddress)listener.getLocalAddress(), 1,
                TimeUnit.SECONDS.toNanos(30));
            SocketChannel peer = listener.accept())
        {
            final long[] received = new long[1];
            final Thread reader = new Thread(() ->
            {
                final ByteBuffer buffer = ByteBuffer.allocate(4096);
                try
                {
                    while (received[0] < BYTES)
                    {
                        buffer.clear();
                        received[0] += peer.read(buffer);
                    }
                }
                catch (final java.io.IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, "connections-test-reader");
            reader.start();

            final ByteBuffer data = ByteBuffer.allocate(BYTES);
            connections.write(0, data);

            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(0, data.remaining());
            assertEquals(BYTES, received[0]);
        }
    }

    @Test
    void aPeerThatStopsReadingEndsTheWriteWithAStall() throws Exception
    {
        final long stallNanos = TimeUnit.MILLISECONDS.toNanos(300);
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            Connections connections = Connections.open((InetSocketAddress)listener.getLocalAddress(), 2, stallNanos);
            SocketChannel first = listener.accept();
            SocketChannel second = listener.accept())
        {
            final ByteBuffer data = ByteBuffer.allocate(BYTES);
            final long start = System.nanoTime();

            final WireStall stall = assertThrows(WireStall.class, () -> connections.write(1, data));

            assertTrue(System.nanoTime() - start >= stallNanos, "not before the timeout");
            assertTrue(data.remaining() > 0 && data.position() > 0, "what fitted in the socket buffers went out");
            assertTrue(stall.getMessage().startsWith("connection 1: the exchange has taken no bytes for "),
                stall.getMessage());
            assertTrue(stall.getMessage().endsWith(data.remaining() + " waiting to be sent: it has stopped reading"),
                stall.getMessage());
        }
    }
}
