package io.carbonx.engine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading after a sequence goes straight to the record after it through Chronicle's index instead of reading and
 * skipping the journal's history, within one roll cycle and across several.
 */
class JournalSeekTest
{
    /** Records per day of the multi-day journal: days 0, 1 and 3 (no file for day 2). */
    private static final int[] RECORDS_PER_DAY = {100, 150, 0, 200};
    private static final long LAST = 449;
    /** Batches of 1 to 13 records, so documents start at irregular sequences. */
    private static final int MAX_BATCH = 13;
    /** First records the seek reads: one per day file from the newest back, then its halving probes. */
    private static final int PROBES = 3 + 16;

    private static final JournalRecordHandler IGNORE = (sequence, buffer, offset, length) ->
    {
    };

    @TempDir
    Path directory;

    @Test
    void readingAfterASequenceReadsOnlyTheRecordsAfterIt()
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toNanos(1));
        appendRecords(clock, 0, 10_000);

        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> delivered = new ArrayList<>();
            reader.read(8_999, Long.MAX_VALUE, (sequence, buffer, offset, length) -> delivered.add(sequence));

            assertEquals(1_000, delivered.size());
            assertEquals(9_000, delivered.get(0));
            assertEquals(9_999, delivered.get(999));
            // the first records of the documents probed, and the records of the batch holding 8,999 up to it
            assertTrue(reader.recordsRead() <= 1_000 + MAX_BATCH + PROBES, "read " + reader.recordsRead());
        }
    }

    @Test
    void readingFromTheStartReadsEveryRecord()
    {
        appendRecords(new SetTimeProvider(TimeUnit.DAYS.toNanos(1)), 0, 500);
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(500, reader.read(-1, Long.MAX_VALUE, IGNORE));
            assertEquals(500, reader.recordsRead());
        }
    }

    @Test
    void readingAfterTheLastRecordReadsAlmostNothing()
    {
        appendRecords(new SetTimeProvider(TimeUnit.DAYS.toNanos(1)), 0, 5_000);
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(0, reader.read(4_999, Long.MAX_VALUE, IGNORE));
            assertTrue(reader.recordsRead() <= MAX_BATCH + PROBES, "read " + reader.recordsRead());
        }
    }

    @ParameterizedTest(name = "after sequence {0}")
    @ValueSource(longs = {-1, 0, 1, 98, 99, 100, 101, 248, 249, 250, 251, 300, 448, LAST})
    void readsAfterAnySequenceOfAJournalSpanningSeveralDays(final long afterSequence)
    {
        appendOverSeveralDays();

        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> delivered = new ArrayList<>();
            reader.read(afterSequence, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                assertEquals(payloadOf(sequence), buffer.getLong(offset));
                delivered.add(sequence);
            });

            assertEquals(LAST - afterSequence, delivered.size());
            for (int i = 0; i < delivered.size(); i++)
            {
                assertEquals(afterSequence + 1 + i, delivered.get(i));
            }
            // at most: the records probed, the batch holding the record sought, and those after it
            assertTrue(reader.recordsRead() <= delivered.size() + MAX_BATCH + PROBES,
                "read " + reader.recordsRead() + " records to deliver " + delivered.size());
        }
    }

    @Test
    void aRangeWithinAnOlderDayStopsAtItsEnd()
    {
        appendOverSeveralDays();
        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> delivered = new ArrayList<>();
            reader.read(120, 130, (sequence, buffer, offset, length) -> delivered.add(sequence));
            assertEquals(List.of(121L, 122L, 123L, 124L, 125L, 126L, 127L, 128L, 129L, 130L), delivered);
            assertTrue(reader.recordsRead() <= 10 + 2 * MAX_BATCH + PROBES, "read " + reader.recordsRead());
        }
    }

    @Test
    void aGapAfterTheSoughtRecordIsStillFound()
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toNanos(1));
        appendRecords(clock, 0, 100);
        appendRecordsUnchecked(clock, 101, 10);

        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> delivered = new ArrayList<>();
            final IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> reader.read(90, Long.MAX_VALUE, (sequence, buffer, offset, length) -> delivered.add(sequence)));
            assertTrue(gap.getMessage().contains("99 is followed by 101"), gap.getMessage());
            assertEquals(9, delivered.size());
        }
    }

    @ParameterizedTest(name = "after sequence {0}")
    @ValueSource(longs = {-1, 0, 99, 100, 249, 250, 300, LAST})
    void aTailerStartsAfterItsSequenceOnAJournalSpanningSeveralDays(final long afterSequence)
    {
        appendOverSeveralDays();

        try (JournalTailer tailer = new JournalTailer(directory, afterSequence))
        {
            final List<Long> delivered = new ArrayList<>();
            tailer.poll((sequence, buffer, offset, length) ->
            {
                assertEquals(payloadOf(sequence), buffer.getLong(offset));
                delivered.add(sequence);
            }, 1_000);
            assertEquals(LAST - afterSequence, delivered.size());
            if (!delivered.isEmpty())
            {
                assertEquals(afterSequence + 1, delivered.get(0));
            }
            assertEquals(LAST, tailer.lastSequence());
        }
    }

    @Test
    void aTailerStartedAfterTheLastRecordFollowsLaterAppends()
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toNanos(1));
        appendRecords(clock, 0, 100);
        try (JournalTailer tailer = new JournalTailer(directory, 99);
            ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE, clock))
        {
            final List<Long> delivered = new ArrayList<>();
            assertEquals(0, tailer.poll((sequence, buffer, offset, length) -> delivered.add(sequence), 1_000));
            final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
            for (long sequence = 100; sequence < 150; sequence++)
            {
                command.putLong(0, payloadOf(sequence));
                journal.append(sequence, command, 0, 8);
            }
            assertEquals(0, tailer.poll((sequence, buffer, offset, length) -> delivered.add(sequence), 1_000),
                "nothing of a batch before its end");
            journal.endOfBatch();
            assertEquals(50, tailer.poll((sequence, buffer, offset, length) -> delivered.add(sequence), 1_000));
            clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
            for (long sequence = 150; sequence < 160; sequence++)
            {
                command.putLong(0, payloadOf(sequence));
                journal.append(sequence, command, 0, 8);
            }
            journal.endOfBatch();
            assertEquals(10, tailer.poll((sequence, buffer, offset, length) -> delivered.add(sequence), 1_000));
            assertEquals(100, delivered.get(0));
            assertEquals(159, delivered.get(59));
        }
    }

    @Test
    void aTailerLimitedWithinABatchDeliversTheRestOfItNextPoll()
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toNanos(1));
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE, clock))
        {
            for (long sequence = 0; sequence < 10; sequence++)
            {
                command.putLong(0, payloadOf(sequence));
                journal.append(sequence, command, 0, 8);
            }
            journal.endOfBatch();
        }

        try (JournalTailer tailer = new JournalTailer(directory, -1))
        {
            final List<Long> delivered = new ArrayList<>();
            final JournalRecordHandler collect = (sequence, buffer, offset, length) ->
            {
                assertEquals(payloadOf(sequence), buffer.getLong(offset));
                delivered.add(sequence);
            };
            assertEquals(4, tailer.poll(collect, 4));
            assertEquals(4, tailer.poll(collect, 4));
            assertEquals(2, tailer.poll(collect, 4));
            assertEquals(0, tailer.poll(collect, 4));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), delivered);
        }
    }

    @ParameterizedTest(name = "after sequence {0}")
    @ValueSource(longs = {-1, 0, 1, 150, 298, 299})
    void aJournalOfOneRecordPerDocumentReadsAndSeeksAsBefore(final long afterSequence)
    {
        appendRecordsUnchecked(new SetTimeProvider(TimeUnit.DAYS.toNanos(1)), 0, 300);

        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> delivered = new ArrayList<>();
            reader.read(afterSequence, Long.MAX_VALUE, (sequence, buffer, offset, length) -> delivered.add(sequence));
            assertEquals(299 - afterSequence, delivered.size());
            if (!delivered.isEmpty())
            {
                assertEquals(afterSequence + 1, delivered.get(0));
            }
            if (afterSequence >= 0)
            {
                // the cycle's first record, then straight to the record sought: one record per document
                assertEquals(delivered.size() + 3, reader.recordsRead());
            }
        }
    }

    private void appendOverSeveralDays()
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toNanos(1));
        long sequence = 0;
        for (final int records : RECORDS_PER_DAY)
        {
            appendRecords(clock, sequence, records);
            sequence += records;
            clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(LAST, reader.lastSequence());
        }
        try (Stream<Path> files = Files.list(directory))
        {
            assertEquals(3, files.filter(file -> file.toString().endsWith(".cq4")).count(), "one file per day");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void appendRecords(final SetTimeProvider clock, final long first, final int count)
    {
        if (count == 0)
        {
            return;
        }
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE, clock))
        {
            long batchEnd = first;
            for (long sequence = first; sequence < first + count; sequence++)
            {
                command.putLong(0, payloadOf(sequence));
                journal.append(sequence, command, 0, 8 + (int)(sequence % 8));
                if (sequence == batchEnd)
                {
                    journal.endOfBatch();
                    batchEnd = sequence + 1 + (sequence * 7 % MAX_BATCH);
                }
            }
            journal.endOfBatch();
        }
    }

    /**
     * Append well-formed records that do not continue the journal, as a journal missing records would hold, straight
     * through Chronicle: the journal itself refuses to append them.
     */
    private void appendRecordsUnchecked(final SetTimeProvider clock, final long first, final int count)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[8]);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[JournalRecord.COMMAND_OFFSET + 8]);
        final RecordChecksum checksum = new RecordChecksum();
        try (SingleChronicleQueue queue = ChronicleQueues.open(directory, clock);
            ExcerptAppender appender = queue.createAppender())
        {
            for (long sequence = first; sequence < first + count; sequence++)
            {
                command.putLong(0, payloadOf(sequence));
                record.putLong(JournalRecord.SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
                record.putInt(JournalRecord.LENGTH_OFFSET, 8, LITTLE_ENDIAN);
                record.putInt(JournalRecord.CHECKSUM_OFFSET, checksum.compute(sequence, command, 0, 8), LITTLE_ENDIAN);
                record.putBytes(JournalRecord.COMMAND_OFFSET, command, 0, 8);
                try (DocumentContext document = appender.writingDocument())
                {
                    document.wire().bytes().write(record.byteArray());
                }
            }
        }
    }

    private static long payloadOf(final long sequence)
    {
        return sequence * 1_000_003L + 17;
    }
}
