package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.HttpConfig;
import io.carbonx.gateway.http.ApiUsers;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.RawHttp.Response;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.ApiClient.BROKER1;
import static io.carbonx.server.ApiClient.REGULATOR;
import static io.carbonx.server.RawHttp.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an outsider does to the HTTP API, over real sockets against the real server: idle and slow connections, more
 * connections than allowed, pipelined requests, a flood of invalid tokens, {@code after} beyond the journal, and
 * bodies built to slip past the parsers.
 */
class HttpHostileInputTest
{
    /** Long enough that only the setting a test shortens can explain a close. */
    private static final long LONG = 120_000L;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    @TempDir
    Path folder;

    private TestExchange exchange;

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception
    {
        start(new HttpConfig(1_000L, LONG, null, null, null, null));
        try (RawHttp silent = new RawHttp(exchange.server().httpPort());
             RawHttp afterARequest = new RawHttp(exchange.server().httpPort()))
        {
            afterARequest.write(request("GET", "/accounts/1001", BROKER1, null));
            assertEquals(200, afterARequest.read().status());
            assertTrue(silent.closedByServerWithin(30_000), "a connection that never sent a byte is closed");
            assertTrue(afterARequest.closedByServerWithin(30_000), "a kept-alive connection left idle is closed");
        }
    }

    @Test
    void aSlowlorisRequestIsClosedAfterTheRequestTimeout() throws Exception
    {
        start(new HttpConfig(LONG, 1_000L, null, null, null, null));
        try (RawHttp slow = new RawHttp(exchange.server().httpPort()))
        {
            slow.write("GET /accounts/1001 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertTrue(slow.trickleUntilClosed("X-Slow: " + "a".repeat(300) + "\r\n\r\n", 100),
                "a request trickling in a byte at a time is closed before it completes");
        }
        try (RawHttp prompt = new RawHttp(exchange.server().httpPort()))
        {
            prompt.write(request("GET", "/accounts/1001", BROKER1, null));
            assertEquals(200, prompt.read().status(), "a prompt request is served");
        }
    }

    @Test
    void aConnectionBeyondThePerAddressCapIsRefusedAtOnce() throws Exception
    {
        start(new HttpConfig(LONG, LONG, 100, 4, null, null));
        final List<RawHttp> admitted = new ArrayList<>();
        try
        {
            admitUpTo(4, admitted);
            assertRefusedAtOnce("the fifth connection from one address is closed");
            for (final RawHttp connection : admitted)
            {
                served(connection);
            }
            admitted.remove(0).close();
            assertTrue(eventuallyServed(), "a connection is admitted again once one closed");
        }
        finally
        {
            for (final RawHttp connection : admitted)
            {
                connection.close();
            }
        }
    }

    @Test
    void aConnectionBeyondTheTotalCapIsRefusedAtOnce() throws Exception
    {
        start(new HttpConfig(LONG, LONG, 3, 50, null, null));
        final List<RawHttp> admitted = new ArrayList<>();
        try
        {
            admitUpTo(3, admitted);
            assertRefusedAtOnce("the fourth connection is closed");
            served(admitted.get(admitted.size() - 1));
        }
        finally
        {
            for (final RawHttp connection : admitted)
            {
                connection.close();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndNoneIsLost() throws Exception
    {
        start(null);
        final BigDecimal before = new BigDecimal(exchange.api().get(REGULATOR, "/accounts/1001").json()
            .get("cash").get("total").asText());
        try (RawHttp connection = new RawHttp(exchange.server().httpPort()))
        {
            connection.write(
                request("POST", "/commands/deposit-cash", REGULATOR, "{\"account\":1001,\"amount\":\"1.00\"}") +
                request("GET", "/accounts/1001", REGULATOR, null) +
                request("POST", "/commands/deposit-cash", REGULATOR, "{\"account\":1001,\"amount\":\"2.00\"}") +
                request("GET", "/accounts/1001", REGULATOR, null) +
                request("GET", "/no/such/thing", REGULATOR, null) +
                request("POST", "/commands/deposit-cash", REGULATOR, "{\"account\":1001,\"amount\":\"abc\"}") +
                request("GET", "/accounts/1001", "mee.wrong", null) +
                request("GET", "/accounts/1001", REGULATOR, null));
            final List<Response> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                answers.add(connection.read());
            }
            final List<Integer> statuses = new ArrayList<>();
            answers.forEach(answer -> statuses.add(answer.status()));
            assertEquals(List.of(200, 200, 200, 200, 404, 400, 401, 200), statuses, answers.toString());
            assertEquals("DEPOSIT", answers.get(0).json().get("events").get(0).get("operation").asText(),
                answers.get(0).body());
            assertEquals("2.00", answers.get(2).json().get("events").get(0).get("amount").asText(), answers.get(2)
                .body());
            assertEquals(before.add(new BigDecimal("1.00")), cash(answers.get(1)),
                "the read sees the command before it");
            assertEquals(before.add(new BigDecimal("3.00")), cash(answers.get(3)));
            assertTrue(answers.get(5).json().get("error").asText().startsWith("field 'amount': "), answers.get(5)
                .body());
            assertEquals(before.add(new BigDecimal("3.00")), cash(answers.get(7)));
            assertFalse(connection.closedByServerWithin(200),
                "nothing more was answered, and the connection stays open");
        }
    }

    @Test
    void anAfterBeyondTheJournalIsRefusedAndAReachableOneIsAnswered() throws Exception
    {
        start(null);
        final ApiClient api = exchange.api();
        final Answer deposit = api.post(REGULATOR, "/commands/deposit-cash", "{\"account\":1001,\"amount\":\"1.00\"}");
        assertEquals(200, deposit.status(), deposit.body());
        final long sequence = deposit.json().get("sequence").asLong();

        final Answer reachable = api.get(REGULATOR, "/accounts/1001?after=" + sequence);
        assertEquals(200, reachable.status(), reachable.body());
        assertTrue(reachable.json().get("sequence").asLong() >= sequence);

        // More than there are API workers, at once: each is answered at once rather than holding one for 10 s.
        final ExecutorService clients = Executors.newFixedThreadPool(24);
        try
        {
            final List<Future<Answer>> beyond = new ArrayList<>();
            for (int i = 0; i < 24; i++)
            {
                beyond.add(clients.submit(() -> api.get(REGULATOR, "/accounts/1001?after=" + (sequence + 1_000_000))));
            }
            for (final Future<Answer> future : beyond)
            {
                final Answer answer = future.get(60, TimeUnit.SECONDS);
                assertEquals(400, answer.status(), answer.body());
                assertTrue(answer.error().matches("query parameter 'after': sequence " + (sequence + 1_000_000) +
                    " is beyond the end of the journal \\([0-9]+\\)"), answer.error());
            }
        }
        finally
        {
            clients.shutdownNow();
        }
        assertEquals(400, api.get(REGULATOR, "/accounts/1001?after=x").status());
        assertEquals(200, api.get(REGULATOR, "/trades?after=" + sequence).status());
    }

    @Test
    void aFloodOfInvalidTokensCostsAtMostOneDerivationEachAndValidReadsGoOn() throws Exception
    {
        start(null);
        final ApiClient api = exchange.api();
        final ApiUsers users = exchange.server().httpGateway().users();
        assertEquals(200, api.get(REGULATOR, "/accounts/1001").status(), "the regulator's token, verified once");

        long derivations = users.derivations();
        for (int i = 0; i < 30; i++)
        {
            assertEquals(401, api.get("nobody." + i, "/accounts/1001").status());
            assertEquals(401, api.get("no-user-named-" + i, "/accounts/1001").status());
        }
        assertEquals(derivations, users.derivations(), "a token naming no user costs no derivation");

        derivations = users.derivations();
        for (int i = 0; i < 10; i++)
        {
            assertEquals(401, api.get("mee.the-same-wrong-secret", "/accounts/1001").status());
        }
        assertEquals(derivations + 1, users.derivations(), "a wrong token is verified once, then remembered");

        derivations = users.derivations();
        final int clients = 16;
        final int attempts = 12;
        final ExecutorService flood = Executors.newFixedThreadPool(clients);
        try
        {
            final List<Future<int[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final String user = List.of("mee", "huaneng", "citic", "broker1").get(c % 4);
                results.add(flood.submit(() ->
                {
                    final int[] counts = new int[2];
                    for (int i = 0; i < attempts; i++)
                    {
                        final int status = api.get(user + "." + UUID.randomUUID(), "/accounts/1001").status();
                        assertTrue(status == 401 || status == 503, "status " + status);
                        counts[status == 401 ? 0 : 1]++;
                    }
                    return counts;
                }));
            }
            for (int i = 0; i < 10; i++)
            {
                final Answer valid = api.get(REGULATOR, "/accounts/1001");
                assertEquals(200, valid.status(), "a valid read during the flood: " + valid.body());
            }
            int refused = 0;
            int busy = 0;
            for (final Future<int[]> result : results)
            {
                final int[] counts = result.get(120, TimeUnit.SECONDS);
                refused += counts[0];
                busy += counts[1];
            }
            assertEquals(clients * attempts, refused + busy);
            final long spent = users.derivations() - derivations;
            assertTrue(spent <= refused, spent + " derivations for " + refused + " tokens verified (" + busy +
                " answered 503 without one)");
        }
        finally
        {
            flood.shutdownNow();
        }
        assertEquals(200, api.get(REGULATOR, "/accounts/1001").status());
    }

    @Test
    void moneyTextIsReadStrictlyAndJsonErrorsSayWhatIsWrongInPlainWords() throws Exception
    {
        start(null);
        final ApiClient api = exchange.api();
        for (final String amount : new String[] {
            "\\uff11\\uff10\\uff10.00", "+5.00", " 5.00", "5.", ".5", "5.00\\u0000", "-5.00", "5e2", "1.005",
            "92233720368547758.08" })
        {
            final Answer answer = api.post(REGULATOR, "/commands/deposit-cash",
                "{\"account\":1001,\"amount\":\"" + amount + "\"}");
            assertEquals(400, answer.status(), amount + ": " + answer.body());
            assertTrue(answer.error().startsWith("field 'amount': "), answer.error());
        }
        final Answer trailing = api.post(REGULATOR, "/commands/deposit-cash",
            "{\"account\":1001,\"amount\":\"1.00\"} {\"more\":1}");
        assertEquals(400, trailing.status());
        assertEquals("malformed JSON: content after the end of the object at line 1, column 34", trailing.error());
        for (final String body : new String[] { "{\"account\":1001,", "{\"account\":1001,\"amount\":\"1.00\"}]", "[1]x",
            "\"" })
        {
            final Answer answer = api.post(REGULATOR, "/commands/deposit-cash", body);
            assertEquals(400, answer.status(), body);
            assertFalse(answer.body().contains("jackson") || answer.body().contains("Source:") ||
                answer.body().contains("DeserializationFeature") || answer.body().contains("`"), answer.body());
        }
        try (RawHttp connection = new RawHttp(exchange.server().httpPort()))
        {
            connection.write("BREW /coffee HTCPCP/1.0 \u0000\r\n\r\n");
            assertEquals(400, connection.read().status());
            assertTrue(connection.closedByServerWithin(30_000), "a malformed request ends the connection");
        }
        assertEquals(200, api.get(REGULATOR, "/accounts/1001").status());
    }

    private void start(final HttpConfig http) throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        exchange = running.start(folder, new ExchangeConfig(demo.server(), demo.scheme(), demo.instruments(),
            demo.accounts(), demo.sessions(), demo.apiUsers(), http).validate());
    }

    /**
     * Open served connections until {@code cap} are open, counting one the test's HTTP client may keep open from the
     * start.
     */
    private void admitUpTo(final int cap, final List<RawHttp> admitted) throws Exception
    {
        for (int i = exchange.server().httpGateway().openConnections(); i < cap; i++)
        {
            admitted.add(served(new RawHttp(exchange.server().httpPort())));
        }
    }

    private void assertRefusedAtOnce(final String message) throws Exception
    {
        try (RawHttp beyond = new RawHttp(exchange.server().httpPort()))
        {
            assertTrue(beyond.closedByServerWithin(30_000), message);
        }
    }

    private static RawHttp served(final RawHttp connection) throws Exception
    {
        connection.write(request("GET", "/accounts/1001", BROKER1, null));
        assertEquals(200, connection.read().status());
        return connection;
    }

    private boolean eventuallyServed()
    {
        try
        {
            await().atMost(Duration.ofSeconds(30)).until(this::served);
            return true;
        }
        catch (final ConditionTimeoutException ex)
        {
            return false;
        }
    }

    private boolean served() throws Exception
    {
        try (RawHttp connection = new RawHttp(exchange.server().httpPort()))
        {
            connection.write(request("GET", "/accounts/1001", BROKER1, null));
            return connection.read().status() == 200;
        }
        catch (final java.io.IOException ex)
        {
            return false; // refused while the closed connection was still counted: try again
        }
    }

    private static BigDecimal cash(final Response answer) throws Exception
    {
        final JsonNode json = answer.json();
        return new BigDecimal(json.get("cash").get("total").asText());
    }
}
