package io.carbonx.protocol;

import io.carbonx.protocol.sbe.CancelUnitsDecoder;
import io.carbonx.protocol.sbe.DepositCashDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.LinkBrokerDecoder;
import io.carbonx.protocol.sbe.OpenAccountDecoder;
import io.carbonx.protocol.sbe.PledgeUnitsDecoder;
import io.carbonx.protocol.sbe.RetireUnitsDecoder;
import io.carbonx.protocol.sbe.TransferUnitsDecoder;
import io.carbonx.protocol.sbe.WithdrawCashDecoder;

/**
 * Names the registry operation a {@code RegistryChanged} event reports, from the template id of its command.
 */
public final class RegistryOperation
{
    private RegistryOperation()
    {
    }

    public static String name(final int commandTemplateId)
    {
        return switch (commandTemplateId)
        {
            case OpenAccountDecoder.TEMPLATE_ID -> "OPEN_ACCOUNT";
            case LinkBrokerDecoder.TEMPLATE_ID -> "LINK_BROKER";
            case IssueUnitsDecoder.TEMPLATE_ID -> "ISSUE";
            case DepositCashDecoder.TEMPLATE_ID -> "DEPOSIT";
            case WithdrawCashDecoder.TEMPLATE_ID -> "WITHDRAW";
            case TransferUnitsDecoder.TEMPLATE_ID -> "TRANSFER";
            case PledgeUnitsDecoder.TEMPLATE_ID -> "PLEDGE_OR_RELEASE"; // the event does not say which
            case RetireUnitsDecoder.TEMPLATE_ID -> "RETIRE";
            case CancelUnitsDecoder.TEMPLATE_ID -> "CANCEL";
            default -> "COMMAND_" + commandTemplateId;
        };
    }
}
