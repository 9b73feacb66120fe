package io.carbonx.engine.book;

import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookSideTest
{
    @ParameterizedTest
    @EnumSource(value = Side.class, names = {"BUY", "SELL"})
    void holdsLevelsAtTheLowestAndHighestPricesOfTheBand(final Side side)
    {
        final Instrument instrument = TestInstruments.coarse();
        final BookSide levels = new BookSide(side, instrument, 16);
        final PriceLevel lowest = levels.findOrCreate(instrument.lowestPrice());
        final PriceLevel highest = levels.findOrCreate(instrument.highestPrice());

        assertTrue(levels.isIndexed());
        assertEquals(2, levels.levelCount());
        final PriceLevel best = side == Side.BUY ? highest : lowest;
        final PriceLevel worst = side == Side.BUY ? lowest : highest;
        assertSame(best, levels.best());
        assertSame(worst, levels.next(best));
        assertNull(levels.next(worst));
        assertSame(worst, levels.levelAt(1));
        assertSame(best, levels.findOrCreate(best.price()), "the same price finds the same level");
    }

    @ParameterizedTest
    @EnumSource(value = Side.class, names = {"BUY", "SELL"})
    void removingTheBestLevelMakesTheNextOneBest(final Side side)
    {
        final Instrument instrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
        final BookSide levels = new BookSide(side, instrument, 16);
        // Far apart, so that the next best is several bitmap words away.
        final PriceLevel near = levels.findOrCreate(side == Side.BUY ? 10_500 : 9_500);
        final PriceLevel far = levels.findOrCreate(side == Side.BUY ? 9_001 : 10_999);

        levels.remove(near);
        assertSame(far, levels.best());
        assertEquals(1, levels.levelCount());

        levels.remove(far);
        assertNull(levels.best());
        assertEquals(0, levels.levelCount());
        assertFalse(levels.crossesBest(side == Side.BUY ? 1 : Long.MAX_VALUE));

        final PriceLevel again = levels.findOrCreate(10_000);
        assertSame(again, levels.best());
        assertEquals(0, again.orderCount(), "a reused level starts empty");
    }

    @Test
    void levelsOutsideAMovedBandKeepTheirPlace()
    {
        final Instrument instrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
        final BookSide bids = new BookSide(Side.BUY, instrument, 16);
        final PriceLevel old = bids.findOrCreate(9_000);

        instrument.referencePrice(30_000);
        final PriceLevel top = bids.findOrCreate(instrument.highestPrice());
        final PriceLevel bottom = bids.findOrCreate(instrument.lowestPrice());

        assertTrue(bids.isIndexed());
        assertSame(top, bids.best());
        assertSame(bottom, bids.next(top));
        assertSame(old, bids.next(bottom));
        assertSame(old, bids.findOrCreate(9_000));
        assertEquals(3, bids.levelCount());
    }

    @Test
    void aBandTooWideToIndexFallsBackToSortedLevelsAndReturnsOnceEmpty()
    {
        final Instrument instrument = TestInstruments.allowance(SelfTradePolicy.CANCEL_INCOMING);
        final BookSide asks = new BookSide(Side.SELL, instrument, 16);
        final PriceLevel old = asks.findOrCreate(10_100);

        instrument.referencePrice(20_000_000);
        final PriceLevel high = asks.findOrCreate(21_000_000);

        assertFalse(asks.isIndexed());
        assertSame(old, asks.best());
        assertSame(high, asks.next(old));
        assertSame(high, asks.levelAt(1));

        asks.remove(old);
        asks.remove(high);
        instrument.referencePrice(10_000);
        final PriceLevel back = asks.findOrCreate(10_000);
        assertTrue(asks.isIndexed());
        assertSame(back, asks.best());
    }

    /**
     * Random adds and removals over every tick of the band, with band moves, against a sorted map: the same levels in
     * the same order, whether walked by {@link BookSide#next} or asked by depth.
     */
    @ParameterizedTest
    @EnumSource(value = Side.class, names = {"BUY", "SELL"})
    void agreesWithASortedMapOverManyLevelsAndBandMoves(final Side side)
    {
        final Instrument instrument = TestInstruments.coarse();
        final long tick = instrument.spec().tickSize();
        final BookSide levels = new BookSide(side, instrument, 10_000);
        final TreeMap<Long, PriceLevel> model =
            new TreeMap<>(side == Side.BUY ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        final SplittableRandom random = new SplittableRandom(side.value());
        for (int i = 0; i < 40_000; i++)
        {
            final int dice = random.nextInt(1000);
            if (dice == 0)
            {
                final long reference = dice == 0 && random.nextInt(8) == 0 ? 50_000_000 :
                    Math.max(100, instrument.referencePrice() + (random.nextInt(41) - 20) * 100);
                instrument.referencePrice(reference);
            }
            else if (dice < 520 && model.size() < 10_000)
            {
                final long ticks = (instrument.highestPrice() - instrument.lowestPrice()) / tick;
                final long price = instrument.lowestPrice() + random.nextLong(ticks + 1) * tick;
                final PriceLevel level = levels.findOrCreate(price);
                final PriceLevel known = model.get(price);
                if (known != null)
                {
                    assertSame(known, level);
                }
                else
                {
                    assertEquals(price, level.price());
                    assertEquals(0, level.orderCount());
                    model.put(price, level);
                }
            }
            else if (!model.isEmpty())
            {
                final long price = random.nextBoolean() ? model.firstKey() :
                    new ArrayList<>(model.keySet()).get(random.nextInt(model.size()));
                levels.remove(model.remove(price));
            }
            if (i % 97 == 0 || model.size() < 3)
            {
                assertSameLevels(model, levels, random, "step " + i);
            }
        }
        assertSameLevels(model, levels, random, "end");
    }

    private static void assertSameLevels(
        final TreeMap<Long, PriceLevel> model, final BookSide levels, final SplittableRandom random, final String where)
    {
        assertEquals(model.size(), levels.levelCount(), where);
        final List<PriceLevel> walked = new ArrayList<>();
        for (PriceLevel level = levels.best(); level != null; level = levels.next(level))
        {
            walked.add(level);
        }
        assertEquals(new ArrayList<>(model.values()), walked, where);
        if (!walked.isEmpty())
        {
            for (int depth = 0; depth < walked.size(); depth++)
            {
                assertSame(walked.get(depth), levels.levelAt(depth), where + ", depth " + depth);
            }
            final int depth = random.nextInt(walked.size());
            assertSame(walked.get(depth), levels.levelAt(depth), where + ", random depth " + depth);
            assertSame(walked.get(0), levels.levelAt(0), where + ", depth 0 again");
        }
    }

    @Test
    void aWindowOfOneTickWorks()
    {
        final Instrument instrument = new Instrument(new InstrumentSpec(
            3, "TINY", InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 100, 1, 1, SelfTradePolicy.CANCEL_INCOMING));
        final BookSide bids = new BookSide(Side.BUY, instrument, 4);
        assertEquals(instrument.lowestPrice(), instrument.highestPrice());
        final PriceLevel only = bids.findOrCreate(1);
        assertSame(only, bids.best());
        assertNull(bids.next(only));
        bids.remove(only);
        assertNull(bids.best());
    }
}
