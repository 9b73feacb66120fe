package io.carbonx.gateway.marketdata;

import io.carbonx.fix.FixSession;

/**
 * A snapshot-plus-updates MarketDataRequest: which session, under which MDReqID, for which instruments and entry
 * types.
 */
record Subscription(FixSession session, String mdReqId, int[] instrumentIds, int entryTypes)
{
}
