package io.carbonx.gateway.http.command;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * The body of one command endpoint: a flat record read by {@link io.carbonx.gateway.http.StrictJson}, which checks its
 * own values in its constructor (throwing {@link io.carbonx.protocol.InvalidFieldException}, a 400) and encodes itself
 * as one engine command.
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
     * @throws io.carbonx.protocol.InvalidFieldException when a value names something that does not exist, e.g. an
     * unknown instrument.
     */
    int encode(CommandEncoders encoders, MutableDirectBuffer buffer);
}
