package io.carbonx.reports.surveillance;

/**
 * What a surveillance alert is about; each kind is one rule of {@link SurveillanceMonitor}.
 */
public enum AlertKind
{
    /** A self-trade prevented by the engine, or a round trip between two accounts of one broker or one owner. */
    WASH_TRADE_ATTEMPT,
    /** An account placed large orders and cancelled them soon after, repeatedly. */
    LAYERING,
    /** A holding crossed the large-holder threshold or a share of the instrument's units in existence. */
    CONCENTRATION,
    /** A trade close to the edge of the instrument's daily price band. */
    PRICE_NEAR_BAND
}
