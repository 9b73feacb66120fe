package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;

/**
 * Reads a journal written by {@link ChronicleJournal} back in sequence order, for recovery and replay.
 * <p>
 * A batch whose process died while writing it is an incomplete document in Chronicle's terms and is never returned, so
 * a reader sees exactly the batches that were fully written. Sequences must be dense; a gap, a record whose lengths do
 * not add up or one that fails its checksum means the journal is damaged and reading stops with an
 * {@link IllegalStateException}, because replaying past it would build a state that never existed.
 * <p>
 * Reading after a sequence starts at the document (the batch) holding it, found through Chronicle's index
 * ({@link JournalSeek}), rather than reading and skipping every record before it: recovery from a recent snapshot
 * costs the journal's tail and at most one batch before it, however long its history. Only the records read are
 * checked, so damage before that point goes unnoticed, as it should: the snapshot already holds what those records did.
 * <p>
 * Not thread-safe: one thread reads at a time.
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final boolean ownsQueue;
    private final RecordDecoder decoder;
    private final JournalSeek seek;
    private long recordsRead;

    /**
     * Open the journal in a folder, for reading.
     */
    public JournalReader(final Path directory)
    {
        this(ChronicleQueues.open(directory), true);
    }

    JournalReader(final SingleChronicleQueue queue, final boolean ownsQueue)
    {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.decoder = new RecordDecoder(queue.file());
        this.seek = new JournalSeek(queue, decoder);
    }

    /**
     * @return how many records this reader has read from the journal so far, whether delivered or not: what reading
     *         costs, for tests and measurements.
     */
    public long recordsRead()
    {
        return recordsRead + seek.recordsRead();
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
                if (!document.isPresent())
                {
                    return -1;
                }
                decoder.wrap(document, RecordDecoder.NONE);
                long last = RecordDecoder.NONE;
                while (decoder.hasNext())
                {
                    recordsRead++;
                    last = decoder.next(last);
                }
                return last;
            }
        }
        catch (final AssertionError ex)
        {
            throw unreadable(ex);
        }
    }

    /**
     * Deliver the journal's first complete record, if it has one: to check what wrote the journal before replaying it.
     *
     * @return whether there was a record to deliver.
     */
    public boolean readFirst(final JournalRecordHandler handler)
    {
        try (ExcerptTailer tailer = queue.createTailer(); DocumentContext document = next(tailer))
        {
            if (!document.isPresent())
            {
                return false;
            }
            decoder.wrap(document, RecordDecoder.NONE);
            final long sequence = decoder.next(RecordDecoder.NONE);
            handler.onRecord(sequence, decoder.record(), COMMAND_OFFSET, decoder.commandLength());
            return true;
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
        long previous = RecordDecoder.NONE;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (afterSequence >= 0 && upToSequence > afterSequence && !seek.toDocumentOf(tailer, afterSequence))
            {
                tailer.toStart();
            }

            boolean more = true;
            while (more)
            {
                try (DocumentContext document = next(tailer))
                {
                    if (!document.isPresent())
                    {
                        break;
                    }

                    decoder.wrap(document, previous);
                    while (decoder.hasNext())
                    {
                        recordsRead++;
                        final long sequence = decoder.next(previous);
                        if (RecordDecoder.NONE != previous && sequence != previous + 1)
                        {
                            throw new IllegalStateException("journal " + queue.file() + " has a gap: " + previous +
                                " is followed by " + sequence);
                        }
                        previous = sequence;

                        if (sequence > upToSequence)
                        {
                            more = false;
                            break;
                        }
                        if (sequence > afterSequence)
                        {
                            handler.onRecord(sequence, decoder.record(), COMMAND_OFFSET, decoder.commandLength());
                            delivered++;
                        }
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

    private DocumentContext next(final ExcerptTailer tailer)
    {
        try
        {
            return tailer.readingDocument();
        }
        catch (final AssertionError ex)
        {
            throw unreadable(ex);
        }
    }

    /**
     * Chronicle checks its files' index and framing with assertions: with assertions enabled a damaged file fails one,
     * which is a damaged journal like any other.
     */
    private IllegalStateException unreadable(final AssertionError ex)
    {
        return new IllegalStateException("journal " + queue.file() + " cannot be read, its files are damaged: " + ex,
            ex);
    }
}
