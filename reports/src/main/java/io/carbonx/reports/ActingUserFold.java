package io.carbonx.reports;

import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;

/**
 * A fold with a {@code user} column: knows who caused the event it is reading, by name: the user of the event's
 * command, and for a command applied by a four-eyes approval both users, {@code alice (approved by bob)}. Used by the
 * one thread replaying the journal.
 */
abstract class ActingUserFold implements ReportFold
{
    private final UserNames names;
    private long approvedSequence = -1;
    private String proposer;
    private String current = "";

    ActingUserFold(final UserNames names)
    {
        this.names = names;
    }

    @Override
    public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
        final String user = names.name(envelope.sourceId(), envelope.userId());
        current = envelope.commandSequence() == approvedSequence ? proposer + " (approved by " + user + ")" : user;
    }

    /**
     * The events that follow, up to the end of this command, are the approved proposal's.
     */
    @Override
    public void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
        approvedSequence = envelope.commandSequence();
        proposer = names.name(approved.proposerSourceId(), approved.proposerUserId());
    }

    /**
     * @return who caused the event whose envelope was read last.
     */
    final String actingUser()
    {
        return current;
    }
}
