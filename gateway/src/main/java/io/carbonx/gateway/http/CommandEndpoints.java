package io.carbonx.gateway.http;

import io.carbonx.gateway.http.command.CommandRequest;

import io.carbonx.gateway.http.command.AllocateAllowancesRequest;
import io.carbonx.gateway.http.command.AmendAuctionBidRequest;
import io.carbonx.gateway.http.command.ApproveActionRequest;
import io.carbonx.gateway.http.command.CancelUnitsRequest;
import io.carbonx.gateway.http.command.CloseAuctionRequest;
import io.carbonx.gateway.http.command.CloseComplianceYearRequest;
import io.carbonx.gateway.http.command.CorrectEmissionsRequest;
import io.carbonx.gateway.http.command.DepositCashRequest;
import io.carbonx.gateway.http.command.EndOfTradingDayRequest;
import io.carbonx.gateway.http.command.IssueProjectUnitsRequest;
import io.carbonx.gateway.http.command.IssueUnitsRequest;
import io.carbonx.gateway.http.command.OpenAuctionRequest;
import io.carbonx.gateway.http.command.OpenComplianceYearRequest;
import io.carbonx.gateway.http.command.PledgeUnitsRequest;
import io.carbonx.gateway.http.command.ProposalRequest;
import io.carbonx.gateway.http.command.RecordEmissionsRequest;
import io.carbonx.gateway.http.command.RecordFinePaymentRequest;
import io.carbonx.gateway.http.command.ReopenAssessmentRequest;
import io.carbonx.gateway.http.command.RejectProposalRequest;
import io.carbonx.gateway.http.command.RetireUnitsRequest;
import io.carbonx.gateway.http.command.SetPenaltyMultipleRequest;
import io.carbonx.gateway.http.command.SetTradingPhaseRequest;
import io.carbonx.gateway.http.command.SubmitAuctionBidRequest;
import io.carbonx.gateway.http.command.SurrenderUnitsRequest;
import io.carbonx.gateway.http.command.TransferUnitsRequest;
import io.carbonx.gateway.http.command.UnpledgeUnitsRequest;
import io.carbonx.gateway.http.command.WaiveFineRequest;
import io.carbonx.gateway.http.command.WithdrawAuctionBidRequest;
import io.carbonx.gateway.http.command.WithdrawCashRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The command endpoints, {@code POST /commands/<name>}: one line each, naming the request record and who may send it;
 * and {@code POST /proposals/<name>} for the commands a scheme's four-eyes rule may hold for a second regulator.
 * A command is answered 200 with its events once the engine has answered it and the read replica applied it, 422 with
 * the engine's reject reason, or 503 when the engine does not answer within the timeout.
 */
final class CommandEndpoints
{
    private final CommandPublisher publisher;
    private final Authorizer authorizer;
    private final long timeoutMs;

    CommandEndpoints(final CommandPublisher publisher, final Authorizer authorizer, final long timeoutMs)
    {
        this.publisher = publisher;
        this.authorizer = authorizer;
        this.timeoutMs = timeoutMs;
    }

    void register(final RouteTable routes)
    {
        command(routes, "issue-units", IssueUnitsRequest.class, CommandAccess.REGULATOR);
        command(routes, "issue-project-units", IssueProjectUnitsRequest.class, CommandAccess.REGULATOR);
        command(routes, "deposit-cash", DepositCashRequest.class, CommandAccess.REGULATOR);
        command(routes, "withdraw-cash", WithdrawCashRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "transfer-units", TransferUnitsRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "pledge-units", PledgeUnitsRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "unpledge-units", UnpledgeUnitsRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "retire-units", RetireUnitsRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "cancel-units", CancelUnitsRequest.class, CommandAccess.REGULATOR);
        command(routes, "set-trading-phase", SetTradingPhaseRequest.class, CommandAccess.REGULATOR);
        command(routes, "end-of-trading-day", EndOfTradingDayRequest.class, CommandAccess.REGULATOR);
        command(routes, "open-compliance-year", OpenComplianceYearRequest.class, CommandAccess.REGULATOR);
        command(routes, "allocate-allowances", AllocateAllowancesRequest.class, CommandAccess.REGULATOR);
        command(routes, "record-emissions", RecordEmissionsRequest.class, CommandAccess.REGULATOR);
        command(routes, "surrender-units", SurrenderUnitsRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "close-compliance-year", CloseComplianceYearRequest.class, CommandAccess.REGULATOR);
        command(routes, "correct-emissions", CorrectEmissionsRequest.class, CommandAccess.REGULATOR);
        command(routes, "set-penalty-multiple", SetPenaltyMultipleRequest.class, CommandAccess.REGULATOR);
        command(routes, "record-fine-payment", RecordFinePaymentRequest.class, CommandAccess.REGULATOR);
        command(routes, "waive-fine", WaiveFineRequest.class, CommandAccess.REGULATOR);
        command(routes, "reopen-assessment", ReopenAssessmentRequest.class, CommandAccess.REGULATOR);
        command(routes, "open-auction", OpenAuctionRequest.class, CommandAccess.REGULATOR);
        command(routes, "submit-auction-bid", SubmitAuctionBidRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "amend-auction-bid", AmendAuctionBidRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "withdraw-auction-bid", WithdrawAuctionBidRequest.class, CommandAccess.ACCOUNT_HOLDER);
        command(routes, "close-auction", CloseAuctionRequest.class, CommandAccess.REGULATOR);
        command(routes, "approve-action", ApproveActionRequest.class, CommandAccess.REGULATOR);
        command(routes, "reject-proposal", RejectProposalRequest.class, CommandAccess.REGULATOR);
        proposal(routes, "issue-units", IssueUnitsRequest.class);
        proposal(routes, "issue-project-units", IssueProjectUnitsRequest.class);
        proposal(routes, "allocate-allowances", AllocateAllowancesRequest.class);
        proposal(routes, "close-compliance-year", CloseComplianceYearRequest.class);
    }

    private <T extends Record & CommandRequest> void command(
        final RouteTable routes, final String name, final Class<T> type, final CommandAccess access)
    {
        routes.add("POST", "/commands/" + name,
            request -> send(request, name.replace('-', ' '), body -> StrictJson.read(body, type), access));
    }

    /**
     * A four-eyes proposal of a regulator's command: the command's own body, read and checked the same way.
     */
    private <T extends Record & CommandRequest> void proposal(
        final RouteTable routes, final String name, final Class<T> type)
    {
        routes.add("POST", "/proposals/" + name, request -> send(request, "propose to " + name.replace('-', ' '),
            body -> new ProposalRequest(StrictJson.read(body, type)), CommandAccess.REGULATOR));
    }

    private ApiResponse send(
        final ApiRequest request,
        final String action,
        final Function<byte[], CommandRequest> reader,
        final CommandAccess access)
        throws InterruptedException
    {
        if (access == CommandAccess.REGULATOR)
        {
            authorizer.requireRegulator(request.user(), action);
        }
        final CommandRequest command = reader.apply(request.body());
        for (final long account : command.actingAccounts())
        {
            authorizer.requireAccount(request.user(), account);
        }

        final PendingCommand pending = publisher.publish(command, request.user());
        try
        {
            final AppliedCommand applied = pending.outcome().get(timeoutMs, TimeUnit.MILLISECONDS);
            return applied.rejection() == null ?
                ApiResponse.json(200, new Accepted(applied.sequence(), applied)) :
                ApiResponse.json(422, new Rejected(422, applied.rejection(), applied.sequence(), applied));
        }
        catch (final TimeoutException ex)
        {
            throw new ApiException(503, "the engine did not answer within " + timeoutMs + " ms");
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("waiting for the engine failed", ex.getCause());
        }
        finally
        {
            publisherDone(pending);
        }
    }

    private void publisherDone(final PendingCommand pending)
    {
        publisher.forget(pending.correlationId());
    }

    /**
     * The body of a 200: the command's journal sequence (pass it as {@code ?after=} to read from another replica
     * state) and what it did.
     */
    record Accepted(long sequence, List<Map<String, Object>> events)
    {
        Accepted(final long sequence, final AppliedCommand applied)
        {
            this(sequence, applied.events());
        }
    }

    /**
     * The body of a 422: the engine's reject reason as {@code error}.
     */
    record Rejected(int status, String error, long sequence, List<Map<String, Object>> events)
    {
        Rejected(final int status, final String error, final long sequence, final AppliedCommand applied)
        {
            this(status, error, sequence, applied.events());
        }
    }
}
