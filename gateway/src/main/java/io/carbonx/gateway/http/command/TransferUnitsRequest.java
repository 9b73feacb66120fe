package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/transfer-units}: move available units, serial blocks with them; the sender must hold
 * {@code fromAccount}.
 */
public record TransferUnitsRequest(long fromAccount, long toAccount, String instrument,
    long quantity) implements CommandRequest
{
    public TransferUnitsRequest
    {
        Fields.positive("quantity", quantity);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(fromAccount);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().transferUnits(
            buffer, 0, fromAccount, toAccount, encoders.instruments().id("instrument", instrument), quantity);
    }
}
