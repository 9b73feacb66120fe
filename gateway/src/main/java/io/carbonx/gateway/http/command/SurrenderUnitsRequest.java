package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/surrender-units}: surrender allowances or offsets for a compliance year. Sent by the
 * enterprise for its own account, a broker for a linked account (under its broker id), or a regulator.
 */
public record SurrenderUnitsRequest(int year, long account, String instrument, long quantity) implements CommandRequest
{
    public SurrenderUnitsRequest
    {
        Fields.year("year", year);
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
        return encoders.commands().surrenderUnits(
            buffer, 0, year, account, encoders.brokerId(), encoders.instruments().id("instrument", instrument),
            quantity);
    }
}
