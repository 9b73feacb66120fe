package io.carbonx.server;

import io.carbonx.engine.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a data folder's {@link JournalMark} level with its journal while the server runs, off the engine's threads:
 * once a second it reads the journal's last sequence (one record, from its own reader) and, when the journal has
 * grown, rewrites the mark; {@link #close()} does so a last time once the engine has stopped. A crash leaves a mark at
 * most a second behind, which a truncated or deleted journal still contradicts. Everything but {@link #close()} runs
 * on its own "journal-mark" thread, which alone owns the reader.
 */
final class JournalMarker implements AutoCloseable
{
    private static final long INTERVAL_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(JournalMarker.class);

    private final Path folder;
    private final Path journal;
    private final ScheduledExecutorService thread;
    private JournalReader reader;
    private long written;

    /**
     * @param written the mark the folder holds now.
     */
    JournalMarker(final Path folder, final Path journal, final long written)
    {
        this.folder = folder;
        this.journal = journal;
        this.written = written;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread marker = new Thread(runnable, "journal-mark");
            marker.setDaemon(true);
            return marker;
        });
        thread.scheduleWithFixedDelay(this::mark, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Record the journal's end a last time; call once the engine has stopped appending.
     */
    @Override
    public void close()
    {
        try
        {
            thread.submit(() ->
            {
                mark();
                if (reader != null)
                {
                    reader.close();
                    reader = null;
                }
            }).get();
        }
        catch (final ExecutionException ex)
        {
            LOG.warn("cannot record the journal's end in {}: {}", folder, ex.getCause().toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            thread.shutdownNow();
        }
    }

    private void mark()
    {
        try
        {
            if (reader == null)
            {
                reader = new JournalReader(journal);
            }
            final long end = reader.lastSequence();
            if (end > written)
            {
                JournalMark.write(folder, end);
                written = end;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("cannot record the journal's end in {}: {}", folder, ex.toString());
        }
    }
}
