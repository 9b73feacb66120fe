package io.carbonx.bench.workload;

import io.carbonx.engine.book.Order;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;

import java.util.SplittableRandom;

/**
 * The {@code MIX} workload, after exchange-core's single-symbol benchmark: 12% new orders, 6% cancels and 82% amends
 * that move the price of one of the 512 most recently placed live orders, on a book held near 1,000 resting orders
 * spread over about 750 price levels.
 * <p>
 * The book regulates itself much as exchange-core's generator does: while fewer than 1,000 orders rest, a new order is
 * a passive GTC order on the thinner side; once the book is full it is an IOC that takes liquidity from either side.
 * Cancels and IOCs then remove about as much as GTC orders add, which settles the mix at about 9% GTC and 3% IOC.
 * Amends pull an order a little towards a fair price plus a random step of up to 10 ticks, so orders near the touch
 * sometimes cross and trade, as in exchange-core's mix. Placing GTC orders up to 1,100 ticks behind the touch spreads
 * the book over about 750 levels.
 * <p>
 * The stream's warm-up fills the book with GTC orders and then runs the mix for a tenth of the measured length, so
 * that measurement starts from the steady state rather than from a freshly filled book.
 */
final class MixWorkloadGenerator
{
    static final int ACCOUNTS = 1_000;
    static final int TARGET_RESTING_ORDERS = 1_000;
    static final int RECENT_WINDOW = 512;
    static final int NEW_ORDER_PERCENT = 12;
    static final int CANCEL_PERCENT = 6;
    static final int MAX_QUANTITY = 10;

    /**
     * How far behind the touch a GTC order may be placed; chosen, with the amends' pull and noise, so that 1,000
     * orders spread over about 750 levels.
     */
    static final int PLACEMENT_DEPTH_TICKS = 1_100;

    /**
     * How far through the touch an IOC order is priced: deep enough to fill, as a real taker's limit would be.
     */
    static final int IOC_REACH_TICKS = 10;

    /**
     * The share of its distance to the last trade price an amend moves an order.
     */
    static final double AMEND_PULL = 0.05;

    /**
     * The largest random step of an amend in either direction, in ticks.
     */
    static final int AMEND_NOISE_TICKS = 10;

    private final SplittableRandom random;
    private final ReferenceMarket market;
    private final RecentOrders recentOrders = new RecentOrders(RECENT_WINDOW);

    private MixWorkloadGenerator(final SplittableRandom random, final ReferenceMarket market)
    {
        this.random = random;
        this.market = market;
    }

    static GeneratedWorkload generate(final int commands, final long seed)
    {
        final int settleCommands = commands / 10;
        final int expectedCommands = TARGET_RESTING_ORDERS + settleCommands + commands;
        final CommandStream stream = new CommandStream(Workload.MIX.name(), expectedCommands + TARGET_RESTING_ORDERS);
        final int expectedOrders = TARGET_RESTING_ORDERS + expectedCommands * NEW_ORDER_PERCENT / 100;
        final ReferenceMarket market = new ReferenceMarket(stream, 4 * TARGET_RESTING_ORDERS, expectedOrders);
        final MixWorkloadGenerator generator = new MixWorkloadGenerator(new SplittableRandom(seed), market);

        generator.fill();
        generator.run(settleCommands);
        market.startMeasuring();
        generator.run(commands);
        return new GeneratedWorkload(stream, market.finish());
    }

    private void fill()
    {
        final int perSide = TARGET_RESTING_ORDERS / 2;
        while (market.liveOrders(Side.BUY) < perSide || market.liveOrders(Side.SELL) < perSide)
        {
            final Side side = market.liveOrders(Side.BUY) < market.liveOrders(Side.SELL) ? Side.BUY : Side.SELL;
            placeGtc(side);
        }
    }

    private void run(final int commands)
    {
        int issued = 0;
        while (issued < commands)
        {
            final int draw = random.nextInt(100);
            final boolean done;
            if (draw < NEW_ORDER_PERCENT)
            {
                done = placeNewOrder();
            }
            else if (draw < NEW_ORDER_PERCENT + CANCEL_PERCENT)
            {
                done = cancelRecent();
            }
            else
            {
                done = amendRecent();
            }
            if (done)
            {
                issued++;
            }
        }
    }

    private boolean placeNewOrder()
    {
        if (market.liveOrders() < TARGET_RESTING_ORDERS)
        {
            placeGtc(market.liveOrders(Side.BUY) <= market.liveOrders(Side.SELL) ? Side.BUY : Side.SELL);
            return true;
        }
        return placeIoc(random.nextBoolean() ? Side.BUY : Side.SELL);
    }

    /**
     * A passive order: at or behind the touch, never crossing, so it rests.
     */
    private void placeGtc(final Side side)
    {
        // u^1.5 crowds orders towards the touch, as in a real book, while still reaching deep.
        final double u = random.nextDouble();
        final long offset = (long)(PLACEMENT_DEPTH_TICKS * u * Math.sqrt(u));
        final long price = side == Side.BUY ?
            passiveAnchor(side) - offset :
            passiveAnchor(side) + offset;
        final long quantity = random.nextInt(1, MAX_QUANTITY + 1);
        final long accountId = random.nextInt(1, ACCOUNTS + 1);
        recentOrders.add(market.place(accountId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity));
    }

    /**
     * @return the most aggressive price of a side that does not cross: the last trade price, held one tick behind
     * the other side's best.
     */
    private long passiveAnchor(final Side side)
    {
        final long otherBest = market.bestPrice(opposite(side));
        final long lastTrade = market.lastTradePrice();
        if (otherBest == Long.MIN_VALUE)
        {
            return lastTrade;
        }
        return side == Side.BUY ? Math.min(lastTrade, otherBest - 1) : Math.max(lastTrade, otherBest + 1);
    }

    private boolean placeIoc(final Side side)
    {
        final long reach = random.nextInt(IOC_REACH_TICKS);
        final long otherBest = market.bestPrice(opposite(side));
        final long price = side == Side.BUY ? otherBest + reach : otherBest - reach;
        final long quantity = random.nextInt(1, MAX_QUANTITY + 1);
        final long accountId = random.nextInt(1, ACCOUNTS + 1);
        if (market.wouldSelfTrade(accountId, side, price, quantity))
        {
            return false;
        }
        market.place(accountId, side, OrderType.LIMIT, TimeInForce.IOC, price, quantity);
        return true;
    }

    private boolean cancelRecent()
    {
        final long orderId = recentOrders.drawLive(random, market);
        if (orderId == 0)
        {
            return false;
        }
        market.cancel(orderId);
        return true;
    }

    private boolean amendRecent()
    {
        final long orderId = recentOrders.drawLive(random, market);
        if (orderId == 0)
        {
            return false;
        }
        final Order order = market.order(orderId);
        final long oldPrice = order.price();
        final long pull = Math.round((fairPrice() - oldPrice) * AMEND_PULL);
        long step = pull + random.nextInt(-AMEND_NOISE_TICKS, AMEND_NOISE_TICKS + 1);
        if (step == 0)
        {
            step = random.nextBoolean() ? 1 : -1;
        }
        final long newPrice = oldPrice + step;
        if (market.wouldSelfTrade(order.accountId(), order.side(), newPrice, order.leaves()))
        {
            return false;
        }
        market.amendPrice(orderId, newPrice);
        return true;
    }

    /**
     * Where amends pull orders: halfway between the last trade and the mid. Pulling towards the last trade alone, as
     * exchange-core does, lets prices random-walk out of any band over millions of commands; the half-pull towards
     * the mid keeps trading within a couple of hundred ticks of it.
     */
    private long fairPrice()
    {
        return (market.lastTradePrice() + BenchmarkInstrument.MID_PRICE) / 2;
    }

    private static Side opposite(final Side side)
    {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }
}
