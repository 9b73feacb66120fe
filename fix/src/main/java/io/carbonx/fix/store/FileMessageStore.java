package io.carbonx.fix.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A message store in one folder per session:
 * <ul>
 *   <li>{@code seqnums}: 24 bytes rewritten in place: a format mark, the next sender and next target
 *   MsgSeqNum, the length of {@code messages} that holds what was sent, and a CRC32 of all that;</li>
 *   <li>{@code messages}: an append-only log of records {@code [seqNum:int][length:int][crc32:int][frame]}.</li>
 * </ul>
 * Writes are batched: {@link #store} appends the record to a buffer and {@link #setNextSenderSeqNum} /
 * {@link #setNextTargetSeqNum} change the numbers in memory; {@link #flush()} then writes the batch's records with one
 * write and the sequence file with one more, in that order, straight to the operating system, so a crash of the
 * process after {@code flush()} loses nothing. The session sends nothing it has not flushed, so the guarantee is the
 * one of a store that writes through: nothing reaches the counterparty that a restart could not replay.
 * {@code fsync} at each flush is optional because it costs milliseconds and only protects against the machine itself
 * failing. A flush that fails forgets the batch (records and outbound number; the inbound number is kept to be written
 * by the next flush): the caller must not send it.
 *
 * <p>The MsgSeqNum to record offset index is a chunked array of longs: it grows by one chunk every
 * {@value #INDEX_CHUNK} numbers and makes no garbage (no rehashing, no boxing).
 *
 * <p>Opening checks everything: a folder without either file is a new session and starts at 1; a
 * missing, short or corrupt {@code seqnums}, a {@code messages} shorter than recorded, or a record
 * whose CRC does not match raises {@link DamagedMessageStoreException} naming the file, because
 * restarting such a session at 1 would make the counterparty's PossDup resends look new. Bytes beyond
 * the recorded length are a record torn by a crash before it was counted, never sent, and are cut off.
 *
 * <p>Used by one session's event loop only.
 */
public final class FileMessageStore implements MessageStore
{
    static final String SEQNUMS = "seqnums";
    static final String MESSAGES = "messages";
    /** "CXS1": this layout; any other first int is a file this version cannot read. */
    private static final int FORMAT = 0x43585331;
    private static final int SEQNUMS_LENGTH = 24;
    private static final int RECORD_HEADER = 12;
    static final int INDEX_CHUNK = 4096;
    private static final int INDEX_SHIFT = 12;
    private static final int INDEX_MASK = INDEX_CHUNK - 1;
    private static final int INITIAL_BATCH_CAPACITY = 64 * 1024;
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path seqNumsFile;
    private final Path messagesFile;
    private final FileChannel seqNums;
    private final FileChannel messages;
    private final boolean fsync;
    private final ByteBuffer seqNumBuffer = ByteBuffer.allocate(SEQNUMS_LENGTH);
    private final CRC32 crc = new CRC32();
    /** Record position by MsgSeqNum, in chunks of {@link #INDEX_CHUNK}; -1 where nothing is stored. */
    private long[][] positionBySeqNum = new long[16][];
    /** Records appended since the last flush, to be written at {@link #messagesEnd}'s flushed value. */
    private ByteBuffer batch = ByteBuffer.allocateDirect(INITIAL_BATCH_CAPACITY);
    private int nextSenderSeqNum = 1;
    private int nextTargetSeqNum = 1;
    /** The log's length including the batch not yet flushed. */
    private long messagesEnd;
    /** What the files hold: restored on a failed flush. */
    private long flushedMessagesEnd;
    private int flushedNextSenderSeqNum = 1;
    private boolean seqNumsDirty;
    /** The MsgSeqNums of the batch's records, to take out of the index again if the flush fails. */
    private int[] batchSeqNums = new int[256];
    private int batchCount;
    private long messageWrites;
    private long seqNumWrites;

    /**
     * @param directory the session's folder, created if missing
     * @param fsync     force each flush's writes to the device, not only to the operating system
     * @throws DamagedMessageStoreException when a file is missing, truncated or corrupt
     */
    public FileMessageStore(final Path directory, final boolean fsync) throws IOException
    {
        Files.createDirectories(directory);
        this.fsync = fsync;
        this.seqNumsFile = directory.resolve(SEQNUMS);
        this.messagesFile = directory.resolve(MESSAGES);
        final boolean isNew = createIfNew();
        FileChannel openedSeqNums = null;
        FileChannel openedMessages = null;
        try
        {
            openedSeqNums = FileChannel.open(seqNumsFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            openedMessages = FileChannel.open(messagesFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (final IOException e)
        {
            closeQuietly(openedSeqNums);
            throw e;
        }
        this.seqNums = openedSeqNums;
        this.messages = openedMessages;
        try
        {
            if (!isNew)
            {
                loadSeqNums();
                indexMessages();
            }
            messages.position(messagesEnd);
            flushedMessagesEnd = messagesEnd;
            flushedNextSenderSeqNum = nextSenderSeqNum;
        }
        catch (final IOException | RuntimeException e)
        {
            closeQuietly(seqNums);
            closeQuietly(messages);
            throw e;
        }
    }

    /**
     * Creates both files for a session that has none: the message log first, then the sequence file
     * by an atomic rename, so a crash in between leaves an empty log alone, which still counts as new.
     *
     * @return true if the session is new
     */
    private boolean createIfNew() throws IOException
    {
        final boolean hasSeqNums = Files.exists(seqNumsFile);
        final boolean hasMessages = Files.exists(messagesFile);
        if (hasSeqNums && !hasMessages)
        {
            throw damaged(messagesFile, "is missing while " + seqNumsFile + " exists");
        }
        if (hasSeqNums)
        {
            return false;
        }
        if (hasMessages && Files.size(messagesFile) > 0)
        {
            throw damaged(seqNumsFile, "is missing while " + messagesFile + " holds " + Files.size(messagesFile)
                    + " bytes");
        }
        if (!hasMessages)
        {
            createOwnerOnly(messagesFile);
        }
        final Path temporary = seqNumsFile.resolveSibling(SEQNUMS + ".new");
        Files.deleteIfExists(temporary);
        createOwnerOnly(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
        {
            final ByteBuffer initial = encodeSeqNums(ByteBuffer.allocate(SEQNUMS_LENGTH));
            while (initial.hasRemaining())
            {
                channel.write(initial);
            }
            channel.force(true);
        }
        Files.move(temporary, seqNumsFile, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private void loadSeqNums() throws IOException
    {
        final long size = seqNums.size();
        if (size != SEQNUMS_LENGTH)
        {
            throw damaged(seqNumsFile, size == 8 ? "is in the format of an older version (8 bytes)"
                    : "is truncated or overwritten: " + size + " bytes instead of " + SEQNUMS_LENGTH);
        }
        seqNumBuffer.clear();
        while (seqNumBuffer.hasRemaining() && seqNums.read(seqNumBuffer, seqNumBuffer.position()) >= 0)
        {
            // read all 24 bytes
        }
        if (seqNumBuffer.getInt(0) != FORMAT)
        {
            throw damaged(seqNumsFile, "does not start with the store's format mark");
        }
        crc.reset();
        crc.update(seqNumBuffer.array(), 0, SEQNUMS_LENGTH - 4);
        if ((int) crc.getValue() != seqNumBuffer.getInt(SEQNUMS_LENGTH - 4))
        {
            throw damaged(seqNumsFile, "fails its checksum");
        }
        nextSenderSeqNum = seqNumBuffer.getInt(4);
        nextTargetSeqNum = seqNumBuffer.getInt(8);
        messagesEnd = seqNumBuffer.getLong(12);
        if (nextSenderSeqNum < 1 || nextTargetSeqNum < 1 || messagesEnd < 0)
        {
            throw damaged(seqNumsFile, "holds impossible values: next out " + nextSenderSeqNum + ", next in "
                    + nextTargetSeqNum + ", log length " + messagesEnd);
        }
    }

    private void indexMessages() throws IOException
    {
        final long size = messages.size();
        if (size < messagesEnd)
        {
            throw damaged(messagesFile, "is " + size + " bytes long but " + messagesEnd + " were written");
        }
        final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        long position = 0;
        while (position < messagesEnd)
        {
            header.clear();
            readFully(header, position);
            final int seqNum = header.getInt(0);
            final int length = header.getInt(4);
            if (seqNum < 1 || length < 0
                    || position + RECORD_HEADER + length > messagesEnd)
            {
                throw damaged(messagesFile, "has a corrupt record header at byte " + position);
            }
            final ByteBuffer frame = ByteBuffer.allocate(length);
            readFully(frame, position + RECORD_HEADER);
            if (recordCrc(seqNum, length, frame.array(), 0) != header.getInt(8))
            {
                throw damaged(messagesFile, "has a record failing its checksum at byte " + position
                        + " (MsgSeqNum " + seqNum + ")");
            }
            index(seqNum, position);
            position += RECORD_HEADER + length;
        }
        if (size > messagesEnd)
        {
            // a record written but not yet counted when the process stopped: it was never sent
            messages.truncate(messagesEnd);
        }
    }

    @Override
    public int nextSenderSeqNum()
    {
        return nextSenderSeqNum;
    }

    @Override
    public int nextTargetSeqNum()
    {
        return nextTargetSeqNum;
    }

    @Override
    public void setNextSenderSeqNum(final int seqNum)
    {
        nextSenderSeqNum = seqNum;
        seqNumsDirty = true;
    }

    @Override
    public void setNextTargetSeqNum(final int seqNum)
    {
        nextTargetSeqNum = seqNum;
        seqNumsDirty = true;
    }

    @Override
    public void store(final int seqNum, final byte[] frame, final int offset, final int length)
    {
        final int recordLength = RECORD_HEADER + length;
        if (batch.remaining() < recordLength)
        {
            final ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(batch.capacity() * 2,
                    batch.position() + recordLength));
            batch.flip();
            larger.put(batch);
            batch = larger;
        }
        batch.putInt(seqNum).putInt(length).putInt(recordCrc(seqNum, length, frame, offset)).put(frame, offset, length);
        if (batchCount == batchSeqNums.length)
        {
            batchSeqNums = Arrays.copyOf(batchSeqNums, batchCount * 2);
        }
        batchSeqNums[batchCount++] = seqNum;
        index(seqNum, messagesEnd);
        messagesEnd += recordLength;
        seqNumsDirty = true;
    }

    /**
     * Writes the batch: the records with one write (forced if fsync), then the sequence file with one write (forced
     * if fsync), so that a crash in between leaves records beyond the recorded length, which opening cuts off. On
     * failure the batch's records and outbound number are forgotten and the exception thrown: they must not be sent.
     */
    @Override
    public void flush() throws IOException
    {
        if (!seqNumsDirty)
        {
            return;
        }
        try
        {
            if (batch.position() > 0)
            {
                batch.flip();
                while (batch.hasRemaining())
                {
                    messages.write(batch, flushedMessagesEnd + batch.position());
                }
                messageWrites++;
                if (fsync)
                {
                    messages.force(false);
                }
            }
            writeSeqNums();
        }
        catch (final IOException | RuntimeException e)
        {
            discardBatch();
            throw e;
        }
        batch.clear();
        batchCount = 0;
        flushedMessagesEnd = messagesEnd;
        flushedNextSenderSeqNum = nextSenderSeqNum;
        seqNumsDirty = false;
    }

    private void discardBatch()
    {
        for (int i = 0; i < batchCount; i++)
        {
            index(batchSeqNums[i], -1);
        }
        batch.clear();
        batchCount = 0;
        messagesEnd = flushedMessagesEnd;
        nextSenderSeqNum = flushedNextSenderSeqNum;
        // the inbound number stays: those messages were processed, and the next flush records it
        seqNumsDirty = true;
    }

    /** Writes to the message log since opening: one per flushed batch that held records. */
    long messageWrites()
    {
        return messageWrites;
    }

    /** Writes to the sequence file since opening: one per flush. */
    long seqNumWrites()
    {
        return seqNumWrites;
    }

    @Override
    public byte[] get(final int seqNum) throws IOException
    {
        final long position = position(seqNum);
        if (position < 0)
        {
            return null;
        }
        if (position >= flushedMessagesEnd)
        {
            // in the batch not yet flushed
            final int at = (int) (position - flushedMessagesEnd);
            final byte[] frame = new byte[batch.getInt(at + 4)];
            batch.get(at + RECORD_HEADER, frame);
            return frame;
        }
        final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
        readFully(header, position);
        final ByteBuffer frame = ByteBuffer.allocate(header.getInt(4));
        readFully(frame, position + RECORD_HEADER);
        if (recordCrc(seqNum, frame.capacity(), frame.array(), 0) != header.getInt(8))
        {
            throw damaged(messagesFile, "has a record failing its checksum at byte " + position
                    + " (MsgSeqNum " + seqNum + ")");
        }
        return frame.array();
    }

    @Override
    public void reset() throws IOException
    {
        messages.truncate(0);
        positionBySeqNum = new long[16][];
        batch.clear();
        batchCount = 0;
        nextSenderSeqNum = 1;
        nextTargetSeqNum = 1;
        messagesEnd = 0;
        writeSeqNums();
        flushedMessagesEnd = 0;
        flushedNextSenderSeqNum = 1;
        seqNumsDirty = false;
    }

    private void index(final int seqNum, final long position)
    {
        final int chunk = seqNum >>> INDEX_SHIFT;
        if (chunk >= positionBySeqNum.length)
        {
            if (position < 0)
            {
                return;
            }
            positionBySeqNum = Arrays.copyOf(positionBySeqNum,
                    Math.max(positionBySeqNum.length * 2, chunk + 1));
        }
        long[] positions = positionBySeqNum[chunk];
        if (positions == null)
        {
            if (position < 0)
            {
                return;
            }
            positions = new long[INDEX_CHUNK];
            Arrays.fill(positions, -1);
            positionBySeqNum[chunk] = positions;
        }
        positions[seqNum & INDEX_MASK] = position;
    }

    private long position(final int seqNum)
    {
        final int chunk = seqNum >>> INDEX_SHIFT;
        if (seqNum < 0 || chunk >= positionBySeqNum.length || positionBySeqNum[chunk] == null)
        {
            return -1;
        }
        return positionBySeqNum[chunk][seqNum & INDEX_MASK];
    }

    private void writeSeqNums() throws IOException
    {
        encodeSeqNums(seqNumBuffer);
        while (seqNumBuffer.hasRemaining())
        {
            seqNums.write(seqNumBuffer, seqNumBuffer.position());
        }
        seqNumWrites++;
        if (fsync)
        {
            seqNums.force(false);
        }
    }

    private ByteBuffer encodeSeqNums(final ByteBuffer buffer)
    {
        buffer.clear();
        buffer.putInt(0, FORMAT).putInt(4, nextSenderSeqNum).putInt(8, nextTargetSeqNum).putLong(12, messagesEnd);
        crc.reset();
        crc.update(buffer.array(), 0, SEQNUMS_LENGTH - 4);
        buffer.putInt(SEQNUMS_LENGTH - 4, (int) crc.getValue());
        return buffer;
    }

    private int recordCrc(final int seqNum, final int length, final byte[] frame, final int offset)
    {
        crc.reset();
        crc.update(seqNum >>> 24);
        crc.update(seqNum >>> 16);
        crc.update(seqNum >>> 8);
        crc.update(seqNum);
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(frame, offset, length);
        return (int) crc.getValue();
    }

    private void readFully(final ByteBuffer buffer, final long position) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (messages.read(buffer, position + buffer.position()) < 0)
            {
                throw damaged(messagesFile, "ends inside a record at byte " + position);
            }
        }
    }

    private static DamagedMessageStoreException damaged(final Path file, final String problem)
    {
        return new DamagedMessageStoreException(file, problem);
    }

    /** Readable by the exchange's user only: the log holds every report sent to the member. */
    private static void createOwnerOnly(final Path file) throws IOException
    {
        try
        {
            Files.createFile(file, OWNER_ONLY);
        }
        catch (final UnsupportedOperationException notPosix)
        {
            Files.createFile(file);
        }
        catch (final FileAlreadyExistsException ignored)
        {
            // created by a run that stopped before finishing: an empty log, still new
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // already failing
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        try (seqNums; messages)
        {
            flush();
            if (fsync)
            {
                messages.force(true);
            }
        }
    }
}
