package io.carbonx.gateway.http.command;

import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.sbe.TradingPhase;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/set-trading-phase}: open, halt or close one instrument, or every instrument when
 * {@code instrument} is left out. Regulator only.
 */
public record SetTradingPhaseRequest(@OptionalField String instrument, String phase) implements CommandRequest
{
    public SetTradingPhaseRequest
    {
        phase(phase);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().setTradingPhase(
            buffer, 0, instrument == null ? 0 : encoders.instruments().id("instrument", instrument), phase(phase));
    }

    private static TradingPhase phase(final String phase)
    {
        for (final TradingPhase value : TradingPhase.values())
        {
            if (value != TradingPhase.NULL_VAL && value.name().equals(phase))
            {
                return value;
            }
        }
        throw new InvalidFieldException("field 'phase': must be one of PRE_OPEN, CONTINUOUS, HALTED, CLOSED, was '" +
            phase + "'");
    }
}
