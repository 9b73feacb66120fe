package io.carbonx.clearing;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plays the state machine's part of the settlement contract over a seeded stream: accepts buy and sell orders with
 * the reservations they need, matches crossing orders of different accounts at prices between their limits, settles
 * each fill releasing {@link BuyOrderReservation#releasedOnFill}, cancels orders releasing what they still hold, and
 * mixes in deposits, withdrawals, issuance, transfers, pledges, retirements, cancellations and day ends.
 */
final class SimulatedMarket
{
    static final long FEE_ACCOUNT = 1;
    private static final long FIRST_ACCOUNT = 100;

    private static final class Order
    {
        final long accountId;
        final int instrumentId;
        final boolean buy;
        final long limitPrice;
        long leaves;

        Order(final long accountId, final int instrumentId, final boolean buy, final long limitPrice, final long leaves)
        {
            this.accountId = accountId;
            this.instrumentId = instrumentId;
            this.buy = buy;
            this.limitPrice = limitPrice;
            this.leaves = leaves;
        }
    }

    private final Registry registry;
    private final TradeSettlement settlement;
    private final BuyOrderReservation buyReservation;
    private final SplittableRandom random;
    private final int accountCount;
    private final List<Order> orders = new ArrayList<>();
    private long feesCharged;
    private long trades;
    private long feesWithdrawn;

    SimulatedMarket(final FeeSchedule fees, final HoldingLimits limits, final int instruments, final int accounts,
        final long seed)
    {
        this.registry = new Registry(FEE_ACCOUNT, limits, instruments);
        this.settlement = new TradeSettlement(registry, fees);
        this.buyReservation = new BuyOrderReservation(fees);
        this.random = new SplittableRandom(seed);
        this.accountCount = accounts;

        for (int i = 0; i < accounts; i++)
        {
            final AccountType type = i % 10 == 0 ? AccountType.COMPLIANCE : AccountType.TRADING;
            assertNull(registry.openAccount(FIRST_ACCOUNT + i, type));
            assertNull(registry.depositCash(FIRST_ACCOUNT + i, 1 + random.nextLong(50_000_000)));
            for (int instrumentId = 1; instrumentId <= instruments; instrumentId++)
            {
                if (random.nextInt(3) == 0)
                {
                    assertNull(registry.issue(FIRST_ACCOUNT + i, instrumentId, 1 + random.nextInt(5_000)));
                }
            }
        }
    }

    void run(final int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            step();
        }
    }

    private void step()
    {
        final long accountId = randomAccount();
        final int instrumentId = 1 + random.nextInt(registry.maxInstrumentId());
        final int pick = random.nextInt(100);
        if (pick < 25)
        {
            placeBuy(accountId, instrumentId);
        }
        else if (pick < 50)
        {
            placeSell(accountId, instrumentId);
        }
        else if (pick < 75)
        {
            matchOnce();
        }
        else if (pick < 83)
        {
            cancelOrder();
        }
        else if (pick < 86)
        {
            registry.depositCash(accountId, 1 + random.nextLong(1_000_000));
        }
        else if (pick < 89)
        {
            final long amount = 1 + random.nextLong(1_000_000);
            final long from = random.nextInt(10) == 0 ? FEE_ACCOUNT : accountId;
            if (registry.withdrawCash(from, amount) == null && FEE_ACCOUNT == from)
            {
                feesWithdrawn += amount;
            }
        }
        else if (pick < 92)
        {
            registry.transfer(accountId, randomAccount(), instrumentId, 1 + random.nextInt(300));
        }
        else if (pick < 94)
        {
            registry.issue(accountId, instrumentId, 1 + random.nextInt(1_000));
        }
        else if (pick < 96)
        {
            final long quantity = 1 + random.nextInt(100);
            if (registry.pledge(accountId, instrumentId, quantity) == null && random.nextBoolean())
            {
                assertNull(registry.unpledge(accountId, instrumentId, quantity));
            }
        }
        else if (pick < 97)
        {
            registry.retire(accountId, instrumentId, 1 + random.nextInt(50), "beneficiary", "voluntary");
        }
        else if (pick < 98)
        {
            registry.cancel(accountId, instrumentId, 1 + random.nextInt(50));
        }
        else if (pick < 99)
        {
            registry.unlockAll();
        }

        assertNonNegative(accountId);
    }

    private void placeBuy(final long accountId, final int instrumentId)
    {
        final long limitPrice = randomPrice();
        final long quantity = 1 + random.nextInt(random.nextBoolean() ? 10 : 2_000);
        final RejectReason refusal = registry.reserveForBuy(
            accountId, instrumentId, quantity, buyReservation.cashFor(limitPrice, quantity));
        if (refusal == null)
        {
            orders.add(new Order(accountId, instrumentId, true, limitPrice, quantity));
        }
    }

    private void placeSell(final long accountId, final int instrumentId)
    {
        final Holding holding = registry.holding(accountId, instrumentId);
        final long available = holding == null ? 0 : holding.available();
        final long quantity = available > 0 && random.nextInt(4) != 0 ?
            1 + random.nextLong(Math.min(available, 2_000)) : 1 + random.nextInt(100);
        if (registry.reserveUnits(accountId, instrumentId, quantity) == null)
        {
            orders.add(new Order(accountId, instrumentId, false, randomPrice(), quantity));
        }
    }

    /**
     * Fill part of a random buy order against a crossing sell order of another account: the contract says this can
     * never be refused.
     */
    private void matchOnce()
    {
        if (orders.isEmpty())
        {
            return;
        }

        final Order buy = orders.get(random.nextInt(orders.size()));
        if (!buy.buy)
        {
            return;
        }

        final int size = orders.size();
        final int offset = random.nextInt(size);
        for (int i = 0; i < size; i++)
        {
            final Order sell = orders.get((offset + i) % size);
            if (!sell.buy && sell.instrumentId == buy.instrumentId && sell.accountId != buy.accountId &&
                sell.limitPrice <= buy.limitPrice)
            {
                fill(buy, sell);
                return;
            }
        }
    }

    private void fill(final Order buy, final Order sell)
    {
        final long price = sell.limitPrice + random.nextLong(buy.limitPrice - sell.limitPrice + 1);
        final long fill = 1 + random.nextLong(Math.min(buy.leaves, sell.leaves));
        final long released = buyReservation.releasedOnFill(buy.limitPrice, buy.leaves, fill);

        assertNull(settlement.settle(buy.accountId, sell.accountId, buy.instrumentId, price, fill, released));
        feesCharged += settlement.lastBuyerFee() + settlement.lastSellerFee();
        trades++;
        buy.leaves -= fill;
        sell.leaves -= fill;
        orders.removeIf(order -> 0 == order.leaves);
        assertNonNegative(buy.accountId);
        assertNonNegative(sell.accountId);
    }

    private void cancelOrder()
    {
        if (orders.isEmpty())
        {
            return;
        }

        cancel(orders.remove(random.nextInt(orders.size())));
    }

    void cancelAllOrders()
    {
        while (!orders.isEmpty())
        {
            cancel(orders.remove(orders.size() - 1));
        }
    }

    private void cancel(final Order order)
    {
        if (order.buy)
        {
            assertNull(registry.releaseForBuy(order.accountId, order.instrumentId, order.leaves,
                buyReservation.cashFor(order.limitPrice, order.leaves)));
        }
        else
        {
            assertNull(registry.releaseUnits(order.accountId, order.instrumentId, order.leaves));
        }
    }

    /**
     * With every order gone, every reservation must be back to zero: the releases matched the reservations exactly.
     */
    void assertNothingReserved()
    {
        for (final Account account : registry.accounts())
        {
            assertEquals(0, account.cashReserved(), account::toString);
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                assertEquals(0, holding.reserved(), holding::toString);
                assertEquals(0, holding.pendingBuy(), holding::toString);
            }
        }
    }

    private void assertNonNegative(final long accountId)
    {
        final Account account = registry.account(accountId);
        if (account == null)
        {
            return;
        }

        assertTrue(account.cashReserved() >= 0 && account.cashAvailable() >= 0, account::toString);
        for (int i = 0; i < account.holdingCount(); i++)
        {
            final Holding holding = account.holdingAt(i);
            assertTrue(holding.available() >= 0 && holding.reserved() >= 0 && holding.pledged() >= 0 &&
                holding.locked() >= 0 && holding.pendingBuy() >= 0, holding::toString);
        }
    }

    private long randomAccount()
    {
        return random.nextInt(200) == 0 ? FEE_ACCOUNT : FIRST_ACCOUNT + random.nextInt(accountCount);
    }

    /**
     * Prices around 50.00, a tick of 0.01, close enough together that orders cross often.
     */
    private long randomPrice()
    {
        return 4_500 + random.nextInt(1_001);
    }

    Registry registry()
    {
        return registry;
    }

    long feesCharged()
    {
        return feesCharged;
    }

    long feesWithdrawn()
    {
        return feesWithdrawn;
    }

    long trades()
    {
        return trades;
    }
}
