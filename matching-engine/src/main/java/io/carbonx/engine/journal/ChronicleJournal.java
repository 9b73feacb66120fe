package io.carbonx.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.CHECKSUM_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The journal as a Chronicle Queue in one folder: one document per command, laid out as {@link JournalRecord}.
 * <p>
 * Each command is copied straight from the ring slot into the mapped file (reserve the record with {@code writeSkip},
 * then write through {@code addressForWrite}), with its checksum, so appending allocates nothing. A failure part-way
 * through a record rolls the document back, so a reader never sees half a command. How durable an appended command is
 * before
 * {@link #endOfBatch()} returns is set by {@link JournalDurability}; a sync per batch is an fsync of the files written
 * in the batch, see {@link CycleFileSync}.
 * <p>
 * Chronicle appenders belong to the thread that creates them, so the appender is created by the first
 * {@link #append} on the engine's business-logic thread rather than here.
 */
public final class ChronicleJournal implements Journal
{
    private final SingleChronicleQueue queue;
    private final CycleFileSync sync;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final RecordChecksum checksum = new RecordChecksum();
    private ExcerptAppender appender;
    private long lastSequence;

    /**
     * Open, or create, the journal in a folder.
     */
    public ChronicleJournal(final Path directory, final JournalDurability durability)
    {
        this(directory, durability, SystemTimeProvider.INSTANCE);
    }

    /**
     * Open, or create, the journal in a folder, its files rolled by a given clock: for tests of a journal that spans
     * several roll cycles.
     */
    ChronicleJournal(final Path directory, final JournalDurability durability, final TimeProvider clock)
    {
        sync = JournalDurability.SYNC_PER_BATCH == durability ? new CycleFileSync() : null;
        queue = ChronicleQueues.open(directory, clock);
        try (JournalReader reader = new JournalReader(queue, false))
        {
            lastSequence = reader.lastSequence();
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    @Override
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence != lastSequence + 1)
        {
            throw new IllegalArgumentException(
                "journal ends at " + lastSequence + ", cannot append sequence " + sequence);
        }

        ExcerptAppender appender = this.appender;
        if (appender == null)
        {
            appender = queue.createAppender();
            this.appender = appender;
        }

        final int recordLength = COMMAND_OFFSET + length;
        try (DocumentContext document = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = document.wire().bytes();
                final long position = bytes.writePosition();
                bytes.writeSkip(recordLength);
                record.wrap(bytes.addressForWrite(position), recordLength);
                record.putLong(SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
                record.putInt(LENGTH_OFFSET, length, LITTLE_ENDIAN);
                record.putInt(CHECKSUM_OFFSET, checksum.compute(sequence, buffer, offset, length), LITTLE_ENDIAN);
                record.putBytes(COMMAND_OFFSET, buffer, offset, length);
            }
            catch (final Throwable ex)
            {
                document.rollbackOnClose();
                throw ex;
            }
        }

        lastSequence = sequence;
        if (sync != null)
        {
            sync.wroteTo(appender.currentFile());
        }
    }

    @Override
    public void endOfBatch()
    {
        if (sync != null)
        {
            sync.force();
        }
    }

    @Override
    public void close()
    {
        try
        {
            if (sync != null)
            {
                sync.close();
            }
            if (appender != null)
            {
                appender.close();
            }
        }
        finally
        {
            queue.close();
        }
    }

    @Override
    public String toString()
    {
        return "ChronicleJournal{" + queue.file() + ", lastSequence=" + lastSequence + '}';
    }
}
