package io.carbonx.server;

import io.carbonx.engine.journal.JournalReader;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

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
    /** Offset in a journal record of its command, after the sequence, the length and the checksum. */
    static final int COMMAND_OFFSET = 16;

    private JournalFiles()
    {
    }

    /**
     * Where one record lies: its cycle file, the offset of the record there, and the offset of the body of the document
     * (the batch) holding it, which Chronicle's 4-byte header precedes.
     */
    record Location(Path file, long bodyOffset, long documentOffset)
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

    static Location locate(final Path data, final long sequence)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journal(data))
            .rollCycle(RollCycles.FAST_DAILY).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        throw new IllegalArgumentException("no record of sequence " + sequence + " in " + data);
                    }
                    final var bytes = document.wire().bytes();
                    final long documentOffset = bytes.readPosition();
                    for (long record = documentOffset; record < bytes.readLimit();
                        record += COMMAND_OFFSET + bytes.readInt(record + 8))
                    {
                        if (bytes.readLong(record) == sequence)
                        {
                            return new Location(tailer.currentFile().toPath(), record, documentOffset);
                        }
                    }
                }
            }
        }
    }

    static void flipByte(final Path file, final long offset) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte)~one.get(0));
            channel.write(one.rewind(), offset);
            channel.force(true);
        }
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
