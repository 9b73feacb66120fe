package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.HttpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console over plain HTTP against a real server: static files (types, caching, 404, no way out of the folder),
 * sign-in and its cookie, the API signed in by the cookie (with the same authorisation, and CSRF for commands),
 * sign-out and expiry, the market endpoints and the event stream moved by a real FIX order, and the access log.
 */
class ConsoleHttpTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    @TempDir
    Path folder;

    private int port;

    private TestExchange start(final HttpConfig http) throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final TestExchange exchange = running.start(folder, new ExchangeConfig(demo.server(), demo.scheme(),
            demo.instruments(), demo.accounts(), demo.sessions(), demo.apiUsers(), http).validate());
        port = exchange.server().httpPort();
        return exchange;
    }

    private HttpResponse<String> send(final String method, final String path, final String body,
        final String... headers) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0)
        {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path, final String... headers) throws Exception
    {
        return send("GET", path, null, headers);
    }

    /**
     * @return the session's cookie ({@code name=value}) and CSRF token.
     */
    private String[] signIn(final String user, final String token) throws Exception
    {
        final HttpResponse<String> answer = send("POST", "/console/session",
            "{\"user\":\"" + user + "\",\"token\":\"" + token + "\"}", "Content-Type", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
        final String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        return new String[] {setCookie.substring(0, setCookie.indexOf(';')),
            JSON.readTree(answer.body()).get("csrfToken").asText()};
    }

    private static String error(final HttpResponse<String> answer) throws Exception
    {
        return JSON.readTree(answer.body()).get("error").asText();
    }

    @Test
    void filesAreServedWithTheirTypesAndCachingAndNothingOutsideTheFolder() throws Exception
    {
        start(null);
        final HttpResponse<String> css = get("/console/static/console.css");
        assertEquals(200, css.statusCode());
        assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElse(null));
        assertEquals("no-cache", css.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", css.headers().firstValue("X-Content-Type-Options").orElse(null));
        final String etag = css.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/console/static/console.css", "If-None-Match", etag).statusCode());

        final HttpResponse<String> script = get("/console/static/js/api.js");
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse(null));

        final HttpResponse<String> echarts = get("/console/lib/echarts.min.js");
        assertEquals(200, echarts.statusCode());
        assertEquals("text/javascript; charset=utf-8", echarts.headers().firstValue("Content-Type").orElse(null));
        assertEquals("public, max-age=86400", echarts.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(echarts.body().length() > 500_000 && echarts.body().contains("5.3.1"), "the WebJar's bundle");

        assertEquals(404, get("/console/static/nothing.css").statusCode());
        assertEquals(404, get("/console/static/console.exe").statusCode(), "an unknown type");
        assertEquals(404, get("/console/nothing").statusCode(), "no such page");

        // every way out of the folder is a file not found; raw, since a client would normalise the path first
        for (final String path : List.of("/console/static/../pages/market.html", "/console/static/js/../console.css",
            "/console/static/%2e%2e/pages/market.html", "/console/static/..%2f..%2fcarbonx-default.yaml",
            "/console/lib/../../../../carbonx-default.yaml", "/console/static//etc/passwd",
            "/console/static/.%2e/.%2e/carbonx-default.yaml", "/console/static/..\\..\\carbonx-default.yaml",
            "/console/lib/META-INF/MANIFEST.MF", "/console/../carbonx-default.yaml"))
        {
            try (RawHttp raw = new RawHttp(port))
            {
                raw.write(RawHttp.request("GET", path, null, null));
                final RawHttp.Response answer = raw.read();
                assertTrue(answer.status() == 404 || answer.status() == 400, path + ": " + answer.status());
                assertFalse(answer.body().contains("scheme:"), path);
            }
        }
    }

    @Test
    void pagesNeedASessionAndTheCookieIsHttpOnlyStrictAndExpires() throws Exception
    {
        start(new HttpConfig(null, null, null, null, null, null, null, 2L));
        final HttpResponse<String> unsigned = get("/console/market?instrument=CEA-2025");
        assertEquals(302, unsigned.statusCode());
        assertEquals("/console/login?next=%2Fconsole%2Fmarket%3Finstrument%3DCEA-2025",
            unsigned.headers().firstValue("Location").orElse(null));
        assertEquals(302, get("/console").statusCode());
        final HttpResponse<String> login = get("/console/login");
        assertEquals(200, login.statusCode());
        assertEquals("text/html; charset=utf-8", login.headers().firstValue("Content-Type").orElse(null));
        assertTrue(login.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));

        final HttpResponse<String> wrong = send("POST", "/console/session",
            "{\"user\":\"mee\",\"token\":\"not-it\"}", "Content-Type", "application/json");
        assertEquals(401, wrong.statusCode());
        assertEquals("wrong user name or token", error(wrong));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(401, send("POST", "/console/session", "{\"user\":\"nobody\",\"token\":\"x\"}").statusCode());
        assertEquals(400, send("POST", "/console/session", "{\"user\":\"mee\"}").statusCode(), "a missing field");

        final HttpResponse<String> signedIn = send("POST", "/console/session",
            "{\"user\":\"citic\",\"token\":\"citic-demo-token\"}", "Content-Type", "application/json");
        assertEquals(200, signedIn.statusCode());
        final String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.matches("carbonx_session=[A-Za-z0-9_-]{43}; Path=/; Max-Age=2; HttpOnly; " +
            "SameSite=Strict"), setCookie);
        final JsonNode who = JSON.readTree(signedIn.body());
        assertEquals("citic", who.get("user").asText());
        assertEquals("ENTERPRISE", who.get("role").asText());
        assertEquals(3001, who.get("accounts").get(0).asLong());
        final String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertEquals(200, get("/console/market", "Cookie", cookie).statusCode());
        assertEquals(200, get("/console/session", "Cookie", cookie).statusCode());
        assertEquals(302, get("/console/market", "Cookie", "carbonx_session=forged").statusCode());
        // the session lasts 2 s: then the page sends the browser back to sign in, and the API refuses the cookie
        await("the session expires").atMost(Duration.ofSeconds(10))
            .until(() -> get("/console/market", "Cookie", cookie).statusCode() == 302);
        final HttpResponse<String> expired = get("/accounts/3001", "Cookie", cookie);
        assertEquals(401, expired.statusCode());
        assertEquals("the console session is unknown or has expired; sign in again at /console/login",
            error(expired));
        assertEquals(401, get("/console/session", "Cookie", cookie).statusCode());
    }

    @Test
    void theApiTakesTheCookieWithTheSameAuthorisationAndCommandsNeedTheCsrfToken() throws Exception
    {
        start(null);
        final String[] citic = signIn("citic", "citic-demo-token");
        final HttpResponse<String> own = get("/accounts/3001", "Cookie", citic[0]);
        assertEquals(200, own.statusCode());
        assertEquals("5000000.00", JSON.readTree(own.body()).get("cash").get("total").asText());
        final HttpResponse<String> other = get("/accounts/1001", "Cookie", citic[0]);
        assertEquals(403, other.statusCode());
        assertEquals("user 'citic' (ENTERPRISE) may act only for its own accounts [3001], not account 1001",
            error(other));
        final JsonNode accounts = JSON.readTree(get("/accounts", "Cookie", citic[0]).body()).get("accounts");
        assertEquals(1, accounts.size());
        assertEquals(3001, accounts.get(0).get("account").asLong());
        assertEquals("Citic Carbon Trading (demo)", accounts.get(0).get("name").asText());

        final String withdraw = "{\"account\":3001,\"amount\":\"10.00\"}";
        final HttpResponse<String> noToken = send("POST", "/commands/withdraw-cash", withdraw,
            "Cookie", citic[0], "Content-Type", "application/json");
        assertEquals(403, noToken.statusCode());
        assertTrue(error(noToken).contains("X-CSRF-Token"), error(noToken));
        assertEquals(403, send("POST", "/commands/withdraw-cash", withdraw, "Cookie", citic[0],
            "X-CSRF-Token", citic[1] + "x").statusCode(), "a wrong token");
        final String[] mee = signIn("mee", "regulator-demo-token");
        assertEquals(403, send("POST", "/commands/withdraw-cash", withdraw, "Cookie", citic[0],
            "X-CSRF-Token", mee[1]).statusCode(), "another session's token");
        final HttpResponse<String> done = send("POST", "/commands/withdraw-cash", withdraw,
            "Cookie", citic[0], "X-CSRF-Token", citic[1], "Content-Type", "application/json");
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("4999990.00",
            JSON.readTree(get("/accounts/3001", "Cookie", citic[0]).body()).get("cash").get("total").asText());
        assertEquals(403, send("POST", "/commands/issue-units",
            "{\"account\":3001,\"instrument\":\"CEA-2025\",\"quantity\":5}", "Cookie", citic[0],
            "X-CSRF-Token", citic[1]).statusCode(), "what the role may not do, as over the API");
        assertEquals(7, JSON.readTree(get("/accounts", "Cookie", mee[0]).body()).get("accounts").size(),
            "a regulator lists every account, the fee account too");
        final JsonNode brokers = JSON.readTree(get("/accounts", "Cookie", signIn("broker1", "broker1-demo-token")[0])
            .body()).get("accounts");
        assertEquals(List.of(1001L, 1002L), List.of(brokers.get(0).get("account").asLong(),
            brokers.get(1).get("account").asLong()), "a broker the accounts linked to it");
        assertEquals(2, brokers.size());

        // signing out needs the token too, then the cookie is spent
        assertEquals(403, send("DELETE", "/console/session", null, "Cookie", citic[0]).statusCode());
        final HttpResponse<String> out = send("DELETE", "/console/session", null, "Cookie", citic[0],
            "X-CSRF-Token", citic[1]);
        assertEquals(200, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").startsWith("carbonx_session=; Path=/; Max-Age=0"));
        assertEquals(401, get("/accounts/3001", "Cookie", citic[0]).statusCode());

        final Path accessLog = folder.resolve("data").resolve("access.log");
        await("the access log names the console's users").atMost(Duration.ofSeconds(10)).until(() ->
            Files.readString(accessLog).contains(" citic POST /commands/withdraw-cash 200 ") &&
            Files.readString(accessLog).contains(" citic POST /console/session 200 ") &&
            Files.readString(accessLog).contains(" - GET /accounts/3001 401 "));
    }

    @Test
    void theStreamPushesTheBookAndTradesOfAFixOrder() throws Exception
    {
        final TestExchange exchange = start(null);
        final String[] mee = signIn("mee", "regulator-demo-token");
        assertEquals(401, get("/console/stream?instrument=CEA-2025").statusCode());
        assertEquals(404, get("/console/stream?instrument=NOPE", "Cookie", mee[0]).statusCode());
        assertEquals(400, get("/console/stream", "Cookie", mee[0]).statusCode());

        final HttpResponse<InputStream> stream = HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/stream?instrument=CEA-2025"))
                .header("Cookie", mee[0]).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(null));
        // a stream that stops sending fails the test rather than hanging it
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> watch(exchange, stream.body()));

        final String[] citic = signIn("citic", "citic-demo-token");
        final JsonNode one = JSON.readTree(get("/market/CEA-2025", "Cookie", citic[0]).body());
        assertEquals("91.00", one.get("bids").get(0).get("price").asText());
        assertEquals(1, one.get("trades").size());
        final JsonNode bars = JSON.readTree(get("/analytics/bars?instrument=CEA-2025&interval=day",
            "Authorization", "Bearer " + ApiClient.CITIC).body());
        assertEquals("day", bars.get("interval").asText());
        assertEquals(1, bars.get("bars").size());
        final JsonNode bar = bars.get("bars").get(0);
        assertEquals("91.00", bar.get("open").asText());
        assertEquals("91.00", bar.get("close").asText());
        assertEquals(30, bar.get("volume").asLong());
        assertEquals("2730.00", bar.get("turnover").asText());
        assertEquals(1, JSON.readTree(get("/analytics/bars?instrument=CEA-2025&interval=minute",
            "Cookie", citic[0]).body()).get("bars").size());
        assertEquals(0, JSON.readTree(get("/analytics/bars?instrument=CCER&interval=day",
            "Cookie", citic[0]).body()).get("bars").size());
        assertEquals(400, get("/analytics/bars?instrument=CEA-2025&interval=week", "Cookie", citic[0]).statusCode());
        assertEquals(4, JSON.readTree(get("/market", "Cookie", citic[0]).body()).get("instruments").size());

        // after a restart the latest trades come from the journal; the session, in memory, is gone
        running.stop();
        start(null);
        assertEquals(401, get("/market/CEA-2025", "Cookie", citic[0]).statusCode());
        final JsonNode restarted = JSON.readTree(get("/market/CEA-2025", "Cookie", signIn("citic",
            "citic-demo-token")[0]).body());
        assertEquals(1, restarted.get("trades").size());
        assertEquals("91.00", restarted.get("trades").get(0).get("price").asText());
        assertEquals(30, restarted.get("trades").get(0).get("quantity").asLong());
        assertEquals("91.00", restarted.get("bids").get(0).get("price").asText(), "the resting bid, recovered");
    }

    /**
     * Read the stream: the market at once, then Citic's bid of 70 at 91.00, then broker 1's sale of 30 into it.
     */
    private static void watch(final TestExchange exchange, final InputStream body) throws Exception
    {
        try (BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)))
        {
            final JsonNode first = nextMarket(events);
            assertEquals("CEA-2025", first.get("instrument").asText());
            assertEquals("CONTINUOUS", first.get("phase").asText());
            assertEquals("92.00", first.get("referencePrice").asText());
            assertEquals("82.80", first.get("band").get("low").asText());
            assertEquals("101.20", first.get("band").get("high").asText());
            assertEquals(0, first.get("bids").size());

            final List<FixClient> members = exchange.connectAll("CITIC", "BROKER1");
            members.get(0).send(TestExchange.limitOrder("S-1", "3001", "CEA-2025", '1', 70, "91.00", '1'));
            JsonNode market = nextMarket(events);
            while (market.get("bids").size() == 0)
            {
                market = nextMarket(events);
            }
            assertEquals("91.00", market.get("bids").get(0).get("price").asText());
            assertEquals(70, market.get("bids").get(0).get("quantity").asLong());

            members.get(1).send(TestExchange.limitOrder("S-2", "1001", "CEA-2025", '2', 30, "91.00", '1'));
            market = nextMarket(events);
            while (market.get("trades").size() == 0)
            {
                market = nextMarket(events);
            }
            assertEquals(1, market.get("trades").size());
            assertEquals("91.00", market.get("trades").get(0).get("price").asText());
            assertEquals(30, market.get("trades").get(0).get("quantity").asLong());
            assertEquals(40, market.get("bids").get(0).get("quantity").asLong());
            assertEquals("91.00", market.get("day").get("last").asText());
            assertEquals(30, market.get("day").get("volume").asLong());
        }
    }

    /**
     * @return the data of the next {@code market} event, skipping comments (heartbeats).
     */
    private static JsonNode nextMarket(final BufferedReader events) throws Exception
    {
        String event = null;
        for (String line = events.readLine(); line != null; line = events.readLine())
        {
            if (line.startsWith("event: "))
            {
                event = line.substring("event: ".length());
            }
            else if (line.startsWith("data: ") && "market".equals(event))
            {
                return JSON.readTree(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the stream ended");
    }
}
