package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/retire-units}: voluntary retirement for a carbon-neutrality claim, with its beneficiary and
 * reason.
 */
public record RetireUnitsRequest(long account, String instrument, long quantity, String beneficiary, String reason)
    implements CommandRequest
{
    public RetireUnitsRequest
    {
        Fields.positive("quantity", quantity);
        Fields.asciiText("beneficiary", beneficiary);
        Fields.asciiText("reason", reason);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().retireUnits(
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity, beneficiary, reason);
    }
}
