package io.carbonx.gateway.http.command;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/reject-proposal}: drop a live proposal unapplied (its proposer may too). Regulator only.
 */
public record RejectProposalRequest(long proposalId) implements CommandRequest
{
    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.approvals().rejectProposal(buffer, 0, proposalId);
    }
}
