package io.carbonx.bench.workload;

import io.carbonx.protocol.sbe.CommandKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadGeneratorTest
{
    private static final int COMMANDS = 50_000;
    private static final long SEED = 7;

    @ParameterizedTest
    @EnumSource(Workload.class)
    void sameSeedGivesTheSameStream(final Workload workload)
    {
        final CommandStream first = workload.generate(COMMANDS, SEED).stream();
        final CommandStream second = workload.generate(COMMANDS, SEED).stream();

        assertTrue(sameCommands(first, second), workload + " differs between two generations with one seed");
        assertFalse(sameCommands(first, workload.generate(COMMANDS, SEED + 1).stream()),
            workload + " ignores its seed");
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void measuredSectionHoldsTheRequestedCommandsAndTheBookIsNeverRefused(final Workload workload)
    {
        final GeneratedWorkload generated = workload.generate(COMMANDS, SEED);
        final WorkloadProfile profile = generated.profile();

        assertEquals(COMMANDS, generated.stream().measuredCount());
        assertTrue(generated.stream().measuredStart() > 0, "a warm-up precedes the measured section");
        assertTrue(generated.stream().size() > generated.stream().measuredEnd(), "a drain follows it");
        assertEquals(0, profile.rejections(), profile::toString);
        assertEquals(0, profile.selfTradesPrevented(), profile::toString);
        assertTrue(generated.orderCapacity() > profile.peakRestingOrders());
    }

    @Test
    void limitOrdersMostlyTradeAroundTheMid()
    {
        final WorkloadProfile profile = Workload.LIMIT.generate(COMMANDS, SEED).profile();

        assertEquals(COMMANDS, profile.gtcOrders(), profile::toString);
        // BENCHMARK.md says "about 70%"; uniform prices around a fixed mid give about 79% over 3M orders.
        assertBetween(0.65, 0.85, profile.tradedFraction(), "share of orders that trade", profile);
        assertBetween(0.35, 0.5, profile.takerFraction(), "share of orders that trade on arrival", profile);
        assertBetween(
            BenchmarkInstrument.MID_PRICE - LimitWorkloadGenerator.PRICE_SPREAD_TICKS,
            BenchmarkInstrument.MID_PRICE + LimitWorkloadGenerator.PRICE_SPREAD_TICKS,
            profile.lowestTradePrice(), "lowest trade price", profile);
    }

    @Test
    void mixHasExchangeCoresShareOfCommandsOnASteadyBook()
    {
        final WorkloadProfile profile = Workload.MIX.generate(COMMANDS, SEED).profile();

        assertBetween(0.075, 0.105, profile.share(profile.gtcOrders()), "GTC share", profile);
        assertBetween(0.02, 0.045, profile.share(profile.iocOrders()), "IOC share", profile);
        assertBetween(0.05, 0.07, profile.share(profile.cancels()), "cancel share", profile);
        assertBetween(0.80, 0.84, profile.share(profile.amends()), "amend share", profile);
        assertBetween(950, 1_000, profile.meanRestingOrders(), "mean resting orders", profile);
        assertBetween(900, 1_000, profile.minRestingOrders(), "fewest resting orders", profile);
        assertBetween(650, 850, profile.meanPriceLevels(), "mean price levels", profile);
        assertTrue(profile.trades() > COMMANDS / 50, profile::toString);
        assertBetween(9_500, 10_500, profile.lowestTradePrice(), "lowest trade price", profile);
        assertBetween(9_500, 10_500, profile.highestTradePrice(), "highest trade price", profile);
    }

    @Test
    void opCodesAreTheWireCommandKinds()
    {
        assertEquals(CommandKind.NEW_ORDER.value(), CommandStream.NEW_ORDER);
        assertEquals(CommandKind.CANCEL_ORDER.value(), CommandStream.CANCEL);
        assertEquals(CommandKind.AMEND_ORDER.value(), CommandStream.AMEND);
    }

    private static void assertBetween(
        final double low, final double high, final double actual, final String what, final WorkloadProfile profile)
    {
        assertTrue(actual >= low && actual <= high,
            () -> what + " " + actual + " outside " + low + ".." + high + " in " + profile);
    }

    private static boolean sameCommands(final CommandStream a, final CommandStream b)
    {
        if (a.size() != b.size() || a.measuredStart() != b.measuredStart() || a.measuredEnd() != b.measuredEnd())
        {
            return false;
        }
        for (int i = 0; i < a.size(); i++)
        {
            if (a.op(i) != b.op(i) || a.orderId(i) != b.orderId(i) || a.accountId(i) != b.accountId(i) ||
                a.side(i) != b.side(i) || a.orderType(i) != b.orderType(i) || a.timeInForce(i) != b.timeInForce(i) ||
                a.price(i) != b.price(i) || a.quantity(i) != b.quantity(i))
            {
                return false;
            }
        }
        return true;
    }
}
