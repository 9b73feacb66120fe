package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/unpledge-units}: release pledged units.
 */
public record UnpledgeUnitsRequest(long account, String instrument, long quantity) implements CommandRequest
{
    public UnpledgeUnitsRequest
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
        return encoders.commands().pledgeUnits(
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity, true);
    }
}
