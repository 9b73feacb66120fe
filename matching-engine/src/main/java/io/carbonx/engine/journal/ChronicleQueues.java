package io.carbonx.engine.journal;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * One place that decides how the journal's Chronicle Queue is laid out, so that the writer and every reader agree.
 */
final class ChronicleQueues
{
    private ChronicleQueues()
    {
    }

    /**
     * @param directory holding the queue's files, created if missing.
     */
    static SingleChronicleQueue open(final Path directory)
    {
        return open(directory, SystemTimeProvider.INSTANCE);
    }

    /**
     * @param directory holding the queue's files, created if missing.
     * @param clock     that decides the roll cycle of appended records: a test's, to write a journal over several days.
     */
    static SingleChronicleQueue open(final Path directory, final TimeProvider clock)
    {
        // Files roll daily by wall clock; that only names files. Replay order is the order of the records, whose
        // sequences are checked to be dense when read.
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .timeProvider(clock)
            .build();
    }
}
