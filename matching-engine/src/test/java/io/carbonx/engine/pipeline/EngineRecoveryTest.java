package io.carbonx.engine.pipeline;

import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery from snapshots and the journal tail, against the hash of a run that never stopped: the same commands
 * applied straight to a fresh state machine.
 */
@Timeout(60)
class EngineRecoveryTest
{
    private static final int SNAPSHOT_INTERVAL = 1_000;

    @TempDir
    Path directory;

    private final List<byte[]> script = CommandScript.generate(42, 3_000, 1);

    @Test
    void snapshotPlusJournalTailEqualsTheUninterruptedRun() throws Exception
    {
        final CapturingListener firstRun = runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        final RecoveryResult result = EngineRecovery.recover(settings(), recovered);
        assertEquals(1_999, result.snapshotSequence());
        assertEquals(500, result.replayedCommands());
        assertEquals(2_499, result.lastSequence());
        assertEquals(uninterruptedHash(2_500), result.stateHash());
        assertEquals(uninterruptedHash(2_500), recovered.stateHash());

        // The engine continues after the journal's last sequence and ends where one uninterrupted run ends.
        final CapturingListener secondRun = runEngine(recovered, script.subList(2_500, 3_000));
        assertEquals(2_500, secondRun.events().get(0).commandSequence());
        assertEquals(uninterruptedHash(3_000), recovered.stateHash());
        assertEquals(2_500, firstRun.count());

        final OrderMapStateMachine replayed = new OrderMapStateMachine();
        assertEquals(3_000, JournalReplay.replayAll(settings().journalDirectory(), replayed));
        assertEquals(uninterruptedHash(3_000), replayed.stateHash());
    }

    @Test
    void recoveryAfterASnapshotReadsOnlyTheJournalAfterIt() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));

        final RecoveryResult fromSnapshot = EngineRecovery.recover(settings(), new OrderMapStateMachine());
        assertRecoveredFrom(1_999, 500, fromSnapshot);
        // the 500 after the snapshot, plus the records of two batches (the one holding the snapshot's sequence, the
        // journal's last, read to learn where it ends) and the first records of the documents the seek probed
        final long batches = 2L * settings().batchCommands();
        assertTrue(fromSnapshot.journalRecordsRead() <= 500 + batches + 32, fromSnapshot.toString());

        deleteRecursively(settings().snapshotDirectory());
        final RecoveryResult fromNothing = EngineRecovery.recover(settings(), new OrderMapStateMachine());
        assertRecoveredFrom(SnapshotStore.NO_SNAPSHOT, 2_500, fromNothing);
        assertTrue(fromNothing.journalRecordsRead() > 2_500, fromNothing.toString());
        assertTrue(fromNothing.journalRecordsRead() <= 2_500 + settings().batchCommands(), fromNothing.toString());
        assertEquals(fromNothing.stateHash(), fromSnapshot.stateHash());
    }

    @Test
    void corruptedNewestSnapshotIsSkippedForThePreviousOneAndALongerTail() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));
        final Path newest = newestSnapshot(1_999);
        flipByte(newest, Files.size(newest) - 3);

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        final String log = EnginePipelineTest.capturingStandardError(
            () -> assertRecoveredFrom(999, 1_500, EngineRecovery.recover(settings(), recovered)));
        assertTrue(log.contains("skipping snapshot " + newest + ": body checksum mismatch"), log);
        assertEquals(uninterruptedHash(2_500), recovered.stateHash());
    }

    @Test
    void truncatedNewestSnapshotIsSkippedForThePreviousOneAndALongerTail() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));
        final Path newest = newestSnapshot(1_999);
        try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw"))
        {
            file.setLength(file.length() / 2);
        }

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        final String log = EnginePipelineTest.capturingStandardError(
            () -> assertRecoveredFrom(999, 1_500, EngineRecovery.recover(settings(), recovered)));
        assertTrue(log.contains("skipping snapshot " + newest + ": length"), log);
        assertEquals(uninterruptedHash(2_500), recovered.stateHash());
    }

    @Test
    void withEverySnapshotDamagedTheWholeJournalIsReplayed() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));
        for (final Path snapshot : new SnapshotStore(settings().snapshotDirectory(), 3).snapshots())
        {
            flipByte(snapshot, 5);
        }

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        EnginePipelineTest.capturingStandardError(
            () -> assertRecoveredFrom(SnapshotStore.NO_SNAPSHOT, 2_500, EngineRecovery.recover(settings(), recovered)));
        assertEquals(uninterruptedHash(2_500), recovered.stateHash());
    }

    @Test
    void unfinishedSnapshotIsIgnoredAndDeleted() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));
        final Path unfinished = settings().snapshotDirectory().resolve("snapshot-00000000000000002400.snap.tmp");
        Files.write(unfinished, new byte[] { 1, 2, 3 });

        final OrderMapStateMachine recovered = new OrderMapStateMachine();
        assertRecoveredFrom(1_999, 500, EngineRecovery.recover(settings(), recovered));
        assertFalse(Files.exists(unfinished));
    }

    @Test
    void replayedCommandsEventsCanBeReEmittedOrDropped() throws Exception
    {
        final CapturingListener live = runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));

        final CapturingListener replay = new CapturingListener();
        EngineRecovery.recover(settings(), new OrderMapStateMachine(), replay);
        final List<CapturingListener.Event> liveTail = live.events().subList(2_000, 2_500);
        final List<CapturingListener.Event> replayed = replay.events();
        assertEquals(500, replayed.size());
        for (int i = 0; i < replayed.size(); i++)
        {
            assertEquals(liveTail.get(i).commandSequence(), replayed.get(i).commandSequence());
            assertArrayEquals(liveTail.get(i).bytes(), replayed.get(i).bytes(), "the same events, byte for byte");
        }

        final OrderMapStateMachine quiet = new OrderMapStateMachine();
        assertEquals(500, EngineRecovery.recover(settings(), quiet).replayedCommands(),
            "the same replay, events dropped");
        assertEquals(uninterruptedHash(2_500), quiet.stateHash());
    }

    @Test
    void refusesToSequenceOverCommandsTheJournalLost() throws Exception
    {
        runEngine(new OrderMapStateMachine(), script.subList(0, 2_500));
        deleteRecursively(settings().journalDirectory());

        final IllegalStateException refusal = assertThrows(IllegalStateException.class,
            () -> EngineRecovery.recover(settings(), new OrderMapStateMachine()));
        assertTrue(refusal.getMessage().contains("before the snapshot at 1999"), refusal.getMessage());
    }

    @Test
    void refusesAJournalOfAnOlderSchemaVersionNamingBothVersions()
    {
        final byte[] command = script.get(0).clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(command);
        new MessageHeaderEncoder().wrap(buffer, 0).version(2);
        try (ChronicleJournal journal =
            new ChronicleJournal(settings().journalDirectory(), JournalDurability.PAGE_CACHE))
        {
            journal.append(0, buffer, 0, command.length);
            journal.endOfBatch();
        }

        final IllegalStateException refusal = assertThrows(IllegalStateException.class,
            () -> EngineRecovery.recover(settings(), new OrderMapStateMachine()));
        assertTrue(refusal.getMessage().contains("written with schema version 2 but this build reads schema version " +
            MessageHeaderEncoder.SCHEMA_VERSION), refusal.getMessage());
    }

    @Test
    void recoversOnlyIntoAFreshStateMachine()
    {
        final OrderMapStateMachine used = new OrderMapStateMachine();
        CommandScript.applyDirectly(used, script.subList(0, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> EngineRecovery.recover(settings(), used));
    }

    private CapturingListener runEngine(final OrderMapStateMachine stateMachine, final List<byte[]> commands)
        throws InterruptedException
    {
        final CapturingListener listener = new CapturingListener();
        try (EnginePipeline engine = new EnginePipeline(settings(), stateMachine, List.of(listener)))
        {
            engine.start();
            EnginePipelineTest.publishScript(engine, commands);
        }
        assertEquals(commands.size(), listener.count());
        return listener;
    }

    private long uninterruptedHash(final int commands)
    {
        final OrderMapStateMachine stateMachine = new OrderMapStateMachine();
        CommandScript.applyDirectly(stateMachine, script.subList(0, commands), 0);
        return stateMachine.stateHash();
    }

    private static void assertRecoveredFrom(final long snapshotSequence, final long replayed,
        final RecoveryResult result)
    {
        assertEquals(snapshotSequence, result.snapshotSequence(), result.toString());
        assertEquals(replayed, result.replayedCommands(), result.toString());
    }

    private Path newestSnapshot(final long expectedSequence) throws IOException
    {
        final List<Path> snapshots = new SnapshotStore(settings().snapshotDirectory(), 3).snapshots();
        assertEquals(2, snapshots.size(), "snapshots at 999 and 1999: " + snapshots);
        assertTrue(snapshots.get(0).toString().endsWith(String.format("%020d.snap", expectedSequence)));
        return snapshots.get(0);
    }

    private static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x5A);
        }
    }

    private static void deleteRecursively(final Path root) throws IOException
    {
        final List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(root))
        {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--)
        {
            Files.delete(paths.get(i));
        }
    }

    private EngineSettings settings()
    {
        return EngineSettings.builder()
            .commandRingSize(1024)
            .eventRingSize(1024)
            .journalDirectory(directory.resolve("journal"))
            .snapshotDirectory(directory.resolve("snapshots"))
            .snapshotIntervalCommands(SNAPSHOT_INTERVAL)
            .build();
    }
}
