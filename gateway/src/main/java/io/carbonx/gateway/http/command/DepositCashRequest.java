package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/deposit-cash}: credit cash received by the exchange, e.g.
 * {@code {"account":1001,"amount":"5000.00"}}. Regulator only.
 */
public record DepositCashRequest(long account, String amount) implements CommandRequest
{
    public DepositCashRequest
    {
        Fields.positiveAmount("amount", amount);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().depositCash(buffer, 0, account, Fields.positiveAmount("amount", amount));
    }
}
