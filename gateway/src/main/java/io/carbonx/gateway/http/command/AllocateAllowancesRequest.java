package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/allocate-allowances}: free allocation of an ALLOWANCE instrument to a covered enterprise for
 * an open year, with a fresh serial block; the scheme may withhold last year's shortfall. Regulator only.
 */
public record AllocateAllowancesRequest(int year, long account, String instrument,
    long quantity) implements CommandRequest
{
    public AllocateAllowancesRequest
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
        return encoders.commands().allocateAllowances(
            buffer, 0, year, account, encoders.instruments().id("instrument", instrument), quantity);
    }
}
