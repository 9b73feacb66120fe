package io.carbonx.gateway.http;

import io.carbonx.gateway.config.ConfigException;
import io.carbonx.gateway.config.ExchangeConfig.ApiUserConfig;
import io.carbonx.gateway.fix.PasswordHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured API users and their hashed tokens. A token is checked against every user's PBKDF2 hash, which is
 * deliberately slow; a token once verified is remembered by its SHA-256 digest, so later requests cost one digest.
 */
public final class ApiUsers
{
    private record Entry(ApiUser user, PasswordHash tokenHash)
    {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, ApiUser> verified = new ConcurrentHashMap<>();

    /**
     * @throws ConfigException when a token hash cannot be read.
     */
    public ApiUsers(final List<ApiUserConfig> users)
    {
        for (int i = 0; i < users.size(); i++)
        {
            final ApiUserConfig user = users.get(i);
            final PasswordHash hash;
            try
            {
                hash = PasswordHash.parse(user.tokenHash());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("apiUsers[" + i + "].tokenHash", ex.getMessage());
            }
            entries.add(new Entry(
                new ApiUser(user.name(), ApiRole.valueOf(user.role()), new LinkedHashSet<>(user.accounts()), user.brokerId()),
                hash));
        }
    }

    /**
     * @return the user whose token this is, or null.
     */
    public ApiUser authenticate(final String token)
    {
        if (token == null || token.isEmpty())
        {
            return null;
        }
        final String digest = digest(token);
        final ApiUser known = verified.get(digest);
        if (known != null)
        {
            return known;
        }
        final char[] chars = token.toCharArray();
        for (final Entry entry : entries)
        {
            if (entry.tokenHash().matches(chars))
            {
                verified.put(digest, entry.user());
                return entry.user();
            }
        }
        return null;
    }

    private static String digest(final String token)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
