package io.carbonx.bench.wire;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.Consumer;

/**
 * The load generator's one reader thread: a {@link Selector} over every session's connection, each read handed to its
 * {@link SessionReader}, so that 64 sessions take one thread of a two-core machine rather than 64. It ends when every
 * session has logged out or closed, when {@link #stop()} is called, or at the first failure.
 * <p>
 * The thread that runs it is the only one to touch the selector and the session readers' buffers; the sender calls
 * {@link #stop()} and reads {@link #failure()}.
 */
final class ReportReader implements Runnable, AutoCloseable
{
    /** How often the loop looks at whether it should stop when nothing arrives. */
    private static final long SELECT_TIMEOUT_MILLIS = 10;

    private final Selector selector;
    private final List<SessionReader> sessions;
    private final Consumer<SelectionKey> onReady = this::onReady;

    private volatile boolean stopped;
    private volatile IOException failure;

    /**
     * @param sessions their channels must be in non-blocking mode.
     */
    ReportReader(final List<SessionReader> sessions) throws IOException
    {
        this.sessions = List.copyOf(sessions);
        this.selector = Selector.open();
        try
        {
            for (final SessionReader session : this.sessions)
            {
                session.channel().register(selector, SelectionKey.OP_READ, session);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            selector.close();
            throw ex;
        }
    }

    @Override
    public void run()
    {
        try
        {
            while (!stopped && failure == null && !allFinished())
            {
                selector.select(onReady, SELECT_TIMEOUT_MILLIS);
            }
        }
        catch (final ClosedSelectorException ignored)
        {
            // closed under the loop: the run is over
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    private void onReady(final SelectionKey key)
    {
        final SessionReader session = (SessionReader)key.attachment();
        try
        {
            if (!session.read())
            {
                key.cancel();
            }
        }
        catch (final ClosedChannelException ex)
        {
            // the generator closed the connection: the run is over for this session
            key.cancel();
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    private boolean allFinished()
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            if (!sessions.get(i).finished())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Ask the thread to end; it does within {@value #SELECT_TIMEOUT_MILLIS} ms.
     */
    void stop()
    {
        stopped = true;
        selector.wakeup();
    }

    IOException failure()
    {
        return failure;
    }

    /**
     * Close the selector, once the thread has ended.
     */
    @Override
    public void close() throws IOException
    {
        selector.close();
    }
}
