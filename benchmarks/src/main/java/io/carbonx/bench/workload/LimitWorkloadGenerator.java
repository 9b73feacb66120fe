package io.carbonx.bench.workload;

import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

import java.util.SplittableRandom;

/**
 * The {@code LIMIT} workload: GTC limit orders from 1,000 accounts, each side equally likely, priced uniformly within
 * 50 ticks of a fixed mid, 1..10 t each. Orders priced through the mid mostly trade on arrival and the rest pile up
 * behind the touch, so the book keeps growing: the measured section starts after a warm-up of a tenth of its length,
 * when both sides are already deep.
 */
final class LimitWorkloadGenerator
{
    static final int ACCOUNTS = 1_000;
    static final int PRICE_SPREAD_TICKS = 50;
    static final int MAX_QUANTITY = 10;

    static GeneratedWorkload generate(final int orders, final long seed)
    {
        final int warmUpOrders = orders / 10;
        final int totalOrders = warmUpOrders + orders;
        final CommandStream stream = new CommandStream(Workload.LIMIT.name(), totalOrders + totalOrders / 2);
        final ReferenceMarket market = new ReferenceMarket(stream, totalOrders, totalOrders);
        final SplittableRandom random = new SplittableRandom(seed);

        for (int i = 0; i < totalOrders; i++)
        {
            if (i == warmUpOrders)
            {
                market.startMeasuring();
            }
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long price = BenchmarkInstrument.MID_PRICE +
                random.nextInt(-PRICE_SPREAD_TICKS, PRICE_SPREAD_TICKS + 1);
            final long quantity = random.nextInt(1, MAX_QUANTITY + 1);
            final long accountId = accountWithoutSelfTrade(market, random, side, price, quantity);
            market.place(accountId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity);
        }
        return new GeneratedWorkload(stream, market.finish());
    }

    /**
     * Draw accounts until one would not meet its own resting orders: with 1,000 accounts a redraw is rare, and it
     * keeps self-trade prevention, which a peer engine may not have, out of the comparison.
     */
    private static long accountWithoutSelfTrade(
        final ReferenceMarket market, final SplittableRandom random, final Side side, final long price,
        final long quantity)
    {
        long accountId;
        do
        {
            accountId = random.nextInt(1, ACCOUNTS + 1);
        }
        while (market.wouldSelfTrade(accountId, side, price, quantity));
        return accountId;
    }

    private LimitWorkloadGenerator()
    {
    }
}
