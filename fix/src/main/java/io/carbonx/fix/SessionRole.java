package io.carbonx.fix;

/** What a session's owner may do on the exchange; the application enforces it. */
public enum SessionRole
{
    /** An exchange member (broker) trading for itself and its clients' accounts. */
    BROKER,
    /** A covered enterprise trading its own account. */
    ENTERPRISE,
    /** A regulator: allocation, issuance, market surveillance; no trading. */
    REGULATOR
}
