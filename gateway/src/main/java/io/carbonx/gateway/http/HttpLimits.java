package io.carbonx.gateway.http;


/**
 * How long and how many: the HTTP listener's protection of the process's time and descriptors (which the FIX acceptor
 * needs too) against slow, idle and numerous connections, and of the journal against report floods.
 *
 * @param idleTimeoutMs            a connection with no request in progress and no traffic for this long is closed.
 * @param requestTimeoutMs         a request whose bytes do not all arrive within this long of its first is closed.
 * @param maxConnections           connections open at once; beyond it a new one is closed at once.
 * @param maxConnectionsPerAddress connections open at once from one remote address; beyond it likewise.
 * @param maxReportBuilds          report builds (journal replays) at once; beyond it a report request is 503.
 * @param maxReportBuildsPerUser   report builds at once for one user; beyond it a report request is 429.
 */
public record HttpLimits(
    long idleTimeoutMs,
    long requestTimeoutMs,
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxReportBuilds,
    int maxReportBuildsPerUser)
{
    public static final HttpLimits DEFAULTS = new HttpLimits(60_000, 10_000, 512, 64, 2, 1);

    public HttpLimits
    {
        if (idleTimeoutMs < 1 || requestTimeoutMs < 1 || maxConnections < 1 || maxConnectionsPerAddress < 1 ||
            maxReportBuilds < 1 || maxReportBuildsPerUser < 1)
        {
            throw new IllegalArgumentException("every HTTP limit must be positive: " + this);
        }
    }
}
