package io.carbonx.clearing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeeRateTest
{
    @Test
    void chargesPerTonne()
    {
        assertEquals(500, FeeRate.perTonne(5).fee(5_000, 100));
        assertEquals(0, FeeRate.NONE.fee(5_000, 100));
    }

    @Test
    void neverChargesMoreThanTheValue()
    {
        assertEquals(3_000, FeeRate.perTonne(500).fee(300, 10));
        assertEquals(1, FeeRate.basisPoints(1).fee(1, 1));
        assertEquals(12_345, FeeRate.basisPoints(10_000).fee(4_115, 3));
    }

    @Test
    void roundsBasisPointsUpToTheNextHundredth()
    {
        assertEquals(4, FeeRate.basisPoints(3).fee(4_115, 3)); // 12,345 * 3 / 10,000 = 3.7035
        assertEquals(1, FeeRate.basisPoints(10).fee(1_000, 1)); // exactly 1, no rounding
        assertEquals(0, FeeRate.basisPoints(0).fee(1_000, 1));
    }

    @Test
    void computesLargeValuesWithoutOverflow()
    {
        final long price = Long.MAX_VALUE / 1_000;
        assertEquals(exactBasisPointFee(price, 1_000, 25), FeeRate.basisPoints(25).fee(price, 1_000));
        assertEquals(price * 1_000, FeeRate.basisPoints(10_000).fee(price, 1_000));
        assertThrows(ArithmeticException.class, () -> FeeRate.basisPoints(1).fee(Long.MAX_VALUE, 2));
    }

    @Test
    void boundsTheFeesOfAnOrderFillingInManyTrades()
    {
        // Three fills of one tonne at 99.99: 0.9999 each, rounded up to 0.01 each.
        assertEquals(3, 3 * FeeRate.basisPoints(1).fee(9_999, 1));
        assertEquals(5, FeeRate.basisPoints(1).maxFee(9_999, 3)); // 0.03 at the limit + 0.01 per further tonne
        assertEquals(15, FeeRate.perTonne(5).maxFee(9_999, 3));
        assertEquals(0, FeeRate.basisPoints(0).maxFee(9_999, 3));
        assertEquals(0, FeeRate.basisPoints(50).maxFee(9_999, 0));
        assertEquals(2, FeeRate.basisPoints(1).maxFee(1, 2)); // capped at the value
    }

    @Test
    void rejectsRatesAndTradesThatCannotBe()
    {
        assertThrows(IllegalArgumentException.class, () -> FeeRate.perTonne(-1));
        assertThrows(IllegalArgumentException.class, () -> FeeRate.basisPoints(-1));
        assertThrows(IllegalArgumentException.class, () -> FeeRate.basisPoints(10_001));
        assertThrows(IllegalArgumentException.class, () -> FeeRate.perTonne(1).fee(0, 1));
        assertThrows(IllegalArgumentException.class, () -> FeeRate.perTonne(1).fee(1, -1));
    }

    @Property
    void chargesTheRateRoundedUpAndCappedAtTheValue(
        @ForAll("rates") final FeeRate rate,
        @ForAll @LongRange(min = 1, max = 100_000_000) final long price,
        @ForAll @LongRange(min = 1, max = 10_000_000) final long quantity)
    {
        final long expected = FeeRate.Basis.PER_TONNE == rate.basis() ?
            Math.min(rate.rate(), price) * quantity : exactBasisPointFee(price, quantity, rate.rate());

        assertEquals(expected, rate.fee(price, quantity));
        assertTrue(rate.fee(price, quantity) <= price * quantity);
    }

    @Property
    void neverChargesLessAtAHigherPrice(
        @ForAll("rates") final FeeRate rate,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long price,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long higherBy,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long quantity)
    {
        assertTrue(rate.fee(price, quantity) <= rate.fee(price + higherBy, quantity));
    }

    /**
     * The reservation must cover the fees whatever happens: any number of fills, each at any price up to the limit.
     */
    @Property(tries = 1_000)
    void maxFeeCoversTheFeesOfAnySplitAtPricesUpToTheLimit(
        @ForAll("rates") final FeeRate rate,
        @ForAll @LongRange(min = 1, max = 2_000_000) final long limitPrice,
        @ForAll @LongRange(min = 1, max = 5_000) final long quantity,
        @ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final boolean oneTonneFills = random.nextBoolean(); // the most fills, the most rounding
        long leaves = quantity;
        long fees = 0;
        while (leaves > 0)
        {
            final long fill = oneTonneFills ? 1 : 1 + random.nextLong(leaves);
            final long price = random.nextBoolean() ? limitPrice : 1 + random.nextLong(limitPrice);
            fees += rate.fee(price, fill);
            leaves -= fill;
        }

        final long maxFee = rate.maxFee(limitPrice, quantity);
        final long totalFees = fees;
        assertTrue(totalFees <= maxFee, () -> "fees " + totalFees + " > maxFee " + maxFee);
        assertTrue(maxFee >= rate.fee(limitPrice, quantity));
        assertTrue(maxFee <= limitPrice * quantity);
    }

    /**
     * For small orders, every split into fills: since a fee never falls as the price rises, fills at the limit price
     * are the worst case, so checking them checks every price.
     */
    @Test
    void maxFeeCoversEverySplitOfSmallOrders()
    {
        final FeeRate[] rates = {
            FeeRate.basisPoints(1), FeeRate.basisPoints(3), FeeRate.basisPoints(25), FeeRate.basisPoints(9_999),
            FeeRate.perTonne(7) };
        for (final FeeRate rate : rates)
        {
            for (long limitPrice = 1; limitPrice <= 3_500; limitPrice += 1 + limitPrice / 7)
            {
                for (int quantity = 1; quantity <= 10; quantity++)
                {
                    final long worst = worstSplit(rate, limitPrice, quantity);
                    assertTrue(worst <= rate.maxFee(limitPrice, quantity),
                        rate + " at " + limitPrice + " for " + quantity + ": worst split " + worst);
                }
            }
        }
    }

    private static long worstSplit(final FeeRate rate, final long price, final int quantity)
    {
        long worst = 0;
        for (int first = 1; first <= quantity; first++)
        {
            final long rest = first == quantity ? 0 : worstSplit(rate, price, quantity - first);
            worst = Math.max(worst, rate.fee(price, first) + rest);
        }

        return worst;
    }

    @Provide
    Arbitrary<FeeRate> rates()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, FeeRate.BASIS_POINTS_PER_UNIT).map(FeeRate::basisPoints),
            Arbitraries.longs().between(0, 50).map(FeeRate::basisPoints),
            Arbitraries.longs().between(0, 100_000).map(FeeRate::perTonne));
    }

    static long exactBasisPointFee(final long price, final long quantity, final long basisPoints)
    {
        final BigInteger value = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity));
        final BigDecimal fee = new BigDecimal(value.multiply(BigInteger.valueOf(basisPoints)))
            .divide(BigDecimal.valueOf(FeeRate.BASIS_POINTS_PER_UNIT), 0, RoundingMode.CEILING);

        return fee.toBigInteger().min(value).longValueExact();
    }
}
