package io.carbonx.reports.surveillance;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scheme's surveillance thresholds ({@code scheme.surveillance} in the configuration; docs/reports.md,
 * Surveillance, says what each rule does with them).
 *
 * @param washTradeWindowSeconds  two accounts of one broker or owner that trade with each other in both directions
 *                                within this many seconds raise a wash-trade alert.
 * @param owners                  account id to the name of its owner, for accounts that share one; accounts not in
 *                                it have no owner in common with any other.
 * @param largeOrderQuantity      tonnes from which an order counts for layering.
 * @param layeringCancelMillis    a large order cancelled by request within this many milliseconds of its placement is
 *                                a quick cancel.
 * @param layeringCount           quick cancels of one account in one instrument that raise a layering alert ...
 * @param layeringWindowSeconds   ... when they fall within this many seconds.
 * @param largeHolderThreshold    tonnes of one instrument from which a holding is large.
 * @param concentrationShareBps   share of an instrument's units in existence, in basis points, from which a holding
 *                                is concentrated.
 * @param priceNearBandBps        a trade priced within this many basis points of the reference price from an edge of
 *                                the daily price band is near the band.
 * @param holdingLimitShareBps    share of an account's holding limit, in basis points, from which its holding is
 *                                concentrated.
 */
public record SurveillanceSettings(
    long washTradeWindowSeconds,
    SortedMap<Long, String> owners,
    long largeOrderQuantity,
    long layeringCancelMillis,
    int layeringCount,
    long layeringWindowSeconds,
    long largeHolderThreshold,
    int concentrationShareBps,
    int priceNearBandBps,
    int holdingLimitShareBps)
{
    public static final long DEFAULT_WASH_TRADE_WINDOW_SECONDS = 300;
    public static final long DEFAULT_LARGE_ORDER_QUANTITY = 10_000;
    public static final long DEFAULT_LAYERING_CANCEL_MILLIS = 5_000;
    public static final int DEFAULT_LAYERING_COUNT = 3;
    public static final long DEFAULT_LAYERING_WINDOW_SECONDS = 600;
    public static final long DEFAULT_LARGE_HOLDER_THRESHOLD = 100_000;
    public static final int DEFAULT_CONCENTRATION_SHARE_BPS = 2_500;
    public static final int DEFAULT_PRICE_NEAR_BAND_BPS = 50;
    public static final int DEFAULT_HOLDING_LIMIT_SHARE_BPS = 9_000;

    /** The defaults, with no owners. */
    public static final SurveillanceSettings DEFAULT = new SurveillanceSettings(DEFAULT_WASH_TRADE_WINDOW_SECONDS,
        new TreeMap<>(), DEFAULT_LARGE_ORDER_QUANTITY, DEFAULT_LAYERING_CANCEL_MILLIS, DEFAULT_LAYERING_COUNT,
        DEFAULT_LAYERING_WINDOW_SECONDS, DEFAULT_LARGE_HOLDER_THRESHOLD, DEFAULT_CONCENTRATION_SHARE_BPS,
        DEFAULT_PRICE_NEAR_BAND_BPS, DEFAULT_HOLDING_LIMIT_SHARE_BPS);

    /** The longest window or time any rule may be given: 31 days. */
    public static final long MAX_SECONDS = 31L * 86_400;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public SurveillanceSettings
    {
        require(washTradeWindowSeconds > 0 && washTradeWindowSeconds <= MAX_SECONDS,
            "washTradeWindowSeconds must be 1.." + MAX_SECONDS + ": " + washTradeWindowSeconds);
        require(largeOrderQuantity > 0, "largeOrderQuantity must be positive: " + largeOrderQuantity);
        require(layeringCancelMillis > 0 && layeringCancelMillis <= MAX_SECONDS * 1_000,
            "layeringCancelMillis must be 1.." + MAX_SECONDS * 1_000 + ": " + layeringCancelMillis);
        require(layeringCount > 0, "layeringCount must be positive: " + layeringCount);
        require(layeringWindowSeconds > 0 && layeringWindowSeconds <= MAX_SECONDS,
            "layeringWindowSeconds must be 1.." + MAX_SECONDS + ": " + layeringWindowSeconds);
        require(largeHolderThreshold > 0, "largeHolderThreshold must be positive: " + largeHolderThreshold);
        require(concentrationShareBps > 0 && concentrationShareBps <= 10_000,
            "concentrationShareBps must be 1..10000: " + concentrationShareBps);
        require(priceNearBandBps > 0 && priceNearBandBps <= 10_000,
            "priceNearBandBps must be 1..10000: " + priceNearBandBps);
        require(holdingLimitShareBps > 0 && holdingLimitShareBps <= 10_000,
            "holdingLimitShareBps must be 1..10000: " + holdingLimitShareBps);
        owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
    }

    /**
     * @return the same settings with these owners.
     */
    public SurveillanceSettings withOwners(final Map<Long, String> owners)
    {
        return new SurveillanceSettings(washTradeWindowSeconds, new TreeMap<>(owners), largeOrderQuantity,
            layeringCancelMillis, layeringCount, layeringWindowSeconds, largeHolderThreshold, concentrationShareBps,
            priceNearBandBps, holdingLimitShareBps);
    }

    long washTradeWindowNanos()
    {
        return washTradeWindowSeconds * NANOS_PER_SECOND;
    }

    long layeringCancelNanos()
    {
        return layeringCancelMillis * NANOS_PER_MILLI;
    }

    long layeringWindowNanos()
    {
        return layeringWindowSeconds * NANOS_PER_SECOND;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
