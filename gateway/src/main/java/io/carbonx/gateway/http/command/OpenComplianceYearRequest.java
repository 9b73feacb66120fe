package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/open-compliance-year}: open a compliance year with its surrender deadline, an ISO date-time
 * with offset or a date (the end of that day in the scheme's time zone). Regulator only.
 */
public record OpenComplianceYearRequest(int year, String deadline) implements CommandRequest
{
    public OpenComplianceYearRequest
    {
        Fields.year("year", year);
        Fields.instant("deadline", deadline);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().openComplianceYear(buffer, 0, year,
            Fields.instant("deadline", deadline, encoders.zone()));
    }
}
