package io.carbonx.server.config;

import io.carbonx.server.config.ExchangeConfig.ApiUserConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.fix.PasswordHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the credentials anyone can use because they are published: FIX sessions without a password, and HTTP API
 * users whose token is one of the README's demo tokens. A server accepts them only in demo mode.
 * <p>
 * A token hash the embedded configuration publishes is known by its text; any other costs one deliberately slow PBKDF2
 * derivation per published token, so the users are checked in parallel and the answers cached.
 * <p>
 * Thread safety: stateless apart from that cache, a concurrent map; safe for any thread.
 */
public final class DemoCredentials
{
    /**
     * The demo tokens the README and the embedded configuration publish.
     */
    public static final List<String> PUBLISHED_TOKENS = List.of(
        "regulator-demo-token", "huaneng-demo-token", "citic-demo-token", "broker1-demo-token");

    /**
     * The token hashes of carbonx-default.yaml, by their token: copies of the template are found without a derivation.
     */
    static final Map<String, String> PUBLISHED_HASHES = Map.of(
        "pbkdf2-sha256:210000:Vf7IWGMYmP5thmVVSuCvQQ==:IYXhYI40UlkKdSbaElju5khbfujVGoASXAn9fUTTZmo=",
        "regulator-demo-token",
        "pbkdf2-sha256:210000:YNE0x1HtCdzBUzyuf+Jn9w==:QrkdTLsP8dogIgYBzEt2AvZ+V2YeXY9r7SiPvmq0sVE=",
        "huaneng-demo-token",
        "pbkdf2-sha256:210000:NMBWVoseXnHaOotb1N4Dyw==:HpQjGWf9VAxXm7eUWWLF4Kvfo1PXepiVyyFPwegdc/w=",
        "citic-demo-token",
        "pbkdf2-sha256:210000:JGqnLFa66XjGmtdPRo67kw==:qzo3MMuvnTucRYZq4yuf5JBUByTe4I7c5raCZYJGW3Y=",
        "broker1-demo-token");

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
        for (int i = 0; i < config.dropCopy().size(); i++)
        {
            final ExchangeConfig.DropCopyConfig copy = config.dropCopy().get(i);
            if (copy.passwordHash() == null || copy.passwordHash().isBlank())
            {
                found.add("FIX drop-copy session " + copy.senderCompId() + " -> " + copy.targetCompId() +
                    " (dropCopy[" + i + "]): no passwordHash, anyone may log on as it and read its copies");
            }
        }
        final List<Optional<String>> tokens = config.apiUsers().parallelStream()
            .map(user -> demoToken(user.tokenHash()))
            .toList();
        for (int i = 0; i < config.apiUsers().size(); i++)
        {
            final ApiUserConfig user = config.apiUsers().get(i);
            final Optional<String> token = tokens.get(i);
            if (token.isPresent())
            {
                found.add("HTTP API user " + user.name() + " (apiUsers[" + i + "], " + user.role() +
                    "): tokenHash verifies the published demo secret '" + token.get() + "' (token '" + user.name() +
                    "." +
                    token.get() + "')");
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
        final String published = PUBLISHED_HASHES.get(tokenHash);
        if (published != null)
        {
            return Optional.of(published);
        }
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
