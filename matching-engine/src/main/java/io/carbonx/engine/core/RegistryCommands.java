package io.carbonx.engine.core;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CancelUnitsDecoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.DepositCashDecoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.LinkBrokerDecoder;
import io.carbonx.protocol.sbe.OpenAccountDecoder;
import io.carbonx.protocol.sbe.PledgeUnitsDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.RetireUnitsDecoder;
import io.carbonx.protocol.sbe.TransferUnitsDecoder;
import io.carbonx.protocol.sbe.WithdrawCashDecoder;
import io.carbonx.registry.Registry;
import io.carbonx.registry.UnitAttributes;

/**
 * The registry's own commands (accounts, broker links, cash, and issuing, moving, pledging, retiring and cancelling
 * units): each applied to the registry, which checks it, and reported as one registry change (followed by its
 * {@code SerialBlocks} when units moved) or one rejection.
 * Business-logic thread only.
 */
final class RegistryCommands
{
    private final Registry registry;
    private final EventPublisher publisher;

    RegistryCommands(final Registry registry, final EventPublisher publisher)
    {
        this.registry = registry;
        this.publisher = publisher;
    }

    void openAccount(final OpenAccountDecoder command)
    {
        final AccountType type = command.accountType();
        final RejectReason reason = type == AccountType.NULL_VAL ?
            RejectReason.INVALID_ACCOUNT_TYPE : registry.openAccount(command.accountId(), type);
        outcome(reason, RegistryOperationType.OPEN_ACCOUNT, command.accountId(), 0, 0, 0, 0);
    }

    void linkBroker(final LinkBrokerDecoder command)
    {
        final RejectReason reason = command.brokerId() <= 0 ?
            RejectReason.INVALID_FIELD_VALUE : registry.linkBroker(command.brokerId(), command.accountId());
        outcome(reason, RegistryOperationType.LINK_BROKER, command.accountId(), command.brokerId(), 0, 0, 0);
    }

    void issueUnits(final IssueUnitsDecoder command)
    {
        final RejectReason reason = registry.issue(command.accountId(), command.instrumentId(), command.quantity());
        if (outcome(reason, RegistryOperationType.ISSUE, command.accountId(), 0, command.instrumentId(),
            command.quantity(), 0))
        {
            publisher.serialBlocks(RegistryOperationType.ISSUE, command.instrumentId(), 0, command.accountId(), 0,
                command.quantity(), registry.lastMoved());
        }
    }

    /**
     * An issue for a project: like {@link #issueUnits}, then a {@code ProjectUnitsIssued} with the attributes the
     * registry now keeps for the block. Allocates the attributes' value: a regulator's command, not the order path.
     */
    void issueProjectUnits(final IssueProjectUnitsDecoder command)
    {
        final UnitAttributes attributes = new UnitAttributes(command.projectType(), command.projectId(),
            command.vintage(), command.registeredDate(), command.labels());
        final RejectReason reason = registry.issueProject(
            command.accountId(), command.instrumentId(), command.quantity(), attributes);
        if (outcome(reason, RegistryOperationType.ISSUE, command.accountId(), 0, command.instrumentId(),
            command.quantity(), 0))
        {
            publisher.serialBlocks(RegistryOperationType.ISSUE, command.instrumentId(), 0, command.accountId(), 0,
                command.quantity(), registry.lastMoved());
            publisher.projectUnitsIssued(command.accountId(), command.instrumentId(), command.quantity(),
                registry.lastMoved().rangeStart(0), attributes);
        }
    }

    void depositCash(final DepositCashDecoder command)
    {
        final RejectReason reason = registry.depositCash(command.accountId(), command.amount());
        outcome(reason, RegistryOperationType.DEPOSIT, command.accountId(), 0, 0, 0, command.amount());
    }

    void withdrawCash(final WithdrawCashDecoder command)
    {
        final RejectReason reason = registry.withdrawCash(command.accountId(), command.amount());
        outcome(reason, RegistryOperationType.WITHDRAW, command.accountId(), 0, 0, 0, command.amount());
    }

    void transferUnits(final TransferUnitsDecoder command)
    {
        final RejectReason reason = registry.transfer(
            command.fromAccountId(), command.toAccountId(), command.instrumentId(), command.quantity());
        if (outcome(reason, RegistryOperationType.TRANSFER, command.fromAccountId(), command.toAccountId(),
            command.instrumentId(), command.quantity(), 0))
        {
            publisher.serialBlocks(RegistryOperationType.TRANSFER, command.instrumentId(), command.fromAccountId(),
                command.toAccountId(), 0, command.quantity(), registry.lastMoved());
        }
    }

    /**
     * A pledge or release moves units between the holding's unpledged and pledged serial lists (see
     * {@link Registry#pledge}); its {@code SerialBlocks} lists exactly the blocks that moved, the command's quantity.
     */
    void pledgeUnits(final PledgeUnitsDecoder command)
    {
        final boolean release = command.release() == BooleanType.TRUE;
        final RegistryOperationType operation = release ? RegistryOperationType.RELEASE : RegistryOperationType.PLEDGE;
        final RejectReason reason = release ?
            registry.unpledge(command.accountId(), command.instrumentId(), command.quantity()) :
            registry.pledge(command.accountId(), command.instrumentId(), command.quantity());
        if (outcome(reason, operation, command.accountId(), 0, command.instrumentId(), command.quantity(), 0))
        {
            publisher.serialBlocks(operation, command.instrumentId(), command.accountId(), command.accountId(), 0,
                command.quantity(), registry.lastMoved());
        }
    }

    void retireUnits(final RetireUnitsDecoder command)
    {
        final long accountId = command.accountId();
        final int instrumentId = command.instrumentId();
        final long quantity = command.quantity();
        final RejectReason reason = registry.retire(
            accountId, instrumentId, quantity, command.beneficiary(), command.reason());
        if (outcome(reason, RegistryOperationType.RETIRE, accountId, 0, instrumentId, quantity, 0))
        {
            publisher.serialBlocks(RegistryOperationType.RETIRE, instrumentId, accountId, 0, 0, quantity,
                registry.lastMoved());
        }
    }

    void cancelUnits(final CancelUnitsDecoder command)
    {
        final RejectReason reason = registry.cancel(command.accountId(), command.instrumentId(), command.quantity());
        if (outcome(reason, RegistryOperationType.CANCEL, command.accountId(), 0, command.instrumentId(),
            command.quantity(), 0))
        {
            publisher.serialBlocks(RegistryOperationType.CANCEL, command.instrumentId(), command.accountId(), 0, 0,
                command.quantity(), registry.lastMoved());
        }
    }

    /**
     * Report a registry command: its rejection, or the change.
     *
     * @return true if it was applied, so a unit movement follows with its {@code SerialBlocks}.
     */
    private boolean outcome(
        final RejectReason reason,
        final RegistryOperationType operation,
        final long accountId,
        final long counterpartyAccountId,
        final int instrumentId,
        final long quantity,
        final long amount)
    {
        if (reason != null)
        {
            publisher.rejected(CommandKind.REGISTRY, 0, accountId, instrumentId, reason);
            return false;
        }
        publisher.registryChanged(operation, accountId, counterpartyAccountId, instrumentId, quantity, amount);
        return true;
    }
}
