package io.carbonx.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The business-logic thread's handler: applies each journaled command to the state machine, whose events go to the
 * outbound ring, and takes snapshots when the {@link SnapshotTrigger} says so.
 * <p>
 * Snapshots are written on this thread, between two commands: the state cannot change underneath, so a snapshot is
 * consistent without copying or locking anything. The price is a pause as long as serialising the state and forcing
 * it to disk, during which commands queue in the inbound ring, and producers block once it is full. Size the interval
 * and the ring for that pause, or take snapshots from a replica replaying the same journal.
 * <p>
 * If the state machine throws, which it must not (a rejection is an event), the engine is failed so that an operator
 * looks at it; commands already journaled are still applied, as a replay of the journal would do.
 */
final class BusinessLogicHandler implements EventHandler<CommandSlot>
{
    private static final Logger LOG = LoggerFactory.getLogger(BusinessLogicHandler.class);

    private final StateMachine stateMachine;
    private final RingEventSink events;
    private final SnapshotTrigger snapshotTrigger;
    private final SnapshotStore snapshots;
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
        this.snapshots = snapshots;
        this.status = status;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
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

    private void takeSnapshot(final long sequence)
    {
        final long startNs = System.nanoTime();
        try
        {
            final Path file = snapshots.write(stateMachine);
            final long tookMs = (System.nanoTime() - startNs) / 1_000_000;
            LOG.info("snapshot {} taken after command {} in {} ms", file, sequence, tookMs);
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not fatal: the journal holds every command, recovery just replays a longer tail.
            LOG.error("snapshot after command {} failed", sequence, ex);
        }
    }
}
