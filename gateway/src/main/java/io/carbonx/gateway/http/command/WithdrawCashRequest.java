package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/withdraw-cash}: debit available cash from an account.
 */
public record WithdrawCashRequest(long account, String amount) implements CommandRequest
{
    public WithdrawCashRequest
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
        return encoders.commands().withdrawCash(buffer, 0, account, Fields.positiveAmount("amount", amount));
    }
}
