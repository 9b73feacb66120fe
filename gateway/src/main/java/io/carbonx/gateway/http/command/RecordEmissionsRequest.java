package io.carbonx.gateway.http.command;

import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/record-emissions}: a covered enterprise's verified emissions (tonnes, 0 allowed) for an open
 * year. Regulator only.
 */
public record RecordEmissionsRequest(int year, long account, long emissions) implements CommandRequest
{
    public RecordEmissionsRequest
    {
        Fields.year("year", year);
        if (emissions < 0)
        {
            throw new InvalidFieldException("field 'emissions': must not be negative, was " + emissions);
        }
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().recordEmissions(buffer, 0, year, account, emissions);
    }
}
