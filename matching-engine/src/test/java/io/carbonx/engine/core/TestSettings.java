package io.carbonx.engine.core;

import io.carbonx.clearing.FeeRate;
import io.carbonx.clearing.FeeSchedule;
import io.carbonx.engine.block.BlockTradeRules;
import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.registry.HoldingLimits;

/**
 * Settings for tests: fee account 9, fees of 3 basis points on each side, room for a few instruments, the China
 * national compliance rules unless a test names others.
 */
public final class TestSettings
{
    public static final long FEE_ACCOUNT = 9;

    public static ExchangeSettings settings(final HoldingLimits limits)
    {
        return settings(limits, SchemePreset.CHINA_NATIONAL.rules());
    }

    public static ExchangeSettings settings(final HoldingLimits limits, final ComplianceRules compliance)
    {
        return new ExchangeSettings(FEE_ACCOUNT, limits,
            new FeeSchedule(FeeRate.basisPoints(3), FeeRate.basisPoints(3)), 16,
            65_536, 4_096, BlockTradeRules.DEFAULT, compliance);
    }

    private TestSettings()
    {
    }
}
