package io.carbonx.clearing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuyOrderReservationTest
{
    private final BuyOrderReservation reservation =
        new BuyOrderReservation(new FeeSchedule(FeeRate.basisPoints(3), FeeRate.perTonne(2)));

    @Test
    void holdsTheValueAtTheLimitAndTheMostTheFeesCanBe()
    {
        // 100 t at 50.00: 500,000 + ceil(150) + 99 of rounding headroom.
        assertEquals(500_000 + 150 + 99, reservation.cashFor(5_000, 100));
        assertEquals(0, reservation.cashFor(5_000, 0));
    }

    @Test
    void releasesWhatTheFilledPartHeld()
    {
        assertEquals(reservation.cashFor(5_000, 100) - reservation.cashFor(5_000, 60),
            reservation.releasedOnFill(5_000, 100, 40));
        assertEquals(reservation.cashFor(5_000, 100), reservation.releasedOnFill(5_000, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> reservation.releasedOnFill(5_000, 100, 101));
        assertThrows(IllegalArgumentException.class, () -> reservation.releasedOnFill(5_000, 100, 0));
    }

    /**
     * Each fill releases at least what it costs, and the releases of an order that fills completely add up to what
     * it reserved.
     */
    @Property(tries = 1_000)
    void everyFillReleasesAtLeastWhatItCosts(
        @ForAll("schedules") final FeeSchedule fees,
        @ForAll @LongRange(min = 1, max = 2_000_000) final long limitPrice,
        @ForAll @LongRange(min = 1, max = 100_000) final long quantity,
        @ForAll final long seed)
    {
        final BuyOrderReservation reservation = new BuyOrderReservation(fees);
        final SplittableRandom random = new SplittableRandom(seed);
        final int style = random.nextInt(3);
        long leaves = quantity;
        long released = 0;
        while (leaves > 0)
        {
            final long fill = switch (style)
            {
                case 0 -> 1;
                case 1 -> 1 + random.nextLong(Math.min(leaves, 10));
                default -> 1 + random.nextLong(leaves);
            };
            final long price = random.nextBoolean() ? limitPrice : 1 + random.nextLong(limitPrice);
            final long paid = price * fill + fees.buyerFee(price, fill);
            final long release = reservation.releasedOnFill(limitPrice, leaves, fill);

            assertTrue(release >= paid, () -> "fill releases " + release + " but costs " + paid);
            released += release;
            leaves -= fill;
        }

        assertEquals(reservation.cashFor(limitPrice, quantity), released);
    }

    @Provide
    Arbitrary<FeeSchedule> schedules()
    {
        final Arbitrary<FeeRate> rates = Arbitraries.oneOf(
            Arbitraries.longs().between(0, FeeRate.BASIS_POINTS_PER_UNIT).map(FeeRate::basisPoints),
            Arbitraries.longs().between(0, 30).map(FeeRate::basisPoints),
            Arbitraries.longs().between(0, 10_000).map(FeeRate::perTonne));

        return rates.map(rate -> new FeeSchedule(rate, FeeRate.NONE));
    }
}
