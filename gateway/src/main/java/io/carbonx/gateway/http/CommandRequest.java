package io.carbonx.gateway.http;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * The body of one command endpoint: a flat record read by {@link StrictJson}, which checks its own values in its
 * constructor (throwing {@link ApiException} 400) and encodes itself as one engine command.
 */
public interface CommandRequest
{
    /**
     * @return the accounts the sender acts for, which authorization checks; empty for market-wide commands.
     */
    List<Long> actingAccounts();

    /**
     * Encode the command, the envelope already set on the encoders' writers.
     *
     * @return the encoded length.
     * @throws ApiException 400 when a value names something that does not exist, e.g. an unknown instrument.
     */
    int encode(CommandEncoders encoders, MutableDirectBuffer buffer);
}
