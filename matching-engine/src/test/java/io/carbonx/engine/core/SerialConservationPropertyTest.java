package io.carbonx.engine.core;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryView;
import io.carbonx.registry.RemovalRecord;
import io.carbonx.registry.SerialRanges;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Serial conservation over random command streams (issue, transfer, orders that trade, surrender, retire, cancel,
 * pledge and release, ends of day) applied to the state machine. After every command, per instrument, the blocks held
 * (every holding's unpledged and pledged serial ranges) and the blocks removed (surrendered, retired, cancelled
 * records) are pairwise disjoint and together exactly 1..issued; and the command's {@code SerialBlocks} events
 * account for exactly what moved: each movement's blocks add up to its quantity, to the quantity its trade, registry
 * change or surrender reports, and to the change of every holding; a pledge's blocks are the oldest unpledged units
 * after those its working sell orders reserve, and the pledged serials of every holding change by exactly the blocks
 * of the pledges and releases (so a pledged tonne never leaves its holding).
 */
class SerialConservationPropertyTest
{
    private static final long FIRST_ACCOUNT = 1_001;
    private static final int ACCOUNTS = 6;
    private static final int INSTRUMENTS = 2;
    private static final int YEAR = 2023;

    enum Kind
    {
        ISSUE, TRANSFER, BUY, SELL, SURRENDER, RETIRE, CANCEL, PLEDGE, RELEASE, END_OF_DAY
    }

    record Step(Kind kind, int account, int other, int instrument, int quantity, int priceTicks)
    {
    }

    @Provide
    Arbitrary<List<Step>> streams()
    {
        final Arbitrary<Kind> kinds = Arbitraries.frequency(
            Tuple.of(2, Kind.ISSUE), Tuple.of(2, Kind.TRANSFER),
            Tuple.of(5, Kind.BUY), Tuple.of(5, Kind.SELL),
            Tuple.of(1, Kind.SURRENDER), Tuple.of(1, Kind.RETIRE),
            Tuple.of(1, Kind.CANCEL), Tuple.of(1, Kind.PLEDGE),
            Tuple.of(1, Kind.RELEASE), Tuple.of(1, Kind.END_OF_DAY));
        final Arbitrary<Step> steps = Combinators.combine(
            kinds,
            Arbitraries.integers().between(0, ACCOUNTS - 1),
            Arbitraries.integers().between(0, ACCOUNTS - 1),
            Arbitraries.integers().between(1, INSTRUMENTS),
            Arbitraries.integers().between(1, 120),
            Arbitraries.integers().between(-3, 3)).as(Step::new);
        return steps.list().ofMinSize(10).ofMaxSize(120);
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void heldAndRemovedBlocksAreExactlyWhatWasIssued(@ForAll("streams") final List<Step> stream)
    {
        final TestExchange exchange = newExchange();
        final RegistryView registry = exchange.machine().registry();
        final Set<RegistryOperationType> seen = EnumSet.noneOf(RegistryOperationType.class);
        long orderId = 1;
        int day = 20250601;
        int command = 0;
        for (final Step step : stream)
        {
            final Map<Long, Long> before = holdingTotals(registry);
            final Map<Long, HoldingSerials> serialsBefore = holdingSerials(registry);
            final CapturedEvents events = apply(exchange, step, orderId++, day);
            if (step.kind() == Kind.END_OF_DAY)
            {
                day++;
            }
            final String where = "after command " + command++ + " " + step;
            assertBlocksConserved(registry, where);
            assertMovementsAccountForTheChange(registry, events, before, where);
            assertPledgedSerialsChangeOnlyByPledgesAndReleases(registry, events, serialsBefore, step, where);
            events.movements().forEach(movement -> seen.add(movement.operation()));
        }
        for (final RegistryOperationType operation : List.of(RegistryOperationType.TRADE,
            RegistryOperationType.TRANSFER, RegistryOperationType.SURRENDER, RegistryOperationType.RETIRE,
            RegistryOperationType.CANCEL, RegistryOperationType.PLEDGE))
        {
            Statistics.label(operation.name()).collect(seen.contains(operation));
        }
        Statistics.label("TRADE").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
        Statistics.label("SURRENDER").coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label("CANCEL").coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label("PLEDGE").coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
    }

    private static TestExchange newExchange()
    {
        final TestExchange exchange = new TestExchange(TestSettings.settings(HoldingLimits.unlimited()));
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            exchange.list(new InstrumentSpec(id, "CEA-202" + (1 + id), InstrumentKind.ALLOWANCE, 2021 + id, 1, 1, 1,
                99_999, 1_000, 100_00, SelfTradePolicy.values()[0]));
        }
        exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
            .openComplianceYear(exchange.buffer(), 0, YEAR, Long.MAX_VALUE / 2));
        for (int i = 0; i < ACCOUNTS; i++)
        {
            final long account = FIRST_ACCOUNT + i;
            exchange.open(account, i < ACCOUNTS / 2 ? AccountType.COMPLIANCE : AccountType.TRADING);
            exchange.deposit(account, 100_000_000_00L);
            for (int id = 1; id <= INSTRUMENTS; id++)
            {
                exchange.issue(account, id, 50 + 10 * i);
            }
            if (i < ACCOUNTS / 2)
            {
                exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
                    .recordEmissions(exchange.buffer(), 0, YEAR, account, 1_000));
            }
        }
        return exchange;
    }

    private static CapturedEvents apply(final TestExchange exchange, final Step step, final long orderId,
        final int day)
    {
        final long account = FIRST_ACCOUNT + step.account();
        final long other = FIRST_ACCOUNT + step.other();
        final int instrument = step.instrument();
        final long quantity = step.quantity();
        final CommandWriter writer = exchange.writer().envelope(exchange.time(), 0, 0);
        return switch (step.kind())
        {
            case ISSUE -> exchange.issue(account, instrument, quantity);
            case TRANSFER -> exchange.apply(writer.transferUnits(exchange.buffer(), 0, account, other, instrument,
                quantity));
            case BUY -> exchange.order(orderId, account, instrument, Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC,
                100_00 + step.priceTicks() * 10, quantity, 0);
            case SELL -> exchange.order(orderId, account, instrument, Side.SELL,
                OrderType.LIMIT, TimeInForce.GTC,
                100_00 + step.priceTicks() * 10, quantity, 0);
            case SURRENDER -> exchange.apply(writer.surrenderUnits(exchange.buffer(), 0, YEAR, account, 0, instrument,
                quantity));
            case RETIRE -> exchange.retire(account, instrument, quantity);
            case CANCEL -> exchange.apply(writer.cancelUnits(exchange.buffer(), 0, account, instrument, quantity));
            case PLEDGE -> exchange.apply(writer.pledgeUnits(exchange.buffer(), 0, account, instrument, quantity,
                false));
            case RELEASE -> exchange.apply(writer.pledgeUnits(exchange.buffer(), 0, account, instrument, quantity,
                true));
            case END_OF_DAY -> exchange.endOfDay(day);
        };
    }

    /**
     * Held plus removed blocks, sorted, must run 1..issued with no gap and no overlap.
     */
    private static void assertBlocksConserved(final RegistryView registry, final String where)
    {
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            final List<long[]> blocks = new ArrayList<>();
            for (final Account account : registry.accounts())
            {
                final Holding holding = account.holding(instrument);
                if (holding != null)
                {
                    addAll(blocks, holding.serials());
                    addAll(blocks, holding.pledgedSerials());
                    assertEquals(holding.total() - holding.pledged(), holding.serials().unitCount(), where);
                    assertEquals(holding.pledged(), holding.pledgedSerials().unitCount(), where);
                }
            }
            for (final RemovalRecord removal : registry.removals())
            {
                if (removal.instrumentId() == instrument)
                {
                    addAll(blocks, removal);
                }
            }
            blocks.sort((a, b) -> Long.compare(a[0], b[0]));
            long next = 1;
            for (final long[] block : blocks)
            {
                if (block[0] != next || block[1] < block[0])
                {
                    fail("instrument " + instrument + ": block " + block[0] + "-" + block[1] + " where serial " +
                        next + " was due (" + (block[0] < next ? "overlap" : "gap") + ") " + where);
                }
                next = block[1] + 1;
            }
            assertEquals(registry.issued(instrument), next - 1, "instrument " + instrument + " " + where);
        }
    }

    private static void assertMovementsAccountForTheChange(
        final RegistryView registry, final CapturedEvents events, final Map<Long, Long> before, final String where)
    {
        final List<CapturedEvents.Movement> movements = events.movements();
        final Map<Long, Long> expected = new HashMap<>(before);
        long traded = 0;
        long changed = 0;
        long surrendered = 0;
        for (final CapturedEvents.Movement movement : movements)
        {
            assertEquals(movement.quantity(), movement.units(), "a movement's blocks add up to it " + where);
            switch (movement.operation())
            {
                case PLEDGE, RELEASE ->
                {
                    // Checked against the lists before the command by the pledged-serials assertion.
                    continue;
                }
                case TRADE -> traded += movement.units();
                case SURRENDER -> surrendered += movement.units();
                default -> changed += movement.units();
            }
            if (movement.from() != 0)
            {
                expected.merge(key(movement.from(), movement.instrumentId()), -movement.units(), Long::sum);
            }
            if (movement.to() != 0)
            {
                expected.merge(key(movement.to(), movement.instrumentId()), movement.units(), Long::sum);
                assertContained(registry.holding(movement.to(), movement.instrumentId()).serials(), movement, where);
            }
            else
            {
                final RemovalRecord removal = registry.removals().get(registry.removals().size() - 1);
                assertEquals(movement.blockText(), text(removal), "removed blocks are the record's " + where);
            }
        }
        expected.values().removeIf(value -> value == 0);
        final Map<Long, Long> after = holdingTotals(registry);
        assertEquals(expected, after, "holdings changed exactly by the blocks moved " + where);

        assertEquals(events.trades().stream().mapToLong(TradeDecoder::quantity).sum(), traded, where);
        assertEquals(events.all(UnitsSurrenderedDecoder.TEMPLATE_ID, UnitsSurrenderedDecoder::new).stream()
            .mapToLong(UnitsSurrenderedDecoder::quantity).sum(), surrendered, where);
        assertEquals(events.registryChanges().stream()
            .filter(change -> movesUnits(change.operation()))
            .mapToLong(RegistryChangedDecoder::quantity).sum(), changed, where);
    }

    private static boolean movesUnits(final RegistryOperationType operation)
    {
        return operation == RegistryOperationType.ISSUE || operation == RegistryOperationType.TRANSFER ||
            operation == RegistryOperationType.RETIRE || operation == RegistryOperationType.CANCEL;
    }

    private static void assertContained(
        final SerialRanges held, final CapturedEvents.Movement movement, final String where)
    {
        for (final long[] block : movement.blocks())
        {
            boolean found = false;
            for (int i = 0; i < held.rangeCount() && !found; i++)
            {
                found = held.rangeStart(i) <= block[0] && block[1] <= held.rangeEnd(i);
            }
            assertTrue(found, "block " + block[0] + "-" + block[1] + " of " + movement.operation() +
                " is held by the receiver " + where);
        }
    }

    /**
     * A holding's serials before a command: its unpledged list front to back, its pledged serials, and its reserve.
     */
    record HoldingSerials(List<long[]> unpledged, Set<Long> pledged, long reserved)
    {
    }

    private static Map<Long, HoldingSerials> holdingSerials(final RegistryView registry)
    {
        final Map<Long, HoldingSerials> serials = new HashMap<>();
        for (final Account account : registry.accounts())
        {
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                final List<long[]> unpledged = new ArrayList<>();
                addAll(unpledged, holding.serials());
                serials.put(key(account.id(), holding.instrumentId()),
                    new HoldingSerials(unpledged, units(holding.pledgedSerials()), holding.reserved()));
            }
        }
        return serials;
    }

    private static void assertPledgedSerialsChangeOnlyByPledgesAndReleases(
        final RegistryView registry,
        final CapturedEvents events,
        final Map<Long, HoldingSerials> before,
        final Step step,
        final String where)
    {
        final Map<Long, Set<Long>> expected = new HashMap<>();
        before.forEach((key, serials) -> expected.put(key, new TreeSet<>(serials.pledged())));
        for (final CapturedEvents.Movement movement : events.movements())
        {
            final boolean pledge = movement.operation() == RegistryOperationType.PLEDGE;
            if (!pledge && movement.operation() != RegistryOperationType.RELEASE)
            {
                continue;
            }
            assertEquals(movement.from(), movement.to(), where);
            assertEquals(step.quantity(), movement.quantity(), "a pledge or release lists its own quantity " + where);
            final long key = key(movement.from(), movement.instrumentId());
            final HoldingSerials held = before.get(key);
            final Set<Long> pledged = expected.get(key);
            final Set<Long> moved = units(movement.blocks());
            if (pledge)
            {
                assertEquals(oldestAfter(held.unpledged(), held.reserved(), movement.units()), movement.blockText(),
                    "a pledge takes the oldest units after the reserved ones " + where);
                assertTrue(moved.stream().noneMatch(pledged::contains), "pledged twice " + where);
                pledged.addAll(moved);
            }
            else
            {
                assertTrue(pledged.containsAll(moved), "released what was not pledged " + where);
                pledged.removeAll(moved);
            }
        }

        for (final Account account : registry.accounts())
        {
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                final long key = key(account.id(), holding.instrumentId());
                assertEquals(expected.getOrDefault(key, Set.of()), units(holding.pledgedSerials()),
                    "pledged serials of " + account.id() + "/" + holding.instrumentId() + " " + where);
            }
        }
    }

    /**
     * The blocks of {@code quantity} units of a list, after skipping its first {@code skip} units.
     */
    private static String oldestAfter(final List<long[]> list, final long skip, final long quantity)
    {
        final StringBuilder text = new StringBuilder();
        long toSkip = skip;
        long remaining = quantity;
        long lastEnd = -1;
        for (final long[] range : list)
        {
            long start = range[0];
            final long size = range[1] - start + 1;
            if (toSkip >= size)
            {
                toSkip -= size;
                continue;
            }
            start += toSkip;
            toSkip = 0;
            if (remaining == 0)
            {
                break;
            }
            final long end = Math.min(range[1], start + remaining - 1);
            remaining -= end - start + 1;
            if (lastEnd + 1 == start)
            {
                // Merged, as MovedSerials merges a block that continues the previous one.
                text.setLength(text.lastIndexOf("-") + 1);
                text.append(end);
            }
            else
            {
                text.append(text.length() == 0 ? "" : ",").append(start).append('-').append(end);
            }
            lastEnd = end;
        }
        return text.toString();
    }

    private static Set<Long> units(final SerialRanges ranges)
    {
        final List<long[]> blocks = new ArrayList<>();
        addAll(blocks, ranges);
        return units(blocks);
    }

    private static Set<Long> units(final List<long[]> blocks)
    {
        final Set<Long> units = new TreeSet<>();
        for (final long[] block : blocks)
        {
            for (long serial = block[0]; serial <= block[1]; serial++)
            {
                units.add(serial);
            }
        }
        return units;
    }

    private static Map<Long, Long> holdingTotals(final RegistryView registry)
    {
        final Map<Long, Long> totals = new HashMap<>();
        for (final Account account : registry.accounts())
        {
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                if (holding.total() != 0)
                {
                    totals.put(key(account.id(), holding.instrumentId()), holding.total());
                }
            }
        }
        return totals;
    }

    private static long key(final long accountId, final int instrumentId)
    {
        return accountId * 100 + instrumentId;
    }

    private static void addAll(final List<long[]> blocks, final SerialRanges ranges)
    {
        for (int i = 0; i < ranges.rangeCount(); i++)
        {
            blocks.add(new long[] {ranges.rangeStart(i), ranges.rangeEnd(i)});
        }
    }

    private static String text(final SerialRanges ranges)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < ranges.rangeCount(); i++)
        {
            text.append(0 == i ? "" : ",").append(ranges.rangeStart(i)).append('-').append(ranges.rangeEnd(i));
        }
        return text.toString();
    }
}
