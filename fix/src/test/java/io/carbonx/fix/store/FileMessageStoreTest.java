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
    void writesABatchWithOneWriteToEachFileAtFlush() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.store(2, bytes("second"), 0, 6);
            store.store(3, bytes("third"), 0, 5);
            store.setNextSenderSeqNum(4);
            store.setNextTargetSeqNum(7);
            assertEquals(0, store.messageWrites(), "nothing is written before the flush");
            assertEquals(0, store.seqNumWrites());
            assertArrayEquals(bytes("second"), store.get(2), "a message of the batch is read from it");
            store.flush();
            assertEquals(1, store.messageWrites());
            assertEquals(1, store.seqNumWrites());
            store.flush();
            assertEquals(1, store.seqNumWrites(), "a flush with nothing new writes nothing");
            store.setNextTargetSeqNum(8);
            store.flush();
            assertEquals(1, store.messageWrites(), "only the inbound number changed");
            assertEquals(2, store.seqNumWrites());
        }
    }

    @Test
    void aBatchNotYetFlushedWhenTheProcessStopsIsNotThere() throws IOException
    {
        final FileMessageStore running = new FileMessageStore(dir, false);
        try
        {
            running.store(1, bytes("first"), 0, 5);
            running.setNextSenderSeqNum(2);
            running.flush();
            running.store(2, bytes("second"), 0, 6);
            running.setNextSenderSeqNum(3);
            running.setNextTargetSeqNum(5);
            // the process dies here: another opening sees what the files hold
            try (FileMessageStore reopened = new FileMessageStore(dir, false))
            {
                assertEquals(2, reopened.nextSenderSeqNum());
                assertEquals(1, reopened.nextTargetSeqNum());
                assertArrayEquals(bytes("first"), reopened.get(1));
                assertNull(reopened.get(2));
            }
        }
        finally
        {
            running.close();
        }
    }

    @Test
    void aRecordWrittenButNotCountedAtTheFlushIsCutOffAndItsNumberStoredAgain() throws IOException
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
            store.flush();
        }
        final long counted;
        try (FileChannel log = FileChannel.open(dir.resolve("messages"), StandardOpenOption.WRITE))
        {
            counted = log.size();
            // a crash between the flush's two writes: the batch's records are in the log, the count is not
            log.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 'a', 'b', 'c'}),
                    log.size());
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(2, store.nextSenderSeqNum());
            assertNull(store.get(2));
            assertEquals(counted, java.nio.file.Files.size(dir.resolve("messages")));
            store.store(2, bytes("again"), 0, 5);
            store.setNextSenderSeqNum(3);
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertArrayEquals(bytes("again"), store.get(2));
        }
    }

    @Test
    void resendsAfterReopeningReadTheMessagesOfEveryBatchAcrossIndexChunks() throws IOException
    {
        final int first = FileMessageStore.INDEX_CHUNK - 50;
        final int last = FileMessageStore.INDEX_CHUNK * 2 + 50;
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            for (int seqNum = first; seqNum <= last; seqNum++)
            {
                if (seqNum % 7 != 0)
                {
                    // every seventh is a session message, numbered but not stored
                    store.store(seqNum, bytes("m" + seqNum), 0, ("m" + seqNum).length());
                }
                store.setNextSenderSeqNum(seqNum + 1);
                if (seqNum % 10 == 0)
                {
                    store.flush();
                }
            }
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(last + 1, store.nextSenderSeqNum());
            assertNull(store.get(first - 1));
            assertNull(store.get(last + 1));
            for (int seqNum = first; seqNum <= last; seqNum++)
            {
                if (seqNum % 7 == 0)
                {
                    assertNull(store.get(seqNum));
                }
                else
                {
                    assertArrayEquals(bytes("m" + seqNum), store.get(seqNum), "MsgSeqNum " + seqNum);
                }
            }
        }
    }

    @Test
    void aFailedFlushForgetsTheBatchButNotTheInboundNumber() throws Exception
    {
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
            store.flush();
            final java.lang.reflect.Field messages = FileMessageStore.class.getDeclaredField("messages");
            messages.setAccessible(true);
            // the log can no longer be written, as on a failing disk
            ((FileChannel) messages.get(store)).close();
            store.store(2, bytes("second"), 0, 6);
            store.setNextSenderSeqNum(3);
            store.setNextTargetSeqNum(4);
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, store::flush);
            assertEquals(2, store.nextSenderSeqNum(), "the unsent message gives its number back");
            assertNull(store.get(2));
            assertEquals(4, store.nextTargetSeqNum(), "the inbound messages were processed");
        }
        try (FileMessageStore store = new FileMessageStore(dir, false))
        {
            assertEquals(2, store.nextSenderSeqNum());
            assertEquals(4, store.nextTargetSeqNum(), "written by the flush at closing");
            assertArrayEquals(bytes("first"), store.get(1));
            assertNull(store.get(2));
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
