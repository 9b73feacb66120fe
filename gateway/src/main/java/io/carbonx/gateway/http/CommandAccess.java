package io.carbonx.gateway.http;

/**
 * Who may send a command.
 */
public enum CommandAccess
{
    /**
     * Only a regulator: issuance, deposits, cancellation, trading phases, the end of the day.
     */
    REGULATOR,

    /**
     * A regulator, or a user who may act for every account the request names.
     */
    ACCOUNT_HOLDER
}
