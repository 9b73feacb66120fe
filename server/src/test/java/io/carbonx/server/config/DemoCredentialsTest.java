package io.carbonx.server.config;

import io.carbonx.server.config.ExchangeConfig.ApiUserConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.fix.PasswordHash;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published demo credentials (passwordless FIX sessions, the README's API tokens) are found wherever they are, and
 * refused outside demo mode.
 */
class DemoCredentialsTest
{
    private static final List<String> TEMPLATE_CREDENTIALS = List.of(
        "FIX session BROKER1 -> CARBONX (sessions[0]): no passwordHash, anyone may log on as it",
        "FIX session FOREST -> CARBONX (sessions[1]): no passwordHash, anyone may log on as it",
        "FIX session CITIC -> CARBONX (sessions[2]): no passwordHash, anyone may log on as it",
        "FIX session TW -> ISLD (sessions[3]): no passwordHash, anyone may log on as it",
        "FIX drop-copy session MEE-DC -> CARBONX (dropCopy[0]): no passwordHash, anyone may log on as it and read " +
        "its copies",
        "HTTP API user mee (apiUsers[0], REGULATOR): tokenHash verifies the published demo secret " +
        "'regulator-demo-token' (token 'mee.regulator-demo-token')",
        "HTTP API user huaneng (apiUsers[1], ENTERPRISE): tokenHash verifies the published demo secret " +
        "'huaneng-demo-token' (token 'huaneng.huaneng-demo-token')",
        "HTTP API user citic (apiUsers[2], ENTERPRISE): tokenHash verifies the published demo secret " +
        "'citic-demo-token' (token 'citic.citic-demo-token')",
        "HTTP API user broker1 (apiUsers[3], BROKER): tokenHash verifies the published demo secret " +
        "'broker1-demo-token' (token 'broker1.broker1-demo-token')");

    @Test
    void aCopyOfTheTemplateIsRefusedNamingEveryDemoCredential() throws IOException
    {
        final ExchangeConfig copy = parse(defaultText());

        final ConfigException refused = assertThrows(ConfigException.class, () -> DemoCredentials.check(copy));

        for (final String credential : TEMPLATE_CREDENTIALS)
        {
            assertTrue(refused.getMessage().contains(credential), refused.getMessage());
        }
        assertTrue(refused.getMessage().startsWith("published demo credentials are refused outside demo mode:"),
            refused.getMessage());
        assertTrue(refused.getMessage().contains("server.demo: true (or --demo)"), refused.getMessage());
    }

    @Test
    void inDemoModeTheyAreAcceptedAndListed() throws IOException
    {
        assertEquals(TEMPLATE_CREDENTIALS, DemoCredentials.check(ConfigLoader.loadDefault()));
        assertEquals(TEMPLATE_CREDENTIALS,
            DemoCredentials.check(parse(defaultText().replace("# demo: true", "demo: true"))));
    }

    @Test
    void aDemoTokenHashedAgainIsStillADemoToken() throws IOException
    {
        // what 'carbonx-server hash-password citic-demo-token' prints: another salt, the same published token
        final ExchangeConfig template = parse(defaultText());
        final String rehashed = PasswordHash.create("citic-demo-token".toCharArray(), 1_000).encoded();
        final ExchangeConfig config = withCredentials(template, passworded(template.sessions()),
            List.of(new ApiUserConfig("ops", rehashed, "REGULATOR", List.of(), 0)));

        final ConfigException refused = assertThrows(ConfigException.class, () -> DemoCredentials.check(config));

        assertTrue(refused.getMessage().contains(
            "HTTP API user ops (apiUsers[0], REGULATOR): tokenHash verifies the published demo secret " +
            "'citic-demo-token' (token 'ops.citic-demo-token')"),
            refused.getMessage());
        assertTrue(!refused.getMessage().contains("FIX session"), refused.getMessage());
    }

    @Test
    void ownPasswordsAndTokensStartOutsideDemoMode() throws IOException
    {
        final ExchangeConfig template = parse(defaultText());
        final ExchangeConfig config = withCredentials(template, passworded(template.sessions()), List.of(
            new ApiUserConfig("mee", PasswordHash.create("a-token-of-our-own".toCharArray(), 1_000).encoded(),
                "REGULATOR", List.of(), 0)));

        assertEquals(List.of(), DemoCredentials.check(config));
    }

    @Test
    void onePasswordlessSessionIsEnoughToRefuse() throws IOException
    {
        final ExchangeConfig template = parse(defaultText());
        final List<SessionConfig> sessions = passworded(template.sessions());
        final SessionConfig forest = sessions.get(1);
        sessions.set(1, new SessionConfig(forest.senderCompId(), forest.targetCompId(), null, forest.role(),
            forest.brokerId(), forest.accounts(), forest.messagesPerSecond(), forest.cancelOnDisconnect()));

        final ConfigException refused = assertThrows(ConfigException.class,
            () -> DemoCredentials.check(withCredentials(template, sessions, List.of())));

        assertEquals("published demo credentials are refused outside demo mode:\n" +
            "  FIX session FOREST -> CARBONX (sessions[1]): no passwordHash, anyone may log on as it\n" +
            "Give each session a passwordHash and each API user a token of its own (both from " +
            "'carbonx-server hash-password SECRET'), or set server.demo: true (or --demo) to run a demonstration.",
            refused.getMessage());
    }

    @Test
    void theTemplatesTokenHashesAreKnownByTextAndVerifyTheirTokens() throws IOException
    {
        final List<String> templateHashes = parse(defaultText()).apiUsers().stream().map(ApiUserConfig::tokenHash)
            .toList();
        assertEquals(Set.copyOf(templateHashes), DemoCredentials.PUBLISHED_HASHES.keySet());
        for (final Map.Entry<String, String> published : DemoCredentials.PUBLISHED_HASHES.entrySet())
        {
            assertTrue(PasswordHash.parse(published.getKey()).matches(published.getValue().toCharArray()),
                published.getValue());
        }
        assertEquals(Set.copyOf(DemoCredentials.PUBLISHED_TOKENS),
            Set.copyOf(DemoCredentials.PUBLISHED_HASHES.values()));
    }

    private static List<SessionConfig> passworded(final List<SessionConfig> sessions)
    {
        final String hash = PasswordHash.create("s3cret".toCharArray(), 1_000).encoded();
        final List<SessionConfig> withPasswords = new ArrayList<>();
        for (final SessionConfig session : sessions)
        {
            withPasswords.add(new SessionConfig(session.senderCompId(), session.targetCompId(), hash, session.role(),
                session.brokerId(), session.accounts(), session.messagesPerSecond(), session.cancelOnDisconnect()));
        }
        return withPasswords;
    }

    private static ExchangeConfig withCredentials(
        final ExchangeConfig config, final List<SessionConfig> sessions, final List<ApiUserConfig> users)
    {
        return new ExchangeConfig(config.server(), config.scheme(), config.instruments(), config.accounts(), sessions,
            users).validate();
    }

    private static String defaultText() throws IOException
    {
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExchangeConfig parse(final String yaml) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
