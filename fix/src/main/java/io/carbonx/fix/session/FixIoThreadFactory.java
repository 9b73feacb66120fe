package io.carbonx.fix.session;

import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the FIX event-loop threads by role, {@code carbonx-fix-io-0}, {@code carbonx-fix-io-1}, ..., as Netty's
 * fast-thread-local threads. Thread-safe.
 */
final class FixIoThreadFactory implements ThreadFactory
{
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    FixIoThreadFactory(final String prefix)
    {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(final Runnable task)
    {
        final Thread thread = new FastThreadLocalThread(task, prefix + next.getAndIncrement());
        thread.setDaemon(false);
        return thread;
    }
}
