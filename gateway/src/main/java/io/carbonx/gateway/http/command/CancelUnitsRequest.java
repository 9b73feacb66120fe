package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/cancel-units}: the regulator cancels units from an account.
 */
public record CancelUnitsRequest(long account, String instrument, long quantity) implements CommandRequest
{
    public CancelUnitsRequest
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
        return encoders.commands().cancelUnits(
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity);
    }
}
