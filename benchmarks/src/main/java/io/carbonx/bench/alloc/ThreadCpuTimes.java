package io.carbonx.bench.alloc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by this process's threads between two snapshots, from HotSpot's per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadCpuTime(long[])}): what a thread costs per command whatever share
 * of the cores it got, a steadier figure than throughput on a machine whose cores its threads share. Threads are told
 * apart by id, as in {@link ThreadAllocations}.
 * <p>
 * Used by one thread, the benchmark's driver.
 */
public final class ThreadCpuTimes
{
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    /**
     * Remember every live thread's CPU time so far; threads started later count from zero.
     */
    public void start()
    {
        before.clear();
        final long[] ids = threads.getAllThreadIds();
        final long[] nanos = threads.getThreadCpuTime(ids);
        for (int i = 0; i < ids.length; i++)
        {
            before.put(ids[i], nanos[i]);
        }
    }

    /**
     * @param namePrefix what the names of the threads of interest begin with, such as {@code "carbonx-"}.
     * @return CPU nanoseconds used since {@link #start()} by each live thread whose name begins with the prefix, by its
     * full name, in name order.
     */
    public Map<String, Long> sinceStart(final String namePrefix)
    {
        final long[] ids = threads.getAllThreadIds();
        final long[] nanos = threads.getThreadCpuTime(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        final Map<String, Long> byName = new TreeMap<>();
        for (int i = 0; i < ids.length; i++)
        {
            // A thread that ended between the two calls has no info and a time of -1.
            if (infos[i] != null && nanos[i] >= 0 && infos[i].getThreadName().startsWith(namePrefix))
            {
                byName.merge(infos[i].getThreadName(), nanos[i] - before.getOrDefault(ids[i], 0L), Long::sum);
            }
        }
        return byName;
    }
}
