package io.carbonx.engine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pretoucher faults in the pages ahead of the writer's position, within the mapping it was told of, and leaves
 * their content as it was.
 */
class JournalPretoucherTest
{
    private static final int MAPPED = 32 << 20;
    private static final int PAGE = 4096;
    private static final Duration AWAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private MappedByteBuffer mapped;
    private UnsafeBuffer file;

    @BeforeEach
    void mapAFile() throws IOException
    {
        assumeTrue(JournalPretoucher.supported(), "Linux with JNA");
        final Path path = directory.resolve("mapped");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, MAPPED);
        }
        file = new UnsafeBuffer(mapped);
    }

    @Test
    void faultsInThePagesAheadOfTheWriterWithoutChangingThem()
    {
        for (int offset = 0; offset < 3 * PAGE; offset += Long.BYTES)
        {
            file.putLong(offset, offset * 31L + 7);
        }
        final long start = file.addressOffset();
        try (JournalPretoucher pretoucher = new JournalPretoucher())
        {
            pretoucher.wrote(start + 3 * PAGE, start + MAPPED);
            await().atMost(AWAIT).until(() -> pretoucher.touchedBytes() == JournalPretoucher.AHEAD_BYTES);

            pretoucher.wrote(start + 12 * PAGE + 100, start + MAPPED);
            // from where it had got to, up to the same distance ahead of the new position
            await().atMost(AWAIT).until(() -> pretoucher.touchedBytes() == JournalPretoucher.AHEAD_BYTES + 9 * PAGE);
        }

        for (int offset = 0; offset < 3 * PAGE; offset += Long.BYTES)
        {
            assertEquals(offset * 31L + 7, file.getLong(offset), "written bytes stay");
        }
        for (int offset = 3 * PAGE; offset < MAPPED; offset += PAGE)
        {
            assertEquals(0, file.getLong(offset), "pages ahead stay zero");
        }
    }

    @Test
    void aRangeNoLongerMappedIsPassedOver()
    {
        final long start = file.addressOffset();
        try (JournalPretoucher pretoucher = new JournalPretoucher())
        {
            // the first pages of an address space are never mapped: the kernel refuses the range, the thread goes on
            pretoucher.wrote(PAGE, 64L * PAGE);
            pretoucher.wrote(start, start + MAPPED);
            await().atMost(AWAIT).until(() -> pretoucher.touchedBytes() == JournalPretoucher.AHEAD_BYTES);
        }
    }

    @Test
    void staysWithinTheMappingItWasToldOf()
    {
        final long start = file.addressOffset();
        try (JournalPretoucher pretoucher = new JournalPretoucher())
        {
            pretoucher.wrote(start + MAPPED - 5 * PAGE, start + MAPPED);
            await().atMost(AWAIT).until(() -> pretoucher.touchedBytes() == 5L * PAGE);
        }
    }
}
