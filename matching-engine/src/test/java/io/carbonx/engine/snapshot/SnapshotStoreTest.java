package io.carbonx.engine.snapshot;

import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.pipeline.CommandScript;
import io.carbonx.engine.pipeline.OrderMapStateMachine;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest
{
    @TempDir
    Path directory;

    private final List<byte[]> script = CommandScript.generate(5, 600, 1);

    @Test
    void loadsTheStateItWrote() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 3);
        final OrderMapStateMachine original = stateAfter(400);
        final Path file = store.write(original);

        final SnapshotHeader header = SnapshotStore.validate(file);
        assertEquals(399, header.sequence());
        assertEquals(original.stateHash(), header.stateHash());
        assertEquals(Files.size(file), SnapshotHeader.LENGTH + header.bodyLength());

        final OrderMapStateMachine loaded = new OrderMapStateMachine();
        assertEquals(399, store.loadNewest(loaded));
        assertEquals(original.stateHash(), loaded.stateHash());
        assertEquals(original.openOrderCount(), loaded.openOrderCount());
    }

    @Test
    void emptyFolderHasNoSnapshot() throws IOException
    {
        assertEquals(SnapshotStore.NO_SNAPSHOT, new SnapshotStore(directory, 3).loadNewest(new OrderMapStateMachine()));
    }

    @Test
    void keepsOnlyTheNewest() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 2);
        for (final int commands : new int[] { 100, 200, 300, 400 })
        {
            store.write(stateAfter(commands));
        }
        final List<Path> snapshots = store.snapshots();
        assertEquals(2, snapshots.size());
        assertEquals(399, SnapshotStore.validate(snapshots.get(0)).sequence());
        assertEquals(299, SnapshotStore.validate(snapshots.get(1)).sequence());
    }

    @Test
    void detectsADamagedBody() throws IOException
    {
        final Path file = new SnapshotStore(directory, 3).write(stateAfter(300));
        corrupt(file, Files.size(file) - 1);
        assertInvalid(file, "body checksum mismatch");
    }

    @Test
    void detectsADamagedHeader() throws IOException
    {
        final Path file = new SnapshotStore(directory, 3).write(stateAfter(300));
        corrupt(file, 26); // inside the body length
        assertInvalid(file, "header checksum mismatch");
    }

    @Test
    void detectsTruncationAndTrailingBytes() throws IOException
    {
        final Path file = new SnapshotStore(directory, 3).write(stateAfter(300));
        final long length = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length - 1);
            assertInvalid(file, "length " + (length - 1));
            raf.setLength(length + 1);
            assertInvalid(file, "length " + (length + 1));
            raf.setLength(10);
            assertInvalid(file, "shorter than a snapshot header");
        }
    }

    @Test
    void skipsDamagedSnapshotsNewestFirst() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 3);
        final OrderMapStateMachine oldest = stateAfter(200);
        store.write(oldest);
        corrupt(store.write(stateAfter(400)), SnapshotHeader.LENGTH + 3);
        final Path newest = store.write(stateAfter(500));
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw"))
        {
            raf.setLength(raf.length() - 8);
        }

        final OrderMapStateMachine loaded = new OrderMapStateMachine();
        assertEquals(199, store.loadNewest(loaded));
        assertEquals(oldest.stateHash(), loaded.stateHash());
    }

    @Test
    void failsLoudlyWhenAnIntactSnapshotDoesNotReproduceItsState() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 3);
        store.write(stateAfter(300));
        final OrderMapStateMachine delegate = new OrderMapStateMachine();
        final StateMachine forgetful = new StateMachine()
        {
            @Override
            public void apply(
                final long sequence, final DirectBuffer buffer, final int offset, final int length,
                final EventSink events)
            {
                delegate.apply(sequence, buffer, offset, length, events);
            }

            @Override
            public long stateHash()
            {
                return delegate.stateHash() + 1; // reads back something other than what was written
            }

            @Override
            public long lastAppliedSequence()
            {
                return delegate.lastAppliedSequence();
            }

            @Override
            public void writeSnapshot(final DataOutput out) throws IOException
            {
                delegate.writeSnapshot(out);
            }

            @Override
            public void readSnapshot(final DataInput in) throws IOException
            {
                delegate.readSnapshot(in);
            }
        };
        final IllegalStateException failure =
            assertThrows(IllegalStateException.class, () -> store.loadNewest(forgetful));
        assertTrue(failure.getMessage().contains("did not reproduce its state"), failure.getMessage());
    }

    private OrderMapStateMachine stateAfter(final int commands)
    {
        final OrderMapStateMachine stateMachine = new OrderMapStateMachine();
        CommandScript.applyDirectly(stateMachine, script.subList(0, commands), 0);
        return stateMachine;
    }

    private static void assertInvalid(final Path file, final String reason)
    {
        final InvalidSnapshotException invalid =
            assertThrows(InvalidSnapshotException.class, () -> SnapshotStore.validate(file));
        assertTrue(invalid.getMessage().contains(reason), invalid.getMessage());
    }

    private static void corrupt(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0xFF);
        }
    }
}
