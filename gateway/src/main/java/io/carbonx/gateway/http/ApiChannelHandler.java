package io.carbonx.gateway.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * Hands the complete HTTP requests of one connection to the {@link HttpApi} one at a time, in the order they came, and
 * writes each answer before the next request starts, as HTTP/1.1 pipelining requires: answers in request order, and a
 * read pipelined after a command sees the command. While {@link #MAX_IN_FLIGHT} requests wait the connection is not
 * read, so a client cannot queue more.
 * <p>
 * An answer that is an {@link EventStream} ends the requests of its connection: its head is sent and the connection is
 * the stream's from then on (its heartbeats keep it from counting as idle).
 * <p>
 * It also closes the connection when it has been idle (no traffic and no request unanswered) for the idle timeout,
 * and disarms the {@link RequestDeadline} once a request has fully arrived.
 * <p>
 * One per connection; every field is touched only on the connection's event loop thread.
 */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final int MAX_IN_FLIGHT = 16;

    private final HttpApi api;
    private final RequestDeadline deadline;
    private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
    private boolean closing;
    /** The connection carries an event stream: it is not idle while the stream's heartbeats flow. */
    private boolean streaming;

    /**
     * A request waiting for its turn, or its answer once there is one.
     */
    private static final class Slot
    {
        final boolean keepAlive;
        final String method;
        final String uri;
        final RequestHeaders headers;
        final byte[] body;
        boolean started;
        ApiResponse answer;

        Slot(final boolean keepAlive, final String method, final String uri, final RequestHeaders headers,
            final byte[] body)
        {
            this.keepAlive = keepAlive;
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
        }
    }

    ApiChannelHandler(final HttpApi api, final RequestDeadline deadline)
    {
        this.api = api;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        deadline.disarm();
        if (closing)
        {
            return;
        }
        if (!request.decoderResult().isSuccess())
        {
            api.recordMalformed(remote(ctx));
            final Slot slot = new Slot(false, null, null, null, null);
            slot.started = true;
            slot.answer = ApiResponse.error(400, "malformed HTTP request");
            inFlight.add(slot);
            flushReady(ctx);
            return;
        }
        final HttpHeaders headers = request.headers();
        inFlight.add(new Slot(HttpUtil.isKeepAlive(request), request.method().name(), request.uri(),
            new RequestHeaders(headers.get(HttpHeaderNames.AUTHORIZATION), headers.get(HttpHeaderNames.COOKIE),
                headers.get(RequestHeaders.CSRF_HEADER), headers.get(HttpHeaderNames.IF_NONE_MATCH)),
            ByteBufUtil.getBytes(request.content())));
        if (inFlight.size() >= MAX_IN_FLIGHT)
        {
            ctx.channel().config().setAutoRead(false);
        }
        startNext(ctx);
    }

    private void startNext(final ChannelHandlerContext ctx)
    {
        final Slot slot = inFlight.peek();
        if (closing || slot == null || slot.started)
        {
            return;
        }
        slot.started = true;
        api.handle(slot.method, slot.uri, slot.headers, slot.body, remote(ctx))
            .thenAccept(answer -> ctx.executor().execute(() ->
            {
                slot.answer = answer;
                flushReady(ctx);
            }));
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof IdleStateEvent)
        {
            if (inFlight.isEmpty() && !streaming)
            {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void flushReady(final ChannelHandlerContext ctx)
    {
        boolean wrote = false;
        while (!closing && !inFlight.isEmpty() && inFlight.peek().answer != null)
        {
            final Slot slot = inFlight.poll();
            if (slot.answer.stream() != null)
            {
                startStream(ctx, slot.answer);
                return;
            }
            final var future = ctx.write(response(slot.answer, slot.keepAlive));
            wrote = true;
            if (!slot.keepAlive)
            {
                closing = true;
                inFlight.clear();
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }
        if (wrote)
        {
            ctx.flush();
        }
        if (!closing && inFlight.size() < MAX_IN_FLIGHT && !ctx.channel().config().isAutoRead())
        {
            ctx.channel().config().setAutoRead(true);
        }
        startNext(ctx);
    }

    /**
     * Send an event stream's head and hand the connection to it: from now on the connection is the stream's alone
     * (requests pipelined after it are dropped), and it ends when either side closes it.
     */
    private void startStream(final ChannelHandlerContext ctx, final ApiResponse answer)
    {
        closing = true;
        streaming = true;
        inFlight.clear();
        ctx.flush();
        final HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach((name, value) -> head.headers().set(name, value));
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        ctx.channel().config().setAutoRead(true);
        answer.stream().open(new ChannelEventSink(ctx.channel()));
    }

    /**
     * @return the client's address and port, e.g. "127.0.0.1:53422", or null when the channel has none.
     */
    private static String remote(final ChannelHandlerContext ctx)
    {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address ?
            address.getHostString() + ":" + address.getPort() : null;
    }

    private static FullHttpResponse response(final ApiResponse answer, final boolean keepAlive)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
            .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        if (answer.status() == 401)
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"carbonx\"");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }
}
