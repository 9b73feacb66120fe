package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit must catch what it claims to: corrupt a consistent registry behind its back and look for the finding.
 */
class RegistryAuditTest
{
    private final Registry registry = new Registry(1, HoldingLimits.unlimited(), 2);

    RegistryAuditTest()
    {
        registry.openAccount(10, AccountType.TRADING);
        registry.openAccount(11, AccountType.TRADING);
        registry.issue(10, 1, 100);
        registry.transfer(10, 11, 1, 40);
        registry.depositCash(10, 1_000);
    }

    @Test
    void findsNothingWrongWithAConsistentRegistry()
    {
        assertTrue(RegistryAudit.findViolations(registry).isEmpty());
    }

    @Test
    void findsUnitsThatAppearedFromNowhere()
    {
        registry.holding(10, 1).serialQueue().append(101, 110);
        registry.holding(10, 1).restore(70, 0, 0, 0, 0, 100);

        assertEquals(2, RegistryAudit.findViolations(registry).size()); // holdings exceed issuance, serials too
    }

    @Test
    void findsSerialNumbersInTwoPlaces()
    {
        registry.holding(11, 1).serialQueue().append(1, 1);
        registry.holding(11, 1).restore(41, 0, 0, 0, 0, 0);

        assertTrue(RegistryAudit.findViolations(registry).stream().anyMatch(v -> v.contains("overlap")));
    }

    @Test
    void findsRangesThatDoNotMatchTheTotal()
    {
        registry.holding(11, 1).restore(39, 0, 0, 0, 0, 0);

        assertTrue(RegistryAudit.findViolations(registry).stream().anyMatch(v -> v.contains("serial ranges")));
    }

    @Test
    void findsNegativeAvailability()
    {
        registry.holding(11, 1).restore(40, 50, 0, 0, 0, 0);
        registry.account(10).restoreCash(1_000, 2_000);

        assertEquals(2, RegistryAudit.findViolations(registry).size());
    }

    @Test
    void findsPledgedUnitsWithoutTheirSerials()
    {
        registry.holding(11, 1).restore(40, 0, 10, 0, 0, 0);

        assertEquals(List.of("pledged serial ranges of account 11 cover 0 units but it pledged " +
            registry.holding(11, 1)), RegistryAudit.findViolations(registry));
    }

    @Test
    void findsCashThatAppearedFromNowhere()
    {
        registry.account(11).restoreCash(5, 0);

        assertEquals(1, RegistryAudit.findViolations(registry).size());
    }
}
