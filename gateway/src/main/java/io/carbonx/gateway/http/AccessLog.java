package io.carbonx.gateway.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API's access log: one line per request answered, refusals (401, 403) included, appended to a file:
 * <pre>
 * 2026-12-07T15:30:00.123Z 127.0.0.1:53422 mee POST /commands/issue-units 200 12ms
 * </pre>
 * (time answered, remote address, user or {@code -} when none was authenticated, method, path and query, status,
 * time taken). Request threads only offer a line to a bounded queue and never wait for the disk; the queue's one
 * reader, the {@code carbonx-access-log} thread, writes them in batches. When the disk falls so far behind that the
 * queue is full, lines are dropped and counted, and the next line written says how many, so memory stays bounded and
 * no request ever waits for the log.
 * <p>
 * Threads: any thread records (the queue and the drop counter are thread-safe); only {@code carbonx-access-log}
 * touches the file; {@link #close} is called once, by the thread that closes the gateway.
 */
public final class AccessLog implements AutoCloseable
{
    /** Lines waiting for the disk at most; a line is ~100 bytes, so this is under a MiB. */
    public static final int CAPACITY = 8_192;

    /** Records nothing: for an API run without a log. */
    public static final AccessLog NONE = new AccessLog();

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final int MAX_URI = 512;
    private static final String STOP = "";

    private final BlockingQueue<String> lines;
    private final AtomicLong dropped = new AtomicLong();
    private final Path file;
    private final Thread writer;

    private AccessLog()
    {
        this.lines = null;
        this.file = null;
        this.writer = null;
    }

    private AccessLog(final Path file)
    {
        this.file = file;
        this.lines = new ArrayBlockingQueue<>(CAPACITY);
        this.writer = new Thread(this::run, "carbonx-access-log");
        this.writer.setDaemon(true);
    }

    /**
     * Open (append to) the log file and start its writing thread.
     *
     * @throws IOException when the file cannot be opened for appending.
     */
    public static AccessLog open(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            createOwnerOnly(file);
        }
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND).close();
        final AccessLog log = new AccessLog(file);
        log.writer.start();
        return log;
    }

    /**
     * Who used the exchange is nobody else's business: the file is the owner's alone from its first byte, where the
     * file system has POSIX permissions.
     */
    private static void createOwnerOnly(final Path file) throws IOException
    {
        try
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (final UnsupportedOperationException ex)
        {
            Files.createFile(file);
        }
    }

    /**
     * @return the file written, or null for {@link #NONE}.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Record one answered request; never blocks.
     *
     * @param remote    the client's address, or null when unknown.
     * @param user      the authenticated user's name, or null when there was none (a 401 or a malformed request).
     * @param method    null for a request too malformed to have one.
     * @param uri       the request target, path and query.
     * @param startNanos {@link System#nanoTime()} when the request arrived.
     */
    public void record(
        final String remote, final String user, final String method, final String uri, final int status,
        final long startNanos)
    {
        if (lines == null)
        {
            return;
        }
        final long millis = (System.nanoTime() - startNanos) / 1_000_000L;
        final String line = Instant.now() + " " + token(remote) + " " + token(user) + " " + token(method) + " " +
            token(uri) + " " + status + " " + millis + "ms";
        if (!lines.offer(line))
        {
            dropped.incrementAndGet();
        }
    }

    /**
     * @return the text as one blank-free token of printable ASCII, at most {@link #MAX_URI} characters, {@code -} for
     * none: a client cannot forge a line or a field.
     */
    static String token(final String text)
    {
        if (text == null || text.isEmpty())
        {
            return "-";
        }
        final int length = Math.min(text.length(), MAX_URI);
        final StringBuilder clean = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            clean.append(c > ' ' && c < 127 ? c : '?');
        }
        return clean.toString();
    }

    private void run()
    {
        final List<String> batch = new ArrayList<>();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND))
        {
            boolean stopping = false;
            while (!stopping)
            {
                final String first = lines.poll(1, TimeUnit.SECONDS);
                if (first != null)
                {
                    batch.add(first);
                    lines.drainTo(batch);
                }
                final long lost = dropped.getAndSet(0);
                if (lost > 0)
                {
                    out.write(Instant.now() + " - - - - access log full: " + lost + " line(s) dropped\n");
                }
                for (final String line : batch)
                {
                    if (STOP.equals(line))
                    {
                        stopping = true;
                    }
                    else
                    {
                        out.write(line);
                        out.write('\n');
                    }
                }
                batch.clear();
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            LOG.error("the access log {} cannot be written; requests are no longer logged", file, ex);
        }
    }

    /**
     * Write what is queued and stop the writing thread.
     */
    @Override
    public void close()
    {
        if (writer == null)
        {
            return;
        }
        try
        {
            if (!lines.offer(STOP, 1, TimeUnit.SECONDS))
            {
                writer.interrupt();
            }
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
