package io.carbonx.engine.approval;

import io.carbonx.protocol.StateHash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A command a regulator proposed and a different one has yet to approve: who proposed it, until when it may be
 * approved, and the command itself, encoded whole. Immutable.
 *
 * @param id         the sequence of the {@code ProposeAction} command.
 * @param sourceId   the proposer's source (user ids are numbered per source).
 * @param userId     the proposer.
 * @param templateId the proposed command's template id.
 * @param expiresAt  epoch nanoseconds; an approval with a later timestamp is refused.
 * @param command    the proposed command, header included.
 */
public record Proposal(long id, int sourceId, long userId, int templateId, long expiresAt, byte[] command)
{
    long hashInto(final long hash)
    {
        long h = StateHash.mix(hash, id);
        h = StateHash.mix(h, sourceId);
        h = StateHash.mix(h, userId);
        h = StateHash.mix(h, templateId);
        h = StateHash.mix(h, expiresAt);
        return StateHash.mix(h, command);
    }

    void write(final DataOutput out) throws IOException
    {
        out.writeLong(id);
        out.writeInt(sourceId);
        out.writeLong(userId);
        out.writeInt(templateId);
        out.writeLong(expiresAt);
        out.writeInt(command.length);
        out.write(command);
    }

    static Proposal read(final DataInput in) throws IOException
    {
        final long id = in.readLong();
        final int sourceId = in.readInt();
        final long userId = in.readLong();
        final int templateId = in.readInt();
        final long expiresAt = in.readLong();
        final byte[] command = new byte[in.readInt()];
        in.readFully(command);
        return new Proposal(id, sourceId, userId, templateId, expiresAt, command);
    }
}
