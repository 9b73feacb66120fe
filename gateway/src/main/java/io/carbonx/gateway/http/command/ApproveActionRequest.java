package io.carbonx.gateway.http.command;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/approve-action}: apply a live proposal, as a regulator other than its proposer. Regulator only.
 */
public record ApproveActionRequest(long proposalId) implements CommandRequest
{
    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.approvals().approveAction(buffer, 0, proposalId);
    }
}
