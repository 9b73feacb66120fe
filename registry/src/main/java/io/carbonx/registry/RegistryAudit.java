package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reconciles a registry against its invariants, for end-of-day checks and tests. Walks everything and allocates:
 * never call it on the hot path.
 * <ul>
 * <li>No balance is negative and nothing earmarked exceeds what is held: available units and cash are >= 0.</li>
 * <li>The serial ranges of each holding add up to its total.</li>
 * <li>Per instrument, all accounts together hold {@code issued - retired - surrendered - cancelled} units, and the
 * serial ranges of all holdings and all removal records are disjoint and cover 1..issued exactly: every serial ever
 * issued is in exactly one place.</li>
 * <li>All accounts together hold {@code cashDeposited - cashWithdrawn}, and the fee account holds no units.</li>
 * </ul>
 */
public final class RegistryAudit
{
    private static final Comparator<long[]> BY_START = Comparator.comparingLong(range -> range[0]);

    private RegistryAudit()
    {
    }

    /**
     * @return a description of each violated invariant; empty when the registry is consistent.
     */
    public static List<String> findViolations(final RegistryView registry)
    {
        final List<String> violations = new ArrayList<>();
        final int maxInstrumentId = registry.maxInstrumentId();
        final long[] unitsHeld = new long[maxInstrumentId + 1];
        final List<List<long[]>> rangesByInstrument = new ArrayList<>(maxInstrumentId + 1);
        for (int i = 0; i <= maxInstrumentId; i++)
        {
            rangesByInstrument.add(new ArrayList<>());
        }

        long cashHeld = 0;
        for (final Account account : registry.accounts())
        {
            cashHeld += account.cashTotal();
            if (account.cashReserved() < 0 || account.cashAvailable() < 0)
            {
                violations.add("negative cash: " + account);
            }

            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                checkHolding(account, holding, violations);
                if (AccountType.FEE == account.type() && 0 != holding.total())
                {
                    violations.add("fee account holds units: " + holding);
                }

                unitsHeld[holding.instrumentId()] += holding.total();
                collect(holding.serials(), rangesByInstrument.get(holding.instrumentId()));
                collect(holding.pledgedSerials(), rangesByInstrument.get(holding.instrumentId()));
            }
        }

        for (final RemovalRecord removal : registry.removals())
        {
            collect(removal, rangesByInstrument.get(removal.instrumentId()));
        }

        for (int instrumentId = 1; instrumentId <= maxInstrumentId; instrumentId++)
        {
            if (unitsHeld[instrumentId] != registry.outstanding(instrumentId))
            {
                violations.add("instrument " + instrumentId + ": accounts hold " + unitsHeld[instrumentId] +
                    " units but " + registry.outstanding(instrumentId) + " are outstanding");
            }
            checkSerialsTileIssuance(
                instrumentId, registry.issued(instrumentId), rangesByInstrument.get(instrumentId), violations);
        }

        if (cashHeld != registry.cashDeposited() - registry.cashWithdrawn())
        {
            violations.add("accounts hold " + cashHeld + " cash but " + registry.cashDeposited() +
                " was deposited and " + registry.cashWithdrawn() + " withdrawn");
        }

        return violations;
    }

    private static void checkHolding(final Account account, final Holding holding, final List<String> violations)
    {
        if (holding.reserved() < 0 || holding.pledged() < 0 || holding.locked() < 0 || holding.pendingBuy() < 0 ||
            holding.allocated() < 0 || holding.available() < 0)
        {
            violations.add("negative units: account " + account.id() + " " + holding);
        }

        final long unpledgedUnits = units(holding.serials());
        final long pledgedUnits = units(holding.pledgedSerials());
        if (unpledgedUnits + pledgedUnits != holding.total() ||
            holding.serials().unitCount() + holding.pledgedSerials().unitCount() != holding.total())
        {
            violations.add("serial ranges of account " + account.id() + " cover " + (unpledgedUnits + pledgedUnits) +
                " units but it holds " + holding);
        }
        if (pledgedUnits != holding.pledged() || holding.pledgedSerials().unitCount() != holding.pledged())
        {
            violations.add("pledged serial ranges of account " + account.id() + " cover " + pledgedUnits +
                " units but it pledged " + holding);
        }
    }

    private static long units(final SerialRanges serials)
    {
        long units = 0;
        for (int i = 0; i < serials.rangeCount(); i++)
        {
            units += serials.rangeEnd(i) - serials.rangeStart(i) + 1;
        }
        return units;
    }

    private static void collect(final SerialRanges serials, final List<long[]> ranges)
    {
        for (int i = 0; i < serials.rangeCount(); i++)
        {
            ranges.add(new long[]{ serials.rangeStart(i), serials.rangeEnd(i) });
        }
    }

    private static void checkSerialsTileIssuance(
        final int instrumentId, final long issued, final List<long[]> ranges, final List<String> violations)
    {
        final long[][] sorted = ranges.toArray(new long[0][]);
        Arrays.sort(sorted, BY_START);

        long expectedStart = 1;
        for (final long[] range : sorted)
        {
            if (range[0] != expectedStart || range[1] < range[0])
            {
                violations.add("instrument " + instrumentId + ": serial range [" + range[0] + ", " + range[1] +
                    "] where " + expectedStart + " was expected next (overlap or gap)");
                return;
            }
            expectedStart = range[1] + 1;
        }

        if (expectedStart - 1 != issued)
        {
            violations.add("instrument " + instrumentId + ": serial ranges cover 1.." + (expectedStart - 1) +
                " but " + issued + " units were issued");
        }
    }
}
