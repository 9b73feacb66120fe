package io.carbonx.gateway.http.command;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.gateway.http.CommandRequest;
import io.carbonx.gateway.http.Fields;
import io.carbonx.gateway.http.Instruments;

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
    public int encode(final CommandWriter writer, final MutableDirectBuffer buffer, final Instruments instruments)
    {
        return writer.pledgeUnits(buffer, 0, account, instruments.id("instrument", instrument), quantity, true);
    }
}
