package io.carbonx.fix.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FileMessageStoreTest
{
    @TempDir
    Path dir;

    @Test
    void startsAtOne() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
    }

    @Test
    void keepsSequenceNumbersAndMessagesAcrossReopening() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(3, bytes("xxthirdxx"), 2, 5);
            store.store(5, bytes("fifth"), 0, 5);
            store.setNextSenderSeqNum(6);
            store.setNextTargetSeqNum(9);
        }
        try (FileMessageStore store = new FileMessageStore(dir, true))
        {
            assertEquals(6, store.nextSenderSeqNum());
            assertEquals(9, store.nextTargetSeqNum());
            assertArrayEquals(bytes("third"), store.get(3));
            assertNull(store.get(4));
            assertArrayEquals(bytes("fifth"), store.get(5));
        }
    }

    @Test
    void cutsOffARecordWrittenButNotYetCountedWhenTheProcessStopped() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
        }
        try (FileChannel log = FileChannel.open(dir.resolve("messages"), StandardOpenOption.WRITE))
        {
            // a crash in the middle of appending the next record, before the sequence file counted it
            log.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0, 0}), log.size());
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertArrayEquals(bytes("first"), store.get(1));
            assertNull(store.get(2));
            store.store(2, bytes("again"), 0, 5);
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertArrayEquals(bytes("again"), store.get(2));
        }
    }

    @Test
    void aSessionWithNoFilesIsNewAndAnEmptyLogAloneIsStillNew() throws IOException
    {
        java.nio.file.Files.createFile(dir.resolve("messages"));
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
        }
    }

    @Test
    void filesAreReadableByTheOwnerOnly() throws IOException
    {
        new FileMessageStore(dir, false).close();
        for (final String file : new String[] {"seqnums", "messages"})
        {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(dir.resolve(file))), file);
        }
    }

    @Test
    void anEmptiedSequenceFileIsAnErrorNotAReset() throws IOException
    {
        writeSomeHistory();
        try (FileChannel seqnums = FileChannel.open(dir.resolve("seqnums"), StandardOpenOption.WRITE))
        {
            seqnums.truncate(0);
        }
        assertDamaged("seqnums", "truncated");
    }

    @Test
    void aDeletedSequenceFileIsAnError() throws IOException
    {
        writeSomeHistory();
        java.nio.file.Files.delete(dir.resolve("seqnums"));
        assertDamaged("seqnums", "missing");
    }

    @Test
    void aDeletedMessageLogIsAnError() throws IOException
    {
        writeSomeHistory();
        java.nio.file.Files.delete(dir.resolve("messages"));
        assertDamaged("messages", "missing");
    }

    @Test
    void aTruncatedMessageLogIsAnError() throws IOException
    {
        writeSomeHistory();
        try (FileChannel log = FileChannel.open(dir.resolve("messages"), StandardOpenOption.WRITE))
        {
            log.truncate(log.size() - 2);
        }
        assertDamaged("messages", "were written");
    }

    @Test
    void aFlippedByteInTheSequenceFileIsAnError() throws IOException
    {
        writeSomeHistory();
        flipByte("seqnums", 6);
        assertDamaged("seqnums", "checksum");
    }

    @Test
    void aFlippedByteInAStoredMessageIsAnError() throws IOException
    {
        writeSomeHistory();
        flipByte("messages", 14);
        assertDamaged("messages", "checksum");
    }

    private void writeSomeHistory() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
            store.store(2, bytes("second"), 0, 6);
            store.setNextSenderSeqNum(3);
            store.setNextTargetSeqNum(5);
        }
    }

    private void flipByte(final String file, final long position) throws IOException
    {
        try (FileChannel channel =
            FileChannel.open(dir.resolve(file), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x40));
            one.rewind();
            channel.write(one, position);
        }
    }

    private void assertDamaged(final String file, final String problem)
    {
        final DamagedMessageStoreException e = org.junit.jupiter.api.Assertions.assertThrows(
                DamagedMessageStoreException.class, () -> new FileMessageStore(dir, false).close());
        assertEquals(dir.resolve(file), e.file());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void resetForgetsEverything() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
            store.setNextTargetSeqNum(7);
            store.reset();
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
