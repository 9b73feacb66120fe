package io.carbonx.registry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long seeded streams of operations over thousands of accounts never break the registry's invariants: units and
 * cash are conserved, nothing goes negative, and every serial number issued is in exactly one place.
 */
class RegistryConservationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int INSTRUMENTS = 5;
    private static final int OPERATIONS = 20_000;
    private static final int AUDIT_EVERY = 2_500;

    @Property(tries = 4, shrinking = ShrinkingMode.OFF) // shrinking a seed tells nothing
    void conservesUnitsAndCash(@ForAll final long seed)
    {
        final Registry registry = RandomRegistryOperations.newRegistry(HoldingLimits.uniform(3_000), INSTRUMENTS);
        final RandomRegistryOperations operations = new RandomRegistryOperations(registry, seed, ACCOUNTS);
        operations.openAccounts();

        for (int done = 0; done < OPERATIONS; done += AUDIT_EVERY)
        {
            operations.run(AUDIT_EVERY);
            assertConsistent(registry, operations);
        }

        assertTrue(operations.applied() > OPERATIONS / 5, "most operations should apply: " + operations.applied());
        assertTrue(operations.refused() > OPERATIONS / 20, "some operations should be refused");
    }

    @Test
    void isDeterministic()
    {
        assertEquals(finalHash(42), finalHash(42));
        assertNotEquals(finalHash(42), finalHash(43));
    }

    private static long finalHash(final long seed)
    {
        final Registry registry = RandomRegistryOperations.newRegistry(HoldingLimits.unlimited(), INSTRUMENTS);
        final RandomRegistryOperations operations = new RandomRegistryOperations(registry, seed, 200);
        operations.openAccounts();
        operations.run(5_000);

        return registry.stateHash();
    }

    static void assertConsistent(final Registry registry, final RandomRegistryOperations operations)
    {
        final List<String> violations = RegistryAudit.findViolations(registry);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
        assertEquals(operations.feesPaid(), registry.feesCollected());
        assertEquals(operations.feesPaid() - operations.feesWithdrawn(),
            registry.account(RandomRegistryOperations.FEE_ACCOUNT).cashTotal());
    }
}
