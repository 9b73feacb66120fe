package io.carbonx.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;

import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads the records of one Chronicle document of the journal, one after the other, for the reader, the seek and the
 * tailer alike: each record's lengths must fit the document and its checksum must match, otherwise the journal is
 * damaged and an {@link IllegalStateException} names the journal and the sequence. A document holds one batch of
 * records (one record in journals written before batches, which read the same way). Owned by the thread that reads
 * with it.
 */
final class RecordDecoder
{
    /** No record read yet: the sequence of the next one is not known. */
    static final long NONE = Long.MIN_VALUE;

    private final File journal;
    private final UnsafeBuffer document = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final RecordChecksum checksum = new RecordChecksum();
    private int position;

    RecordDecoder(final File journal)
    {
        this.journal = journal;
    }

    /**
     * Start on a document: its records are read with {@link #next(long)}, valid while the document is open.
     *
     * @param previous the sequence of the record before it, or {@link #NONE}, to name the place of a damaged document.
     */
    void wrap(final DocumentContext context, final long previous)
    {
        final Bytes<?> bytes = context.wire().bytes();
        final long documentLength = bytes.readRemaining();
        if (documentLength < COMMAND_OFFSET || documentLength > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("journal " + journal + " holds a document of " + documentLength +
                " bytes" + place(previous));
        }
        document.wrap(bytes.addressForRead(bytes.readPosition(), (int)documentLength), (int)documentLength);
        position = 0;
    }

    /**
     * @return whether the document has a record after the last one read.
     */
    boolean hasNext()
    {
        return position < document.capacity();
    }

    /**
     * Read the document's next record, then available as {@link #record()}.
     *
     * @param previous the sequence of the record before it, or {@link #NONE}, to name the place of a damaged record.
     * @return the record's sequence.
     */
    long next(final long previous)
    {
        final int remaining = document.capacity() - position;
        if (remaining < COMMAND_OFFSET)
        {
            throw new IllegalStateException("journal " + journal + " holds " + remaining + " bytes after a record, " +
                "too few for another" + place(previous));
        }
        final long sequence = document.getLong(position + SEQUENCE_OFFSET, LITTLE_ENDIAN);
        final int commandLength = document.getInt(position + LENGTH_OFFSET, LITTLE_ENDIAN);
        if (commandLength < 0 || COMMAND_OFFSET + (long)commandLength > remaining)
        {
            throw new IllegalStateException("journal " + journal + " record of sequence " + sequence +
                " declares a command of " + commandLength + " bytes where " + (remaining - COMMAND_OFFSET) +
                " are left" + place(previous));
        }
        record.wrap(document, position, COMMAND_OFFSET + commandLength);
        if (!checksum.matches(record))
        {
            throw new IllegalStateException("journal " + journal + " record of sequence " + sequence +
                " fails its checksum" + place(previous) + ": the journal is damaged");
        }
        position += COMMAND_OFFSET + commandLength;
        return sequence;
    }

    /**
     * @return the record last read.
     */
    UnsafeBuffer record()
    {
        return record;
    }

    /**
     * @return the length of the command in the record last read.
     */
    int commandLength()
    {
        return record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    private static String place(final long previous)
    {
        return NONE == previous ? "" : " (the record after sequence " + previous + ")";
    }
}
