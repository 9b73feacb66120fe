package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/waive-fine}: waive an assessed fine, with the reason. Regulator only.
 */
public record WaiveFineRequest(int year, long account, String reason) implements CommandRequest
{
    public WaiveFineRequest
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
        return encoders.commands().waiveFine(buffer, 0, year, account, reason);
    }
}
