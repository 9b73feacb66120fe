package io.carbonx.engine.journal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Forces the journal's memory-mapped cycle files to the device with fsync.
 * <p>
 * Chronicle's own {@code ExcerptAppender.sync()} msyncs, but only logs when msync fails, so a journal that has lost
 * writes would still release commands. An fsync of the file flushes the same dirty pages, mapped or not, and reports
 * failure as an exception, which fails the engine. The appender tells this class which file each record went to, so
 * a batch that crosses a roll forces the end of the old file as well as the new one, and the folder once per new file
 * so that the file itself survives.
 * <p>
 * Owned by the engine's business-logic thread, which journals.
 */
final class CycleFileSync implements AutoCloseable
{
    private File file;
    private FileChannel channel;

    /**
     * Note the file the last record was written to. Allocates only when the file changes.
     */
    void wroteTo(final File current)
    {
        if (current == file)
        {
            return;
        }

        try
        {
            if (channel != null)
            {
                channel.force(false);
                channel.close();
                channel = null;
            }
            channel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
            file = current;
            forceDirectory(current.getAbsoluteFile().getParentFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot sync journal file " + current, ex);
        }
    }

    /**
     * Force everything written to the current file so far.
     */
    void force()
    {
        if (channel == null)
        {
            return;
        }

        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("fsync of journal file " + file + " failed", ex);
        }
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static void forceDirectory(final File directory) throws IOException
    {
        try (FileChannel folder = FileChannel.open(directory.toPath(), StandardOpenOption.READ))
        {
            folder.force(true);
        }
    }
}
