package io.carbonx.engine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ChronicleJournalTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(JournalDurability.class)
    void readsBackWhatWasAppendedInOrder(final JournalDurability durability)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, durability))
        {
            assertEquals(-1, journal.lastSequence());
            for (int sequence = 0; sequence < 1000; sequence++)
            {
                command.putInt(0, sequence * 7);
                journal.append(sequence, command, 0, 4 + sequence % 60);
                if (sequence % 10 == 9)
                {
                    journal.endOfBatch();
                }
            }
            journal.endOfBatch();
        }

        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(999, reader.lastSequence());
            final List<Long> sequences = new ArrayList<>();
            final long read = reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                assertEquals(4 + sequence % 60, length);
                assertEquals(sequence * 7, buffer.getInt(offset));
                sequences.add(sequence);
            });
            assertEquals(1000, read);
            assertEquals(0, sequences.get(0));
            assertEquals(999, sequences.get(999));
        }
    }

    @Test
    void readsARangeOfSequences()
    {
        appendCommands(0, 100);
        try (JournalReader reader = new JournalReader(directory))
        {
            final List<Long> sequences = new ArrayList<>();
            reader.read(41, 59, (sequence, buffer, offset, length) -> sequences.add(sequence));
            assertEquals(18, sequences.size());
            assertEquals(42, sequences.get(0));
            assertEquals(59, sequences.get(17));
        }
    }

    @Test
    void reopenedJournalContinuesAfterItsLastSequence()
    {
        appendCommands(0, 10);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            assertEquals(9, journal.lastSequence());
            final UnsafeBuffer command = new UnsafeBuffer(new byte[8]);
            assertThrows(IllegalArgumentException.class, () -> journal.append(11, command, 0, 8));
            journal.append(10, command, 0, 8);
            journal.endOfBatch();
            assertEquals(10, journal.lastSequence());
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(10, reader.lastSequence());
            assertEquals(11, reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) -> {}));
        }
    }

    @Test
    void copiesCommandsFromAnyOffset()
    {
        final byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            journal.append(0, new UnsafeBuffer(bytes), 37, 50);
            journal.endOfBatch();
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            final long delivered = reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                final byte[] read = new byte[length];
                buffer.getBytes(offset, read);
                final byte[] expected = new byte[50];
                System.arraycopy(bytes, 37, expected, 0, 50);
                assertArrayEquals(expected, read);
            });
            assertEquals(1, delivered);
        }
    }

    @Test
    void eachBatchIsOneDocument()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        long sequence = 0;
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            for (final int batch : new int[] {5, 1, 200})
            {
                for (int i = 0; i < batch; i++, sequence++)
                {
                    command.putLong(0, sequence);
                    journal.append(sequence, command, 0, 16);
                }
                journal.endOfBatch();
            }
            journal.endOfBatch(); // an empty batch writes nothing
        }

        assertEquals(3, documents());
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(205, reader.lastSequence());
            assertEquals(206, reader.read(-1, Long.MAX_VALUE, (seq, buffer, offset, length) ->
                assertEquals(seq, buffer.getLong(offset))));
        }
    }

    @Test
    void aBatchNotEndedIsDroppedAtClose()
    {
        appendCommands(0, 10);
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            journal.append(10, command, 0, 16);
            journal.append(11, command, 0, 16);
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(9, reader.lastSequence(), "a batch is in the journal whole or not at all");
        }
    }

    @Test
    void aBatchLargerThanADocumentIsWrittenInSeveral()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[2_000]);
        final int commands = 3 * ChronicleJournal.MAX_DOCUMENT_BYTES / 2_000;
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            for (int sequence = 0; sequence < commands; sequence++)
            {
                command.putInt(1_996, sequence);
                journal.append(sequence, command, 0, 2_000);
            }
            journal.endOfBatch();
        }

        assertEquals(4, documents());
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(commands, reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
                assertEquals(sequence, buffer.getInt(offset + 1_996))));
        }
    }

    @Test
    void thePagesAheadOfTheWriterAreFaultedInByAnotherThread()
    {
        assumeTrue(JournalPretoucher.supported(), "Linux with JNA");
        final UnsafeBuffer command = new UnsafeBuffer(new byte[100]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            for (int sequence = 0; sequence < 1_000; sequence++)
            {
                command.putInt(0, sequence);
                journal.append(sequence, command, 0, 100);
                if (sequence % 100 == 99)
                {
                    journal.endOfBatch();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.pretouchedBytes() > 0);
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(1_000, reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
                assertEquals(sequence, buffer.getInt(offset))));
        }
    }

    private long documents()
    {
        long documents = 0;
        try (SingleChronicleQueue queue = ChronicleQueues.open(directory); ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        return documents;
                    }
                    documents++;
                }
            }
        }
    }

    private void appendCommands(final long first, final int count)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            for (long sequence = first; sequence < first + count; sequence++)
            {
                command.putLong(0, sequence);
                journal.append(sequence, command, 0, 16);
            }
            journal.endOfBatch();
        }
    }
}
