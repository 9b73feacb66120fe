package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import org.junit.jupiter.api.Test;

import static io.carbonx.registry.HoldingLimits.UNLIMITED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldingLimitsTest
{
    private final HoldingLimits beijing = HoldingLimits.uniform(1_000_000);

    @Test
    void complianceAccountsMayHoldTheirAllocationOnTop()
    {
        assertEquals(1_000_000, beijing.limit(AccountType.TRADING, 5_000_000));
        assertEquals(6_000_000, beijing.limit(AccountType.COMPLIANCE, 5_000_000));
        assertEquals(UNLIMITED, HoldingLimits.unlimited().limit(AccountType.COMPLIANCE, 5_000_000));
        assertEquals(UNLIMITED, beijing.limit(AccountType.COMPLIANCE, UNLIMITED - 1));
    }

    @Test
    void countsUnitsHeldAndPendingAgainstTheLimit()
    {
        assertTrue(beijing.admits(AccountType.TRADING, 0, 600_000, 300_000, 100_000));
        assertFalse(beijing.admits(AccountType.TRADING, 0, 600_000, 300_000, 100_001));
        assertFalse(beijing.admits(AccountType.TRADING, 0, 1_500_000, 0, 1));
        assertTrue(beijing.admits(AccountType.COMPLIANCE, 2_000_000, 2_500_000, 400_000, 100_000));
        assertFalse(beijing.admits(AccountType.COMPLIANCE, 2_000_000, 2_500_000, 400_000, 100_001));
        assertTrue(HoldingLimits.unlimited().admits(AccountType.TRADING, 0, UNLIMITED - 1, 0, 1));
        assertFalse(HoldingLimits.unlimited().admits(AccountType.TRADING, 0, UNLIMITED - 1, 1, 1));
    }

    @Test
    void replacesTheLimitOfOneTypeInACopy()
    {
        final HoldingLimits limits = beijing.with(AccountType.AUCTION, UNLIMITED);

        assertEquals(UNLIMITED, limits.tonnes(AccountType.AUCTION));
        assertEquals(1_000_000, limits.tonnes(AccountType.TRADING));
        assertEquals(1_000_000, beijing.tonnes(AccountType.AUCTION));
        assertNotEquals(beijing, limits);
        assertEquals(beijing, HoldingLimits.uniform(1_000_000));
        assertEquals(beijing.hashCode(), HoldingLimits.uniform(1_000_000).hashCode());
    }

    @Test
    void describesTheLimitOfEveryType()
    {
        assertEquals("HoldingLimits{COMPLIANCE=1000000, TRADING=1000000, PROJECT_OWNER=1000000, ISSUANCE=1000000, " +
            "AUCTION=1000000, CANCELLATION=1000000, FEE=unlimited}",
            beijing.with(AccountType.FEE, UNLIMITED).toString());
    }

    @Test
    void rejectsNegativeLimits()
    {
        assertThrows(IllegalArgumentException.class, () -> HoldingLimits.uniform(-1));
        assertThrows(IllegalArgumentException.class, () -> beijing.with(AccountType.TRADING, -1));
        assertThrows(IllegalArgumentException.class, () -> beijing.with(AccountType.NULL_VAL, 1));
    }
}
