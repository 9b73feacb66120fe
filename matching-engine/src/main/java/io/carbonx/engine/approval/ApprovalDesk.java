package io.carbonx.engine.approval;

import io.carbonx.engine.event.EventEnvelope;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.CommandEnvelopeDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.ProposeActionDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.StateHash;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The four-eyes rule: a command the scheme's {@link FourEyesRules} names is refused when sent directly, and applies
 * only when one user proposes it and a different user approves it before the proposal expires. Who is who comes from
 * the command envelopes (source and user id); that both are regulators is the gateway's check. The live proposals are
 * engine state, in the snapshot and the state hash, kept in proposal id order so both are deterministic. A proposal
 * expired for longer than a whole lifetime is dropped as new ones arrive (ids and expiries rise together, so those
 * are always the oldest): until then its approval is refused as {@code PROPOSAL_EXPIRED}, after it as unknown.
 * <p>
 * Business-logic thread only.
 */
public final class ApprovalDesk
{
    /** The longest command a proposal may hold, header included: the approvable commands are far shorter. */
    public static final int MAX_COMMAND_LENGTH = 256;

    private final FourEyesRules rules;
    // Whether the scheme names any command: checked first on every command, so the order path pays one field read.
    private final boolean anyRule;
    private final ApprovalEvents events;
    private final TreeMap<Long, Proposal> proposals = new TreeMap<>();
    private final Collection<Proposal> readOnly = Collections.unmodifiableCollection(proposals.values());
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer proposed = new UnsafeBuffer(new byte[0]);

    public ApprovalDesk(final FourEyesRules rules, final EventEnvelope envelope)
    {
        this.rules = rules;
        this.anyRule = rules.issueUnits() || rules.allocateAllowances() || rules.closeComplianceYear();
        this.events = new ApprovalEvents(envelope);
    }

    /**
     * @return whether a command sent directly must be refused with {@code APPROVAL_REQUIRED}: the scheme names it and
     * it does not come from the exchange itself (its configuration and timers are not a user's act).
     */
    public boolean approvalRequired(final int templateId, final int sourceId, final long userId)
    {
        return anyRule && rules.requires(templateId) && !(sourceId == SourceIds.EXCHANGE && userId == UserIds.EXCHANGE);
    }

    /**
     * Record a proposal; its id is the command's sequence.
     *
     * @param now the engine's clock: the proposal expires the scheme's lifetime after it.
     */
    public void propose(
        final long sequence, final int sourceId, final long userId, final long now, final ProposeActionDecoder command)
    {
        dropExpired(now);
        final int length = command.commandLength();
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + CommandEnvelopeDecoder.ENCODED_LENGTH ||
            length > MAX_COMMAND_LENGTH)
        {
            events.refused(0, RejectReason.NOT_APPROVABLE);
            return;
        }
        final byte[] bytes = new byte[length];
        command.getCommand(bytes, 0, length);
        header.wrap(new UnsafeBuffer(bytes), 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || !rules.requires(header.templateId()) ||
            header.blockLength() < CommandEnvelopeDecoder.ENCODED_LENGTH ||
            MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() > length)
        {
            events.refused(0, RejectReason.NOT_APPROVABLE);
            return;
        }
        final Proposal proposal = new Proposal(
            sequence, sourceId, userId, header.templateId(), saturatedAdd(now, rules.proposalLifetimeNanos()), bytes);
        proposals.put(sequence, proposal);
        events.proposed(proposal);
    }

    /**
     * Approve a proposal: refused for an unknown one, an expired one (which is then dropped) and the proposer's own.
     * On success the proposal is gone and its {@code ProposalApproved} event published; the caller then applies the
     * command, which the engine may still refuse like any other (the proposal is spent either way).
     *
     * @return the approved proposal, or null when refused.
     */
    public Proposal approve(final long proposalId, final int sourceId, final long userId, final long now)
    {
        final Proposal proposal = live(proposalId, now);
        if (proposal == null)
        {
            return null;
        }
        if (proposal.sourceId() == sourceId && proposal.userId() == userId)
        {
            events.refused(proposalId, RejectReason.SAME_USER_CANNOT_APPROVE);
            return null;
        }
        proposals.remove(proposalId);
        events.approved(proposal);
        return proposal;
    }

    /**
     * Drop a live proposal unapplied; anyone the gateway lets send this may, the proposer too.
     */
    public void reject(final long proposalId, final long now)
    {
        final Proposal proposal = live(proposalId, now);
        if (proposal != null)
        {
            proposals.remove(proposalId);
            events.rejected(proposal);
        }
    }

    /**
     * @return the proposed command of a proposal, wrapped in a buffer reused by the next call.
     */
    public UnsafeBuffer command(final Proposal proposal)
    {
        proposed.wrap(proposal.command());
        return proposed;
    }

    /**
     * @return the live proposals, in id order, read-only (a proposal's command bytes are the desk's own: not to be
     * changed); those expired but not yet dropped included (see the class comment).
     */
    public Collection<Proposal> proposals()
    {
        return readOnly;
    }

    private Proposal live(final long proposalId, final long now)
    {
        final Proposal proposal = proposals.get(proposalId);
        if (proposal == null)
        {
            events.refused(proposalId, RejectReason.UNKNOWN_PROPOSAL);
            return null;
        }
        if (now > proposal.expiresAt())
        {
            proposals.remove(proposalId);
            events.refused(proposalId, RejectReason.PROPOSAL_EXPIRED);
            return null;
        }
        return proposal;
    }

    private void dropExpired(final long now)
    {
        Map.Entry<Long, Proposal> oldest = proposals.firstEntry();
        while (oldest != null && now - rules.proposalLifetimeNanos() > oldest.getValue().expiresAt())
        {
            proposals.pollFirstEntry();
            oldest = proposals.firstEntry();
        }
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * @return {@code hash} followed by the live proposals' digest; {@code hash} itself when there are none, so an
     * exchange without four-eyes has the hash it always had.
     */
    public long hashInto(final long hash)
    {
        if (proposals.isEmpty())
        {
            return hash;
        }
        long h = StateHash.mix(hash, proposals.size());
        for (final Proposal proposal : proposals.values())
        {
            h = proposal.hashInto(h);
        }
        return h;
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(proposals.size());
        for (final Proposal proposal : proposals.values())
        {
            proposal.write(out);
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            final Proposal proposal = Proposal.read(in);
            proposals.put(proposal.id(), proposal);
        }
    }
}
