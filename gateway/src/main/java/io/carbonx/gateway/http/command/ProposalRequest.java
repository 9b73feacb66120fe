package io.carbonx.gateway.http.command;

import io.carbonx.engine.approval.ApprovalDesk;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * {@code POST /proposals/<command>}: propose a command the scheme's four-eyes rule holds for a second regulator. The
 * body is the command's own ({@code /commands/<command>}), checked the same way; it is encoded whole, with the
 * proposer's envelope, into a {@code ProposeAction}. Regulator only.
 *
 * @param command the proposed command's request.
 */
public record ProposalRequest(CommandRequest command) implements CommandRequest
{
    @Override
    public List<Long> actingAccounts()
    {
        return command.actingAccounts();
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        final UnsafeBuffer proposed = new UnsafeBuffer(new byte[ApprovalDesk.MAX_COMMAND_LENGTH]);
        final int length = command.encode(encoders, proposed);
        return encoders.approvals().proposeAction(buffer, 0, proposed, 0, length);
    }
}
