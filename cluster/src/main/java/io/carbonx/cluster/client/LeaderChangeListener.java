package io.carbonx.cluster.client;

/**
 * Told when the gateway's session follows a new cluster leader or is reopened; for logging and for measuring the
 * failover time at the gateway. Called on the engine's business-logic thread, from {@link ClusterCommandLog#poll}:
 * it must return quickly and must not call back into the log.
 */
@FunctionalInterface
public interface LeaderChangeListener
{
    /**
     * @param leaderMemberId   the member now leading.
     * @param leadershipTermId its term.
     * @param reconnected      true when the session was lost and a new one opened, false when the cluster told the
     *                         open session about a new leader.
     */
    void onLeaderChange(int leaderMemberId, long leadershipTermId, boolean reconnected);
}
