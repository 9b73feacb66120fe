package io.carbonx.fix.session;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.FixAcceptorConfig;
import io.carbonx.fix.FixApplication;
import io.carbonx.fix.FixSession;
import io.carbonx.fix.FixSessionId;
import io.carbonx.fix.FixSessionSettings;
import io.carbonx.fix.IoIdleStrategy;

import io.carbonx.fix.codec.FixFrameDecoder;
import io.carbonx.fix.dictionary.FixDictionary;
import io.carbonx.fix.dictionary.MessageValidator;
import io.carbonx.fix.store.DamagedMessageStore;
import io.carbonx.fix.store.DamagedMessageStoreException;
import io.carbonx.fix.store.FileMessageStore;
import io.carbonx.fix.store.MessageStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The FIX 4.4 acceptor: listens on TCP, and runs the configured sessions on
 * {@link FixAcceptorConfig#sessionThreads()} Netty event loops, threads {@code carbonx-fix-io-N}.
 *
 * <p>Each session is pinned to one loop for its life (round robin at start), so its state is confined to one thread
 * and needs no locks. The loops are the sockets' I/O loops too: a new connection starts on whichever loop Netty gives
 * it, and once its Logon names its session it is moved, once, to that session's loop (see
 * {@link FixConnectionHandler}). From then on decoding, session checks, the application's callbacks, encoding, the
 * store and the socket write all run on the one thread with no hand-off; the alternative, a separate I/O group handing
 * each message to the session's loop and each answer back, costs two hand-offs per message. The application sends
 * from its own threads through {@link FixSession#offer}, which queues the message for that loop. The default is one
 * loop: on a two-core machine the engine's threads need the other core.
 *
 * <pre>{@code
 * FixAcceptor acceptor = FixAcceptor.start(FixAcceptorConfig.of("0.0.0.0", 9880, storeDir, sessions), app);
 * acceptor.session(new FixSessionId("ISLD", "TW")).send(executionReport);
 * acceptor.close();
 * }</pre>
 */
public final class FixAcceptor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FixAcceptor.class);
    private static final int AUTHENTICATOR_THREADS = 2;

    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup sessionGroup;
    private final ExecutorService authenticator;
    private final SessionRegistry registry;
    private final List<MessageStore> stores;
    private final Channel serverChannel;
    private final Duration logoutTimeout;

    private FixAcceptor(final FixAcceptorConfig config, final FixApplication application) throws IOException,
        InterruptedException
    {
        final FixDictionary dictionary = FixDictionary.fix44();
        logoutTimeout = config.logoutTimeout();
        acceptorGroup = new MultiThreadIoEventLoopGroup(1, new FixIoThreadFactory("carbonx-fix-accept-"),
                NioIoHandler.newFactory());
        sessionGroup = new MultiThreadIoEventLoopGroup(config.sessionThreads(),
                new FixIoThreadFactory("carbonx-fix-io-"), ioHandler(config.ioIdleStrategy()));
        // two threads: a session under a password-guessing attack (one check at a time, see LogonThrottle)
        // leaves the other free for everyone else's Logon
        authenticator = Executors.newFixedThreadPool(AUTHENTICATOR_THREADS,
                new DefaultThreadFactory("carbonx-fix-auth", true));
        final MessageValidator validator = new MessageValidator(dictionary);
        stores = new ArrayList<>();
        final List<AcceptorSession> sessions = new ArrayList<>();
        try
        {
            for (final FixSessionSettings settings : config.sessions())
            {
                final MessageStore store = openStore(config, settings.id());
                stores.add(store);
                sessions.add(new AcceptorSession(settings, store, application, sessionGroup.next(), dictionary,
                        validator,
                        config.sendingTimeTolerance().toMillis(), config.logoutTimeout().toMillis(),
                        config.maxQueuedBytesPerSession(), config.failedLogonBackoff().toNanos()));
            }
            shareLoops(sessions);
            registry = new SessionRegistry(sessions);
            final long logonTimeoutMillis = config.logonTimeout().toMillis();
            serverChannel = new ServerBootstrap()
                    .group(acceptorGroup, sessionGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>()
                    {
                        @Override
                        protected void initChannel(final SocketChannel ch)
                        {
                            ch.pipeline().addLast(new FixFrameDecoder(config.maxMessageSize()),
                                    new FixConnectionHandler(registry, dictionary::isDataTag, authenticator,
                                        logonTimeoutMillis));
                        }
                    })
                    .bind(config.bindAddress(), config.port()).sync().channel();
        }
        catch (final IOException | InterruptedException | RuntimeException e)
        {
            shutdownThreads();
            closeStores();
            throw e;
        }
        LOG.info("FIX acceptor listening on {} for {} session(s), store in {}", serverChannel.localAddress(),
                sessions.size(), config.storeDirectory());
    }

    /**
     * A damaged store does not stop the acceptor: the other sessions trade, and this one refuses to
     * log on, saying why, until an operator restores its files (or removes the folder to start the
     * session afresh at 1, having agreed that with the member).
     */
    private static MessageStore openStore(final FixAcceptorConfig config, final FixSessionId id) throws IOException
    {
        try
        {
            return new FileMessageStore(storeDirectory(config.storeDirectory(), id), config.fsyncStore());
        }
        catch (final DamagedMessageStoreException e)
        {
            LOG.error("FIX session {} will refuse to log on: {}. Restore the file, or move the folder {} away to "
                    + "start the session again at MsgSeqNum 1", id, e.getMessage(), e.file().getParent());
            return new DamagedMessageStore(e.getMessage());
        }
    }

    /** Opens the sessions' stores and starts listening. */
    public static FixAcceptor start(final FixAcceptorConfig config,
        final FixApplication application) throws IOException, InterruptedException
    {
        return new FixAcceptor(config, application);
    }

    /** Where a session keeps its sequence numbers and sent messages: one folder per pair of CompIDs. */
    public static Path storeDirectory(final Path root, final FixSessionId id)
    {
        return root.resolve(safe(id.senderCompId()) + "-" + safe(id.targetCompId()));
    }

    private static String safe(final String compId)
    {
        return compId.replaceAll("[^A-Za-z0-9._]", "_");
    }

    /** The port listened on, useful when the configuration asked for port 0. */
    public int port()
    {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The address and port the acceptor listens on. */
    public InetSocketAddress localAddress()
    {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The configured session with these CompIDs. */
    public FixSession session(final FixSessionId id)
    {
        final FixSession session = registry.get(id);
        if (session == null)
        {
            throw new IllegalArgumentException("No session " + id);
        }
        return session;
    }

    public Collection<? extends FixSession> sessions()
    {
        return registry.all();
    }

    /** Thread-safe: see {@link FixSession#send}. */
    public void send(final FixSessionId id, final ApplicationMessage message)
    {
        session(id).send(message);
    }

    /**
     * Logs out every session and waits, up to the logout timeout, for the counterparties' answers
     * so that both sides keep the same sequence numbers; then closes connections and stores and
     * stops the threads.
     */
    @Override
    public void close() throws InterruptedException
    {
        serverChannel.close().sync();
        final Collection<AcceptorSession> sessions = registry.all();
        if (!sessions.isEmpty())
        {
            onEachLoop(sessions, s -> s.logout("Acceptor shutting down"));
            final long deadline = System.nanoTime() + logoutTimeout.toNanos();
            while (sessions.stream().anyMatch(AcceptorSession::isLoggedOn) && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            onEachLoop(sessions, s -> s.disconnect("Acceptor shutting down"));
        }
        shutdownThreads();
        closeStores();
        LOG.info("FIX acceptor stopped");
    }

    /**
     * NIO event loops that block in select, or that poll without blocking: select's strategy "process what is ready"
     * every time, never "block", so the loop spins over selectNow and its task queue.
     */
    private static IoHandlerFactory ioHandler(final IoIdleStrategy idle)
    {
        if (idle == IoIdleStrategy.SPINNING)
        {
            return NioIoHandler.newFactory(SelectorProvider.provider(),
                () -> (selectNow, hasTasks) -> selectNow.get());
        }
        return NioIoHandler.newFactory();
    }

    /** Tells each session which others its event loop serves, for {@link AcceptorSession#pollOutbound}. */
    private static void shareLoops(final List<AcceptorSession> sessions)
    {
        final Map<EventLoop, List<AcceptorSession>> byLoop = new IdentityHashMap<>();
        for (final AcceptorSession session : sessions)
        {
            byLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
        }
        for (final List<AcceptorSession> onLoop : byLoop.values())
        {
            final LoopSessions shared = new LoopSessions();
            shared.set(onLoop);
            onLoop.forEach(session -> session.loopSessions(shared));
        }
    }

    /** Runs the action for every session on its own loop, and waits for all. */
    private static void onEachLoop(final Collection<AcceptorSession> sessions,
        final java.util.function.Consumer<AcceptorSession> action) throws InterruptedException
    {
        final List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
        for (final AcceptorSession session : sessions)
        {
            done.add(session.eventLoop().submit(() -> action.accept(session)));
        }
        for (final io.netty.util.concurrent.Future<?> future : done)
        {
            future.sync();
        }
    }

    private void shutdownThreads() throws InterruptedException
    {
        authenticator.shutdownNow();
        acceptorGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        sessionGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        acceptorGroup.terminationFuture().await(5, TimeUnit.SECONDS);
    }

    private void closeStores()
    {
        for (final MessageStore store : stores)
        {
            try
            {
                store.close();
            }
            catch (final IOException e)
            {
                LOG.warn("Cannot close message store", e);
            }
        }
    }
}
