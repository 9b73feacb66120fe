package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrySnapshotTest
{
    private static final int INSTRUMENTS = 4;

    @Test
    void restoresTheSameStateAndHash() throws IOException
    {
        final Registry original = populated(7);
        final Registry restored = roundTrip(original);

        assertEquals(original.stateHash(), restored.stateHash());
        assertSameState(original, restored);
        assertTrue(RegistryAudit.findViolations(restored).isEmpty());
    }

    @Test
    void continuesExactlyAsTheOriginalAfterARestore() throws IOException
    {
        final Registry original = populated(11);
        final Registry restored = roundTrip(original);

        final RandomRegistryOperations originalOps = new RandomRegistryOperations(original, 99, 300);
        final RandomRegistryOperations restoredOps = new RandomRegistryOperations(restored, 99, 300);
        originalOps.run(3_000);
        restoredOps.run(3_000);

        assertEquals(original.stateHash(), restored.stateHash());
        assertSameState(original, restored);
    }

    /**
     * The pool is not state: a registry restored into a pool of any size, even one too small that allocates, holds
     * and hashes the same ranges, and goes on exactly as the original.
     */
    @Test
    void restoresIntoAPoolOfAnySize() throws IOException
    {
        final Registry original = populated(13);
        for (final long capacity : new long[]{0, 64, 1 << 20})
        {
            final Registry restored = roundTrip(original, capacity);
            assertEquals(original.stateHash(), restored.stateHash());
            assertSameState(original, restored);

            new RandomRegistryOperations(restored, 5, 300).run(2_000);
            final Registry again = roundTrip(original, 0 == capacity ? 1 << 20 : 0);
            new RandomRegistryOperations(again, 5, 300).run(2_000);
            assertEquals(again.stateHash(), restored.stateHash());
            assertSameState(again, restored);
        }
    }

    @Test
    void writesTheSameBytesTwice() throws IOException
    {
        final Registry registry = populated(3);

        assertEquals(List.of(bytesOf(registry)), List.of(bytesOf(registry)));
        assertEquals(List.of(bytesOf(registry)), List.of(bytesOf(roundTrip(registry))));
    }

    @Test
    void readsOnlyIntoANewRegistry() throws IOException
    {
        final byte[] snapshot = snapshotOf(populated(5));
        final Registry used = RandomRegistryOperations.newRegistry(HoldingLimits.unlimited(), INSTRUMENTS);
        assertNull(used.openAccount(77, AccountType.TRADING));

        assertThrows(IllegalStateException.class, () -> used.readSnapshot(input(snapshot)));
    }

    @Test
    void refusesASnapshotOfAnotherScheme() throws IOException
    {
        final byte[] snapshot = snapshotOf(populated(5));

        assertThrows(IOException.class,
            () -> new Registry(2, HoldingLimits.unlimited(), INSTRUMENTS).readSnapshot(input(snapshot)));
        assertThrows(IOException.class,
            () -> new Registry(1, HoldingLimits.unlimited(), 1).readSnapshot(input(snapshot)));
    }

    @Test
    void detectsACorruptSnapshot() throws IOException
    {
        final byte[] snapshot = snapshotOf(populated(5));
        final int[] positions = { 0, 20, snapshot.length / 3, snapshot.length / 2, snapshot.length - 1 };

        for (final int position : positions)
        {
            final byte[] corrupt = snapshot.clone();
            corrupt[position] ^= 0x10;
            final Registry registry = RandomRegistryOperations.newRegistry(HoldingLimits.unlimited(), INSTRUMENTS);

            assertThrows(Exception.class, () -> registry.readSnapshot(input(corrupt)), "corrupt byte " + position);
        }

        final byte[] truncated = Arrays.copyOf(snapshot, snapshot.length - 8);
        assertThrows(IOException.class, () -> RandomRegistryOperations
            .newRegistry(HoldingLimits.unlimited(), INSTRUMENTS).readSnapshot(input(truncated)));
    }

    @Test
    void hashesEveryPartOfTheState()
    {
        final List<Function<Registry, RejectReason>> changes = List.of(
            r -> r.openAccount(50, AccountType.TRADING),
            r -> r.openAccount(50, AccountType.AUCTION),
            r -> r.linkBroker(3, 10),
            r -> r.linkBroker(4, 10),
            r -> r.issue(10, 1, 1),
            r -> r.issue(10, 2, 1),
            r -> r.issue(11, 1, 1),
            r -> r.depositCash(10, 1),
            r -> r.depositCash(11, 1),
            r -> r.reserveCash(10, 1),
            r -> r.transfer(10, 11, 1, 1),
            r -> r.transfer(10, 11, 1, 2),
            r -> r.reserveUnits(10, 1, 1),
            r -> r.pledge(10, 1, 1),
            r -> r.reservePendingBuy(10, 1, 1),
            r -> r.reservePendingBuy(11, 1, 1),
            r -> r.retire(10, 1, 1, "a", "b"),
            r -> r.retire(10, 1, 1, "a", "c"),
            r -> r.retire(10, 1, 1, "x", "b"),
            r -> r.retire(10, 1, 2, "a", "b"),
            r -> r.cancel(10, 1, 1),
            r -> r.withdrawCash(10, 1),
            r -> r.settle(11, 10, 1, 1, 10, 1, 1, 11));

        final Set<Long> hashes = new HashSet<>();
        hashes.add(base().stateHash());
        for (final Function<Registry, RejectReason> change : changes)
        {
            final Registry registry = base();
            assertNull(change.apply(registry));
            assertTrue(hashes.add(registry.stateHash()), "a change left the hash of another state");
        }
    }

    @Test
    void restoresAndHashesWhichSerialsArePledged() throws IOException
    {
        // The same counters, different pledged serials: 11..12 pledged and 11 released, or 11 pledged.
        final Registry releasedOne = base();
        assertNull(releasedOne.pledge(10, 1, 2));
        assertNull(releasedOne.unpledge(10, 1, 1));
        final Registry pledgedOne = base();
        assertNull(pledgedOne.pledge(10, 1, 1));

        assertEquals(releasedOne.holding(10, 1).toString().replace("ranges=2", "ranges=?"),
            pledgedOne.holding(10, 1).toString().replace("ranges=2", "ranges=?"));
        SerialRangeQueueTest.assertRanges(releasedOne.holding(10, 1).pledgedSerials(), 12, 12);
        SerialRangeQueueTest.assertRanges(pledgedOne.holding(10, 1).pledgedSerials(), 11, 11);
        assertNotEquals(releasedOne.stateHash(), pledgedOne.stateHash());

        for (final Registry original : List.of(releasedOne, pledgedOne))
        {
            final Registry restored = roundTrip(original);
            assertEquals(original.stateHash(), restored.stateHash());
            assertSameState(original, restored);
            assertTrue(RegistryAudit.findViolations(restored).isEmpty());
        }
    }

    @Test
    void ignoresHoldingsThatWereTouchedButHoldNothing()
    {
        final Registry touched = base();
        assertNull(touched.reservePendingBuy(11, 3, 5));
        assertNull(touched.releasePendingBuy(11, 3, 5));

        assertEquals(base().stateHash(), touched.stateHash());
    }

    @Test
    void keepsFifoOrderInTheHash()
    {
        final Registry a = base();
        final Registry b = base();
        assertNull(a.issue(12, 1, 10)); // serials 101..110
        assertNull(b.issue(12, 1, 10));
        assertNull(a.transfer(12, 10, 1, 10));
        assertNull(b.transfer(12, 10, 1, 10));
        assertEquals(a.stateHash(), b.stateHash());

        // Same units, same counters: only the order in which serials will leave differs.
        assertNull(a.transfer(10, 11, 1, 100));
        assertNull(a.transfer(11, 10, 1, 100));
        assertNotEquals(a.stateHash(), b.stateHash());
    }

    /**
     * Two accounts with units, cash and working orders on both sides.
     */
    private static Registry base()
    {
        final Registry registry = new Registry(1, HoldingLimits.unlimited(), INSTRUMENTS);
        assertNull(registry.openAccount(10, AccountType.COMPLIANCE));
        assertNull(registry.openAccount(11, AccountType.TRADING));
        assertNull(registry.openAccount(12, AccountType.TRADING));
        assertNull(registry.issue(10, 1, 100));
        assertNull(registry.depositCash(10, 1_000));
        assertNull(registry.depositCash(11, 1_000));
        assertNull(registry.reserveCash(11, 100));
        assertNull(registry.reservePendingBuy(11, 1, 10));
        assertNull(registry.reserveUnits(10, 1, 10));

        return registry;
    }

    private static Registry populated(final long seed)
    {
        final Registry registry = RandomRegistryOperations.newRegistry(HoldingLimits.uniform(5_000), INSTRUMENTS);
        final RandomRegistryOperations operations = new RandomRegistryOperations(registry, seed, 300);
        operations.openAccounts();
        operations.run(6_000);
        assertTrue(registry.removals().size() > 10);

        return registry;
    }

    private static Registry roundTrip(final Registry original) throws IOException
    {
        return roundTrip(original, 0);
    }

    private static Registry roundTrip(final Registry original, final long serialRangeCapacity) throws IOException
    {
        final Registry restored = new Registry(
            original.feeAccountId(), original.holdingLimits(), original.maxInstrumentId(), serialRangeCapacity);
        restored.readSnapshot(input(snapshotOf(original)));

        return restored;
    }

    private static byte[] snapshotOf(final Registry registry) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            registry.writeSnapshot(out);
        }

        return bytes.toByteArray();
    }

    private static String bytesOf(final Registry registry) throws IOException
    {
        return HexFormat.of().formatHex(snapshotOf(registry));
    }

    private static DataInputStream input(final byte[] snapshot)
    {
        return new DataInputStream(new ByteArrayInputStream(snapshot));
    }

    private static void assertSameState(final Registry expected, final Registry actual)
    {
        assertEquals(expected.accounts().size(), actual.accounts().size());
        for (int i = 0; i < expected.accounts().size(); i++)
        {
            final Account a = expected.accounts().get(i);
            final Account b = actual.accounts().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.type(), b.type());
            assertEquals(a.cashTotal(), b.cashTotal());
            assertEquals(a.cashReserved(), b.cashReserved());
            assertEquals(a.brokerCount(), b.brokerCount());
            for (int instrumentId = 1; instrumentId <= INSTRUMENTS; instrumentId++)
            {
                final Holding x = a.holding(instrumentId);
                final Holding y = b.holding(instrumentId);
                if (x == null || x.isEmpty())
                {
                    assertTrue(y == null || y.isEmpty());
                    continue;
                }
                assertEquals(x.toString(), y.toString());
                SerialRangeQueueTest.assertRanges(y.serials(), pairs(x.serials()));
                SerialRangeQueueTest.assertRanges(y.pledgedSerials(), pairs(x.pledgedSerials()));
            }
        }

        assertEquals(expected.removals().size(), actual.removals().size());
        for (int i = 0; i < expected.removals().size(); i++)
        {
            assertEquals(expected.removals().get(i).toString(), actual.removals().get(i).toString());
        }

        for (int instrumentId = 1; instrumentId <= INSTRUMENTS; instrumentId++)
        {
            assertEquals(expected.issued(instrumentId), actual.issued(instrumentId));
            assertEquals(expected.retired(instrumentId), actual.retired(instrumentId));
            assertEquals(expected.cancelled(instrumentId), actual.cancelled(instrumentId));
            assertEquals(expected.surrendered(instrumentId), actual.surrendered(instrumentId));
        }
        assertEquals(expected.cashDeposited(), actual.cashDeposited());
        assertEquals(expected.cashWithdrawn(), actual.cashWithdrawn());
        assertEquals(expected.feesCollected(), actual.feesCollected());
    }

    private static long[] pairs(final SerialRanges ranges)
    {
        final long[] pairs = new long[2 * ranges.rangeCount()];
        for (int i = 0; i < ranges.rangeCount(); i++)
        {
            pairs[2 * i] = ranges.rangeStart(i);
            pairs[2 * i + 1] = ranges.rangeEnd(i);
        }

        return pairs;
    }
}
