package io.carbonx.engine.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The fixed header in front of a snapshot's body, little-endian:
 * <pre>
 *   0  int32  magic "CXSN"
 *   4  int32  format version
 *   8  int64  sequence of the last command applied to the state
 *  16  int64  state hash of the state machine once the snapshot is loaded
 *  24  int64  body length in bytes
 *  32  int32  CRC32C of the body
 *  36  int32  CRC32C of bytes 0..35
 * </pre>
 * The header has its own checksum so that a damaged length or sequence is caught before the body is trusted, and the
 * state hash lets the loader prove that the state machine rebuilt the very state that was written.
 */
public record SnapshotHeader(long sequence, long stateHash, long bodyLength, int bodyChecksum)
{
    public static final int LENGTH = 40;
    static final int MAGIC = 0x4E535843; // "CXSN" read as a little-endian int
    /**
     * 3: the registry's and compliance desk's digests are the exchange's one StateHash, so older hashes differ.
     * 4: the last closed trading date after the trade-id sequence; the compliance records' late surrender, fines and
     * decisions; the body ends with the live four-eyes proposals.
     * 5: the registry keeps its project issuances (unit attributes by serial block) after the removal records.
     * 6: each registry holding's pledged serial ranges follow its unpledged ones (pledges track exact serials).
     */
    static final int FORMAT_VERSION = 6;

    private static final int CHECKSUMMED_LENGTH = 36;

    void writeTo(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(LENGTH).order(LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(sequence).putLong(stateHash).putLong(bodyLength)
            .putInt(bodyChecksum);
        buffer.putInt(checksumOf(buffer));
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer, buffer.position());
        }
    }

    static SnapshotHeader readFrom(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(LENGTH).order(LITTLE_ENDIAN);
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, buffer.position()) < 0)
            {
                throw new InvalidSnapshotException("shorter than a snapshot header");
            }
        }

        if (buffer.getInt(CHECKSUMMED_LENGTH) != checksumOf(buffer))
        {
            throw new InvalidSnapshotException("header checksum mismatch");
        }
        if (MAGIC != buffer.getInt(0))
        {
            throw new InvalidSnapshotException("not a snapshot: magic " + Integer.toHexString(buffer.getInt(0)));
        }
        if (FORMAT_VERSION != buffer.getInt(4))
        {
            throw new InvalidSnapshotException("unknown snapshot format version " + buffer.getInt(4));
        }

        final long bodyLength = buffer.getLong(24);
        if (bodyLength < 0)
        {
            throw new InvalidSnapshotException("negative body length " + bodyLength);
        }

        return new SnapshotHeader(buffer.getLong(8), buffer.getLong(16), bodyLength, buffer.getInt(32));
    }

    private static int checksumOf(final ByteBuffer headerUpToChecksum)
    {
        final CRC32C crc = new CRC32C();
        crc.update(headerUpToChecksum.array(), 0, CHECKSUMMED_LENGTH);
        return (int)crc.getValue();
    }
}
