package io.carbonx.gateway.config;

import io.carbonx.gateway.config.ExchangeConfig.ApiUserConfig;
import io.carbonx.gateway.config.ExchangeConfig.SessionConfig;
import io.carbonx.gateway.fix.PasswordHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the credentials anyone can use because they are published: FIX sessions without a password, and HTTP API
 * users whose token is one of the README's demo tokens. A server accepts them only in demo mode.
 * <p>
 * Thread safety: stateless apart from a cache of which token hashes verify a demo token (each check costs a few
 * deliberately slow PBKDF2 derivations), safe for any thread.
 */
public final class DemoCredentials
{
    /**
     * The demo tokens the README and the embedded configuration publish.
     */
    public static final List<String> PUBLISHED_TOKENS = List.of(
        "regulator-demo-token", "huaneng-demo-token", "citic-demo-token", "broker1-demo-token");

    private static final Map<String, Optional<String>> DEMO_TOKEN_BY_HASH = new ConcurrentHashMap<>();

    /**
     * @return one line per demo credential, naming where it is, e.g.
     * {@code FIX session BROKER1 -> CARBONX (sessions[0]): no passwordHash}; empty when there is none.
     */
    public static List<String> find(final ExchangeConfig config)
    {
        final List<String> found = new ArrayList<>();
        for (int i = 0; i < config.sessions().size(); i++)
        {
            final SessionConfig session = config.sessions().get(i);
            if (session.passwordHash() == null || session.passwordHash().isBlank())
            {
                found.add("FIX session " + session.senderCompId() + " -> " + session.targetCompId() +
                    " (sessions[" + i + "]): no passwordHash, anyone may log on as it");
            }
        }
        for (int i = 0; i < config.apiUsers().size(); i++)
        {
            final ApiUserConfig user = config.apiUsers().get(i);
            final Optional<String> token = demoToken(user.tokenHash());
            if (token.isPresent())
            {
                found.add("HTTP API user " + user.name() + " (apiUsers[" + i + "], " + user.role() +
                    "): tokenHash verifies the published demo token '" + token.get() + "'");
            }
        }
        return found;
    }

    /**
     * Refuse demo credentials outside demo mode.
     *
     * @return the demo credentials found, to warn about: only ever non-empty in demo mode.
     * @throws ConfigException naming every demo credential when the configuration is not in demo mode.
     */
    public static List<String> check(final ExchangeConfig config)
    {
        final List<String> found = find(config);
        if (!found.isEmpty() && !config.server().demoMode())
        {
            throw new ConfigException("", "published demo credentials are refused outside demo mode:\n  " +
                String.join("\n  ", found) + "\n" +
                "Give each session a passwordHash and each API user a token of its own (both from " +
                "'carbonx-server hash-password SECRET'), or set server.demo: true (or --demo) to run a demonstration.");
        }
        return found;
    }

    /**
     * @return the published token this hash verifies; empty for any other hash, and for one that cannot be read
     * (the API users report that with its key).
     */
    private static Optional<String> demoToken(final String tokenHash)
    {
        if (tokenHash == null)
        {
            return Optional.empty();
        }
        return DEMO_TOKEN_BY_HASH.computeIfAbsent(tokenHash, DemoCredentials::verifiedToken);
    }

    private static Optional<String> verifiedToken(final String tokenHash)
    {
        final PasswordHash hash;
        try
        {
            hash = PasswordHash.parse(tokenHash);
        }
        catch (final RuntimeException ex)
        {
            return Optional.empty();
        }
        for (final String token : PUBLISHED_TOKENS)
        {
            if (hash.matches(token.toCharArray()))
            {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private DemoCredentials()
    {
    }
}
