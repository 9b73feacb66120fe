package io.carbonx.clearing;

import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;
import io.carbonx.registry.RegistryAudit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulated market over thousands of accounts, following the settlement contract, conserves units and cash, moves
 * fees only to the fee account, never refuses a settlement, and leaves nothing reserved once every order is gone.
 */
class ClearingConservationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int INSTRUMENTS = 4;
    private static final int STEPS = 20_000;
    private static final int AUDIT_EVERY = 5_000;

    @Property(tries = 4, shrinking = ShrinkingMode.OFF) // shrinking a seed tells nothing
    void conservesUnitsAndCashThroughTrading(@ForAll("fees") final FeeSchedule fees, @ForAll final long seed)
    {
        final SimulatedMarket market =
            new SimulatedMarket(fees, HoldingLimits.uniform(20_000), INSTRUMENTS, ACCOUNTS, seed);
        final Registry registry = market.registry();

        for (int done = 0; done < STEPS; done += AUDIT_EVERY)
        {
            market.run(AUDIT_EVERY);
            assertConsistent(market);
        }

        market.cancelAllOrders();
        market.assertNothingReserved();
        assertConsistent(market);
        assertTrue(market.trades() > STEPS / 10, "trades: " + market.trades());
        assertTrue(registry.removals().size() > 10);
    }

    @Test
    void isDeterministic()
    {
        assertEquals(finalHash(7), finalHash(7));
        assertNotEquals(finalHash(7), finalHash(8));
    }

    private static long finalHash(final long seed)
    {
        final FeeSchedule fees = new FeeSchedule(FeeRate.basisPoints(3), FeeRate.perTonne(1));
        final SimulatedMarket market = new SimulatedMarket(fees, HoldingLimits.unlimited(), 2, 100, seed);
        market.run(3_000);

        return market.registry().stateHash();
    }

    private static void assertConsistent(final SimulatedMarket market)
    {
        final Registry registry = market.registry();
        final List<String> violations = RegistryAudit.findViolations(registry);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
        assertEquals(market.feesCharged(), registry.feesCollected());
        assertEquals(market.feesCharged() - market.feesWithdrawn(),
            registry.account(SimulatedMarket.FEE_ACCOUNT).cashTotal());
    }

    @Provide
    Arbitrary<FeeSchedule> fees()
    {
        final Arbitrary<FeeRate> rates = Arbitraries.oneOf(
            Arbitraries.longs().between(0, 50).map(FeeRate::basisPoints),
            Arbitraries.longs().between(0, 500).map(FeeRate::perTonne));

        return rates.flatMap(buyer -> rates.map(seller -> new FeeSchedule(buyer, seller)));
    }
}
