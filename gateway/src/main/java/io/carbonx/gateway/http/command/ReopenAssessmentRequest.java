package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;

import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * {@code POST /commands/reopen-assessment}: reopen an enterprise's assessment of a closed year (appeal upheld), with
 * the reason; the year's next close re-assesses it. Regulator only.
 */
public record ReopenAssessmentRequest(int year, long account, String reason) implements CommandRequest
{
    public ReopenAssessmentRequest
    {
        Fields.year("year", year);
        Fields.asciiText("reason", reason);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().reopenAssessment(buffer, 0, year, account, reason);
    }
}
