package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/record-fine-payment}: record that an assessed fine was paid, with the payment's reference.
 * Regulator only.
 */
public record RecordFinePaymentRequest(int year, long account, String reference) implements CommandRequest
{
    public RecordFinePaymentRequest
    {
        Fields.year("year", year);
        Fields.asciiText("reference", reference);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().recordFinePayment(buffer, 0, year, account, reference);
    }
}
