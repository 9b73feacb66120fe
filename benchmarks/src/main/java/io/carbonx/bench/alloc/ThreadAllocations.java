package io.carbonx.bench.alloc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes allocated by this process's threads between two snapshots, from HotSpot's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), to show what each thread allocates per message
 * or command. Threads are told apart by id, so a thread that dies and another that takes its name never mix.
 * <p>
 * Used by one thread, the benchmark's driver.
 */
public final class ThreadAllocations
{
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    /**
     * Remember every live thread's count so far; threads started later count from zero.
     */
    public void start()
    {
        before.clear();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++)
        {
            before.put(ids[i], bytes[i]);
        }
    }

    /**
     * @return bytes allocated since {@link #start()} by the threads still alive, by role (the thread's name without
     * digits, so that numbered threads of one pool add up), in name order.
     */
    public Map<String, Long> sinceStart()
    {
        final Map<String, Long> byRole = new TreeMap<>();
        forEachLiveThread((name, bytes) -> byRole.merge(name.replaceAll("[-_]?\\d+", ""), bytes, Long::sum));
        return byRole;
    }

    /**
     * @param namePrefix what the names of the threads of interest begin with, such as {@code "carbonx-"}: the
     *                   threads are found by name, not listed, so a pipeline that starts other threads is still seen
     *                   whole.
     * @return bytes allocated since {@link #start()} by each live thread whose name begins with the prefix, by its full
     * name, in name order.
     */
    public Map<String, Long> sinceStart(final String namePrefix)
    {
        final Map<String, Long> byName = new TreeMap<>();
        forEachLiveThread((name, bytes) ->
        {
            if (name.startsWith(namePrefix))
            {
                byName.merge(name, bytes, Long::sum);
            }
        });
        return byName;
    }

    private void forEachLiveThread(final ThreadBytes consumer)
    {
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++)
        {
            // A thread that ended between the two calls has no info and a count of -1.
            if (infos[i] != null && bytes[i] >= 0)
            {
                consumer.accept(infos[i].getThreadName(), bytes[i] - before.getOrDefault(ids[i], 0L));
            }
        }
    }

    @FunctionalInterface
    private interface ThreadBytes
    {
        void accept(String threadName, long bytes);
    }
}
