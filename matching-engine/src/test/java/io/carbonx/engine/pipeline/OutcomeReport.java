package io.carbonx.engine.pipeline;

import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

/**
 * The line the crash test's child writes for each event as it leaves the engine, and which the test recomputes from a
 * fresh replay of the journal: {@code E <command sequence> <index of the event within the command> <template id>
 * <CRC32C of the event's bytes>}. The checksum covers the whole encoded event, so equal lines mean equal outcomes
 * whatever the state machine, which keeps the crash test independent of the schema's events.
 */
final class OutcomeReport
{
    private final CRC32C checksum = new CRC32C();
    private final StringBuilder line = new StringBuilder(64);
    private byte[] scratch = new byte[256];
    private long lastSequence = -1;
    private int index;

    /**
     * @return the line for this event, valid until the next call.
     */
    CharSequence line(final DirectBuffer buffer, final int offset, final int length, final long commandSequence)
    {
        if (commandSequence != lastSequence)
        {
            lastSequence = commandSequence;
            index = 0;
        }
        else
        {
            index++;
        }

        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(offset, scratch, 0, length);
        checksum.reset();
        checksum.update(scratch, 0, length);

        line.setLength(0);
        return line.append("E ").append(commandSequence).append(' ').append(index).append(' ')
            .append(buffer.getShort(offset + 2) & 0xFFFF).append(' ').append(Long.toHexString(checksum.getValue()));
    }

    /**
     * @return the key a line is checked under: command sequence and index.
     */
    static String keyOf(final String line)
    {
        final String[] fields = line.split(" ");
        return fields[1] + '/' + fields[2];
    }

    static long sequenceOf(final String line)
    {
        return Long.parseLong(line.split(" ")[1]);
    }
}
