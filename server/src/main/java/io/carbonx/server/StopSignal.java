package io.carbonx.server;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, instead of the JVM's default of running the shutdown hooks and
 * exiting with 128 + the signal (143 for SIGTERM): the server's main thread waits for the request, stops the server
 * cleanly and exits 0. A second signal gets the default behaviour, so a stop that hangs can still be interrupted.
 * <p>
 * Threads: the JVM's signal-dispatch thread counts the latch down; the main thread waits on it.
 */
final class StopSignal
{
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final CountDownLatch requested = new CountDownLatch(1);

    private StopSignal()
    {
    }

    /**
     * Take over SIGTERM and SIGINT for the rest of the process's life.
     */
    static StopSignal install()
    {
        final StopSignal stop = new StopSignal();
        for (final String name : SIGNALS)
        {
            Signal.handle(new Signal(name), signal -> stop.request());
        }
        return stop;
    }

    private void request()
    {
        for (final String name : SIGNALS)
        {
            Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        }
        requested.countDown();
    }

    /**
     * Wait until a stop is requested; an interrupt counts as one.
     */
    void await()
    {
        try
        {
            requested.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
