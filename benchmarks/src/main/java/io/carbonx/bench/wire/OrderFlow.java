package io.carbonx.bench.wire;

import java.util.SplittableRandom;

/**
 * The seeded order flow of the wire benchmark, generated before a run as a cycle of primitive slots that message
 * {@code i} of a run takes as slot {@code i % length()}.
 * <p>
 * The flow comes in blocks of six messages on one instrument: two pairs of a limit order at the reference price
 * followed by the opposite order at the same price and quantity, which trades with it in full; one passive order far
 * from the reference price (buys below, sells above), which rests; and a cancel of the passive order of
 * {@link #CANCEL_LAG} blocks earlier. In the first {@code CANCEL_LAG} blocks, which have nothing that old to cancel,
 * the cancel's slot places one more passive order, which rests for good. So two thirds of the messages are orders that
 * trade, the book never holds more than {@code 2 * CANCEL_LAG + 2} orders, and every message is answered by one first
 * ExecutionReport carrying its ClOrdID.
 * Sells come from one account and buys from another, so no order meets its own account.
 */
public final class OrderFlow
{
    static final byte NEW = 0;
    static final byte CANCEL = 1;
    static final byte BUY = '1';
    static final byte SELL = '2';
    static final int BLOCK = 6;
    static final int CANCEL_LAG = 8;
    private static final int PASSIVE_SLOT = 4;
    private static final int CANCEL_SLOT = 5;

    private final byte[] kinds;
    private final byte[] sides;
    private final long[] prices;
    private final long[] quantities;
    private final long referencePrice;

    private OrderFlow(final int blocks, final long referencePrice)
    {
        final int length = blocks * BLOCK;
        this.kinds = new byte[length];
        this.sides = new byte[length];
        this.prices = new long[length];
        this.quantities = new long[length];
        this.referencePrice = referencePrice;
    }

    /**
     * @param blocks         blocks in the cycle.
     * @param referencePrice in 0.01 units; passive orders rest 0.50 to 0.90 away from it.
     */
    public static OrderFlow generate(final long seed, final int blocks, final long referencePrice)
    {
        final OrderFlow flow = new OrderFlow(blocks, referencePrice);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int block = 0; block < blocks; block++)
        {
            final int first = block * BLOCK;
            for (int pair = 0; pair < 2; pair++)
            {
                final byte makerSide = random.nextBoolean() ? BUY : SELL;
                final long quantity = 1 + random.nextInt(10);
                flow.order(first + 2 * pair, makerSide, referencePrice, quantity);
                flow.order(first + 2 * pair + 1, makerSide == BUY ? SELL : BUY, referencePrice, quantity);
            }
            flow.passive(first + PASSIVE_SLOT, random);
            flow.passive(first + CANCEL_SLOT, random);
            flow.kinds[first + CANCEL_SLOT] = CANCEL;
        }
        return flow;
    }

    private void passive(final int slot, final SplittableRandom random)
    {
        final byte side = random.nextBoolean() ? BUY : SELL;
        final long distance = 50 + random.nextInt(41);
        order(slot, side, side == BUY ? referencePrice - distance : referencePrice + distance, 1 + random.nextInt(10));
    }

    private void order(final int slot, final byte side, final long price, final long quantity)
    {
        kinds[slot] = NEW;
        sides[slot] = side;
        prices[slot] = price;
        quantities[slot] = quantity;
    }

    int length()
    {
        return kinds.length;
    }

    long referencePrice()
    {
        return referencePrice;
    }

    byte kind(final long message)
    {
        final byte kind = kinds[slot(message)];
        return kind == CANCEL && message < (long)CANCEL_LAG * BLOCK ? NEW : kind;
    }

    byte side(final long message)
    {
        return sides[slot(message)];
    }

    long price(final long message)
    {
        return prices[slot(message)];
    }

    long quantity(final long message)
    {
        return quantities[slot(message)];
    }

    /**
     * @param cancel a message whose kind is {@link #CANCEL}.
     * @return the message placing the order it cancels: the passive order {@link #CANCEL_LAG} blocks back.
     */
    static long cancelTarget(final long cancel)
    {
        return cancel - 1 - (long)CANCEL_LAG * BLOCK;
    }

    private int slot(final long message)
    {
        return (int)(message % kinds.length);
    }
}
