package io.carbonx.gateway.http;

import io.carbonx.reports.surveillance.Alert;
import io.carbonx.reports.surveillance.AlertBook;
import io.carbonx.reports.surveillance.AlertListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The regulators' alert channel: every alert goes into the {@link AlertBook} (which {@code GET /surveillance/alerts}
 * reads) and then wakes the open {@code GET /surveillance/stream} connections, which read what is new from the book.
 * <p>
 * Threads: alerts come from the one thread feeding the surveillance monitor (the analytic store's
 * {@code carbonx-analytics}, or {@code carbonx-surveillance-N} when the store is off; the server's start-up thread
 * while it recovers); streams join and leave on their connections' event loops. The set of streams is a copy-on-write
 * set, so waking them never waits for a connection.
 */
public final class AlertStreams implements AlertListener
{
    private final AlertBook book;
    private final CopyOnWriteArraySet<AlertStream> streams = new CopyOnWriteArraySet<>();

    public AlertStreams(final AlertBook book)
    {
        this.book = book;
    }

    public AlertBook book()
    {
        return book;
    }

    @Override
    public void onAlert(final Alert alert)
    {
        book.onAlert(alert);
        wake();
    }

    @Override
    public void onAlerts(final List<Alert> alerts)
    {
        book.onAlerts(alerts);
        wake();
    }

    private void wake()
    {
        for (final AlertStream stream : streams)
        {
            stream.changed();
        }
    }

    void watch(final AlertStream stream)
    {
        streams.add(stream);
    }

    void unwatch(final AlertStream stream)
    {
        streams.remove(stream);
    }

    /**
     * @return how many streams are open.
     */
    public int watchers()
    {
        return streams.size();
    }
}
