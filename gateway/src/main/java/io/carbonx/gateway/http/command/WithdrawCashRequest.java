package io.carbonx.gateway.http.command;

import io.carbonx.engine.core.CommandWriter;
import io.carbonx.gateway.http.CommandRequest;
import io.carbonx.gateway.http.Fields;
import io.carbonx.gateway.http.Instruments;

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
    public int encode(final CommandWriter writer, final MutableDirectBuffer buffer, final Instruments instruments)
    {
        return writer.withdrawCash(buffer, 0, account, Fields.positiveAmount("amount", amount));
    }
}
