package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The business-logic thread's handler: applies each journaled command to the state machine, whose events go to the
 * outbound ring, and takes snapshots when the {@link SnapshotTrigger} says so.
 * <p>
 * Snapshots are captured on this thread, between two commands: the state cannot change underneath, so a snapshot is
 * consistent without locking anything. Only serialising the state into memory pauses the business logic; the
 * {@link SnapshotWriter}'s own thread writes, forces and renames the file meanwhile. Commands queue in the inbound ring
 * during the pause, and producers block once it is full. {@link CommandProcessor} closes the handler as its loop ends:
 * the snapshot being written is finished before the thread ends, so a closed engine leaves every snapshot it took on
 * disk.
 * <p>
 * If the state machine throws, which it must not (a rejection is an event), the engine is failed so that an operator
 * looks at it; commands already journaled are still applied, as a replay of the journal would do.
 */
final class BusinessLogicHandler implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BusinessLogicHandler.class);

    private final StateMachine stateMachine;
    private final RingEventSink events;
    private final SnapshotTrigger snapshotTrigger;
    private final SnapshotWriter snapshots;
    private final EngineStatus status;

    BusinessLogicHandler(
        final StateMachine stateMachine,
        final RingEventSink events,
        final SnapshotTrigger snapshotTrigger,
        final SnapshotStore snapshots,
        final EngineStatus status)
    {
        this.stateMachine = stateMachine;
        this.events = events;
        this.snapshotTrigger = snapshotTrigger;
        this.snapshots = new SnapshotWriter(snapshots);
        this.status = status;
    }

    /**
     * Apply one command of a journaled batch, unless the journal refused it.
     */
    void apply(final CommandSlot slot)
    {
        final long sequence = slot.sequence();
        if (CommandSlot.NOT_SEQUENCED == sequence)
        {
            return;
        }

        final UnsafeBuffer command = slot.buffer();
        final int length = slot.length();
        events.commandSequence(sequence);
        try
        {
            stateMachine.apply(sequence, command, 0, length, events);
        }
        catch (final Throwable ex)
        {
            status.fail("state machine threw applying command " + sequence, ex);
        }

        if (snapshotTrigger.isDue(sequence, command, 0, length))
        {
            takeSnapshot(sequence);
        }
    }

    /**
     * Finish the snapshot being written and stop its writer.
     */
    @Override
    public void close()
    {
        snapshots.close();
    }

    private void takeSnapshot(final long sequence)
    {
        try
        {
            snapshots.take(stateMachine);
            LOG.info("snapshot after command {} captured, {} bytes, the business logic paused {} us", sequence,
                snapshots.lastSnapshotBytes(), snapshots.lastPauseNs() / 1_000);
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not fatal: the journal holds every command, recovery just replays a longer tail.
            LOG.error("snapshot after command {} failed", sequence, ex);
        }
    }
}
