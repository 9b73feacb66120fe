package io.carbonx.bench.threads;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-thread counters find threads by the start of their name and count what each allocated, or the CPU each
 * used, since the snapshot.
 */
class ThreadCountersTest
{
    private static final int ALLOCATED = 4 * 1024 * 1024;
    private static final long BUSY_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void countsWhatEachNamedThreadAllocatedSinceTheStart() throws Exception
    {
        final ThreadCounters allocations = ThreadCounters.allocatedBytes();
        allocations.start();
        try (Workers workers = new Workers(() ->
        {
            final byte[] bytes = new byte[ALLOCATED];
            bytes[ALLOCATED - 1] = 1;
        }))
        {
            final Map<String, Long> byName = allocations.sinceStart("carbonx-test-");

            assertTrue(byName.get("carbonx-test-worker") >= ALLOCATED, byName.toString());
            assertFalse(byName.containsKey("other-test-worker"), byName.toString());
            assertTrue(allocations.sinceStart().get("other-test-worker") >= ALLOCATED, "by role: all threads");
        }
    }

    @Test
    void countsTheCpuTimeEachNamedThreadUsedSinceTheStart() throws Exception
    {
        final ThreadCounters cpu = ThreadCounters.cpuNanos();
        cpu.start();
        try (Workers workers = new Workers(() ->
        {
            // run until this thread has used BUSY_NS of CPU by its own count
            final var threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < BUSY_NS)
            {
                Thread.onSpinWait();
            }
        }))
        {
            final Map<String, Long> byName = cpu.sinceStart("carbonx-test-");

            assertTrue(byName.get("carbonx-test-worker") >= BUSY_NS, byName.toString());
            assertFalse(byName.containsKey("other-test-worker"), byName.toString());
            assertTrue(cpu.sinceStart().get("other-test-worker") >= BUSY_NS, "by role: all threads");
        }
    }

    /**
     * Two threads, one named like an engine thread and one not, that each do the work, then stay alive until closed:
     * the counts are of live threads.
     */
    private static final class Workers implements AutoCloseable
    {
        private final CountDownLatch done = new CountDownLatch(2);
        private final CountDownLatch measured = new CountDownLatch(1);
        private final Thread engine;
        private final Thread other;

        Workers(final Runnable work) throws InterruptedException
        {
            engine = worker("carbonx-test-worker", work);
            other = worker("other-test-worker", work);
            engine.start();
            other.start();
            done.await();
        }

        private Thread worker(final String name, final Runnable work)
        {
            return new Thread(() ->
            {
                work.run();
                done.countDown();
                try
                {
                    measured.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, name);
        }

        @Override
        public void close() throws InterruptedException
        {
            measured.countDown();
            engine.join();
            other.join();
        }
    }
}
