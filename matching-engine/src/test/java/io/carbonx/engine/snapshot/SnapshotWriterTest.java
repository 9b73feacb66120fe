package io.carbonx.engine.snapshot;

import io.carbonx.engine.pipeline.CommandScript;
import io.carbonx.engine.pipeline.OrderMapStateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business logic captures a snapshot into memory and the snapshot writer's thread writes it: the file holds exactly
 * the state at the sequence it was taken at whatever the state machine did meanwhile, and a crash in the middle of the
 * write leaves the previous snapshot to recover from.
 */
@Timeout(30)
class SnapshotWriterTest
{
    @TempDir
    Path directory;

    @TempDir
    Path crashImage;

    private final List<byte[]> script = CommandScript.generate(7, 600, 1);
    private final BlockingProgress progress = new BlockingProgress();

    @Test
    void aSnapshotHoldsExactlyTheStateAtItsSequenceWhileTheStateMovesOn() throws Exception
    {
        final OrderMapStateMachine machine = stateAfter(400);
        final long hashAt399 = machine.stateHash();
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(directory, 3, progress));
        try
        {
            progress.block.set(true);
            writer.take(machine);
            progress.awaitWriterInside();

            // the business logic goes on applying commands while the file is being written
            CommandScript.applyDirectly(machine, script.subList(400, 600), 400);
            assertEquals(599, machine.lastAppliedSequence());
            assertNotEquals(hashAt399, machine.stateHash());

            progress.release();
            final Path file = writer.awaitWritten();
            assertEquals(399, SnapshotStore.validate(file).sequence());
            assertEquals(hashAt399, SnapshotStore.validate(file).stateHash());
        }
        finally
        {
            progress.release();
            writer.close();
        }

        final OrderMapStateMachine loaded = new OrderMapStateMachine();
        assertEquals(399, new SnapshotStore(directory, 3).loadNewest(loaded));
        assertEquals(hashAt399, loaded.stateHash());
        assertEquals(stateAfter(400).stateHash(), loaded.stateHash());
    }

    @Test
    void aCrashInTheMiddleOfAWriteLeavesThePreviousSnapshotUsable() throws Exception
    {
        final OrderMapStateMachine machine = stateAfter(200);
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(directory, 3, progress));
        try
        {
            writer.take(machine);
            final Path previous = writer.awaitWritten();
            assertEquals(199, SnapshotStore.validate(previous).sequence());

            CommandScript.applyDirectly(machine, script.subList(200, 400), 200);
            progress.block.set(true);
            writer.take(machine);
            progress.awaitWriterInside();

            // What the disk holds now is what a crash would leave: copy it, then recover from the copy.
            final List<Path> files = copyFolder(directory, crashImage);
            assertTrue(files.stream().anyMatch(file -> file.toString().endsWith(".snap.tmp")), files.toString());
            final OrderMapStateMachine recovered = new OrderMapStateMachine();
            assertEquals(199, new SnapshotStore(crashImage, 3).loadNewest(recovered));
            assertEquals(stateAfter(200).stateHash(), recovered.stateHash());
            assertEquals(List.of(previous.getFileName()), fileNames(crashImage), "the unfinished file is deleted");

            progress.release();
            assertEquals(399, SnapshotStore.validate(writer.awaitWritten()).sequence());
        }
        finally
        {
            progress.release();
            writer.close();
        }
        assertEquals(2, new SnapshotStore(directory, 3).snapshots().size());
    }

    @Test
    void aFailedWriteKeepsThePreviousSnapshotAndTheNextOneIsWritten() throws Exception
    {
        final OrderMapStateMachine machine = stateAfter(200);
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(directory, 3, progress));
        try
        {
            writer.take(machine);
            final Path previous = writer.awaitWritten();

            CommandScript.applyDirectly(machine, script.subList(200, 300), 200);
            progress.fail.set(true);
            writer.take(machine);
            assertNull(writer.awaitWritten(), "the write failed");
            assertEquals(List.of(previous.getFileName()), fileNames(directory), "no half-written file is left");

            progress.fail.set(false);
            CommandScript.applyDirectly(machine, script.subList(300, 400), 300);
            writer.take(machine);
            assertEquals(399, SnapshotStore.validate(writer.awaitWritten()).sequence());
        }
        finally
        {
            writer.close();
        }
    }

    @Test
    void theImageEncodesEveryValueAsADataOutputStreamDoes() throws IOException
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writeEveryKind(new DataOutputStream(expected));

        final SnapshotImage image = new SnapshotImage(16); // small, so that it grows
        writeEveryKind(image);
        assertArrayEquals(expected.toByteArray(), Arrays.copyOf(image.body(), image.length()));
    }

    @Test
    void loadingReadsEveryValueAsADataInputStreamDoes() throws IOException
    {
        final SnapshotImage image = new SnapshotImage(16);
        writeEveryKind(image);
        final byte[] bytes = Arrays.copyOf(image.body(), image.length() + 3);
        final SnapshotInput in = new SnapshotInput(bytes, 0, image.length());

        assertEquals(0x0102030405060708L, in.readLong());
        assertEquals(-1, in.readLong());
        assertEquals(0xCAFEBABE, in.readInt());
        assertEquals(-2, in.readShort());
        assertEquals('Z', in.readChar());
        assertEquals(200, in.readUnsignedByte());
        assertEquals(7, in.readByte());
        assertTrue(in.readBoolean());
        assertFalse(in.readBoolean());
        assertEquals(1.5, in.readDouble());
        assertEquals(-2.25f, in.readFloat());
        assertEquals("CEA-2025 \u00e9\u4e2d", in.readUTF());
        final byte[] abc = new byte[3];
        in.readFully(abc);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), abc);
        assertEquals('x', in.readChar());
        assertEquals('y', in.readChar());
        assertEquals(8, in.readUnsignedByte());
        assertEquals(2, in.skipBytes(2));
        for (int i = 0; i < 100; i++)
        {
            assertEquals(i * 31L, in.readLong());
        }
        assertEquals(0, in.remaining());
        assertThrows(EOFException.class, in::readByte, "the body's end, not the array's");
    }

    @Test
    void theWriterThreadIsNamedAndStopsOnClose() throws Exception
    {
        final SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(directory, 1, progress));
        final Thread[] writingThread = new Thread[1];
        progress.onWrite = () -> writingThread[0] = Thread.currentThread();
        writer.take(stateAfter(100));
        writer.close();
        assertEquals(SnapshotWriter.THREAD_NAME, writingThread[0].getName());
        assertEquals(1, new SnapshotStore(directory, 1).snapshots().size(), "close finishes the pending write");
        writingThread[0].join(TimeUnit.SECONDS.toMillis(10)); // the executor has terminated, the thread is ending
        assertFalse(writingThread[0].isAlive(), "close stops the writer thread");
    }

    private static void writeEveryKind(final DataOutput out) throws IOException
    {
        out.writeLong(0x0102030405060708L);
        out.writeLong(-1);
        out.writeInt(0xCAFEBABE);
        out.writeShort(-2);
        out.writeChar('Z');
        out.writeByte(200);
        out.write(7);
        out.writeBoolean(true);
        out.writeBoolean(false);
        out.writeDouble(1.5);
        out.writeFloat(-2.25f);
        out.writeUTF("CEA-2025 \u00e9\u4e2d");
        out.writeBytes("abc");
        out.writeChars("xy");
        out.write(new byte[] {9, 8, 7, 6, 5}, 1, 3);
        for (int i = 0; i < 100; i++)
        {
            out.writeLong(i * 31L);
        }
    }

    private OrderMapStateMachine stateAfter(final int commands)
    {
        final OrderMapStateMachine stateMachine = new OrderMapStateMachine();
        CommandScript.applyDirectly(stateMachine, script.subList(0, commands), 0);
        return stateMachine;
    }

    private static List<Path> copyFolder(final Path from, final Path to) throws IOException
    {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(from))
        {
            files = listing.toList();
        }
        for (final Path file : files)
        {
            Files.copy(file, to.resolve(file.getFileName()));
        }
        return files;
    }

    private static List<Path> fileNames(final Path folder) throws IOException
    {
        try (Stream<Path> listing = Files.list(folder))
        {
            return listing.map(Path::getFileName).sorted().toList();
        }
    }

    /**
     * Holds the writer thread in the middle of a write, after the body reached the temporary file and before the header
     * and the rename, or fails the write there.
     */
    private static final class BlockingProgress implements SnapshotStore.WriteProgress
    {
        final AtomicBoolean block = new AtomicBoolean();
        final AtomicBoolean fail = new AtomicBoolean();
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile Runnable onWrite = () ->
        {
        };

        @Override
        public void bodyWritten(final Path temporary, final long bodyBytes) throws IOException
        {
            onWrite.run();
            if (fail.get())
            {
                throw new IOException("disk full (test)");
            }
            if (block.get())
            {
                inside.countDown();
                try
                {
                    released.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void awaitWriterInside() throws InterruptedException
        {
            assertTrue(inside.await(10, TimeUnit.SECONDS), "the writer reached the middle of its write");
        }

        void release()
        {
            block.set(false);
            released.countDown();
        }
    }
}
