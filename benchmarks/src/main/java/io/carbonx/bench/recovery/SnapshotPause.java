package io.carbonx.bench.recovery;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.engine.snapshot.SnapshotWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Times one snapshot of a state machine both ways: as the engine takes it (captured on this thread, which stands for
 * the business logic, then written by the snapshot writer's thread) and written entirely on this thread.
 */
final class SnapshotPause
{
    /**
     * @param pauseMs    how long taking the snapshot held the caller.
     * @param writeMs    how long the writer thread took after that, until the file was in place.
     * @param blockingMs how long a snapshot written entirely on the caller's thread held it.
     * @param bytes      in the snapshot's body.
     * @param serialiseMs of the pause, serialising the state into memory.
     * @param hashMs     of the pause, computing the state hash the snapshot's header records.
     */
    record Figures(double pauseMs, double writeMs, double blockingMs, long bytes, double serialiseMs, double hashMs)
    {
    }

    private SnapshotPause()
    {
    }

    /**
     * @param writer that has taken a snapshot before, so that its image is at its full size, as in a running engine.
     */
    static Figures measure(final StateMachine machine, final SnapshotWriter writer, final Path folder)
        throws IOException
    {
        final long takeStartNs = System.nanoTime();
        writer.take(machine);
        final long capturedNs = System.nanoTime();
        writer.awaitWritten();
        final long writtenNs = System.nanoTime();

        final long blockingStartNs = System.nanoTime();
        new SnapshotStore(folder, 1).write(machine);
        final long blockingNs = System.nanoTime() - blockingStartNs;

        return new Figures((capturedNs - takeStartNs) / 1e6, (writtenNs - capturedNs) / 1e6, blockingNs / 1e6,
            writer.lastSnapshotBytes(), writer.lastImage().serialiseNs() / 1e6, writer.lastImage().hashNs() / 1e6);
    }
}
