package io.carbonx.fix.store;

import org.agrona.collections.Long2LongHashMap;

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
import java.util.zip.CRC32;

/**
 * A message store in one folder per session:
 * <ul>
 *   <li>{@code seqnums}: 24 bytes rewritten in place: a format mark, the next sender and next target
 *   MsgSeqNum, the length of {@code messages} that holds what was sent, and a CRC32 of all that;</li>
 *   <li>{@code messages}: an append-only log of records {@code [seqNum:int][length:int][crc32:int][frame]}.</li>
 * </ul>
 * Every write goes straight to the operating system (no user-space buffer), so a crash of the
 * process loses nothing; {@code fsync} per write is optional because it costs milliseconds and
 * only protects against the machine itself failing.
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
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path seqNumsFile;
    private final Path messagesFile;
    private final FileChannel seqNums;
    private final FileChannel messages;
    private final boolean fsync;
    private final ByteBuffer seqNumBuffer = ByteBuffer.allocate(SEQNUMS_LENGTH);
    private final CRC32 crc = new CRC32();
    private final Long2LongHashMap positionBySeqNum = new Long2LongHashMap(-1);
    private ByteBuffer recordBuffer = ByteBuffer.allocate(1024);
    private int nextSenderSeqNum = 1;
    private int nextTargetSeqNum = 1;
    private long messagesEnd;

    /**
     * @param directory the session's folder, created if missing
     * @param fsync     force every write to the device, not only to the operating system
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
            positionBySeqNum.put(seqNum, position);
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
    public void setNextSenderSeqNum(final int seqNum) throws IOException
    {
        nextSenderSeqNum = seqNum;
        writeSeqNums();
    }

    @Override
    public void setNextTargetSeqNum(final int seqNum) throws IOException
    {
        nextTargetSeqNum = seqNum;
        writeSeqNums();
    }

    @Override
    public void store(final int seqNum, final byte[] frame, final int offset, final int length) throws IOException
    {
        if (recordBuffer.capacity() < RECORD_HEADER + length)
        {
            recordBuffer = ByteBuffer.allocate(Math.max(recordBuffer.capacity() * 2, RECORD_HEADER + length));
        }
        recordBuffer.clear();
        recordBuffer.putInt(seqNum).putInt(length).putInt(recordCrc(seqNum, length, frame, offset))
                .put(frame, offset, length).flip();
        final long position = messagesEnd;
        while (recordBuffer.hasRemaining())
        {
            messages.write(recordBuffer, position + recordBuffer.position());
        }
        if (fsync)
        {
            messages.force(false);
        }
        positionBySeqNum.put(seqNum, position);
        messagesEnd = position + RECORD_HEADER + length;
        // the message counts once its length is recorded; the caller's next write moves the sequence number
        writeSeqNums();
    }

    @Override
    public byte[] get(final int seqNum) throws IOException
    {
        final long position = positionBySeqNum.get(seqNum);
        if (position < 0)
        {
            return null;
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
        positionBySeqNum.clear();
        nextSenderSeqNum = 1;
        nextTargetSeqNum = 1;
        messagesEnd = 0;
        writeSeqNums();
    }

    private void writeSeqNums() throws IOException
    {
        encodeSeqNums(seqNumBuffer);
        while (seqNumBuffer.hasRemaining())
        {
            seqNums.write(seqNumBuffer, seqNumBuffer.position());
        }
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
            if (fsync)
            {
                messages.force(true);
            }
        }
    }
}
