package io.carbonx.server;

import io.carbonx.engine.journal.JournalDamage;
import io.carbonx.engine.journal.JournalReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A stopped server's journal files, to damage them the way a disk, a crash or an operator might.
 */
final class JournalFiles
{
    private JournalFiles()
    {
    }

    static Path journal(final Path data)
    {
        return data.resolve("journal");
    }

    /**
     * @return the sequence of the journal's last command, -1 when it is empty.
     */
    static long lastSequence(final Path data)
    {
        try (JournalReader reader = new JournalReader(journal(data)))
        {
            return reader.lastSequence();
        }
    }

    /**
     * @return the journal's cycle files, the ones that hold its records.
     */
    static List<Path> cycleFiles(final Path data) throws IOException
    {
        try (Stream<Path> files = Files.list(journal(data)))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /**
     * @return where the record of a sequence lies in the journal of a data folder no process has open.
     */
    static JournalDamage.Location locate(final Path data, final long sequence)
    {
        return JournalDamage.locate(journal(data), sequence);
    }

    /**
     * @return whether the file holds only zeros (or nothing) in {@code [from, from + length)}.
     */
    static boolean zeroFrom(final Path file, final long from, final int length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length);
            channel.read(bytes, from);
            for (int i = 0; i < bytes.position(); i++)
            {
                if (bytes.get(i) != 0)
                {
                    return false;
                }
            }
            return true;
        }
    }

    static void truncate(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(length);
            channel.force(true);
        }
    }
}
