package io.carbonx.gateway.http;

import io.carbonx.engine.approval.Proposal;
import io.carbonx.engine.instrument.Instruments;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.AllocateAllowancesDecoder;
import io.carbonx.protocol.sbe.CloseComplianceYearDecoder;
import io.carbonx.protocol.sbe.IssueProjectUnitsDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.reports.UnitAttributesJson;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /proposals}: the live four-eyes proposals, for a regulator to see what waits for its approval. Answered
 * from the read replica's engine state under its lock, so a proposal is listed from its {@code ActionProposed} until
 * its approval or rejection (or until the engine drops it, a lifetime after it expired). Stateless: any worker thread.
 */
final class ProposalEndpoints
{
    private final ReadReplica replica;
    private final Authorizer authorizer;
    private final Instruments instruments;
    private final ApiUsers users;

    ProposalEndpoints(
        final ReadReplica replica, final Authorizer authorizer, final Instruments instruments, final ApiUsers users)
    {
        this.replica = replica;
        this.authorizer = authorizer;
        this.instruments = instruments;
        this.users = users;
    }

    void register(final RouteTable routes)
    {
        routes.add("GET", "/proposals", this::proposals);
    }

    private ApiResponse proposals(final ApiRequest request) throws InterruptedException
    {
        authorizer.requireRegulator(request.user(), "list proposals");
        return ApiResponse.json(200, replica.read(machine ->
        {
            final List<Map<String, Object>> rows = new ArrayList<>();
            for (final Proposal proposal : machine.proposals())
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("proposalId", proposal.id());
                row.put("command", commandName(proposal.templateId()));
                row.put("commandTemplateId", proposal.templateId());
                row.put("proposerSourceId", proposal.sourceId());
                row.put("proposerUserId", proposal.userId());
                row.put("proposer", proposal.sourceId() == SourceIds.HTTP ? users.nameOf(proposal.userId()) : null);
                row.put("expiresAt", instant(proposal.expiresAt()));
                // As approve-action decides: expired once the engine's clock is after expiresAt.
                row.put("expired", machine.clock() > proposal.expiresAt());
                row.put("fields", fields(proposal));
                rows.add(row);
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("asOf", instant(machine.clock()));
            body.put("proposals", rows);
            body.put("sequence", machine.lastAppliedSequence());
            return body;
        }));
    }

    /**
     * @return the name the command has at {@code /proposals/<name>}, or null for a template the API cannot propose.
     */
    static String commandName(final int templateId)
    {
        return switch (templateId)
        {
            case IssueUnitsDecoder.TEMPLATE_ID -> "issue-units";
            case IssueProjectUnitsDecoder.TEMPLATE_ID -> "issue-project-units";
            case AllocateAllowancesDecoder.TEMPLATE_ID -> "allocate-allowances";
            case CloseComplianceYearDecoder.TEMPLATE_ID -> "close-compliance-year";
            default -> null;
        };
    }

    /**
     * @return the held command's fields under the names its request body gives them (plus {@code instrumentId}), or
     * an empty map for a template the API cannot propose.
     */
    private Map<String, Object> fields(final Proposal proposal)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(proposal.command());
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final Map<String, Object> fields = new LinkedHashMap<>();
        switch (proposal.templateId())
        {
            case IssueUnitsDecoder.TEMPLATE_ID ->
            {
                final IssueUnitsDecoder command = new IssueUnitsDecoder().wrapAndApplyHeader(buffer, 0, header);
                fields.put("account", command.accountId());
                instrument(fields, command.instrumentId());
                fields.put("quantity", command.quantity());
            }
            case IssueProjectUnitsDecoder.TEMPLATE_ID ->
            {
                final IssueProjectUnitsDecoder command =
                    new IssueProjectUnitsDecoder().wrapAndApplyHeader(buffer, 0, header);
                fields.put("account", command.accountId());
                instrument(fields, command.instrumentId());
                fields.put("quantity", command.quantity());
                fields.putAll(UnitAttributesJson.toJson(command.projectType(), command.projectId(),
                    command.vintage(), command.registeredDate(), command.labels()));
            }
            case AllocateAllowancesDecoder.TEMPLATE_ID ->
            {
                final AllocateAllowancesDecoder command =
                    new AllocateAllowancesDecoder().wrapAndApplyHeader(buffer, 0, header);
                fields.put("year", command.year());
                fields.put("account", command.accountId());
                instrument(fields, command.instrumentId());
                fields.put("quantity", command.quantity());
            }
            case CloseComplianceYearDecoder.TEMPLATE_ID ->
            {
                final CloseComplianceYearDecoder command =
                    new CloseComplianceYearDecoder().wrapAndApplyHeader(buffer, 0, header);
                fields.put("year", command.year());
            }
            default ->
            {
                // not a command the API proposes: its template id says what it is
            }
        }
        return fields;
    }

    private void instrument(final Map<String, Object> fields, final int instrumentId)
    {
        fields.put("instrument", instruments.symbol(instrumentId));
        fields.put("instrumentId", instrumentId);
    }

    private static String instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }
}
