package io.carbonx.reports;

import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;

/**
 * Who caused the event a fold is reading, by name, for a report's {@code user} column: the user of the event's
 * command, and for a command applied by a four-eyes approval both users, {@code alice (approved by bob)}. A fold
 * passes it its {@code onEnvelope} and {@code onProposalApproved} calls. Used by the one thread replaying the journal.
 */
final class ActingUsers
{
    private final UserNames names;
    private long approvedSequence = -1;
    private String proposer;
    private String current = "";

    ActingUsers(final UserNames names)
    {
        this.names = names;
    }

    void onEnvelope(final EventEnvelopeDecoder envelope)
    {
        final String user = names.name(envelope.sourceId(), envelope.userId());
        current = envelope.commandSequence() == approvedSequence ? proposer + " (approved by " + user + ")" : user;
    }

    /**
     * The events that follow, up to the end of this command, are the approved proposal's.
     */
    void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
        approvedSequence = envelope.commandSequence();
        proposer = names.name(approved.proposerSourceId(), approved.proposerUserId());
    }

    /**
     * @return who caused the event whose envelope was passed last.
     */
    String current()
    {
        return current;
    }
}
