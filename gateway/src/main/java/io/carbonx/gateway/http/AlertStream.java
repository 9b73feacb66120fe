package io.carbonx.gateway.http;

import io.carbonx.reports.surveillance.Alert;
import io.carbonx.reports.surveillance.AlertBook;
import io.carbonx.reports.surveillance.AlertJson;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One regulator's live alerts ({@code GET /surveillance/stream?since=}): an {@code alert} event per alert, its data the
 * alert's JSON as {@code GET /surveillance/alerts} shows it, first those of commands after {@code since} that the book
 * still holds, then each new one as it comes. The stream reads the book by position, so it sends every alert once and
 * in order, without a gap between the backlog and the live ones.
 * <p>
 * Nothing waits and nothing polls, as in the console's market stream: the alerts' thread only sets a flag and queues
 * one task on the connection's event loop, which sends what the book holds beyond what was sent; a client that cannot
 * keep up is dropped at the connection's write buffer (see {@link EventStream.EventSink#send}) and may come back with
 * {@code since=} the last sequence it got.
 * <p>
 * Threads: {@link #changed} on the alerts' thread; everything else on the connection's event loop.
 */
final class AlertStream implements EventStream
{
    /** Alerts sent in one go before the task yields the event loop and queues itself again. */
    private static final int CHUNK = 256;

    private final AlertStreams streams;
    private final AlertBook book;
    private final long since;
    private final ZoneId zone;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable push = this::push;
    private volatile EventSink sink;
    private long next;
    private boolean open = true;

    AlertStream(final AlertStreams streams, final long since, final ZoneId zone)
    {
        this.streams = streams;
        this.book = streams.book();
        this.since = since;
        this.zone = zone;
    }

    @Override
    public void open(final EventSink eventSink)
    {
        this.sink = eventSink;
        // watch first, then read: an alert added in between wakes a push that finds it, none is missed
        streams.watch(this);
        eventSink.onClose(this::close);
        next = book.positionAfter(since);
        push();
    }

    void changed()
    {
        final EventSink current = sink;
        if (current != null && pending.compareAndSet(false, true))
        {
            current.execute(push);
        }
    }

    private void push()
    {
        pending.set(false);
        if (!open)
        {
            return;
        }
        final AlertBook.Page page = book.from(next, CHUNK);
        for (final Alert alert : page.alerts())
        {
            final String json = new String(StrictJson.write(AlertJson.toJson(alert, zone)), StandardCharsets.UTF_8);
            if (!sink.send("alert", json))
            {
                close();
                return;
            }
        }
        next = page.next();
        if (page.alerts().size() == CHUNK)
        {
            changed();
        }
    }

    private void close()
    {
        open = false;
        streams.unwatch(this);
    }
}
