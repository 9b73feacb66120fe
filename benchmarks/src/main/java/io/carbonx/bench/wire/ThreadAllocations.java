package io.carbonx.bench.wire;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes allocated by this process's threads between two snapshots, grouped by what the thread does (its name without
 * digits), to show what the server allocates per message. Uses HotSpot's per-thread allocation counters.
 */
final class ThreadAllocations
{
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    /**
     * Remember every live thread's count so far; threads started later count from zero.
     */
    void start()
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
     * @return bytes allocated since {@link #start()} by the threads still alive, by role, in name order.
     */
    Map<String, Long> sinceStart()
    {
        final Map<String, Long> byRole = new TreeMap<>();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++)
        {
            if (infos[i] != null && bytes[i] >= 0)
            {
                final String role = infos[i].getThreadName().replaceAll("[-_]?\\d+", "");
                byRole.merge(role, bytes[i] - before.getOrDefault(ids[i], 0L), Long::sum);
            }
        }
        return byRole;
    }
}
