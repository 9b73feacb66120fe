package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/issue-units}: issue (allocate) units into an account, with a fresh serial block. Regulator
 * only.
 */
public record IssueUnitsRequest(long account, String instrument, long quantity) implements CommandRequest
{
    public IssueUnitsRequest
    {
        Fields.positive("quantity", quantity);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().issueUnits(
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity);
    }
}
