package io.carbonx.engine.core;


import io.carbonx.engine.book.Order;
import io.carbonx.engine.book.BookView;
import io.carbonx.engine.book.PriceLevel;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryView;
import io.carbonx.registry.UnitAttributes;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long seeded random streams of every command over thousands of accounts, checking after every few commands that units
 * and cash are conserved (units = issued - retired - surrendered - cancelled), that nothing is ever negative, and
 * that the registry's reservations are exactly what the working orders need; and that the machine is deterministic,
 * also across a snapshot.
 */
class ExchangeStateMachinePropertyTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int INSTRUMENTS = 3;
    private static final long FIRST_ACCOUNT = 1_000;
    private static final int YEAR = 2023;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void conservesUnitsAndCashAndKeepsReservationsExact(final long seed)
    {
        final TestExchange exchange = newExchange();
        final StreamGenerator stream = new StreamGenerator(exchange, seed);
        for (int i = 0; i < 30_000; i++)
        {
            stream.next();
            if (i % 50 == 0)
            {
                assertInvariants(exchange, stream, "seed " + seed + " command " + i);
            }
        }
        assertInvariants(exchange, stream, "seed " + seed + " at the end");
        assertTrue(exchange.allEvents().trades().size() > 1_000, "the stream must trade to prove anything");
        final RegistryView registry = exchange.machine().registry();
        assertTrue(registry.surrendered(1) + registry.surrendered(2) + registry.surrendered(3) > 0,
            "the stream must surrender to prove conservation with surrenders");
    }

    @Test
    void sameCommandsGiveTheSameEventsAndTheSameStateHash()
    {
        final TestExchange first = newExchange();
        final TestExchange second = newExchange();
        final StreamGenerator firstStream = new StreamGenerator(first, 11);
        final StreamGenerator secondStream = new StreamGenerator(second, 11);
        for (int i = 0; i < 10_000; i++)
        {
            firstStream.next();
            secondStream.next();
        }

        assertEquals(first.machine().stateHash(), second.machine().stateHash());
        assertTrue(first.allEvents().sameAs(second.allEvents()), "event streams differ");

        secondStream.next();
        assertTrue(first.machine().stateHash() != second.machine().stateHash(), "the hash must see a change");
    }

    @Test
    void aMachineRestoredFromASnapshotContinuesExactlyLikeTheOriginal() throws IOException
    {
        final TestExchange original = newExchange();
        final StreamGenerator stream = new StreamGenerator(original, 5);
        for (int i = 0; i < 8_000; i++)
        {
            stream.next();
        }

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.machine().writeSnapshot(new DataOutputStream(bytes));
        final ExchangeStateMachine restored =
            new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited()));
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(original.machine().stateHash(), restored.stateHash());

        final CapturedEvents restoredEvents = new CapturedEvents();
        for (int i = 0; i < 4_000; i++)
        {
            final long sequence = original.machine().lastAppliedSequence() + 1;
            final int length = stream.encodeNext();
            final CapturedEvents originalEvents = original.apply(length);
            final int restoredBefore = restoredEvents.size();
            restored.apply(sequence, original.buffer(), 0, length, restoredEvents);
            assertTrue(originalEvents.sameAs(restoredEvents.since(restoredBefore)), "events differ at command " + i);
        }
        assertEquals(original.machine().stateHash(), restored.stateHash());
    }

    private static TestExchange newExchange()
    {
        final TestExchange exchange = new TestExchange(TestSettings.settings(HoldingLimits.unlimited()));
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            exchange.list(new InstrumentSpec(id, "CEA-202" + id, InstrumentKind.ALLOWANCE, 2020 + id, 1, 1, 1, 99_999,
                1_000, 100_00, SelfTradePolicy.values()[id - 1]));
        }
        for (long account = FIRST_ACCOUNT; account < FIRST_ACCOUNT + ACCOUNTS; account++)
        {
            exchange.open(account, account % 3 == 0 ? AccountType.COMPLIANCE : AccountType.TRADING);
            exchange.deposit(account, 50_000_00L + account);
            for (int id = 1; id <= INSTRUMENTS; id++)
            {
                exchange.issue(account, id, 200 + account % 50);
            }
        }
        exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
            .openComplianceYear(exchange.buffer(), 0, YEAR, Long.MAX_VALUE / 2));
        for (long account = FIRST_ACCOUNT + 2; account < FIRST_ACCOUNT + ACCOUNTS; account += 3)
        {
            exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
                .recordEmissions(exchange.buffer(), 0, YEAR, account, 100 + account % 400));
        }
        return exchange;
    }

    /**
     * A seeded mix of every command: mostly orders, a few of them invalid, cancels and amends of live and dead orders,
     * clock moves that expire GTD orders, ends of day, and registry operations.
     */
    private static final class StreamGenerator
    {
        private final TestExchange exchange;
        private final SplittableRandom random;
        private final CommandWriter writer;
        private long nextOrderId = 1;
        private LocalDate day = LocalDate.of(1970, 1, 1);

        StreamGenerator(final TestExchange exchange, final long seed)
        {
            this.exchange = exchange;
            this.random = new SplittableRandom(seed);
            this.writer = exchange.writer();
        }

        void next()
        {
            exchange.apply(encodeNext());
        }

        int encodeNext()
        {
            final long account = FIRST_ACCOUNT + random.nextInt(ACCOUNTS + 5);
            final int instrument = 1 + random.nextInt(INSTRUMENTS);
            final long time = exchange.time() + random.nextInt(1_000);
            exchange.at(time);
            writer.envelope(time, 1, nextOrderId);
            final int dice = random.nextInt(1_000);
            if (dice < 600)
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final OrderType type = random.nextInt(15) == 0 ? OrderType.MARKET : OrderType.LIMIT;
                final TimeInForce[] tifs =
                    {TimeInForce.DAY, TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTD};
                final long price = 97_00 + random.nextInt(600);
                final long quantity = 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 60);
                return writer.newOrder(exchange.buffer(), 0, nextOrderId++, account, 0, instrument, side, type,
                    tifs[random.nextInt(tifs.length)], random.nextInt(20) == 0, price, quantity, time +
                    random.nextInt(20_000));
            }
            final long orderId = Math.max(1, nextOrderId - 1 - random.nextInt(300));
            final long owner = ownerOf(instrument, orderId, account);
            if (dice < 750)
            {
                return writer.cancelOrder(exchange.buffer(), 0, orderId, owner, 0, instrument);
            }
            if (dice < 930)
            {
                return writer.amendOrder(exchange.buffer(), 0, orderId, owner, 0, instrument, 97_00 +
                    random.nextInt(600),
                    1 + random.nextInt(80));
            }
            if (dice < 933)
            {
                // the next day, at its start: the engine closes each date once, in order, never ahead of its clock
                day = day.plusDays(1);
                final long dayStart = day.toEpochDay() * 86_400_000_000_000L;
                exchange.at(dayStart);
                writer.envelope(dayStart, 1, nextOrderId);
                return writer.endOfTradingDay(exchange.buffer(), 0,
                    day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth());
            }
            if (dice < 950)
            {
                final long to = FIRST_ACCOUNT + random.nextInt(ACCOUNTS);
                return writer.transferUnits(exchange.buffer(), 0, account, to, instrument, 1 + random.nextInt(100));
            }
            if (dice < 960)
            {
                return writer.retireUnits(exchange.buffer(), 0, account, instrument, 1 + random.nextInt(20), "b", "r");
            }
            if (dice < 963)
            {
                return writer.cancelUnits(exchange.buffer(), 0, account, instrument, 1 + random.nextInt(20));
            }
            if (dice < 965)
            {
                return writer.surrenderUnits(exchange.buffer(), 0, YEAR, account, 0, instrument, 1 +
                    random.nextInt(20));
            }
            if (dice < 975)
            {
                return writer.pledgeUnits(exchange.buffer(), 0, account, instrument, 1 + random.nextInt(30),
                    random.nextBoolean());
            }
            if (dice < 985)
            {
                return writer.withdrawCash(exchange.buffer(), 0, account, 1 + random.nextInt(500_00));
            }
            if (dice < 995)
            {
                return writer.depositCash(exchange.buffer(), 0, account, 1 + random.nextInt(500_00));
            }
            if (dice % 2 == 0)
            {
                // units with attributes: the registry's project issuance table, in the snapshot and the hash
                return writer.issueProjectUnits(exchange.buffer(), 0, account, instrument, 1 + random.nextInt(100),
                    new UnitAttributes(ProjectType.values()[random.nextInt(ProjectType.values().length - 1)],
                        1 + random.nextInt(50), 2020 + random.nextInt(6), 20200101 + random.nextInt(6) * 10_000,
                        random.nextInt(8)));
            }
            return writer.issueUnits(exchange.buffer(), 0, account, instrument, 1 + random.nextInt(100));
        }

        private long ownerOf(final int instrument, final long orderId, final long fallback)
        {
            final Order order = exchange.machine().orderBook(instrument).order(orderId);
            return order == null || random.nextInt(20) == 0 ? fallback : order.accountId();
        }
    }

    private static void assertInvariants(final TestExchange exchange, final StreamGenerator stream, final String where)
    {
        final ExchangeStateMachine machine = exchange.machine();
        final RegistryView registry = machine.registry();

        // what working orders need, per account (cash) and per account and instrument (units, pending buys)
        final Long2LongHashMap cashNeeded = new Long2LongHashMap(0);
        final long[][] unitsNeeded = new long[INSTRUMENTS + 1][];
        final long[][] pendingNeeded = new long[INSTRUMENTS + 1][];
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            unitsNeeded[id] = new long[ACCOUNTS + 10];
            pendingNeeded[id] = new long[ACCOUNTS + 10];
            final BookView book = machine.orderBook(id);
            for (final Side side : new Side[]{Side.BUY, Side.SELL})
            {
                for (int depth = 0; depth < book.levelCount(side); depth++)
                {
                    for (Order order = book.level(side, depth).head(); order != null; order = PriceLevel.next(order))
                    {
                        final int slot = (int)(order.accountId() - FIRST_ACCOUNT);
                        if (side == Side.SELL)
                        {
                            unitsNeeded[id][slot] += order.leaves();
                        }
                        else
                        {
                            pendingNeeded[id][slot] += order.leaves();
                            cashNeeded.put(order.accountId(), cashNeeded.get(order.accountId()) + order.reservation());
                            assertTrue(order.reservation() >= order.price() * order.leaves(),
                                "buy reservation below limit x leaves, " + where);
                        }
                    }
                }
            }
        }

        long cash = 0;
        final long[] units = new long[INSTRUMENTS + 1];
        for (final Account account : registry.accounts())
        {
            cash += account.cashTotal();
            assertTrue(account.cashTotal() - account.cashReserved() >= 0, "negative available cash, " + where);
            if (account.id() == TestSettings.FEE_ACCOUNT)
            {
                continue;
            }
            assertEquals(cashNeeded.get(account.id()), account.cashReserved(), "cash reserved of " + account.id() +
                ", " + where);
            final int slot = (int)(account.id() - FIRST_ACCOUNT);
            for (int id = 1; id <= INSTRUMENTS; id++)
            {
                final Holding holding = registry.holding(account.id(), id);
                if (holding == null)
                {
                    assertEquals(0, unitsNeeded[id][slot]);
                    continue;
                }
                units[id] += holding.total();
                assertTrue(holding.available() >= 0, "negative available units, " + where);
                assertEquals(unitsNeeded[id][slot], holding.reserved(), "units reserved of " + account.id() + ", " +
                    where);
                assertEquals(pendingNeeded[id][slot], holding.pendingBuy(), "pending buys of " + account.id() + ", " +
                    where);
            }
        }
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertEquals(registry.issued(id) - registry.retired(id) - registry.surrendered(id) - registry.cancelled(id),
                units[id],
                "units of instrument " + id + ", " + where);
        }
        assertEquals(registry.cashDeposited() - registry.cashWithdrawn(), cash, "cash, " + where);
        assertEquals(registry.feesCollected(), registry.account(TestSettings.FEE_ACCOUNT).cashTotal(), "fees, " +
            where);
    }
}
