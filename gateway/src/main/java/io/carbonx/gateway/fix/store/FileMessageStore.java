package io.carbonx.gateway.fix.store;

import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message store in one folder per session:
 * <ul>
 *   <li>{@code seqnums}: 8 bytes, the next sender and next target MsgSeqNum, rewritten in place;</li>
 *   <li>{@code messages}: an append-only log of records {@code [seqNum:int][length:int][frame]}.</li>
 * </ul>
 * Every write goes straight to the operating system (no user-space buffer), so a crash of the
 * process loses nothing; {@code fsync} per write is optional because it costs milliseconds and
 * only protects against the machine itself failing. On open the log is scanned to rebuild the
 * in-memory index and a record torn by a crash is cut off, so the store always reopens.
 */
public final class FileMessageStore implements MessageStore {
    private static final int RECORD_HEADER = 8;

    private final FileChannel seqNums;
    private final FileChannel messages;
    private final boolean fsync;
    private final ByteBuffer seqNumBuffer = ByteBuffer.allocate(8);
    private final Long2LongHashMap positionBySeqNum = new Long2LongHashMap(-1);
    private ByteBuffer recordBuffer = ByteBuffer.allocate(1024);
    private int nextSenderSeqNum = 1;
    private int nextTargetSeqNum = 1;

    /**
     * @param directory the session's folder, created if missing
     * @param fsync     force every write to the device, not only to the operating system
     */
    public FileMessageStore(Path directory, boolean fsync) throws IOException {
        Files.createDirectories(directory);
        this.fsync = fsync;
        this.seqNums = FileChannel.open(directory.resolve("seqnums"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.messages = FileChannel.open(directory.resolve("messages"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        loadSeqNums();
        indexMessages();
    }

    private void loadSeqNums() throws IOException {
        if (seqNums.size() >= 8) {
            seqNumBuffer.clear();
            seqNums.read(seqNumBuffer, 0);
            nextSenderSeqNum = seqNumBuffer.getInt(0);
            nextTargetSeqNum = seqNumBuffer.getInt(4);
        } else {
            writeSeqNums();
        }
    }

    private void indexMessages() throws IOException {
        final long size = messages.size();
        final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        long position = 0;
        while (position + RECORD_HEADER <= size) {
            header.clear();
            messages.read(header, position);
            final int seqNum = header.getInt(0);
            final int length = header.getInt(4);
            if (length < 0 || position + RECORD_HEADER + length > size) {
                break;
            }
            positionBySeqNum.put(seqNum, position);
            position += RECORD_HEADER + length;
        }
        if (position < size) {
            // a record torn by a crash mid-write: it was never acknowledged to anyone
            messages.truncate(position);
        }
        messages.position(position);
    }

    @Override
    public int nextSenderSeqNum() {
        return nextSenderSeqNum;
    }

    @Override
    public int nextTargetSeqNum() {
        return nextTargetSeqNum;
    }

    @Override
    public void setNextSenderSeqNum(int seqNum) throws IOException {
        nextSenderSeqNum = seqNum;
        writeSeqNums();
    }

    @Override
    public void setNextTargetSeqNum(int seqNum) throws IOException {
        nextTargetSeqNum = seqNum;
        writeSeqNums();
    }

    @Override
    public void store(int seqNum, byte[] frame, int offset, int length) throws IOException {
        if (recordBuffer.capacity() < RECORD_HEADER + length) {
            recordBuffer = ByteBuffer.allocate(Math.max(recordBuffer.capacity() * 2, RECORD_HEADER + length));
        }
        recordBuffer.clear();
        recordBuffer.putInt(seqNum).putInt(length).put(frame, offset, length).flip();
        final long position = messages.position();
        while (recordBuffer.hasRemaining()) {
            messages.write(recordBuffer);
        }
        if (fsync) {
            messages.force(false);
        }
        positionBySeqNum.put(seqNum, position);
    }

    @Override
    public byte[] get(int seqNum) throws IOException {
        final long position = positionBySeqNum.get(seqNum);
        if (position < 0) {
            return null;
        }
        final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        messages.read(header, position);
        final ByteBuffer frame = ByteBuffer.allocate(header.getInt(4));
        while (frame.hasRemaining()) {
            if (messages.read(frame, position + RECORD_HEADER + frame.position()) < 0) {
                throw new IOException("Message store truncated at MsgSeqNum " + seqNum);
            }
        }
        return frame.array();
    }

    @Override
    public void reset() throws IOException {
        messages.truncate(0);
        messages.position(0);
        positionBySeqNum.clear();
        nextSenderSeqNum = 1;
        nextTargetSeqNum = 1;
        writeSeqNums();
    }

    private void writeSeqNums() throws IOException {
        seqNumBuffer.clear();
        seqNumBuffer.putInt(0, nextSenderSeqNum).putInt(4, nextTargetSeqNum);
        while (seqNumBuffer.hasRemaining()) {
            seqNums.write(seqNumBuffer, seqNumBuffer.position());
        }
        if (fsync) {
            seqNums.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try (seqNums; messages) {
            if (fsync) {
                messages.force(true);
            }
        }
    }
}
