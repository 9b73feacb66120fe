package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.journal.JournalSchema;
import io.carbonx.engine.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Brings a fresh state machine level with the journal before an {@link EnginePipeline} is started on it: load the
 * newest snapshot that validates (damaged ones are skipped, falling back to older ones and finally to the empty
 * state), then replay the journal after the snapshot's sequence, starting at the record after it rather than reading
 * the journal from its start, so that recovery costs the tail after the snapshot whatever the journal's length. The
 * engine then continues sequencing after the journal's last command, and the recovered state hash equals that of a
 * run that never stopped.
 * <p>
 * Recovery refuses to go on when the journal ends before the snapshot: that happens when journaled commands were
 * lost (a page-cache journal and a power loss, or a missing folder) and sequencing on would reuse their sequences.
 */
public final class EngineRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineRecovery.class);

    private EngineRecovery()
    {
    }

    /**
     * Recover, dropping the events of replayed commands: their listeners already had them before the restart.
     */
    public static RecoveryResult recover(final EngineSettings settings, final StateMachine freshStateMachine)
    {
        return recover(settings, freshStateMachine, null);
    }

    /**
     * Recover, re-emitting the events of replayed commands to a listener, on the calling thread.
     *
     * @param replayListener to receive the events of the replayed commands, or null to drop them.
     */
    public static RecoveryResult recover(
        final EngineSettings settings, final StateMachine freshStateMachine, final EngineEventListener replayListener)
    {
        return recover(settings, freshStateMachine, replayListener, Long.MAX_VALUE);
    }

    /**
     * Recover from the newest snapshot at or before a sequence, re-emitting the events of every command after the
     * snapshot to a listener, on the calling thread: for a listener that has durably handled the events up to that
     * sequence and must see the rest again (it sorts out itself which of them it already handled).
     *
     * @param replayListener to receive the events of the replayed commands, or null to drop them.
     * @param snapshotAtMost the newest sequence a snapshot may be loaded at; {@link Long#MAX_VALUE} for any.
     */
    public static RecoveryResult recover(
        final EngineSettings settings,
        final StateMachine freshStateMachine,
        final EngineEventListener replayListener,
        final long snapshotAtMost)
    {
        if (-1 != freshStateMachine.lastAppliedSequence())
        {
            throw new IllegalArgumentException("recover into a fresh state machine; this one has applied up to " +
                freshStateMachine.lastAppliedSequence());
        }

        final long startNs = System.nanoTime();
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            // before the snapshots: they were taken from the same commands
            JournalSchema.requireCurrentVersion(reader, settings.journalDirectory());
        }
        final long snapshotSequence;
        try
        {
            snapshotSequence = new SnapshotStore(settings.snapshotDirectory(), settings.snapshotsToKeep())
                .loadNewest(freshStateMachine, snapshotAtMost);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshots in " + settings.snapshotDirectory(), ex);
        }

        final long replayed;
        final long recordsRead;
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            final long journalEnd = reader.lastSequence();
            if (journalEnd < snapshotSequence)
            {
                throw new IllegalStateException("journal " + settings.journalDirectory() + " ends at sequence " +
                    journalEnd + ", before the snapshot at " + snapshotSequence + ": journaled commands are missing");
            }
            replayed = JournalReplay.replay(
                reader, freshStateMachine, snapshotSequence, Long.MAX_VALUE, replayListener);
            if (freshStateMachine.lastAppliedSequence() != journalEnd)
            {
                throw new IllegalStateException("replay ended at sequence " + freshStateMachine.lastAppliedSequence() +
                    " but the journal ends at " + journalEnd);
            }
            recordsRead = reader.recordsRead();
        }

        final RecoveryResult result = new RecoveryResult(
            snapshotSequence, replayed, freshStateMachine.lastAppliedSequence(), freshStateMachine.stateHash(),
            recordsRead);
        LOG.info("recovered in {} ms: {}", (System.nanoTime() - startNs) / 1_000_000, result);

        return result;
    }
}
