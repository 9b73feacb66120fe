package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/pledge-units}: pledge available units as collateral.
 */
public record PledgeUnitsRequest(long account, String instrument, long quantity) implements CommandRequest
{
    public PledgeUnitsRequest
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
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity, false);
    }
}
