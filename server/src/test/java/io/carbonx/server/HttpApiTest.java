package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import io.carbonx.protocol.sbe.CommandEnvelopeDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.server.ApiClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.CITIC;
import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP API of the real server on its embedded demo configuration and demo users, over real sockets, with the
 * journal in a temporary folder.
 */
class HttpApiTest
{
    @TempDir
    Path folder;

    private TestExchange exchange;
    private ApiClient api;

    @BeforeEach
    void startServer() throws Exception
    {
        exchange = TestExchange.http(folder);
        api = exchange.api();
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    @Test
    void requestsWithoutAValidBearerTokenAre401() throws Exception
    {
        final Answer none = api.get(null, "/accounts/1001");
        assertEquals(401, none.status());
        assertEquals("an 'Authorization: Bearer <token>' header is required", none.error());

        final Answer wrong = api.get("not-a-token", "/accounts/1001");
        assertEquals(401, wrong.status());
        assertEquals("the bearer token is not valid", wrong.error());

        assertEquals(401,
            api.post("mee.regulator-demo-tokenX", "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"1.00\"}")
            .status());
    }

    @Test
    void rolesAndAccountsAreEnforcedWith403() throws Exception
    {
        final String issue = "{\"account\":1001,\"instrument\":\"CEA-2025\",\"quantity\":10}";
        final Answer enterpriseIssues = api.post(HUANENG, "/commands/issue-units", issue);
        assertEquals(403, enterpriseIssues.status());
        assertEquals("only a regulator may issue units; user 'huaneng' is ENTERPRISE", enterpriseIssues.error());
        assertEquals(403, api.post(BROKER1, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"1.00\"}")
            .status());
        assertEquals(403, api.post(CITIC, "/commands/cancel-units", issue).status());
        assertEquals(403, api.post(CITIC, "/commands/set-trading-phase", "{\"phase\":\"HALTED\"}").status());
        assertEquals(403, api.post(CITIC, "/commands/end-of-trading-day", "{\"tradingDate\":\"2026-11-20\"}").status());

        final Answer foreignAccount =
            api.post(HUANENG, "/commands/withdraw-cash", "{\"account\":3001,\"amount\":\"1.00\"}");
        assertEquals(403, foreignAccount.status());
        assertEquals("user 'huaneng' (ENTERPRISE) may act only for its own accounts [1001], not account 3001",
            foreignAccount.error());

        final Answer brokerForeign = api.get(BROKER1, "/accounts/3001");
        assertEquals(403, brokerForeign.status());
        assertTrue(brokerForeign.error().startsWith("user 'broker1' (BROKER 1) is not linked to account 3001"),
            brokerForeign.error());
        assertEquals(200, api.get(BROKER1, "/accounts/1001").status(), "linked to broker 1 in the registry");
        assertEquals(403, api.post(BROKER1, "/commands/transfer-units",
            "{\"fromAccount\":3001,\"toAccount\":1001,\"instrument\":\"CEA-2025\",\"quantity\":1}").status());

        assertEquals(403, api.get(CITIC, "/reports/registry-log").status());
        assertEquals(403, api.get(CITIC, "/reports/large-holders").status());
        assertEquals(403, api.get(CITIC, "/reports/settlement?account=1001").status());
        assertEquals(403, api.get(CITIC, "/trades?account=1001").status());
    }

    @Test
    void badInputIs400WithAMessageNamingTheField() throws Exception
    {
        assertBadRequest("/commands/issue-units", "{\"account\":1001,", "malformed JSON: ");
        assertBadRequest("/commands/issue-units",
            "{\"account\":1001,\"account\":1002,\"instrument\":\"CCER\",\"quantity\":1}",
            "malformed JSON: Duplicate field 'account'");
        assertBadRequest("/commands/deposit-cash", "{\"acount\":1001,\"amount\":\"1.00\"}",
            "unknown field 'acount' (expected: account, amount)");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":\"10\"}",
            "field 'quantity': expected an integer, was a string");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":1.5}",
            "field 'quantity': expected an integer, was a fraction");
        assertBadRequest("/commands/issue-units",
            "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":99999999999999999999}",
            "field 'quantity': expected an integer, was an integer out of range");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CCER\"}",
            "field 'quantity': required");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":null}",
            "field 'quantity': required, was null");
        assertBadRequest("/commands/issue-units", "{\"account\":true,\"instrument\":\"CCER\",\"quantity\":1}",
            "field 'account': expected an integer, was a boolean");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CEA-2099\",\"quantity\":1}",
            "field 'instrument': no such instrument 'CEA-2099' (known: CCER, CEA-2024, CEA-2025, SINK-FOREST)");
        assertBadRequest("/commands/issue-units", "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":0}",
            "field 'quantity': must be positive, was 0");
        assertBadRequest("/commands/deposit-cash", "{\"account\":1001,\"amount\":5000}",
            "field 'amount': expected a string, was an integer");
        assertBadRequest("/commands/deposit-cash", "{\"account\":1001,\"amount\":\"12.345\"}",
            "field 'amount': more than two decimals: '12.345'");
        assertBadRequest("/commands/deposit-cash", "{\"account\":1001,\"amount\":\"ten\"}",
            "field 'amount': expected a decimal amount like \"90.00\" (digits, at most two decimals, no sign), was " +
            "'ten'");
        assertBadRequest("/commands/set-trading-phase", "{\"phase\":\"OPENED\"}",
            "field 'phase': must be one of PRE_OPEN, CONTINUOUS, HALTED, CLOSED, was 'OPENED'");
        assertBadRequest("/commands/end-of-trading-day", "{\"tradingDate\":\"2026-13-01\"}",
            "field 'tradingDate': expected a date yyyy-mm-dd, was '2026-13-01'");
        assertBadRequest("/commands/retire-units",
            "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":1,\"beneficiary\":\"\",\"reason\":\"x\"}",
            "field 'beneficiary': must be 1 to 1024 characters");
        assertBadRequest("/commands/issue-units", "", "a JSON object body is required");
        assertBadRequest("/commands/issue-units", "[1,2]", "the body must be a JSON object");

        final Answer badPath = api.get(REGULATOR, "/accounts/abc");
        assertEquals(400, badPath.status());
        assertEquals("path parameter 'id': expected an integer, was 'abc'", badPath.error());
        final Answer badDate = api.get(REGULATOR, "/trades?date=yesterday");
        assertEquals(400, badDate.status());
        assertEquals("query parameter 'date': expected a date yyyy-mm-dd, was 'yesterday'", badDate.error());

        final Answer unknownPath = api.get(REGULATOR, "/nothing/here");
        assertEquals(404, unknownPath.status());
        assertEquals("no such resource: /nothing/here", unknownPath.error());
        final Answer unknownAccount = api.get(REGULATOR, "/accounts/4242");
        assertEquals(404, unknownAccount.status());
        assertEquals("no such account 4242", unknownAccount.error());

        final Answer wrongMethod = api.get(REGULATOR, "/commands/issue-units");
        assertEquals(405, wrongMethod.status());
        assertEquals("method GET not allowed on /commands/issue-units; allowed: POST", wrongMethod.error());
        assertEquals(405, api.send(REGULATOR, "DELETE", "/accounts/1001", null).status());

        final String huge = "{\"account\":1001,\"amount\":\"" + "1".repeat(70_000) + "\"}";
        assertEquals(413, api.post(REGULATOR, "/commands/deposit-cash", huge).status(), "the body size limit");

        assertEquals("5000000.00", api.get(CITIC, "/accounts/3001").json().get("cash").get("total").asText(),
            "nothing changed");
    }

    private void assertBadRequest(final String path, final String body, final String message) throws Exception
    {
        final Answer answer = api.post(REGULATOR, path, body);
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.error().startsWith(message), "expected '" + message + "', was '" + answer.error() + "'");
    }

    @Test
    void everyCommandEndpointChangesWhatTheReadsShow() throws Exception
    {
        final Answer issued = api.post(REGULATOR, "/commands/issue-units",
            "{\"account\":1001,\"instrument\":\"CEA-2025\",\"quantity\":1000}");
        assertEquals(200, issued.status(), issued.body());
        final JsonNode issue = issued.json().get("events").get(0);
        assertEquals("RegistryChanged", issue.get("type").asText());
        assertEquals("ISSUE", issue.get("operation").asText());
        final JsonNode issuedBlock = issued.json().get("events").get(1).get("blocks").get(0);
        assertEquals("SerialBlocks", issued.json().get("events").get(1).get("type").asText());
        assertEquals(1000, issuedBlock.get("last").asLong() - issuedBlock.get("first").asLong() + 1);
        final JsonNode cea2025 = holding(HUANENG, 1001, "CEA-2025");
        assertEquals(151_000, cea2025.get("total").asLong());
        boolean blockListed = false;
        for (final JsonNode block : cea2025.get("serialBlocks"))
        {
            blockListed |= block.get("start").asLong() <= issuedBlock.get("first").asLong() &&
                block.get("end").asLong() >= issuedBlock.get("last").asLong();
        }
        assertTrue(blockListed, "the new serial block is held: " + cea2025);

        assertEquals(200, api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":3001,\"amount\":\"1000.50\"}")
            .status());
        assertEquals("5001000.50", cash(CITIC, 3001).get("total").asText());
        assertEquals(200, api.post(CITIC, "/commands/withdraw-cash", "{\"account\":3001,\"amount\":\"0.50\"}")
            .status());
        assertEquals("5001000.00", cash(CITIC, 3001).get("available").asText());

        final Answer tooMuch =
            api.post(CITIC, "/commands/withdraw-cash", "{\"account\":3001,\"amount\":\"99999999.00\"}");
        assertEquals(422, tooMuch.status(), tooMuch.body());
        assertEquals("INSUFFICIENT_CASH", tooMuch.error());
        assertEquals("CommandRejected", tooMuch.json().get("events").get(0).get("type").asText());
        assertEquals("5001000.00", cash(CITIC, 3001).get("total").asText(), "a rejected command changes nothing");

        assertEquals(200, api.post(HUANENG, "/commands/transfer-units",
            "{\"fromAccount\":1001,\"toAccount\":3001,\"instrument\":\"CEA-2024\",\"quantity\":500}").status());
        assertEquals(199_500, holding(HUANENG, 1001, "CEA-2024").get("total").asLong());
        assertEquals(500, holding(CITIC, 3001, "CEA-2024").get("total").asLong());

        // 1001 was given 1..200000 and transferred 1..500: the pledge takes exactly 501..600, the release of 40
        // gives back 501..540 as the oldest available units, and 541..600 stay pledged.
        assertEquals("501-200000", blocksText(holding(HUANENG, 1001, "CEA-2024").get("serialBlocks")));
        final Answer pledge = api.post(BROKER1, "/commands/pledge-units",
            "{\"account\":1001,\"instrument\":\"CEA-2024\",\"quantity\":100}");
        assertEquals(200, pledge.status(), pledge.body());
        final JsonNode pledgeBlocks = pledge.json().get("events").get(1);
        assertEquals("SerialBlocks", pledgeBlocks.get("type").asText());
        assertEquals(100, pledgeBlocks.get("quantity").asLong());
        assertEquals(501, pledgeBlocks.get("blocks").get(0).get("first").asLong());
        assertEquals(600, pledgeBlocks.get("blocks").get(0).get("last").asLong());
        assertEquals(200, api.post(BROKER1, "/commands/unpledge-units",
            "{\"account\":1001,\"instrument\":\"CEA-2024\",\"quantity\":40}").status());
        final JsonNode pledged = holding(HUANENG, 1001, "CEA-2024");
        assertEquals(60, pledged.get("pledged").asLong());
        assertEquals(199_440, pledged.get("available").asLong());
        assertEquals("541-600", blocksText(pledged.get("pledgedBlocks")));
        assertEquals("501-540,601-200000", blocksText(pledged.get("serialBlocks")));

        final Answer retired =
            api.post(HUANENG, "/commands/retire-units", "{\"account\":1001,\"instrument\":\"CEA-2024\"," +
            "\"quantity\":10,\"beneficiary\":\"Huaneng 2026 neutrality\",\"reason\":\"carbon neutral claim\"}");
        assertEquals(200, retired.status(), retired.body());
        assertEquals("RETIRE", retired.json().get("events").get(0).get("operation").asText());
        assertEquals(199_490, holding(HUANENG, 1001, "CEA-2024").get("total").asLong());

        assertEquals(200, api.post(REGULATOR, "/commands/cancel-units",
            "{\"account\":2001,\"instrument\":\"CCER\",\"quantity\":5}").status());
        assertEquals(99_995, holding(REGULATOR, 2001, "CCER").get("total").asLong());

        final Answer halted =
            api.post(REGULATOR, "/commands/set-trading-phase", "{\"instrument\":\"CCER\",\"phase\":\"HALTED\"}");
        assertEquals(200, halted.status(), halted.body());
        assertEquals("TradingPhaseChanged", halted.json().get("events").get(0).get("type").asText());
        assertEquals("HALTED", halted.json().get("events").get(0).get("phase").asText());
        assertEquals(1, halted.json().get("events").size(), "only CCER");

        final Answer closed = api.post(REGULATOR, "/commands/end-of-trading-day", "{\"tradingDate\":\"2026-11-20\"}");
        assertEquals(200, closed.status(), closed.body());
        assertEquals(4, closed.json().get("events").size(), "a DayClosed per instrument");
        assertEquals("DayClosed", closed.json().get("events").get(0).get("type").asText());
        assertEquals(20261120, closed.json().get("events").get(0).get("tradingDate").asInt());

        final long sequence = closed.json().get("sequence").asLong();
        final Answer after = api.get(HUANENG, "/accounts/1001?after=" + sequence);
        assertEquals(200, after.status());
        assertTrue(after.json().get("sequence").asLong() >= sequence);
        assertEquals(0, api.get(HUANENG, "/accounts/1001/orders").json().get("orders").size());
    }

    @Test
    void theJournalRecordsWhichApiUserSentEachCommand() throws Exception
    {
        final Answer deposit = api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"1.00\"}");
        assertEquals(200, deposit.status(), deposit.body());
        final long depositSequence = deposit.json().get("sequence").asLong();

        // mee is apiUsers[0] of the demo configuration, so user 1 of the HTTP source
        final CommandEnvelopeDecoder envelope = new CommandEnvelopeDecoder();
        final long[] recorded = new long[3];
        try (JournalReader reader = new JournalReader(folder.resolve("data").resolve("journal")))
        {
            reader.read(depositSequence - 1, depositSequence, (sequence, buffer, offset, length) ->
            {
                envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
                recorded[0] = envelope.sourceId();
                recorded[1] = envelope.userId();
                recorded[2] = envelope.correlationId();
            });
        }
        assertEquals(SourceIds.HTTP, recorded[0]);
        assertEquals(UserIds.apiUser(0), recorded[1]);
        assertTrue(recorded[2] > 0, "the API's correlation id");
    }

    @Test
    void aReadAfterASequenceBeyondTheJournalIs400() throws Exception
    {
        final Answer answer = api.get(REGULATOR, "/accounts/1001?after=1000000");
        assertEquals(400, answer.status());
        assertTrue(answer.error()
            .startsWith("query parameter 'after': sequence 1000000 is beyond the end of the journal ("),
            answer.error());
    }

    private JsonNode cash(final String token, final long account) throws Exception
    {
        final Answer answer = api.get(token, "/accounts/" + account);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("cash");
    }

    private static String blocksText(final JsonNode blocks)
    {
        final StringBuilder text = new StringBuilder();
        for (final JsonNode block : blocks)
        {
            text.append(text.length() == 0 ? "" : ",").append(block.get("start").asLong()).append('-')
                .append(block.get("end").asLong());
        }
        return text.toString();
    }

    private JsonNode holding(final String token, final long account, final String symbol) throws Exception
    {
        final Answer answer = api.get(token, "/accounts/" + account + "/holdings");
        assertEquals(200, answer.status(), answer.body());
        for (final JsonNode holding : answer.json().get("holdings"))
        {
            if (holding.get("instrument").asText().equals(symbol))
            {
                return holding;
            }
        }
        assertNotNull(null, "no holding of " + symbol + " in " + answer.body());
        return null;
    }
}
