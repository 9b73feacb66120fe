package io.carbonx.gateway.fix.store;

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

class FileMessageStoreTest {
    @TempDir
    Path dir;

    @Test
    void startsAtOne() throws IOException {
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
    }

    @Test
    void keepsSequenceNumbersAndMessagesAcrossReopening() throws IOException {
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            store.store(3, bytes("xxthirdxx"), 2, 5);
            store.store(5, bytes("fifth"), 0, 5);
            store.setNextSenderSeqNum(6);
            store.setNextTargetSeqNum(9);
        }
        try (FileMessageStore store = new FileMessageStore(dir, true)) {
            assertEquals(6, store.nextSenderSeqNum());
            assertEquals(9, store.nextTargetSeqNum());
            assertArrayEquals(bytes("third"), store.get(3));
            assertNull(store.get(4));
            assertArrayEquals(bytes("fifth"), store.get(5));
        }
    }

    @Test
    void cutsOffARecordTornByACrash() throws IOException {
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            store.store(1, bytes("first"), 0, 5);
            store.store(2, bytes("second"), 0, 6);
        }
        try (FileChannel log = FileChannel.open(dir.resolve("messages"), StandardOpenOption.WRITE)) {
            log.truncate(log.size() - 2);
        }
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            assertArrayEquals(bytes("first"), store.get(1));
            assertNull(store.get(2));
            store.store(2, bytes("again"), 0, 5);
        }
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            assertArrayEquals(bytes("again"), store.get(2));
        }
    }

    @Test
    void resetForgetsEverything() throws IOException {
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            store.store(1, bytes("first"), 0, 5);
            store.setNextSenderSeqNum(2);
            store.setNextTargetSeqNum(7);
            store.reset();
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
        try (FileMessageStore store = new FileMessageStore(dir, false)) {
            assertEquals(1, store.nextTargetSeqNum());
            assertNull(store.get(1));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
