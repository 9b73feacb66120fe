package io.carbonx.reports.surveillance;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest alerts, at most {@code capacity} of them (the oldest are dropped first), for the HTTP API to read.
 * <p>
 * Written by one thread, the one feeding the monitor: the server's start-up thread while it catches up from the
 * journal, then the {@code carbonx-surveillance-N} listener thread (N: its place among the pipeline's listeners).
 * Read by the HTTP threads. Every method holds the book's lock, which a write keeps for a few stores, so readers never
 * see half an alert.
 */
public final class AlertBook implements AlertListener
{
    /** How many alerts a server keeps in memory. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Alert[] ring;
    private long written;

    public AlertBook(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        ring = new Alert[capacity];
    }

    @Override
    public synchronized void onAlert(final Alert alert)
    {
        ring[(int)(written % ring.length)] = alert;
        written++;
    }

    /**
     * All of them in one step: a reader sees all or none.
     */
    @Override
    public synchronized void onAlerts(final List<Alert> alerts)
    {
        for (final Alert alert : alerts)
        {
            onAlert(alert);
        }
    }

    /**
     * The position to read from for the alerts of commands after {@code afterSequence}: that of the oldest kept alert
     * of a later command, or {@link #total()} when there is none yet.
     */
    public synchronized long positionAfter(final long afterSequence)
    {
        for (long i = Math.max(0, written - ring.length); i < written; i++)
        {
            if (ring[(int)(i % ring.length)].sequence() > afterSequence)
            {
                return i;
            }
        }
        return written;
    }

    /**
     * The alerts from position {@code from} on (every alert ever added has the next position), at most {@code max}.
     * When {@code from} is older than the oldest kept alert the page starts at that one: the caller sees the gap from
     * the page's {@code from}.
     */
    public synchronized Page from(final long from, final int max)
    {
        final long start = Math.max(from, Math.max(0, written - ring.length));
        final long end = Math.min(written, start + max);
        final List<Alert> page = new ArrayList<>((int)(end - start));
        for (long i = start; i < end; i++)
        {
            page.add(ring[(int)(i % ring.length)]);
        }
        return new Page(start, end, page);
    }

    /**
     * Alerts at positions {@code from} (inclusive) to {@code next} (exclusive).
     */
    public record Page(long from, long next, List<Alert> alerts)
    {
    }

    /**
     * The alerts of commands after {@code afterSequence}, oldest first, optionally of one kind. A page holds at most
     * {@code limit} alerts and never ends in the middle of one command's alerts (it stops before that command), unless
     * that command alone has more than {@code limit}: then its alerts are all returned. So the next page is always
     * {@code afterSequence} = the last alert's sequence.
     *
     * @param kind null for every kind.
     */
    public synchronized List<Alert> alerts(final AlertKind kind, final long afterSequence, final int limit)
    {
        final List<Alert> page = new ArrayList<>();
        final long oldest = Math.max(0, written - ring.length);
        for (long i = oldest; i < written; i++)
        {
            final Alert alert = ring[(int)(i % ring.length)];
            if (alert.sequence() <= afterSequence || kind != null && alert.kind() != kind)
            {
                continue;
            }
            if (page.size() >= limit && alert.sequence() != page.get(page.size() - 1).sequence())
            {
                break;
            }
            page.add(alert);
        }
        if (page.size() > limit)
        {
            final long last = page.get(page.size() - 1).sequence();
            int end = page.size();
            while (end > 0 && page.get(end - 1).sequence() == last)
            {
                end--;
            }
            if (end > 0)
            {
                return new ArrayList<>(page.subList(0, end));
            }
        }
        return page;
    }

    /**
     * @return how many alerts were ever added, kept or dropped.
     */
    public synchronized long total()
    {
        return written;
    }
}
