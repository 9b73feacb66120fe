package io.carbonx.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not fully arrive within the request timeout of its first bytes, so that a
 * client sending a request a byte at a time (slowloris) cannot hold a connection: the idle timeout alone never fires
 * while bytes trickle in. Sits before the HTTP decoder and sees raw bytes; the {@link ApiChannelHandler} disarms it
 * when the decoded request reaches it.
 * <p>
 * One per connection; touched only on the connection's event loop thread.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter
{
    private final long timeoutMs;
    private ScheduledFuture<?> timer;

    RequestDeadline(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (timer == null)
        {
            timer = ctx.executor().schedule(() ->
            {
                timer = null;
                ctx.close();
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        disarm();
        ctx.fireChannelInactive();
    }

    void disarm()
    {
        if (timer != null)
        {
            timer.cancel(false);
            timer = null;
        }
    }
}
