package io.carbonx.engine.pipeline;

import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.TakeSnapshotDecoder;
import org.agrona.DirectBuffer;

/**
 * Decides, after each command, whether the business logic takes a snapshot: when the command is
 * {@code TakeSnapshot}, or when its sequence closes an interval. Both depend only on the journal, so a replay of the
 * same journal would snapshot at the same points.
 */
final class SnapshotTrigger
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final long intervalCommands;

    /**
     * @param intervalCommands snapshot after every command whose sequence + 1 is a multiple of this; 0 for never.
     */
    SnapshotTrigger(final long intervalCommands)
    {
        this.intervalCommands = intervalCommands;
    }

    boolean isDue(final long sequence, final DirectBuffer command, final int offset, final int length)
    {
        if (intervalCommands > 0 && 0 == (sequence + 1) % intervalCommands)
        {
            return true;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }

        header.wrap(command, offset);
        return TakeSnapshotDecoder.TEMPLATE_ID == header.templateId() &&
            TakeSnapshotDecoder.SCHEMA_ID == header.schemaId();
    }
}
