package io.carbonx.engine.core;

import io.carbonx.engine.approval.ApprovalCommandWriter;
import io.carbonx.engine.approval.FourEyesRules;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.ActionProposedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;
import io.carbonx.protocol.sbe.ProposalRejectedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.UnitAttributes;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static io.carbonx.engine.core.ExchangeStateMachineTest.CEA;
import static io.carbonx.engine.core.ExchangeStateMachineTest.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The four-eyes rule in the engine: a named command sent directly is refused, one user proposes it, a different user
 * approves it before it expires, and only then does it apply, exactly as if it had been sent; the proposals survive a
 * snapshot.
 */
class FourEyesTest
{
    private static final long LIFETIME = 1_000;
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private static final FourEyesRules RULES = new FourEyesRules(true, false, true, LIFETIME);

    private final TestExchange exchange =
        ExchangeStateMachineTest.start(TestSettings.settings(HoldingLimits.unlimited()).withFourEyes(RULES));
    private final ApprovalCommandWriter approvals = new ApprovalCommandWriter();
    private final ExpandableArrayBuffer proposed = new ExpandableArrayBuffer(256);

    @Test
    void aNamedCommandSentDirectlyIsRefusedAndChangesNothing()
    {
        final long before = units();
        final CapturedEvents events = apply(exchange.writer().envelope(exchange.time(), SourceIds.HTTP, 1, ALICE)
            .issueUnits(exchange.buffer(), 0, SELLER, CEA, 500));

        assertEquals(RejectReason.APPROVAL_REQUIRED, onlyRejection(events));
        assertEquals(before, units());
    }

    @Test
    void theIssueRuleHoldsProjectIssuesToo()
    {
        final long before = units();
        final UnitAttributes attributes = new UnitAttributes(ProjectType.FORESTRY, 9, 2024, 20240301, 0);
        assertEquals(RejectReason.APPROVAL_REQUIRED, onlyRejection(apply(exchange.writer()
            .envelope(exchange.time(), SourceIds.HTTP, 1, ALICE)
            .issueProjectUnits(exchange.buffer(), 0, SELLER, CEA, 500, attributes))));
        assertEquals(before, units());

        final int length = exchange.writer().envelope(exchange.time(), SourceIds.HTTP, 1, ALICE)
            .issueProjectUnits(proposed, 0, SELLER, CEA, 500, attributes);
        apply(approvals.envelope(exchange.time(), SourceIds.HTTP, 2, ALICE)
            .proposeAction(exchange.buffer(), 0, proposed, 0, length));
        final CapturedEvents approved = approve(BOB, exchange.machine().lastAppliedSequence(), 0);
        assertEquals(1, approved.all(ProjectUnitsIssuedDecoder.TEMPLATE_ID, ProjectUnitsIssuedDecoder::new).size());
        assertEquals(before + 500, units());
        assertEquals(1, exchange.machine().registry().projectIssuances().count(CEA));
    }

    @Test
    void anotherUserApprovesAndTheCommandAppliesAsIfSentDirectly()
    {
        final long before = units();
        final CapturedEvents proposal = proposeIssue(ALICE, 500);
        final ActionProposedDecoder made = proposal.all(ActionProposedDecoder.TEMPLATE_ID, ActionProposedDecoder::new)
            .get(0);
        final long id = exchange.machine().lastAppliedSequence();
        assertEquals(id, made.proposalId(), "the proposal is named by its command's sequence");
        assertEquals(IssueUnitsDecoder.TEMPLATE_ID, made.commandTemplateId());
        assertEquals(exchange.time() + LIFETIME, made.expiresAt());
        assertEquals(before, units(), "a proposal changes no holding");

        assertEquals(RejectReason.SAME_USER_CANNOT_APPROVE, onlyRejection(approve(ALICE, id, 0)));
        assertEquals(before, units());

        final CapturedEvents approved = approve(BOB, id, LIFETIME);
        final ProposalApprovedDecoder approval =
            approved.all(ProposalApprovedDecoder.TEMPLATE_ID, ProposalApprovedDecoder::new).get(0);
        assertEquals(id, approval.proposalId());
        assertEquals(ALICE, approval.proposerUserId());
        assertEquals(SourceIds.HTTP, approval.proposerSourceId());
        final RegistryChangedDecoder issued = approved.registryChanges().get(0);
        assertEquals(RegistryOperationType.ISSUE, issued.operation());
        assertEquals(500, issued.quantity());
        assertEquals(before + 500, units());

        assertEquals(RejectReason.UNKNOWN_PROPOSAL, onlyRejection(approve(BOB, id, LIFETIME)),
            "a proposal applies once");
        assertEquals(before + 500, units());
    }

    @Test
    void anExpiredProposalCannotBeApproved()
    {
        final long before = units();
        proposeIssue(ALICE, 500);
        final long id = exchange.machine().lastAppliedSequence();

        assertEquals(RejectReason.PROPOSAL_EXPIRED, onlyRejection(approve(BOB, id, LIFETIME + 1)));
        assertEquals(RejectReason.UNKNOWN_PROPOSAL, onlyRejection(approve(BOB, id, LIFETIME + 2)),
            "an expired proposal is gone once refused");
        assertEquals(before, units());
    }

    @Test
    void aRejectedProposalNeverApplies()
    {
        final long before = units();
        proposeIssue(ALICE, 500);
        final long id = exchange.machine().lastAppliedSequence();

        final CapturedEvents rejected = apply(approvals.envelope(exchange.time(), SourceIds.HTTP, 3, ALICE)
            .rejectProposal(exchange.buffer(), 0, id));
        assertEquals(List.of(ProposalRejectedDecoder.TEMPLATE_ID), rejected.templateIds());
        assertEquals(RejectReason.UNKNOWN_PROPOSAL, onlyRejection(approve(BOB, id, 0)));
        assertEquals(before, units());
    }

    @Test
    void aCommandTheSchemeDoesNotNameCannotBeProposed()
    {
        final int length = exchange.writer().envelope(exchange.time(), SourceIds.HTTP, 1, ALICE)
            .depositCash(proposed, 0, SELLER, 100);
        final CapturedEvents events = apply(approvals.envelope(exchange.time(), SourceIds.HTTP, 2, ALICE)
            .proposeAction(exchange.buffer(), 0, proposed, 0, length));

        assertEquals(RejectReason.NOT_APPROVABLE, onlyRejection(events));
    }

    @Test
    void withoutTheRuleCommandsApplyDirectlyAndNothingCanBeProposed()
    {
        final TestExchange plain = ExchangeStateMachineTest.start(TestSettings.settings(HoldingLimits.unlimited()));
        final long before = plain.machine().registry().holding(SELLER, CEA).total();
        final CapturedEvents issued = plain.apply(plain.writer().envelope(plain.time(), SourceIds.HTTP, 1, ALICE)
            .issueUnits(plain.buffer(), 0, SELLER, CEA, 500));
        assertEquals(RegistryOperationType.ISSUE, issued.registryChanges().get(0).operation());
        assertEquals(before + 500, plain.machine().registry().holding(SELLER, CEA).total());

        final int length = plain.writer().envelope(plain.time(), SourceIds.HTTP, 1, ALICE)
            .issueUnits(proposed, 0, SELLER, CEA, 500);
        final CapturedEvents events = plain.apply(approvals.envelope(plain.time(), SourceIds.HTTP, 2, ALICE)
            .proposeAction(plain.buffer(), 0, proposed, 0, length));
        assertEquals(1, events.size());
        assertEquals(RejectReason.NOT_APPROVABLE, events.rejected().get(0).reason());
    }

    @Test
    void aLiveProposalSurvivesASnapshotAndChangesTheStateHash() throws IOException
    {
        final long empty = exchange.machine().stateHash();
        proposeIssue(ALICE, 500);
        final long id = exchange.machine().lastAppliedSequence();
        final ExchangeStateMachine machine = exchange.machine();

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        machine.writeSnapshot(new DataOutputStream(bytes));
        final TestExchange restored = new TestExchange(
            TestSettings.settings(HoldingLimits.unlimited()).withFourEyes(RULES));
        restored.machine().readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(machine.stateHash(), restored.machine().stateHash());

        final CapturedEvents approved = restored.apply(approvals.envelope(exchange.time(), SourceIds.HTTP, 9, BOB)
            .approveAction(restored.buffer(), 0, id));
        assertEquals(1, approved.all(ProposalApprovedDecoder.TEMPLATE_ID, ProposalApprovedDecoder::new).size());
        assertEquals(units() + 500, restored.machine().registry().holding(SELLER, CEA).total());
        assertNotEquals(empty, machine.stateHash(), "a live proposal is part of the state hash");
    }

    private CapturedEvents proposeIssue(final long user, final long quantity)
    {
        final int length = exchange.writer().envelope(exchange.time(), SourceIds.HTTP, 1, user)
            .issueUnits(proposed, 0, SELLER, CEA, quantity);
        return apply(approvals.envelope(exchange.time(), SourceIds.HTTP, 2, user)
            .proposeAction(exchange.buffer(), 0, proposed, 0, length));
    }

    private CapturedEvents approve(final long user, final long proposalId, final long after)
    {
        return apply(approvals.envelope(exchange.time() + after, SourceIds.HTTP, 3, user)
            .approveAction(exchange.buffer(), 0, proposalId));
    }

    private CapturedEvents apply(final int length)
    {
        return exchange.apply(length);
    }

    private long units()
    {
        return exchange.machine().registry().holding(SELLER, CEA).total();
    }

    private static RejectReason onlyRejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a refused command has exactly one event");
        final CommandRejectedDecoder rejected = events.rejected().get(0);
        return rejected.reason();
    }
}
