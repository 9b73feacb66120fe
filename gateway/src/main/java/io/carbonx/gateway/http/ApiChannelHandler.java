package io.carbonx.gateway.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands each complete HTTP request to the {@link HttpApi} on a worker thread, since handlers wait for the engine and
 * verify tokens, and writes the answer back on the channel.
 */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final HttpApi api;
    private final ExecutorService workers;

    ApiChannelHandler(final HttpApi api, final ExecutorService workers)
    {
        this.api = api;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess())
        {
            write(ctx, ApiResponse.error(400, "malformed HTTP request"), false);
            return;
        }
        final String method = request.method().name();
        final String uri = request.uri();
        final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        final byte[] body = ByteBufUtil.getBytes(request.content());
        try
        {
            workers.execute(() -> write(ctx, api.handle(method, uri, authorization, body), keepAlive));
        }
        catch (final RejectedExecutionException ex)
        {
            write(ctx, ApiResponse.error(503, "the server is stopping"), false);
        }
    }

    private static void write(final ChannelHandlerContext ctx, final ApiResponse answer, final boolean keepAlive)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
            .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        if (answer.status() == 401)
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"carbonx\"");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        final var future = ctx.writeAndFlush(response);
        if (!keepAlive)
        {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
