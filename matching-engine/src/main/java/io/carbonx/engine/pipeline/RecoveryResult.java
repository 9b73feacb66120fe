package io.carbonx.engine.pipeline;

/**
 * What {@link EngineRecovery#recover} did.
 *
 * @param snapshotSequence sequence of the snapshot loaded, or -1 if recovery started from an empty state.
 * @param replayedCommands how many journaled commands were applied after the snapshot.
 * @param lastSequence     the last sequence now applied, equal to the journal's last; the engine continues after it.
 * @param stateHash        of the recovered state.
 * @param journalRecordsRead how many journal records replay read, the replayed ones and the few it read to find the
 *                           first of them: what recovery cost, which grows with the tail after the snapshot only.
 */
public record RecoveryResult(
    long snapshotSequence, long replayedCommands, long lastSequence, long stateHash, long journalRecordsRead)
{
}
