package io.carbonx.bench.alloc;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-thread CPU times find threads by the start of their name and count the CPU each used since the snapshot.
 */
class ThreadCpuTimesTest
{
    private static final long BUSY_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void countsTheCpuTimeEachNamedThreadUsedSinceTheStart() throws Exception
    {
        final ThreadCpuTimes cpu = new ThreadCpuTimes();
        cpu.start();
        final CountDownLatch busy = new CountDownLatch(2);
        final CountDownLatch measured = new CountDownLatch(1);
        final Thread engine = spinner("carbonx-test-spinner", busy, measured);
        final Thread other = spinner("other-test-spinner", busy, measured);
        engine.start();
        other.start();
        try
        {
            busy.await();
            final Map<String, Long> byName = cpu.sinceStart("carbonx-test-");

            assertTrue(byName.get("carbonx-test-spinner") >= BUSY_NS, byName.toString());
            assertFalse(byName.containsKey("other-test-spinner"), byName.toString());
        }
        finally
        {
            measured.countDown();
            engine.join();
            other.join();
        }
    }

    /**
     * A thread that runs until it has used {@link #BUSY_NS} of CPU by its own count, then waits to be measured.
     */
    private static Thread spinner(final String name, final CountDownLatch busy, final CountDownLatch measured)
    {
        return new Thread(() ->
        {
            final var threads = ManagementFactory.getThreadMXBean();
            long spins = 0;
            while (threads.getCurrentThreadCpuTime() < BUSY_NS)
            {
                spins++;
            }
            busy.countDown();
            try
            {
                // Stay alive until counted: the times are of live threads.
                measured.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            assertTrue(spins > 0);
        }, name);
    }
}
