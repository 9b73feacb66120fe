package io.carbonx.bench.alloc;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-thread counts find threads by the start of their name and count what each allocated since the snapshot.
 */
class ThreadAllocationsTest
{
    private static final int ALLOCATED = 4 * 1024 * 1024;

    @Test
    void countsWhatEachNamedThreadAllocatedSinceTheStart() throws Exception
    {
        final ThreadAllocations allocations = new ThreadAllocations();
        allocations.start();
        final CountDownLatch allocated = new CountDownLatch(2);
        final CountDownLatch measured = new CountDownLatch(1);
        final Thread engine = allocator("carbonx-test-allocator", allocated, measured);
        final Thread other = allocator("other-test-allocator", allocated, measured);
        engine.start();
        other.start();
        try
        {
            allocated.await();
            final Map<String, Long> byName = allocations.sinceStart("carbonx-test-");

            assertTrue(byName.get("carbonx-test-allocator") >= ALLOCATED, byName.toString());
            assertFalse(byName.containsKey("other-test-allocator"), byName.toString());
            assertTrue(allocations.sinceStart().get("other-test-allocator") >= ALLOCATED, "by role: all threads");
        }
        finally
        {
            measured.countDown();
            engine.join();
            other.join();
        }
    }

    private static Thread allocator(final String name, final CountDownLatch allocated, final CountDownLatch measured)
    {
        return new Thread(() ->
        {
            final byte[] bytes = new byte[ALLOCATED];
            bytes[ALLOCATED - 1] = 1;
            allocated.countDown();
            try
            {
                // Stay alive until counted: the counts are of live threads.
                measured.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, name);
    }
}
