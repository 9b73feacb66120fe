package io.carbonx.engine.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

import static io.carbonx.engine.journal.JournalRecord.CHECKSUM_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.COMMAND_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.LENGTH_OFFSET;
import static io.carbonx.engine.journal.JournalRecord.SEQUENCE_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The CRC32C of a {@link JournalRecord}: over its sequence, its length and its command.
 * <p>
 * {@link CRC32C} takes arrays (or byte buffers, which a mapped record is not), so a command that is not in an array is
 * first copied into a scratch array. The scratch grows to the longest command seen and is then reused, so steady
 * appending and reading allocate nothing. Owned by the one thread that appends, reads or tails with it.
 */
final class RecordChecksum
{
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[LENGTH_OFFSET + Integer.BYTES]);
    private byte[] scratch = new byte[1024];

    /**
     * @return the checksum of a record with this sequence and the command in {@code buffer}.
     */
    int compute(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        header.putLong(SEQUENCE_OFFSET, sequence, LITTLE_ENDIAN);
        header.putInt(LENGTH_OFFSET, length, LITTLE_ENDIAN);
        crc.reset();
        crc.update(header.byteArray(), 0, header.capacity());

        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            crc.update(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            buffer.getBytes(offset, scratch, 0, length);
            crc.update(scratch, 0, length);
        }
        return (int)crc.getValue();
    }

    /**
     * @param record a whole record whose lengths were already checked to add up.
     * @return whether the checksum the record holds matches its content.
     */
    boolean matches(final DirectBuffer record)
    {
        final int length = record.getInt(LENGTH_OFFSET, LITTLE_ENDIAN);
        final long sequence = record.getLong(SEQUENCE_OFFSET, LITTLE_ENDIAN);
        return record.getInt(CHECKSUM_OFFSET, LITTLE_ENDIAN) == compute(sequence, record, COMMAND_OFFSET, length);
    }
}
