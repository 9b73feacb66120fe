package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.fix.PasswordHash;
import io.carbonx.protocol.sbe.CloseComplianceYearDecoder;
import io.carbonx.protocol.sbe.IssueUnitsDecoder;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.AnswerJson.event;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four-eyes approval through the real HTTP API, and who did what: with {@code scheme.fourEyes} one regulator proposes
 * issuance, allocation or a year's close and a different one approves it before it expires; the registry log,
 * settlement statement and compliance report name the users; the access log records every request, refusals too.
 * Without the option the commands apply directly, as they always did.
 */
class FourEyesHttpTest
{
    /** A second regulator, beside the demo's {@code mee}. */
    private static final String AUDITOR = "auditor.auditor-test-token";
    private static final long LIFETIME_SECONDS = 6;

    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private ApiClient api;

    @Test
    void aSecondRegulatorApprovesWhatTheFirstProposedBeforeItExpires() throws Exception
    {
        start(fourEyes());
        final long before = units(1003, "CEA-2025");

        final Answer direct = api.post(REGULATOR, "/commands/issue-units", issue(1003, 700));
        assertEquals(422, direct.status(), direct.body());
        assertEquals("APPROVAL_REQUIRED", direct.error());
        assertEquals(403, api.post(HUANENG, "/proposals/issue-units", issue(1001, 700)).status(),
            "only a regulator proposes");

        final JsonNode proposed = event(ok(REGULATOR, "/proposals/issue-units", issue(1003, 700)), "ActionProposed");
        final long proposalId = proposed.get("proposalId").asLong();
        assertEquals(IssueUnitsDecoder.TEMPLATE_ID, proposed.get("commandTemplateId").asInt());
        assertEquals(before, units(1003, "CEA-2025"), "a proposal issues nothing");

        // the proposal is listed for the regulators, with what it would do
        assertEquals(403, api.get(HUANENG, "/proposals").status(), "only a regulator lists proposals");
        final JsonNode listed = proposals(AUDITOR);
        assertEquals(1, listed.size(), listed.toString());
        final JsonNode waiting = listed.get(0);
        assertEquals(proposalId, waiting.get("proposalId").asLong());
        assertEquals("issue-units", waiting.get("command").asText());
        assertEquals(IssueUnitsDecoder.TEMPLATE_ID, waiting.get("commandTemplateId").asInt());
        assertEquals(2, waiting.get("proposerSourceId").asInt(), "the HTTP API's source id");
        assertEquals(1, waiting.get("proposerUserId").asLong(), "mee is the first API user");
        assertEquals("mee", waiting.get("proposer").asText());
        assertEquals(proposed.get("expiresAt").asText(), waiting.get("expiresAt").asText());
        assertFalse(waiting.get("expired").asBoolean());
        assertEquals("{\"account\":1003,\"instrument\":\"CEA-2025\",\"instrumentId\":2,\"quantity\":700}",
            waiting.get("fields").toString());

        final Answer own = api.post(REGULATOR, "/commands/approve-action", approval(proposalId));
        assertEquals(422, own.status(), own.body());
        assertEquals("SAME_USER_CANNOT_APPROVE", own.error());
        assertEquals(before, units(1003, "CEA-2025"));

        final JsonNode approved = ok(AUDITOR, "/commands/approve-action", approval(proposalId));
        final JsonNode approval = event(approved, "ProposalApproved");
        assertEquals(proposalId, approval.get("proposalId").asLong());
        assertEquals(1, approval.get("proposerUserId").asLong(), "mee is the first API user");
        final JsonNode issued = event(approved, "RegistryChanged");
        assertEquals("ISSUE", issued.get("operation").asText());
        assertEquals(700, issued.get("quantity").asLong());
        assertEquals(2, issued.get("instrumentId").asInt());
        assertEquals("CEA-2025", issued.get("instrument").asText(), "answers name the instrument by symbol too");
        assertEquals(before + 700, units(1003, "CEA-2025"));
        assertEquals("UNKNOWN_PROPOSAL", api.post(AUDITOR, "/commands/approve-action", approval(proposalId)).error(),
            "a proposal applies once");
        assertEquals(0, proposals(REGULATOR).size(), "an approved proposal is no longer listed");

        // expired: approved after its lifetime, it is refused and issues nothing
        final JsonNode late = event(ok(REGULATOR, "/proposals/issue-units", issue(1003, 1)), "ActionProposed");
        WallClock.awaitPassed(Instant.parse(late.get("expiresAt").asText()));
        assertFalse(proposals(AUDITOR).get(0).get("expired").asBoolean(),
            "the engine's clock, not the wall clock, decides: no command applied since the proposal");
        ok(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"1.00\"}");
        final JsonNode stale = proposals(AUDITOR).get(0);
        assertEquals(late.get("proposalId").asLong(), stale.get("proposalId").asLong());
        assertTrue(stale.get("expired").asBoolean(), "a command after expiresAt moved the engine's clock past it");
        final Answer expired =
            api.post(AUDITOR, "/commands/approve-action", approval(late.get("proposalId").asLong()));
        assertEquals(422, expired.status(), expired.body());
        assertEquals("PROPOSAL_EXPIRED", expired.error());
        assertEquals(before + 700, units(1003, "CEA-2025"));

        // who did what: the registry log and the settlement statement name both users of the approved issuance
        final JsonNode log = api.get(REGULATOR, "/reports/registry-log?date=open").json();
        final JsonNode issueRow = row(log, "operation", "ISSUE", "to", "1003");
        assertEquals("mee (approved by auditor)", issueRow.get("user").asText());
        assertEquals("exchange", row(log, "operation", "ISSUE", "to", "1001").get("user").asText(),
            "genesis is the exchange's own");
        final JsonNode statement = api.get(REGULATOR, "/reports/settlement?date=open&account=1003").json();
        assertEquals("mee (approved by auditor)", row(statement, "line", "ISSUE", "account", "1003").get("user")
            .asText());
    }

    @Test
    void aLiveProposalSurvivesARestartAndIsApprovedAfterIt() throws Exception
    {
        final ExchangeConfig config = fourEyes(3_600);
        start(config);
        final long before = units(1003, "CEA-2025");
        final long proposalId = event(ok(REGULATOR, "/proposals/issue-units", issue(1003, 40)), "ActionProposed")
            .get("proposalId").asLong();
        final long projectId = event(ok(AUDITOR, "/proposals/issue-project-units", "{\"account\":2001," +
            "\"instrument\":\"CCER\",\"quantity\":1000,\"projectType\":\"FORESTRY\",\"projectId\":1234," +
            "\"vintage\":2024,\"registeredDate\":\"2024-03-01\"," +
            "\"labels\":[\"CORSIA_ELIGIBLE\",\"ARTICLE6_AUTHORISED\"]}"), "ActionProposed").get("proposalId").asLong();
        running.stop();

        start(config);
        final JsonNode listed = proposals(REGULATOR);
        assertEquals(2, listed.size(), "both proposals, restored from the journal: " + listed);
        assertEquals(proposalId, listed.get(0).get("proposalId").asLong(), "in proposal id order");
        assertEquals(projectId, listed.get(1).get("proposalId").asLong());
        assertEquals("issue-project-units", listed.get(1).get("command").asText());
        assertEquals("auditor", listed.get(1).get("proposer").asText());
        assertEquals("{\"account\":2001,\"instrument\":\"CCER\",\"instrumentId\":3,\"quantity\":1000," +
            "\"projectType\":\"FORESTRY\",\"projectId\":1234,\"vintage\":2024,\"registeredDate\":\"2024-03-01\"," +
            "\"labels\":[\"ARTICLE6_AUTHORISED\",\"CORSIA_ELIGIBLE\"]}", listed.get(1).get("fields").toString());
        ok(REGULATOR, "/commands/reject-proposal", approval(projectId));
        assertEquals("SAME_USER_CANNOT_APPROVE",
            api.post(REGULATOR, "/commands/approve-action", approval(proposalId)).error(),
            "the proposal and its proposer are restored from the journal");
        ok(AUDITOR, "/commands/approve-action", approval(proposalId));
        assertEquals(before + 40, units(1003, "CEA-2025"));
    }

    @Test
    void allocationAndTheYearsCloseNeedASecondRegulatorAndTheComplianceReportNamesThem() throws Exception
    {
        start(fourEyes());
        final Instant deadline = Instant.now().plusSeconds(2);
        ok(REGULATOR, "/commands/open-compliance-year", "{\"year\":2025,\"deadline\":\"" + deadline + "\"}");
        final String allocation = "{\"year\":2025,\"account\":1003,\"instrument\":\"CEA-2025\",\"quantity\":500}";
        assertEquals("APPROVAL_REQUIRED", api.post(REGULATOR, "/commands/allocate-allowances", allocation).error());
        final long allocationId =
            event(ok(REGULATOR, "/proposals/allocate-allowances", allocation), "ActionProposed").get("proposalId")
                .asLong();
        final JsonNode allocationListed = proposals(AUDITOR).get(0);
        assertEquals(allocationId, allocationListed.get("proposalId").asLong());
        assertEquals("allocate-allowances", allocationListed.get("command").asText());
        assertEquals("{\"year\":2025,\"account\":1003,\"instrument\":\"CEA-2025\",\"instrumentId\":2," +
            "\"quantity\":500}", allocationListed.get("fields").toString());
        final JsonNode allocated = event(ok(AUDITOR, "/commands/approve-action", approval(allocationId)),
            "AllowancesAllocated");
        assertEquals(500, allocated.get("quantity").asLong());
        assertEquals("CEA-2025", allocated.get("instrument").asText());
        for (final long account : List.of(1001L, 1002L, 1003L))
        {
            ok(REGULATOR, "/commands/record-emissions",
                "{\"year\":2025,\"account\":" + account + ",\"emissions\":100}");
        }
        WallClock.awaitPassed(deadline);

        assertEquals("APPROVAL_REQUIRED",
            api.post(REGULATOR, "/commands/close-compliance-year", "{\"year\":2025}").error());
        final JsonNode proposed = event(ok(AUDITOR, "/proposals/close-compliance-year", "{\"year\":2025}"),
            "ActionProposed");
        assertEquals(CloseComplianceYearDecoder.TEMPLATE_ID, proposed.get("commandTemplateId").asInt());
        final JsonNode listed = proposals(REGULATOR);
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(proposed.get("proposalId").asLong(), listed.get(0).get("proposalId").asLong());
        assertEquals("close-compliance-year", listed.get(0).get("command").asText());
        assertEquals("auditor", listed.get(0).get("proposer").asText());
        assertEquals(5, listed.get(0).get("proposerUserId").asLong(), "the demo's four API users, then auditor");
        assertEquals("{\"year\":2025}", listed.get(0).get("fields").toString());
        final JsonNode rejected = ok(REGULATOR, "/commands/reject-proposal", approval(proposed.get("proposalId")
            .asLong()));
        event(rejected, "ProposalRejected");
        assertEquals(0, proposals(REGULATOR).size(), "a rejected proposal is no longer listed");
        assertEquals("UNKNOWN_PROPOSAL", api.post(REGULATOR, "/commands/approve-action",
            approval(proposed.get("proposalId").asLong())).error(), "a rejected proposal cannot be approved");

        final long closeId = event(ok(AUDITOR, "/proposals/close-compliance-year", "{\"year\":2025}"),
            "ActionProposed").get("proposalId").asLong();
        final JsonNode closed = ok(REGULATOR, "/commands/approve-action", approval(closeId));
        event(closed, "ComplianceYearClosed");

        final Answer report = api.get(REGULATOR, "/reports/compliance?year=2025");
        assertEquals(200, report.status(), report.body());
        assertEquals(4, report.json().get("rows").size(), "three enterprises and the total: " + report.body());
        for (final JsonNode row : report.json().get("rows"))
        {
            assertEquals("auditor (approved by mee)", row.get("user").asText(), row.toString());
        }
        final JsonNode log = api.get(REGULATOR, "/reports/registry-log?date=open").json();
        assertEquals("mee (approved by auditor)",
            row(log, "operation", "ALLOCATE", "to", "1003").get("user").asText());
    }

    @Test
    void withoutTheOptionCommandsApplyDirectlyAndTheAccessLogRecordsEveryRequest() throws Exception
    {
        start(TestExchange.demo(folder, true));
        final long before = units(1003, "CEA-2025");
        final JsonNode issued = event(ok(REGULATOR, "/commands/issue-units", issue(1003, 300)), "RegistryChanged");
        assertEquals("CEA-2025", issued.get("instrument").asText());
        assertEquals(before + 300, units(1003, "CEA-2025"));
        final Answer proposal = api.post(REGULATOR, "/proposals/issue-units", issue(1003, 300));
        assertEquals(422, proposal.status(), proposal.body());
        assertEquals("NOT_APPROVABLE", proposal.error());
        assertEquals("mee", row(api.get(REGULATOR, "/reports/registry-log?date=open").json(),
            "operation", "ISSUE", "to", "1003").get("user").asText());

        assertEquals(401, api.post(null, "/commands/issue-units", issue(1003, 1)).status());
        assertEquals(401, api.post("mee.wrong-token", "/commands/issue-units", issue(1003, 1)).status());
        assertEquals(403, api.post(HUANENG, "/commands/issue-units", issue(1001, 1)).status());

        final Path accessLog = folder.resolve("data").resolve("access.log");
        final List<String> expected = List.of(
            " - POST /commands/issue-units 401 ",
            " huaneng POST /commands/issue-units 403 ",
            " mee POST /commands/issue-units 200 ",
            " mee POST /proposals/issue-units 422 ",
            " mee GET /reports/registry-log?date=open 200 ");
        await("the access log is written").atMost(Duration.ofSeconds(10))
            .until(() -> missing(accessLog, expected).isEmpty());
        for (final String line : Files.readAllLines(accessLog))
        {
            final String[] fields = line.split(" ");
            assertEquals(7, fields.length, line);
            Instant.parse(fields[0]);
            assertTrue(fields[1].startsWith("127.0.0.1:"), line);
            assertTrue(fields[6].endsWith("ms"), line);
        }
        final long refusals = Files.readAllLines(accessLog).stream().filter(line -> line.contains(" 401 ")).count();
        assertEquals(2, refusals, "both unauthenticated requests");
    }

    private static List<String> missing(final Path file, final List<String> expected) throws Exception
    {
        final String text = Files.exists(file) ? Files.readString(file) : "";
        final List<String> missing = new ArrayList<>();
        for (final String part : expected)
        {
            if (!text.contains(part))
            {
                missing.add(part);
            }
        }
        return missing;
    }

    private void start(final ExchangeConfig config) throws Exception
    {
        api = running.start(folder, config).api();
    }

    /**
     * The demo with every four-eyes command on, a short proposal lifetime (unless given), and a second regulator.
     */
    private ExchangeConfig fourEyes()
    {
        return fourEyes(LIFETIME_SECONDS);
    }

    private ExchangeConfig fourEyes(final long lifetimeSeconds)
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.SchemeConfig withFourEyes = new ExchangeConfig.SchemeConfig(scheme.name(),
            scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(),
            scheme.blockThreshold(), scheme.blockPriceBandBps(), scheme.blockTradesInClose(), scheme.preset(),
            scheme.compliance(), scheme.calendar(), scheme.referencePriceWindow(), new ExchangeConfig.FourEyesConfig(
                List.of("issue-units", "allocate-allowances", "close-compliance-year"), lifetimeSeconds));
        final List<ExchangeConfig.ApiUserConfig> users = new ArrayList<>(demo.apiUsers());
        users.add(new ExchangeConfig.ApiUserConfig("auditor",
            PasswordHash.create("auditor-test-token".toCharArray()).encoded(), "REGULATOR", List.of(), 0));
        return new ExchangeConfig(demo.server(), withFourEyes, demo.instruments(), demo.accounts(), demo.sessions(),
            users, demo.http()).validate();
    }

    private JsonNode ok(final String token, final String path, final String body) throws Exception
    {
        final Answer answer = api.post(token, path, body);
        assertEquals(200, answer.status(), path + ": " + answer.body());
        return answer.json();
    }

    /**
     * @return the live proposals as {@code GET /proposals} lists them.
     */
    private JsonNode proposals(final String token) throws Exception
    {
        final Answer answer = api.get(token, "/proposals");
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("proposals");
    }

    private long units(final long account, final String instrument) throws Exception
    {
        return StatementChecks.registryUnits(api, account, instrument);
    }

    private static JsonNode row(
        final JsonNode report, final String column, final String value, final String column2, final String value2)
    {
        for (final JsonNode row : report.get("rows"))
        {
            if (row.get(column).asText().equals(value) && row.get(column2).asText().equals(value2))
            {
                return row;
            }
        }
        throw new AssertionError("no row with " + column + "=" + value + ", " + column2 + "=" + value2 + " in " +
            report);
    }

    private static String issue(final long account, final long quantity)
    {
        return "{\"account\":" + account + ",\"instrument\":\"CEA-2025\",\"quantity\":" + quantity + "}";
    }

    private static String approval(final long proposalId)
    {
        return "{\"proposalId\":" + proposalId + "}";
    }
}
