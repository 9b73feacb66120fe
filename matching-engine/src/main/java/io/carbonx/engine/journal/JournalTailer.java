package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;

/**
 * Follows a journal that another thread or process is still appending to: each {@link #poll} delivers the records
 * appended since the last one, so a replica can apply the same commands as the engine, a little later.
 * <p>
 * Unlike {@link JournalReader}, which reads to the current end and stops, a tailer keeps its position between polls.
 * Sequences must be dense and every record must pass its checksum, as for the reader. Not thread-safe: one thread
 * polls.
 */
public final class JournalTailer implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RecordDecoder decoder;
    private long lastSequence;
    private long lastRead = RecordDecoder.NONE;

    /**
     * @param directory     of the journal.
     * @param afterSequence records up to and including this sequence are skipped; -1 to deliver them all.
     */
    public JournalTailer(final Path directory, final long afterSequence)
    {
        this.queue = ChronicleQueues.open(directory);
        this.tailer = queue.createTailer();
        this.decoder = new RecordDecoder(queue.file());
        this.lastSequence = afterSequence;
    }

    /**
     * Deliver up to {@code limit} records appended since the last poll. A batch cut short by the limit is read again by
     * the next poll, from the record after the last one delivered.
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
                decoder.wrap(document, lastRead);
                while (decoder.hasNext())
                {
                    if (delivered == limit)
                    {
                        document.rollbackOnClose(); // the rest of the batch on the next poll
                        break;
                    }
                    final long sequence = decoder.next(lastRead);
                    lastRead = sequence;
                    if (sequence <= lastSequence)
                    {
                        continue;
                    }
                    if (sequence != lastSequence + 1)
                    {
                        throw new IllegalStateException("journal " + queue.file() + " has a gap: " + lastSequence +
                            " is followed by " + sequence);
                    }
                    lastSequence = sequence;
                    handler.onRecord(sequence, decoder.record(), COMMAND_OFFSET, decoder.commandLength());
                    delivered++;
                }
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
