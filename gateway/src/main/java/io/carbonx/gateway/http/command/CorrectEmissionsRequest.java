package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;
import io.carbonx.protocol.InvalidFieldException;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/correct-emissions}: correct a covered enterprise's recorded verified emissions before the
 * close (or while its assessment is reopened), with a reason. Regulator only.
 */
public record CorrectEmissionsRequest(int year, long account, long emissions, String reason) implements CommandRequest
{
    public CorrectEmissionsRequest
    {
        Fields.year("year", year);
        if (emissions < 0)
        {
            throw new InvalidFieldException("field 'emissions': must not be negative, was " + emissions);
        }
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
        return encoders.commands().correctEmissions(buffer, 0, year, account, emissions, reason);
    }
}
