package io.carbonx.gateway.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * How far the order entry has durably reported: the highest command sequence such that every report of every command
 * up to it is in the FIX sessions' message stores. At a restart the events of the commands after it are reported again
 * (those already stored are recognised by their ExecIDs and skipped).
 * <p>
 * The file holds {@code long sequence, int CRC32 of it}, rewritten in place; a torn or damaged file reads as "nothing
 * known" (every command is then reported again as far as the order log allows, and duplicates are skipped by ExecID).
 * Writes reach the page cache, like the order log's. Thread-safe: advanced from the engine's event thread and the FIX
 * sessions' event loops, serialised here.
 */
public final class ReportCheckpoint implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReportCheckpoint.class);
    static final long NONE = -1;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(12);
    private final CRC32 crc = new CRC32();
    private long written;
    private boolean failed;

    private ReportCheckpoint(final Path file, final FileChannel channel, final long written)
    {
        this.file = file;
        this.channel = channel;
        this.written = written;
    }

    public static ReportCheckpoint open(final Path file) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try
        {
            return new ReportCheckpoint(file, channel, read(file, channel));
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static long read(final Path file, final FileChannel channel) throws IOException
    {
        if (channel.size() == 0)
        {
            return NONE;
        }
        final ByteBuffer content = ByteBuffer.allocate(12);
        while (content.hasRemaining() && channel.read(content, content.position()) > 0)
        {
            // read on
        }
        if (content.hasRemaining() || channel.size() != 12)
        {
            LOG.warn("report checkpoint {} is damaged; reporting again from the order log's mark", file);
            return NONE;
        }
        final long sequence = content.getLong(0);
        final CRC32 crc = new CRC32();
        crc.update(content.array(), 0, 8);
        if (content.getInt(8) != (int)crc.getValue() || sequence < NONE)
        {
            LOG.warn("report checkpoint {} fails its checksum; reporting again from the order log's mark", file);
            return NONE;
        }
        return sequence;
    }

    /**
     * @return the sequence last written (or read at open).
     */
    synchronized long sequence()
    {
        return written;
    }

    /**
     * Record that everything up to this sequence is reported; an older sequence is ignored.
     *
     * @throws UncheckedIOException when the file cannot be written.
     */
    synchronized void advance(final long sequence)
    {
        if (sequence <= written || failed)
        {
            return;
        }
        crc.reset();
        buffer.clear();
        buffer.putLong(0, sequence);
        crc.update(buffer.array(), 0, 8);
        buffer.putInt(8, (int)crc.getValue());
        try
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer, buffer.position());
            }
        }
        catch (final IOException ex)
        {
            failed = true;
            throw new UncheckedIOException("cannot write the report checkpoint " + file, ex);
        }
        written = sequence;
    }

    @Override
    public synchronized void close() throws IOException
    {
        channel.close();
    }
}
