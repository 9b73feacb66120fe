package io.carbonx.engine.core;

import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.registry.HoldingLimits;

/**
 * Settings for tests: fee account 9, fees of 3 basis points on each side, room for a few instruments.
 */
public final class TestSettings
{
    public static final long FEE_ACCOUNT = 9;

    public static ExchangeSettings settings(final HoldingLimits limits)
    {
        return new ExchangeSettings(FEE_ACCOUNT, limits, new FeeSchedule(FeeRate.basisPoints(3), FeeRate.basisPoints(3)), 16, 65_536, 4_096,
            BlockTradeRules.DEFAULT);
    }

    private TestSettings()
    {
    }
}
