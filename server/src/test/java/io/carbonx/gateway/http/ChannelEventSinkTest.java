package io.carbonx.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event stream to a client that does not read is dropped once its write buffer is full, rather than buffered
 * without end, and the sender is never held up; a client that reads gets every event as the text/event-stream format
 * says.
 */
class ChannelEventSinkTest
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();

    @AfterEach
    void stop()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private int listen() throws InterruptedException
    {
        final Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.SO_SNDBUF, 4096)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec());
                    accepted.complete(ch);
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /**
     * Send the head of a chunked answer, as the API does before a stream takes the connection.
     */
    private static Channel streaming(final Channel channel)
    {
        final DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        channel.writeAndFlush(head);
        return channel;
    }

    @Test
    void aClientThatDoesNotReadIsDroppedAtTheWriteBuffersBound() throws Exception
    {
        final int port = listen();
        try (Socket client = new Socket())
        {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", port));
            final Channel channel = streaming(accepted.get(5, TimeUnit.SECONDS));
            final ChannelEventSink sink = new ChannelEventSink(channel);
            final AtomicBoolean closed = new AtomicBoolean();
            sink.onClose(() -> closed.set(true));
            final String event = "x".repeat(1000);
            int sent = 0;
            while (sink.send("market", event))
            {
                sent++;
                assertTrue(sent < 100_000, "100 MB queued for a client that reads nothing");
            }
            // the kernel's buffers (a few KiB each way here) plus the channel's 64 KiB, in 1 KB events
            assertTrue(sent > 10, "sent " + sent);
            // the close listener runs on the event loop after the close future wakes its waiters: wait for it
            await().atMost(5, TimeUnit.SECONDS).untilTrue(closed);
            assertFalse(channel.isActive(), "dropped");
            assertFalse(sink.send("market", event), "nothing more is queued");
        }
    }

    @Test
    void aReadingClientGetsEachEventInTheEventStreamFormat() throws Exception
    {
        final int port = listen();
        try (Socket client = new Socket("127.0.0.1", port))
        {
            client.setSoTimeout(5_000);
            final Channel channel = streaming(accepted.get(5, TimeUnit.SECONDS));
            final ChannelEventSink sink = new ChannelEventSink(channel);
            assertTrue(sink.send("market", "{\"a\":1}"));
            assertTrue(sink.send("note", "two\nlines"));
            // each event is one HTTP chunk: its text whole inside the chunk's framing
            final String market = "event: market\ndata: {\"a\":1}\n\n";
            final String note = "event: note\ndata: two\ndata: lines\n\n";
            final InputStream in = client.getInputStream();
            final StringBuilder received = new StringBuilder();
            while (!received.toString().contains(note))
            {
                final int b = in.read();
                assertTrue(b >= 0, "the stream ended: " + received);
                received.append((char)b);
            }
            assertTrue(received.toString().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"),
                received.toString());
            assertEquals(Integer.toHexString(market.length()) + "\r\n" + market + "\r\n" +
                Integer.toHexString(note.length()) + "\r\n" + note,
                received.substring(received.indexOf("\r\n\r\n") + 4));
        }
    }
}
