package io.carbonx.gateway.http;


import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the report builds running at once, since each replays the whole journal: per user (beyond it 429, that user
 * waits for its own) and in total (beyond it 503, everyone waits). Thread-safe: any API worker takes and returns a
 * permit.
 */
final class ReportBuilds
{
    private final int maxTotal;
    private final int maxPerUser;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

    ReportBuilds(final int maxTotal, final int maxPerUser)
    {
        this.maxTotal = maxTotal;
        this.maxPerUser = maxPerUser;
    }

    /**
     * Take a permit for a build; {@link #release} it when the build ends.
     *
     * @throws ApiException 429 when the user has {@code maxPerUser} builds running, 503 when all users have
     *                      {@code maxTotal}.
     */
    void acquire(final String user)
    {
        final AtomicInteger mine = perUser.computeIfAbsent(user, ignored -> new AtomicInteger());
        if (mine.incrementAndGet() > maxPerUser)
        {
            mine.decrementAndGet();
            throw new ApiException(429, "user '" + user + "' already has " + maxPerUser +
                " report(s) being built; retry when it is done");
        }
        if (total.incrementAndGet() > maxTotal)
        {
            total.decrementAndGet();
            mine.decrementAndGet();
            throw new ApiException(503, maxTotal + " reports are being built; retry shortly");
        }
    }

    void release(final String user)
    {
        total.decrementAndGet();
        perUser.get(user).decrementAndGet();
    }
}
