package io.carbonx.engine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalTailerTest
{
    @TempDir
    Path directory;

    @Test
    void followsAJournalThatIsStillBeingAppendedTo()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
        final List<Long> sequences = new ArrayList<>();
        final List<Integer> values = new ArrayList<>();
        try (ChronicleJournal journal = new ChronicleJournal(directory, JournalDurability.PAGE_CACHE);
            JournalTailer tailer = new JournalTailer(directory, 2))
        {
            final JournalRecordHandler collect = (sequence, buffer, offset, length) ->
            {
                sequences.add(sequence);
                values.add(buffer.getInt(offset));
            };
            assertEquals(0, tailer.poll(collect, 100), "an empty journal");
            for (int sequence = 0; sequence < 6; sequence++)
            {
                command.putInt(0, sequence * 11);
                journal.append(sequence, command, 0, 8);
            }
            journal.endOfBatch();

            assertEquals(2, tailer.poll(collect, 2), "at most the limit");
            assertEquals(1, tailer.poll(collect, 100), "then the rest");
            assertEquals(List.of(3L, 4L, 5L), sequences, "the records after the starting sequence");
            assertEquals(List.of(33, 44, 55), values);
            assertEquals(0, tailer.poll(collect, 100));

            command.putInt(0, 66);
            journal.append(6, command, 0, 8);
            journal.endOfBatch();
            assertEquals(1, tailer.poll(collect, 100), "a record appended after the tailer caught up");
            assertEquals(6, tailer.lastSequence());
            assertEquals(66, values.get(3));
        }
    }
}
