package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.ProjectType;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The registry's snapshot format, and the canonical walk over its state that the state hash digests.
 * <p>
 * Every value is a {@code long} (strings aside), in this order: format header; per instrument with any total, its
 * id, issued, retired, cancelled and surrendered; cash deposited, withdrawn and fees collected; per account in opening
 * order, its id, type, cash, linked brokers, and per non-empty holding in instrument order its counters, unpledged
 * serial ranges front to back and pledged serial ranges front to back; every removal record in order; per instrument
 * with project issuances, in id order, its id and each issuance's first and last serial, project type, project id,
 * vintage, registered date and labels.
 * Counts precede lists. Holdings and instruments with nothing in
 * them are left out, so the hash depends on what the registry holds, not on which ids it has touched. A snapshot file
 * ends with the state hash, which {@link #read} checks.
 */
final class RegistrySnapshot
{
    private static final long MAGIC = 0x43_58_52_45_47_49_53_54L; // "CXREGIST"
    /**
     * 4: the project issuances (unit attributes by serial block) follow the removal records.
     * 5: each holding's pledged serial ranges follow its unpledged ones.
     */
    private static final long FORMAT_VERSION = 5;

    private RegistrySnapshot()
    {
    }

    static void write(final Registry registry, final DataOutput out) throws IOException
    {
        writeState(registry, new StateWriter()
        {
            public void writeLong(final long value) throws IOException
            {
                out.writeLong(value);
            }

            public void writeUtf(final String value) throws IOException
            {
                out.writeUTF(value);
            }
        });
        out.writeLong(registry.stateHash());
    }

    static void writeState(final Registry registry, final StateWriter out) throws IOException
    {
        out.writeLong(MAGIC);
        out.writeLong(FORMAT_VERSION);
        out.writeLong(registry.feeAccountId());

        final InstrumentTotals instruments = registry.instrumentTotals();
        out.writeLong(countInstrumentsInUse(instruments));
        for (int instrumentId = 1; instrumentId <= instruments.maxInstrumentId(); instrumentId++)
        {
            if (!instruments.isEmpty(instrumentId))
            {
                out.writeLong(instrumentId);
                out.writeLong(instruments.issued(instrumentId));
                out.writeLong(instruments.retired(instrumentId));
                out.writeLong(instruments.cancelled(instrumentId));
                out.writeLong(instruments.surrendered(instrumentId));
            }
        }

        out.writeLong(registry.cashDeposited());
        out.writeLong(registry.cashWithdrawn());
        out.writeLong(registry.feesCollected());

        final List<Account> accounts = registry.accounts();
        out.writeLong(accounts.size());
        for (int i = 0, size = accounts.size(); i < size; i++)
        {
            writeAccount(accounts.get(i), out);
        }

        final List<RemovalRecord> removals = registry.removals();
        out.writeLong(removals.size());
        for (int i = 0, size = removals.size(); i < size; i++)
        {
            final RemovalRecord removal = removals.get(i);
            out.writeLong(removal.kind().code());
            out.writeLong(removal.accountId());
            out.writeLong(removal.instrumentId());
            out.writeUtf(removal.beneficiary());
            out.writeUtf(removal.reason());
            writeRanges(removal, out);
        }

        final ProjectIssuances issuances = registry.projectIssuances();
        out.writeLong(issuances.instrumentsWithIssuances());
        for (int instrumentId = 1; instrumentId <= registry.maxInstrumentId(); instrumentId++)
        {
            final int count = issuances.count(instrumentId);
            if (count > 0)
            {
                out.writeLong(instrumentId);
                out.writeLong(count);
                for (int i = 0; i < count; i++)
                {
                    out.writeLong(issuances.first(instrumentId, i));
                    out.writeLong(issuances.last(instrumentId, i));
                    out.writeLong(issuances.projectType(instrumentId, i).value());
                    out.writeLong(issuances.projectId(instrumentId, i));
                    out.writeLong(issuances.vintage(instrumentId, i));
                    out.writeLong(issuances.registeredDate(instrumentId, i));
                    out.writeLong(issuances.labels(instrumentId, i));
                }
            }
        }
    }

    static void read(final Registry registry, final DataInput in) throws IOException
    {
        expect("magic", MAGIC, in.readLong());
        expect("format version", FORMAT_VERSION, in.readLong());
        expect("fee account", registry.feeAccountId(), in.readLong());

        final InstrumentTotals instruments = registry.instrumentTotals();
        final long instrumentCount = readCount(in);
        for (long i = 0; i < instrumentCount; i++)
        {
            final int instrumentId = readInstrumentId(registry, in);
            instruments.restore(instrumentId, in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }

        registry.restoreCashTotals(in.readLong(), in.readLong(), in.readLong());

        final long accountCount = readCount(in);
        for (long i = 0; i < accountCount; i++)
        {
            readAccount(registry, in);
        }

        final long removalCount = readCount(in);
        final SerialRangeQueue serials = registry.newSerialRangeQueue();
        for (long i = 0; i < removalCount; i++)
        {
            final RemovalRecord.Kind kind = readRemovalKind(in);
            final long accountId = in.readLong();
            final int instrumentId = readInstrumentId(registry, in);
            final String beneficiary = in.readUTF();
            final String reason = in.readUTF();
            serials.clear();
            readRanges(serials, in);
            registry.restoreRemoval(
                new RemovalRecord(kind, accountId, instrumentId, beneficiary, reason, serials));
        }
        serials.clear();

        final long instrumentsWithIssuances = readCount(in);
        for (long i = 0; i < instrumentsWithIssuances; i++)
        {
            final int instrumentId = readInstrumentId(registry, in);
            final long count = readCount(in);
            for (long j = 0; j < count; j++)
            {
                readIssuance(registry, instrumentId, in);
            }
        }

        expect("state hash", in.readLong(), registry.stateHash());
    }

    private static void writeAccount(final Account account, final StateWriter out) throws IOException
    {
        out.writeLong(account.id());
        out.writeLong(account.type().value());
        out.writeLong(account.cashTotal());
        out.writeLong(account.cashReserved());

        out.writeLong(account.brokerCount());
        for (int i = 0, count = account.brokerCount(); i < count; i++)
        {
            out.writeLong(account.brokerId(i));
        }

        int nonEmpty = 0;
        for (int i = 0, count = account.holdingCount(); i < count; i++)
        {
            nonEmpty += account.holdingAt(i).isEmpty() ? 0 : 1;
        }

        out.writeLong(nonEmpty);
        for (int i = 0, count = account.holdingCount(); i < count; i++)
        {
            final Holding holding = account.holdingAt(i);
            if (!holding.isEmpty())
            {
                out.writeLong(holding.instrumentId());
                out.writeLong(holding.total());
                out.writeLong(holding.reserved());
                out.writeLong(holding.pledged());
                out.writeLong(holding.locked());
                out.writeLong(holding.pendingBuy());
                out.writeLong(holding.allocated());
                writeRanges(holding.serials(), out);
                writeRanges(holding.pledgedSerials(), out);
            }
        }
    }

    private static void readAccount(final Registry registry, final DataInput in) throws IOException
    {
        final long accountId = in.readLong();
        final AccountType type;
        try
        {
            type = AccountType.get((short)in.readLong());
            if (AccountType.NULL_VAL == type)
            {
                throw new IllegalArgumentException("null account type");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException("snapshot account " + accountId + ": " + ex.getMessage(), ex);
        }

        final Account account = registry.restoreAccount(accountId, type);
        account.restoreCash(in.readLong(), in.readLong());

        final long brokerCount = readCount(in);
        for (long i = 0; i < brokerCount; i++)
        {
            account.link((int)in.readLong());
        }

        final long holdingCount = readCount(in);
        for (long i = 0; i < holdingCount; i++)
        {
            final Holding holding = account.holdingForUpdate(readInstrumentId(registry, in));
            holding.restore(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
            readRanges(holding.serialQueue(), in);
            readRanges(holding.pledgedSerialQueue(), in);
            if (holding.pledgedSerials().unitCount() != holding.pledged() ||
                holding.serials().unitCount() != holding.total() - holding.pledged())
            {
                throw new IOException("snapshot account " + accountId + ": serial ranges of " +
                    holding.serials().unitCount() + " unpledged and " + holding.pledgedSerials().unitCount() +
                    " pledged units do not match " + holding);
            }
        }
    }

    private static void readIssuance(final Registry registry, final int instrumentId, final DataInput in)
        throws IOException
    {
        final long first = in.readLong();
        final long last = in.readLong();
        final long type = in.readLong();
        ProjectType projectType;
        try
        {
            projectType = ProjectType.get((short)type);
        }
        catch (final IllegalArgumentException ex)
        {
            projectType = ProjectType.NULL_VAL;
        }
        final long projectId = in.readLong();
        final long vintage = in.readLong();
        final long registeredDate = in.readLong();
        final long labels = in.readLong();
        final UnitAttributes attributes = new UnitAttributes(projectType, projectId, (int)vintage,
            (int)registeredDate, (int)labels);
        if (vintage != (int)vintage || registeredDate != (int)registeredDate || labels != (int)labels ||
            !attributes.isValid() || first < 1 || last > registry.issued(instrumentId))
        {
            throw new IOException("invalid project issuance in snapshot: instrument " + instrumentId + " [" + first +
                ", " + last + "] " + attributes);
        }
        try
        {
            registry.projectIssuances().record(instrumentId, first, last, attributes);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException("snapshot: " + ex.getMessage(), ex);
        }
    }

    private static RemovalRecord.Kind readRemovalKind(final DataInput in) throws IOException
    {
        final long code = in.readLong();
        try
        {
            return RemovalRecord.Kind.get((int)code);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException("snapshot removal: " + ex.getMessage(), ex);
        }
    }

    private static void writeRanges(final SerialRanges ranges, final StateWriter out) throws IOException
    {
        out.writeLong(ranges.rangeCount());
        for (int i = 0, count = ranges.rangeCount(); i < count; i++)
        {
            out.writeLong(ranges.rangeStart(i));
            out.writeLong(ranges.rangeEnd(i));
        }
    }

    private static void readRanges(final SerialRangeQueue ranges, final DataInput in) throws IOException
    {
        final long count = readCount(in);
        for (long i = 0; i < count; i++)
        {
            final long start = in.readLong();
            final long end = in.readLong();
            if (start < 1 || start > end)
            {
                throw new IOException("invalid serial range in snapshot: [" + start + ", " + end + "]");
            }

            // As written: merging here could join ranges the original kept apart and change the hash.
            ranges.appendUnmerged(start, end);
        }
    }

    private static int countInstrumentsInUse(final InstrumentTotals instruments)
    {
        int count = 0;
        for (int instrumentId = 1; instrumentId <= instruments.maxInstrumentId(); instrumentId++)
        {
            count += instruments.isEmpty(instrumentId) ? 0 : 1;
        }

        return count;
    }

    private static int readInstrumentId(final Registry registry, final DataInput in) throws IOException
    {
        final long instrumentId = in.readLong();
        if (!registry.instrumentTotals().isKnown((int)instrumentId) || instrumentId != (int)instrumentId)
        {
            throw new IOException("snapshot instrument " + instrumentId + " is outside 1.." +
                registry.maxInstrumentId());
        }

        return (int)instrumentId;
    }

    private static long readCount(final DataInput in) throws IOException
    {
        final long count = in.readLong();
        if (count < 0 || count > Integer.MAX_VALUE)
        {
            throw new IOException("invalid count in snapshot: " + count);
        }

        return count;
    }

    private static void expect(final String what, final long expected, final long actual) throws IOException
    {
        if (expected != actual)
        {
            throw new IOException("snapshot " + what + " mismatch: expected " + expected + ", found " + actual);
        }
    }
}
