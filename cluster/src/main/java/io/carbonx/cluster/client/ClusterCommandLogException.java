package io.carbonx.cluster.client;

/**
 * A failure of the gateway's cluster log that retrying cannot mend: the gateway must stop and an operator act. The
 * message says what happened and what to do; {@link #reason()} says which case it is. Thrown by
 * {@link ClusterCommandLog#open} and, once the failure has happened, by every later
 * {@link ClusterCommandLog#poll} and {@link ClusterCommandLog#offer}.
 */
public final class ClusterCommandLogException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * The fatal cases.
     */
    public enum Reason
    {
        /** No member of the cluster answered within the connect timeout when the log was opened. */
        CONNECT_FAILED,
        /** The gateway needs commands older than the cluster retains (CATCH_UP_GAP). */
        CATCH_UP_GAP,
        /** The gateway has applied commands the cluster's log does not have: they are not the same log. */
        GATEWAY_AHEAD_OF_CLUSTER
    }

    private final Reason reason;

    ClusterCommandLogException(final Reason reason, final String message, final Throwable cause)
    {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}
