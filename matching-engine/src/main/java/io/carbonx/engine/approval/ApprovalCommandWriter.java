package io.carbonx.engine.approval;

import io.carbonx.protocol.CommandEnvelope;
import io.carbonx.protocol.sbe.ApproveActionEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.ProposeActionEncoder;
import io.carbonx.protocol.sbe.RejectProposalEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the four-eyes commands into a buffer, in the same envelope style as the other command writers. Not
 * thread-safe: one writer per producing thread.
 */
public final class ApprovalCommandWriter
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ProposeActionEncoder propose = new ProposeActionEncoder();
    private final ApproveActionEncoder approve = new ApproveActionEncoder();
    private final RejectProposalEncoder reject = new RejectProposalEncoder();
    private final CommandEnvelope envelope = new CommandEnvelope();

    /**
     * Set the envelope that the following commands carry (see {@link CommandEnvelope#set}).
     *
     * @return this, for chaining into the command.
     */
    public ApprovalCommandWriter envelope(
        final long timestamp, final int sourceId, final long correlationId, final long userId)
    {
        envelope.set(timestamp, sourceId, correlationId, userId);
        return this;
    }

    /**
     * @param command       holds the proposed command, encoded whole (header included) by another command writer.
     * @param commandOffset where it starts.
     * @param commandLength its encoded length, header included.
     * @return the encoded length including the message header.
     */
    public int proposeAction(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer command,
        final int commandOffset,
        final int commandLength)
    {
        propose.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(propose.envelope());
        propose.putCommand(command, commandOffset, commandLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + propose.encodedLength();
    }

    public int approveAction(final MutableDirectBuffer buffer, final int offset, final long proposalId)
    {
        approve.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(approve.envelope());
        approve.proposalId(proposalId);
        return MessageHeaderEncoder.ENCODED_LENGTH + approve.encodedLength();
    }

    public int rejectProposal(final MutableDirectBuffer buffer, final int offset, final long proposalId)
    {
        reject.wrapAndApplyHeader(buffer, offset, header);
        envelope.stamp(reject.envelope());
        reject.proposalId(proposalId);
        return MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength();
    }
}
