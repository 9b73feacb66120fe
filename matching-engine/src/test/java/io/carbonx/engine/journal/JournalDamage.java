package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Damages a closed journal's files the way a disk or an operator might, for tests: finds where a record lies in its
 * cycle file and flips one of its bytes.
 */
public final class JournalDamage
{
    /** Offset in a record of its checksum, and of its command. */
    public static final int CHECKSUM_OFFSET = JournalRecord.CHECKSUM_OFFSET;
    public static final int COMMAND_OFFSET = JournalRecord.COMMAND_OFFSET;

    private JournalDamage()
    {
    }

    /**
     * Where one record lies: its cycle file, the offset of the record in that file and its length, and the offset of
     * the body of the document (the batch) holding it, which Chronicle's 4-byte header precedes.
     */
    public record Location(Path file, long bodyOffset, int bodyLength, long documentOffset)
    {
    }

    /**
     * @return where the record of a sequence lies in a journal no process has open.
     */
    public static Location locate(final Path journal, final long sequence)
    {
        try (SingleChronicleQueue queue = ChronicleQueues.open(journal);
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        throw new IllegalArgumentException("no record of sequence " + sequence + " in " + journal);
                    }
                    final var bytes = document.wire().bytes();
                    final long end = bytes.readLimit();
                    final long documentOffset = bytes.readPosition();
                    long position = documentOffset;
                    while (position < end)
                    {
                        final int length = COMMAND_OFFSET + bytes.readInt(position + JournalRecord.LENGTH_OFFSET);
                        if (bytes.readLong(position + JournalRecord.SEQUENCE_OFFSET) == sequence)
                        {
                            return new Location(tailer.currentFile().toPath(), position, length, documentOffset);
                        }
                        position += length;
                    }
                }
            }
        }
    }

    /**
     * Flip every bit of one byte of a file.
     */
    public static void flipByte(final Path file, final long offset) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte)~one.get(0));
            one.rewind();
            channel.write(one, offset);
            channel.force(true);
        }
    }
}
