package io.carbonx.engine.approval;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.protocol.sbe.ActionProposedEncoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.ProposalApprovedEncoder;
import io.carbonx.protocol.sbe.ProposalRejectedEncoder;
import io.carbonx.protocol.sbe.RejectReason;

/**
 * Encodes the events of the four-eyes commands: a proposal made, approved or rejected, or the command refused.
 */
final class ApprovalEvents
{
    private final EventEnvelope envelope;
    private final ActionProposedEncoder proposed = new ActionProposedEncoder();
    private final ProposalApprovedEncoder approved = new ProposalApprovedEncoder();
    private final ProposalRejectedEncoder rejected = new ProposalRejectedEncoder();

    ApprovalEvents(final EventEnvelope envelope)
    {
        this.envelope = envelope;
    }

    /**
     * @param proposalId goes in the rejection's orderId: the proposal the command was about, 0 for a proposal.
     */
    void refused(final long proposalId, final RejectReason reason)
    {
        envelope.rejected(CommandKind.ADMIN, proposalId, 0, 0, reason);
    }

    void proposed(final Proposal proposal)
    {
        proposed.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .proposalId(proposal.id())
            .commandTemplateId(proposal.templateId())
            .expiresAt(proposal.expiresAt());
        envelope.publish(proposed.encodedLength());
    }

    void approved(final Proposal proposal)
    {
        approved.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .proposalId(proposal.id())
            .commandTemplateId(proposal.templateId())
            .proposerSourceId(proposal.sourceId())
            .proposerUserId(proposal.userId());
        envelope.publish(approved.encodedLength());
    }

    void rejected(final Proposal proposal)
    {
        rejected.wrapAndApplyHeader(envelope.claim(), 0, envelope.header())
            .proposalId(proposal.id())
            .commandTemplateId(proposal.templateId())
            .proposerSourceId(proposal.sourceId())
            .proposerUserId(proposal.userId());
        envelope.publish(rejected.encodedLength());
    }
}
