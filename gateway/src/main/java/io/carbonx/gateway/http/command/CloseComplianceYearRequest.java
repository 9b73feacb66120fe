package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/close-compliance-year}: close a year at or after its deadline, assessing every enterprise and
 * applying the scheme's penalties. Regulator only.
 */
public record CloseComplianceYearRequest(int year) implements CommandRequest
{
    public CloseComplianceYearRequest
    {
        Fields.year("year", year);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().closeComplianceYear(buffer, 0, year);
    }
}
