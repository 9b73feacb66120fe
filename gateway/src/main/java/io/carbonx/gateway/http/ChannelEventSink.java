package io.carbonx.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An event stream's connection: each event is one HTTP chunk in the {@code text/event-stream} format. What waits to be
 * written is bounded by the channel's write buffer (Netty's high water mark, 64 KiB by default): a client that lets
 * more than that pile up is dropped rather than buffered without end, and a browser's {@code EventSource} reconnects
 * by itself. A comment line every {@link #HEARTBEAT_SECONDS} keeps the connection clear of the idle timeout and of
 * proxies that close quiet connections.
 * <p>
 * Thread-safe: any thread may send (Netty queues writes on the channel's event loop); the heartbeat runs there.
 */
final class ChannelEventSink implements EventStream.EventSink
{
    static final int HEARTBEAT_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelEventSink.class);

    private final Channel channel;
    private final ScheduledFuture<?> heartbeat;

    ChannelEventSink(final Channel channel)
    {
        this.channel = channel;
        this.heartbeat = channel.eventLoop().scheduleAtFixedRate(
            () -> write(": keep-alive\n\n"), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> heartbeat.cancel(false));
    }

    @Override
    public boolean send(final String event, final String data)
    {
        final StringBuilder text = new StringBuilder(data.length() + 32).append("event: ").append(event).append('\n');
        for (final String line : data.split("\n", -1))
        {
            text.append("data: ").append(line).append('\n');
        }
        return write(text.append('\n').toString());
    }

    private boolean write(final String text)
    {
        if (!channel.isActive())
        {
            return false;
        }
        if (!channel.isWritable())
        {
            LOG.info("event stream to {} dropped: the client reads too slowly", channel.remoteAddress());
            channel.close();
            return false;
        }
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        return true;
    }

    @Override
    public void close()
    {
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void onClose(final Runnable onClose)
    {
        channel.closeFuture().addListener(closed -> onClose.run());
    }

    @Override
    public void execute(final Runnable task)
    {
        channel.eventLoop().execute(task);
    }
}
