package io.carbonx.gateway.http;

import java.util.Set;

/**
 * An authenticated user of the HTTP API.
 *
 * @param name     from the configuration.
 * @param role     what the user may do.
 * @param accounts the accounts the user owns (enterprise) or was configured to act for (broker).
 * @param brokerId a broker's member number, 0 otherwise.
 * @param userId   who acts in the commands this user sends: {@link io.carbonx.protocol.UserIds#apiUser}, from the
 *                 user's position in the configuration.
 */
public record ApiUser(String name, ApiRole role, Set<Long> accounts, int brokerId, long userId)
{
}
