package io.carbonx.gateway.http;

/**
 * What a user of the HTTP API may do.
 */
public enum ApiRole
{
    /**
     * The competent authority: every command, for every account, and every report.
     */
    REGULATOR,

    /**
     * A covered enterprise or other account holder: only its own accounts.
     */
    ENTERPRISE,

    /**
     * A member: only the accounts configured for it and those linked to its broker id in the registry.
     */
    BROKER
}
