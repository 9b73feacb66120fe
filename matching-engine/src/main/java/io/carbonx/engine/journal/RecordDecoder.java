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
 * Checks one Chronicle document of the journal and exposes it as a {@link JournalRecord}, for the reader and the
 * tailer alike: the lengths must add up and the checksum must match, otherwise the journal is damaged and an
 * {@link IllegalStateException} names the journal and the sequence. Owned by the thread that reads with it.
 */
final class RecordDecoder
{
    /** No record read yet: the sequence of the next one is not known. */
    static final long NONE = Long.MIN_VALUE;

    private final File journal;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final RecordChecksum checksum = new RecordChecksum();

    RecordDecoder(final File journal)
    {
        this.journal = journal;
    }

    /**
     * Wrap the document's record.
     *
     * @param previous the sequence of the record before it, or {@link #NONE}, to name the place of a damaged record.
     * @return the record's sequence.
     */
    long wrap(final DocumentContext document, final long previous)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long recordLength = bytes.readRemaining();
        if (recordLength < COMMAND_OFFSET || recordLength > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("journal " + journal + " holds a record of " + recordLength + " bytes" +
                place(previous));
        }

        record.wrap(bytes.addressForRead(bytes.readPosition(), (int)recordLength), (int)recordLength);
        final long sequence = record.getLong(SEQUENCE_OFFSET, LITTLE_ENDIAN);
        final int commandLength = record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN);
        if (COMMAND_OFFSET + (long)commandLength != recordLength)
        {
            throw new IllegalStateException("journal " + journal + " record of sequence " + sequence +
                " declares a command of " + commandLength + " bytes in a record of " + recordLength + place(previous));
        }
        if (!checksum.matches(record))
        {
            throw new IllegalStateException("journal " + journal + " record of sequence " + sequence +
                " fails its checksum" + place(previous) + ": the journal is damaged");
        }

        return sequence;
    }

    /**
     * @return the record last wrapped.
     */
    UnsafeBuffer record()
    {
        return record;
    }

    /**
     * @return the length of the command in the record last wrapped.
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
