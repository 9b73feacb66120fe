package io.carbonx.gateway.http;

/**
 * The body of a server-sent event stream ({@code text/event-stream}): once the answer's status and headers are sent,
 * the connection's handler calls {@link #open} with the connection as an {@link EventSink}, and the stream writes
 * events to it from then on, from any thread, until either side closes it.
 */
@FunctionalInterface
public interface EventStream
{
    /**
     * Called once, on the connection's I/O thread; must not block.
     */
    void open(EventSink sink);

    /**
     * One open event-stream connection. Thread-safe: writes from any thread are queued on the connection's I/O thread.
     */
    interface EventSink
    {
        /**
         * Queue one event ({@code event: <name>} and one {@code data:} line per line of {@code data}).
         *
         * @return false when the connection is closed, or was just closed because the client reads too slowly: more
         * than the connection's write buffer is waiting for it. The engine never waits for a browser.
         */
        boolean send(String event, String data);

        /**
         * Close the connection.
         */
        void close();

        /**
         * @param onClose run once, on the connection's I/O thread, when the connection closes for any reason.
         */
        void onClose(Runnable onClose);

        /**
         * Run a task on the connection's I/O thread, where the stream may read what it renders without locks of its
         * own; several calls may coalesce into one at the stream's discretion.
         */
        void execute(Runnable task);
    }
}
