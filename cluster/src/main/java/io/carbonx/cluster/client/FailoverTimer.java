package io.carbonx.cluster.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Times a failover as the gateway sees it: from the last committed command delivered before a leader change to the
 * first delivered after it, which is what a member waits through. Logged as a warning, since an operator wants to
 * see every failover, and kept for the benchmarks.
 * Owned by the thread that polls the {@link ClusterCommandLog}.
 */
final class FailoverTimer
{
    private static final Logger LOG = LoggerFactory.getLogger(FailoverTimer.class);
    private static final long NONE = -1;

    private final int gatewayId;
    private long lastDeliveryNs = NONE;
    private long gapStartNs = NONE;
    private long lastFailoverNs = NONE;

    FailoverTimer(final int gatewayId)
    {
        this.gatewayId = gatewayId;
    }

    void onLeaderChange()
    {
        if (lastDeliveryNs != NONE && gapStartNs == NONE)
        {
            gapStartNs = lastDeliveryNs;
        }
    }

    void onDelivered(final long nowNs)
    {
        if (gapStartNs != NONE)
        {
            lastFailoverNs = nowNs - gapStartNs;
            gapStartNs = NONE;
            LOG.warn("gateway {}: the cluster's leader changed: commits resumed {} ms after the last before the change",
                gatewayId,
                TimeUnit.NANOSECONDS.toMillis(lastFailoverNs));
        }
        lastDeliveryNs = nowNs;
    }

    /**
     * @return the last failover's length in nanoseconds, or -1 before the first.
     */
    long lastFailoverNs()
    {
        return lastFailoverNs;
    }
}
