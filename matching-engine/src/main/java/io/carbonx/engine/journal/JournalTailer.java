package io.carbonx.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Follows a journal that another thread or process is still appending to: each {@link #poll} delivers the records
 * appended since the last one, so a replica can apply the same commands as the engine, a little later.
 * <p>
 * Unlike {@link JournalReader}, which reads to the current end and stops, a tailer keeps its position between polls.
 * Sequences must be dense, as for the reader. Not thread-safe: one thread polls.
 */
public final class JournalTailer implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private long lastSequence;

    /**
     * @param directory     of the journal.
     * @param afterSequence records up to and including this sequence are skipped; -1 to deliver them all.
     */
    public JournalTailer(final Path directory, final long afterSequence)
    {
        this.queue = ChronicleQueues.open(directory);
        this.tailer = queue.createTailer();
        this.lastSequence = afterSequence;
    }

    /**
     * Deliver up to {@code limit} records appended since the last poll.
     *
     * @return how many records were delivered; 0 when the journal has nothing new.
     */
    public int poll(final JournalRecordHandler handler, final int limit)
    {
        int delivered = 0;
        while (delivered < limit)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long recordLength = bytes.readRemaining();
                if (recordLength < COMMAND_OFFSET || recordLength > Integer.MAX_VALUE)
                {
                    throw new IllegalStateException("journal " + queue.file() + " holds a record of " + recordLength + " bytes");
                }
                record.wrap(bytes.addressForRead(bytes.readPosition(), (int)recordLength), (int)recordLength);
                final long sequence = record.getLong(SEQUENCE_OFFSET, LITTLE_ENDIAN);
                if (sequence <= lastSequence)
                {
                    continue;
                }
                if (sequence != lastSequence + 1)
                {
                    throw new IllegalStateException(
                        "journal " + queue.file() + " has a gap: " + lastSequence + " is followed by " + sequence);
                }
                lastSequence = sequence;
                handler.onRecord(sequence, record, COMMAND_OFFSET, record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN));
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * @return the sequence of the last record delivered, or the starting point when none was.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
