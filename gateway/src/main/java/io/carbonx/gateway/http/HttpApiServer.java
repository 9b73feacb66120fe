package io.carbonx.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP/1.1 listener of the API on Netty: one I/O thread decodes requests (bodies above {@link #MAX_BODY_BYTES}
 * are refused with 413 by the aggregator) and a small pool of workers runs the {@link HttpApi}'s handlers.
 * <p>
 * Per connection, in pipeline order: the {@link ConnectionLimiter} admits it or closes it at once; an idle timer and
 * the {@link RequestDeadline} close it when it is idle or its request is too slow to arrive (see {@link HttpLimits});
 * the codec and aggregator decode; the {@link ApiChannelHandler} answers in request order.
 */
public final class HttpApiServer implements AutoCloseable
{
    /**
     * The largest request body accepted; commands are a few hundred bytes.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int WORKERS = 8;

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;
    private final ConnectionLimiter connections;

    private HttpApiServer(
        final EventLoopGroup group, final ExecutorService workers, final Channel channel,
        final ConnectionLimiter connections)
    {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
        this.connections = connections;
    }

    /**
     * @param api  the API, given the workers that run its handlers.
     * @param port 0 for a free port.
     */
    public static HttpApiServer start(
        final Function<Executor, HttpApi> api, final HttpLimits limits, final String bindAddress, final int port)
        throws InterruptedException
    {
        final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-io"), NioIoHandler.newFactory());
        final ExecutorService workers =
            Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory("http-worker", true));
        final HttpApi handler = api.apply(workers);
        final ConnectionLimiter connections =
            new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress());
        try
        {
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel ch)
                    {
                        if (!connections.admit(ch))
                        {
                            return;
                        }
                        final RequestDeadline deadline = new RequestDeadline(limits.requestTimeoutMs());
                        ch.pipeline()
                            .addLast(new IdleStateHandler(0, 0, limits.idleTimeoutMs(), TimeUnit.MILLISECONDS))
                            .addLast(deadline)
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                            .addLast(new ApiChannelHandler(handler, deadline));
                    }
                })
                .bind(bindAddress, port).sync().channel();
            return new HttpApiServer(group, workers, channel, connections);
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            workers.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw ex;
        }
    }

    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    public int openConnections()
    {
        return connections.open();
    }

    @Override
    public void close()
    {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
