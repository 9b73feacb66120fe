package io.carbonx.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads a journal written by {@link ChronicleJournal} back in sequence order, for recovery and replay.
 * <p>
 * A record whose process died while writing it is incomplete in Chronicle's terms and is never returned, so a reader
 * sees exactly the commands that were fully appended. Sequences must be dense; a gap or a record whose lengths do not
 * add up means the journal is damaged and reading stops with an {@link IllegalStateException}, because replaying past
 * it would build a state that never existed.
 * <p>
 * Not thread-safe: one thread reads at a time.
 */
public final class JournalReader implements AutoCloseable
{
    private static final long NONE = Long.MIN_VALUE;

    private final ChronicleQueue queue;
    private final boolean ownsQueue;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);

    /**
     * Open the journal in a folder, for reading.
     */
    public JournalReader(final Path directory)
    {
        this(ChronicleQueues.open(directory), true);
    }

    JournalReader(final ChronicleQueue queue, final boolean ownsQueue)
    {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
    }

    /**
     * @return the sequence of the last complete record, or -1 if the journal is empty.
     */
    public long lastSequence()
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext document = tailer.readingDocument())
            {
                return document.isPresent() ? wrapRecord(document) : -1;
            }
        }
    }

    /**
     * Deliver, in order, every record with {@code afterSequence < sequence <= upToSequence}.
     *
     * @return how many records were delivered.
     */
    public long read(final long afterSequence, final long upToSequence, final JournalRecordHandler handler)
    {
        long delivered = 0;
        long previous = NONE;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }

                    final long sequence = wrapRecord(document);
                    if (NONE != previous && sequence != previous + 1)
                    {
                        throw new IllegalStateException(
                            "journal " + queue.file() + " has a gap: " + previous + " is followed by " + sequence);
                    }
                    previous = sequence;

                    if (sequence > upToSequence)
                    {
                        break;
                    }
                    if (sequence > afterSequence)
                    {
                        handler.onRecord(sequence, record, COMMAND_OFFSET, record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN));
                        delivered++;
                    }
                }
            }
        }

        return delivered;
    }

    @Override
    public void close()
    {
        if (ownsQueue)
        {
            queue.close();
        }
    }

    private long wrapRecord(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long recordLength = bytes.readRemaining();
        if (recordLength < COMMAND_OFFSET || recordLength > Integer.MAX_VALUE)
        {
            throw new IllegalStateException(
                "journal " + queue.file() + " holds a record of " + recordLength + " bytes");
        }

        record.wrap(bytes.addressForRead(bytes.readPosition(), (int)recordLength), (int)recordLength);
        final long sequence = record.getLong(SEQUENCE_OFFSET, LITTLE_ENDIAN);
        final int commandLength = record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN);
        if (COMMAND_OFFSET + (long)commandLength != recordLength)
        {
            throw new IllegalStateException("journal " + queue.file() + " record of sequence " + sequence +
                " declares a command of " + commandLength + " bytes in a record of " + recordLength);
        }

        return sequence;
    }
}
