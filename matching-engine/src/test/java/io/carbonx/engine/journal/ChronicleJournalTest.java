package io.carbonx.engine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                final byte[] read = new byte[length];
                buffer.getBytes(offset, read);
                final byte[] expected = new byte[50];
                System.arraycopy(bytes, 37, expected, 0, 50);
                assertArrayEquals(expected, read);
            });
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
        }
    }
}
