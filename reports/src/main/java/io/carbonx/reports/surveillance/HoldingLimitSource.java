package io.carbonx.reports.surveillance;

import io.carbonx.registry.HoldingLimits;

/**
 * Where the monitor learns an account's holding limit: the limit is not in the events, so a monitor fed beside a state
 * machine (the analytic store's follower) reads it from that machine's registry, which has applied the very command
 * whose events it is reading; one fed by events alone has {@link #NONE}.
 */
@FunctionalInterface
public interface HoldingLimitSource
{
    /**
     * No limits known: the holding-limit rule never fires.
     */
    HoldingLimitSource NONE = (accountId, instrumentId) -> HoldingLimits.UNLIMITED;

    /**
     * @return the most units of the instrument the account may hold, {@link HoldingLimits#UNLIMITED} for no limit.
     */
    long holdingLimit(long accountId, int instrumentId);
}
