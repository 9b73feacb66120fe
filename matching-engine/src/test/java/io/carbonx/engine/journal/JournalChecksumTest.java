package io.carbonx.engine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A byte of a journal record that changed on disk stops reading at that record, naming the journal and the sequence,
 * instead of replaying into a state that never existed.
 */
class JournalChecksumTest
{
    private static final int RECORDS = 10;
    private static final long DAMAGED = 6;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "byte {0} of the record")
    @ValueSource(ints =
        {0, 3, 8, JournalDamage.CHECKSUM_OFFSET, JournalDamage.COMMAND_OFFSET, JournalDamage.COMMAND_OFFSET + 13})
    void theReaderStopsAtARecordThatFailsItsChecksum(final int byteInRecord) throws Exception
    {
        appendRecords();
        final JournalDamage.Location record = JournalDamage.locate(directory, DAMAGED);
        JournalDamage.flipByte(record.file(), record.bodyOffset() + byteInRecord);

        final List<Long> delivered = new ArrayList<>();
        try (JournalReader reader = new JournalReader(directory))
        {
            final IllegalStateException damaged = assertThrows(IllegalStateException.class,
                () -> reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) -> delivered.add(sequence)));
            assertDamageNamed(damaged);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), delivered, "the records before the damaged one, no more");
    }

    @Test
    void theLastRecordIsVerifiedToo() throws Exception
    {
        appendRecords();
        final JournalDamage.Location record = JournalDamage.locate(directory, RECORDS - 1);
        JournalDamage.flipByte(record.file(), record.bodyOffset() + JournalDamage.COMMAND_OFFSET);

        try (JournalReader reader = new JournalReader(directory))
        {
            final IllegalStateException damaged = assertThrows(IllegalStateException.class, reader::lastSequence);
            assertTrue(damaged.getMessage().contains("record of sequence " + (RECORDS - 1) + " fails its checksum"),
                damaged.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new ChronicleJournal(directory, JournalDurability.PAGE_CACHE),
            "a damaged journal is not appended to");
    }

    @Test
    void theTailerStopsAtARecordThatFailsItsChecksum() throws Exception
    {
        appendRecords();
        final JournalDamage.Location record = JournalDamage.locate(directory, DAMAGED);
        JournalDamage.flipByte(record.file(), record.bodyOffset() + JournalDamage.COMMAND_OFFSET + 1);

        final List<Long> delivered = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(directory, 2))
        {
            final IllegalStateException damaged = assertThrows(IllegalStateException.class,
                () -> tailer.poll((sequence, buffer, offset, length) -> delivered.add(sequence), 100));
            assertDamageNamed(damaged);
            assertEquals(5, tailer.lastSequence());
        }
        assertEquals(List.of(3L, 4L, 5L), delivered);
    }

    @Test
    void anUndamagedJournalPassesItsChecksums()
    {
        appendRecords();
        try (JournalReader reader = new JournalReader(directory);
            JournalTailer tailer = new JournalTailer(directory, -1))
        {
            assertEquals(RECORDS, reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) -> {}));
            assertEquals(RECORDS, tailer.poll((sequence, buffer, offset, length) -> {}, 100));
        }
    }

    private void assertDamageNamed(final IllegalStateException damaged)
    {
        final String message = damaged.getMessage();
        assertTrue(message.contains(directory.toString()), "names the journal: " + message);
        assertTrue(message.contains("after sequence " + (DAMAGED - 1)), "names the sequence: " + message);
    }

    private void appendRecords()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[40]);
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE))
        {
            for (int sequence = 0; sequence < RECORDS; sequence++)
            {
                for (int i = 0; i < 40; i++)
                {
                    command.putByte(i, (byte)(sequence * 31 + i));
                }
                journal.append(sequence, command, 0, 20 + sequence);
            }
            journal.endOfBatch();
        }
    }
}
