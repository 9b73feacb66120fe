package io.carbonx.engine.core;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.LinkBrokerDecoder;
import io.carbonx.protocol.sbe.OpenAccountDecoder;
import io.carbonx.protocol.sbe.PledgeUnitsDecoder;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TransferUnitsDecoder;
import io.carbonx.registry.ProjectIssuances;
import io.carbonx.registry.UnitAttributes;
import io.carbonx.registry.UnitLabel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.engine.core.EngineParts.CEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link RegistryCommands} on its own: each command is one registry change, carrying the serial block when units move
 * by serial number, or one typed rejection that changes nothing.
 */
class RegistryCommandsTest
{
    private static final long TIME = 1_000_000;
    private static final long ACCOUNT = 101;
    private static final long OTHER = 102;

    private final EngineParts parts = new EngineParts();

    @Test
    void anAccountOpensOnceAndWithoutATypeNotAtAll()
    {
        final RegistryChangedDecoder opened = openAccount(ACCOUNT, AccountType.TRADING).registryChanges().get(0);
        assertEquals(RegistryOperationType.OPEN_ACCOUNT, opened.operation());
        assertEquals(ACCOUNT, opened.accountId());
        assertNotNull(parts.registry.account(ACCOUNT));

        assertEquals(RejectReason.DUPLICATE_ID, rejection(openAccount(ACCOUNT, AccountType.TRADING)));
        assertEquals(RejectReason.INVALID_ACCOUNT_TYPE, rejection(openAccount(OTHER, AccountType.NULL_VAL)));
        assertNull(parts.registry.account(OTHER));
    }

    @Test
    void issuedUnitsReportTheSerialBlockTheyTook()
    {
        openAccount(ACCOUNT, AccountType.COMPLIANCE);
        issue(ACCOUNT, 100);

        final RegistryChangedDecoder second = issue(ACCOUNT, 50).registryChanges().get(0);

        assertEquals(RegistryOperationType.ISSUE, second.operation());
        assertEquals(CEA, second.instrumentId());
        assertEquals(50, second.quantity());
        assertEquals("101-150", parts.events.movements().get(1).blockText());
    }

    @Test
    void aProjectIssueReportsItsSerialsThenItsAttributesWhichTheRegistryKeeps()
    {
        openAccount(ACCOUNT, AccountType.PROJECT_OWNER);
        issue(ACCOUNT, 100);
        final UnitAttributes attributes = new UnitAttributes(ProjectType.OCEAN, 42, 2024, 20240815,
            UnitLabel.CORRESPONDING_ADJUSTMENT.bit());

        final CapturedEvents events = issueProject(ACCOUNT, 30, attributes);

        assertEquals(List.of(RegistryChangedDecoder.TEMPLATE_ID, SerialBlocksDecoder.TEMPLATE_ID,
            ProjectUnitsIssuedDecoder.TEMPLATE_ID), events.templateIds());
        assertEquals("101-130", events.movements().get(0).blockText());
        final ProjectUnitsIssuedDecoder issued =
            events.all(ProjectUnitsIssuedDecoder.TEMPLATE_ID, ProjectUnitsIssuedDecoder::new).get(0);
        assertEquals(ACCOUNT, issued.accountId());
        assertEquals(CEA, issued.instrumentId());
        assertEquals(30, issued.quantity());
        assertEquals(101, issued.firstSerial());
        assertEquals(130, issued.lastSerial());
        assertEquals(attributes, new UnitAttributes(issued.projectType(), issued.projectId(), issued.vintage(),
            issued.registeredDate(), issued.labels()));
        final ProjectIssuances table = parts.registry.projectIssuances();
        assertEquals(attributes, table.attributes(CEA, table.find(CEA, 115)));
        assertEquals(-1, table.find(CEA, 100));

        final long hash = parts.registry.stateHash();
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, rejection(issueProject(ACCOUNT, 5,
            new UnitAttributes(ProjectType.NULL_VAL, 42, 2024, 20240815, 0))));
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, rejection(issueProject(ACCOUNT, 5,
            new UnitAttributes(ProjectType.OCEAN, 42, 2024, 20241315, 0))));
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, rejection(issueProject(OTHER, 5, attributes)));
        assertEquals(hash, parts.registry.stateHash(), "refusals change nothing");
    }

    @Test
    void aTransferNamesBothAccountsAndItsSerials()
    {
        openAccount(ACCOUNT, AccountType.COMPLIANCE);
        openAccount(OTHER, AccountType.TRADING);
        issue(ACCOUNT, 100);

        parts.writer(TIME).transferUnits(parts.buffer(), 0, ACCOUNT, OTHER, CEA, 30);
        final int from = parts.begin(TIME);
        parts.registryCommands.transferUnits(parts.decode(new TransferUnitsDecoder()));
        final RegistryChangedDecoder moved = parts.events.since(from).registryChanges().get(0);

        assertEquals(ACCOUNT, moved.accountId());
        assertEquals(OTHER, moved.counterpartyAccountId());
        final CapturedEvents.Movement blocks = parts.events.since(from).movements().get(0);
        assertEquals(RegistryOperationType.TRANSFER, blocks.operation());
        assertEquals(ACCOUNT, blocks.from());
        assertEquals(OTHER, blocks.to());
        assertEquals("1-30", blocks.blockText());
        assertEquals(30, parts.registry.holding(OTHER, CEA).total());
    }

    @Test
    void aBrokerIdMustBePositive()
    {
        openAccount(ACCOUNT, AccountType.TRADING);
        final long hash = parts.registry.stateHash();

        parts.writer(TIME).linkBroker(parts.buffer(), 0, 0, ACCOUNT);
        final int from = parts.begin(TIME);
        parts.registryCommands.linkBroker(parts.decode(new LinkBrokerDecoder()));

        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(parts.events.since(from)));
        assertEquals(hash, parts.registry.stateHash());
    }

    @Test
    void aPledgeWithTheReleaseFlagGivesPledgedUnitsBack()
    {
        openAccount(ACCOUNT, AccountType.COMPLIANCE);
        issue(ACCOUNT, 100);

        pledge(40, false);
        assertEquals(40, parts.registry.holding(ACCOUNT, CEA).pledged());
        pledge(15, true);
        assertEquals(25, parts.registry.holding(ACCOUNT, CEA).pledged());
    }

    private CapturedEvents openAccount(final long accountId, final AccountType type)
    {
        parts.writer(TIME).openAccount(parts.buffer(), 0, accountId, type);
        final int from = parts.begin(TIME);
        parts.registryCommands.openAccount(parts.decode(new OpenAccountDecoder()));
        return parts.events.since(from);
    }

    private CapturedEvents issue(final long accountId, final long quantity)
    {
        parts.writer(TIME).issueUnits(parts.buffer(), 0, accountId, CEA, quantity);
        final int from = parts.begin(TIME);
        parts.registryCommands.issueUnits(parts.decode(new IssueUnitsDecoder()));
        return parts.events.since(from);
    }

    private CapturedEvents issueProject(final long accountId, final long quantity, final UnitAttributes attributes)
    {
        parts.writer(TIME).issueProjectUnits(parts.buffer(), 0, accountId, CEA, quantity, attributes);
        final int from = parts.begin(TIME);
        parts.registryCommands.issueProjectUnits(parts.decode(new IssueProjectUnitsDecoder()));
        return parts.events.since(from);
    }

    private void pledge(final long quantity, final boolean release)
    {
        parts.writer(TIME).pledgeUnits(parts.buffer(), 0, ACCOUNT, CEA, quantity, release);
        parts.begin(TIME);
        parts.registryCommands.pledgeUnits(parts.decode(new PledgeUnitsDecoder()));
    }

    private static RejectReason rejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a rejected command has exactly one event");
        final CommandRejectedDecoder rejected = events.rejected().get(0);
        assertEquals(CommandKind.REGISTRY, rejected.commandKind());
        return rejected.reason();
    }
}
