package io.carbonx.engine.journal;

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
        // Files roll daily by wall clock; that only names files. Replay order is the order of the records, whose
        // sequences are checked to be dense when read.
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .build();
    }
}
