package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/set-penalty-multiple}: decide one enterprise's price multiple (China 5..10) for its
 * assessment, with a reason. Regulator only.
 */
public record SetPenaltyMultipleRequest(int year, long account, long multiple, String reason) implements CommandRequest
{
    public SetPenaltyMultipleRequest
    {
        Fields.year("year", year);
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
        return encoders.commands().setPenaltyMultiple(buffer, 0, year, account, multiple, reason);
    }
}
