package io.carbonx.bench.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One of HotSpot's per-thread counters for this process's threads, between two snapshots: bytes allocated
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), to show what each thread allocates per message or
 * command, or CPU time ({@code getThreadCpuTime}), what a thread costs per command whatever share of the cores it
 * got. Threads are told apart by id, so a thread that dies and another that takes its name never mix.
 * <p>
 * Used by one thread, the benchmark's driver.
 */
public final class ThreadCounters
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final Function<long[], long[]> counter;
    private final Map<Long, Long> before = new HashMap<>();

    private ThreadCounters(final Function<long[], long[]> counter)
    {
        this.counter = counter;
    }

    /**
     * @return the bytes each thread allocates.
     */
    public static ThreadCounters allocatedBytes()
    {
        return new ThreadCounters(THREADS::getThreadAllocatedBytes);
    }

    /**
     * @return the CPU nanoseconds each thread uses, waits by spinning or yielding included.
     */
    public static ThreadCounters cpuNanos()
    {
        return new ThreadCounters(THREADS::getThreadCpuTime);
    }

    /**
     * Remember every live thread's count so far; threads started later count from zero.
     */
    public void start()
    {
        before.clear();
        final long[] ids = THREADS.getAllThreadIds();
        final long[] counts = counter.apply(ids);
        for (int i = 0; i < ids.length; i++)
        {
            before.put(ids[i], counts[i]);
        }
    }

    /**
     * @return the count since {@link #start()} of the threads still alive, by role (the thread's name without digits,
     * so that numbered threads of one pool add up), in name order.
     */
    public Map<String, Long> sinceStart()
    {
        final Map<String, Long> byRole = new TreeMap<>();
        forEachLiveThread((name, count) -> byRole.merge(name.replaceAll("[-_]?\\d+", ""), count, Long::sum));
        return byRole;
    }

    /**
     * @param namePrefix what the names of the threads of interest begin with, such as {@code "carbonx-"}: the
     *                   threads are found by name, not listed, so a pipeline that starts other threads is still seen
     *                   whole.
     * @return the count since {@link #start()} of each live thread whose name begins with the prefix, by its full name,
     * in name order.
     */
    public Map<String, Long> sinceStart(final String namePrefix)
    {
        final Map<String, Long> byName = new TreeMap<>();
        forEachLiveThread((name, count) ->
        {
            if (name.startsWith(namePrefix))
            {
                byName.merge(name, count, Long::sum);
            }
        });
        return byName;
    }

    private void forEachLiveThread(final ThreadCount consumer)
    {
        final long[] ids = THREADS.getAllThreadIds();
        final long[] counts = counter.apply(ids);
        final ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++)
        {
            // A thread that ended between the two calls has no info and a count of -1.
            if (infos[i] != null && counts[i] >= 0)
            {
                consumer.accept(infos[i].getThreadName(), counts[i] - before.getOrDefault(ids[i], 0L));
            }
        }
    }

    @FunctionalInterface
    private interface ThreadCount
    {
        void accept(String threadName, long count);
    }
}
