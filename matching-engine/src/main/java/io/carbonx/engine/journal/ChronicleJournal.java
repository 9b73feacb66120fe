package io.carbonx.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;

import static io.carbonx.engine.journal.JournalRecord.CHECKSUM_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The journal as a Chronicle Queue in one folder: one document per batch of commands, each command laid out as a
 * {@link JournalRecord}, the records of a batch back to back.
 * <p>
 * Appending copies the command and its checksum into a batch buffer this journal keeps; {@link #endOfBatch()} writes
 * the batch as one document. A Chronicle document costs about 350 ns to open and close (index, header, thread checks),
 * several times what a command costs the business logic, so one per command capped the journaled pipeline; one per
 * batch of up to {@code batchCommands} spreads it. A batch is all or nothing for a reader: a process that dies while
 * writing it leaves an incomplete document, which Chronicle never returns, and none of its commands was applied or
 * answered, because the engine applies a batch only after {@link #endOfBatch()} returned. How durable the batch is
 * then is set by {@link JournalDurability}; a sync per batch is an fsync of the files written in the batch, see
 * {@link CycleFileSync}. Commands appended after the last {@link #endOfBatch()} are dropped by {@link #close()}: a
 * batch is in the journal whole or not at all, and the engine applies none of a batch it could not end. The buffer
 * grows to the longest batch seen and is then reused, so appending allocates nothing.
 * <p>
 * Each batch written tells a {@link JournalPretoucher} where the writing goes on, so that the pages ahead are faulted
 * in by its thread rather than by the writer.
 * <p>
 * Chronicle appenders belong to the thread that creates them, so the appender is created by the first batch written
 * on the engine's business-logic thread rather than here. Owned by that thread.
 */
public final class ChronicleJournal implements Journal
{
    /** A batch is written out early once it holds this many bytes, so no document grows past Chronicle's limits. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private final SingleChronicleQueue queue;
    private final CycleFileSync sync;
    private final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(64 * 1024);
    private final RecordChecksum checksum = new RecordChecksum();
    private ExcerptAppender appender;
    private JournalPretoucher pretoucher;
    private int batchLength;
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

        final int recordLength = COMMAND_OFFSET + length;
        if (batchLength > 0 && batchLength + recordLength > MAX_DOCUMENT_BYTES)
        {
            writeBatch();
        }
        final int record = batchLength;
        batch.putLong(record + SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
        batch.putInt(record + LENGTH_OFFSET, length, LITTLE_ENDIAN);
        batch.putInt(record + CHECKSUM_OFFSET, checksum.compute(sequence, buffer, offset, length), LITTLE_ENDIAN);
        batch.putBytes(record + COMMAND_OFFSET, buffer, offset, length);
        batchLength += recordLength;
        lastSequence = sequence;
    }

    @Override
    public void endOfBatch()
    {
        writeBatch();
        if (sync != null)
        {
            sync.force();
        }
    }

    /**
     * Write the commands appended since the last batch as one document. The batch is gone afterwards, written or not:
     * after a failure the journal is not trusted with anything more (see {@link Journal}).
     */
    private void writeBatch()
    {
        if (0 == batchLength)
        {
            return;
        }
        final int length = batchLength;
        batchLength = 0;

        ExcerptAppender appender = this.appender;
        if (appender == null)
        {
            appender = queue.createAppender();
            this.appender = appender;
            pretoucher = JournalPretoucher.supported() ? new JournalPretoucher() : null;
        }
        try (DocumentContext document = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = document.wire().bytes();
                bytes.write(batch.byteArray(), 0, length);
                if (pretoucher != null)
                {
                    tellPretoucher(bytes);
                }
            }
            catch (final Throwable ex)
            {
                document.rollbackOnClose();
                throw ex;
            }
        }
        if (sync != null)
        {
            sync.wroteTo(appender.currentFile());
        }
    }

    /**
     * Tell the pretoucher where the next batch goes, if that is inside the chunk of the file mapped now (asking for the
     * address of a position past it would map the next chunk).
     */
    private void tellPretoucher(final Bytes<?> bytes)
    {
        final long position = bytes.writePosition();
        final BytesStore<?, ?> chunk = bytes.bytesStore();
        if (chunk != null && position >= chunk.start() && position < chunk.safeLimit())
        {
            final long address = chunk.addressForWrite(position);
            pretoucher.wrote(address, address + (chunk.safeLimit() - position));
        }
    }

    /**
     * @return the bytes of the journal's files faulted in ahead of the writer so far, for tests.
     */
    long pretouchedBytes()
    {
        return pretoucher == null ? 0 : pretoucher.touchedBytes();
    }

    @Override
    public void close()
    {
        try
        {
            if (pretoucher != null)
            {
                pretoucher.close();
            }
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
