package io.carbonx.registry;

import io.carbonx.protocol.sbe.ProjectType;

import java.util.Arrays;

/**
 * Per instrument, the attributes of every project issuance: an append-only table of (first serial, last serial,
 * attributes). Issuance gives out an instrument's serials in increasing order, so each table is sorted by serial and
 * the attributes of any unit are found by a binary search on its serial: they need not travel with holdings, every
 * movement carries them by its exact serial blocks. Units issued without attributes ({@code IssueUnits}, allocations)
 * fall between the entries.
 * <p>
 * Primitive arrays, grown by doubling on a project issuance only (never on the order path).
 * Business-logic thread only (and the read replica's own thread for its own registry).
 */
public final class ProjectIssuances
{
    private static final int INITIAL_CAPACITY = 4;

    private final Table[] tables;

    ProjectIssuances(final int maxInstrumentId)
    {
        tables = new Table[maxInstrumentId + 1];
    }

    /**
     * @return project issuances of the instrument so far.
     */
    public int count(final int instrumentId)
    {
        final Table table = table(instrumentId);
        return table == null ? 0 : table.count;
    }

    /**
     * @return the index of the issuance whose block holds the serial, or -1 if the unit was issued without
     * attributes (or never).
     */
    public int find(final int instrumentId, final long serial)
    {
        final Table table = table(instrumentId);
        if (table == null)
        {
            return -1;
        }
        int low = 0;
        int high = table.count - 1;
        while (low <= high)
        {
            final int middle = (low + high) >>> 1;
            if (table.last[middle] < serial)
            {
                low = middle + 1;
            }
            else if (table.first[middle] > serial)
            {
                high = middle - 1;
            }
            else
            {
                return middle;
            }
        }
        return -1;
    }

    /**
     * @return the first serial of the first project issuance that starts after {@code serial}, or
     * {@link Long#MAX_VALUE} if none does: where a run of units without attributes ends.
     */
    public long nextFirstAfter(final int instrumentId, final long serial)
    {
        final Table table = table(instrumentId);
        if (table == null)
        {
            return Long.MAX_VALUE;
        }
        int low = 0;
        int high = table.count;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (table.first[middle] <= serial)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low < table.count ? table.first[low] : Long.MAX_VALUE;
    }

    public long first(final int instrumentId, final int index)
    {
        return tables[instrumentId].first[index];
    }

    public long last(final int instrumentId, final int index)
    {
        return tables[instrumentId].last[index];
    }

    public ProjectType projectType(final int instrumentId, final int index)
    {
        return ProjectType.get(tables[instrumentId].projectType[index]);
    }

    public long projectId(final int instrumentId, final int index)
    {
        return tables[instrumentId].projectId[index];
    }

    public int vintage(final int instrumentId, final int index)
    {
        return tables[instrumentId].vintage[index];
    }

    public int registeredDate(final int instrumentId, final int index)
    {
        return tables[instrumentId].registeredDate[index];
    }

    public int labels(final int instrumentId, final int index)
    {
        return tables[instrumentId].labels[index];
    }

    /**
     * @return the attributes of one issuance, as a value (allocates: for reads, not the core's paths).
     */
    public UnitAttributes attributes(final int instrumentId, final int index)
    {
        return new UnitAttributes(projectType(instrumentId, index), projectId(instrumentId, index),
            vintage(instrumentId, index), registeredDate(instrumentId, index), labels(instrumentId, index));
    }

    boolean isEmpty()
    {
        for (final Table table : tables)
        {
            if (table != null && table.count > 0)
            {
                return false;
            }
        }
        return true;
    }

    int instrumentsWithIssuances()
    {
        int count = 0;
        for (final Table table : tables)
        {
            count += table != null && table.count > 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * Record an issuance: its block must follow every block recorded for the instrument.
     */
    void record(final int instrumentId, final long first, final long last, final UnitAttributes attributes)
    {
        Table table = tables[instrumentId];
        if (table == null)
        {
            table = new Table();
            tables[instrumentId] = table;
        }
        if (first > last || table.count > 0 && first <= table.last[table.count - 1])
        {
            throw new IllegalArgumentException("project issuance [" + first + ", " + last + "] of instrument " +
                instrumentId + " does not follow the last one");
        }
        table.append(first, last, attributes);
    }

    private Table table(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < tables.length ? tables[instrumentId] : null;
    }

    /**
     * One instrument's issuances, in serial order.
     */
    private static final class Table
    {
        private long[] first = new long[INITIAL_CAPACITY];
        private long[] last = new long[INITIAL_CAPACITY];
        private long[] projectId = new long[INITIAL_CAPACITY];
        private int[] vintage = new int[INITIAL_CAPACITY];
        private int[] registeredDate = new int[INITIAL_CAPACITY];
        private short[] projectType = new short[INITIAL_CAPACITY];
        private byte[] labels = new byte[INITIAL_CAPACITY];
        private int count;

        void append(final long firstSerial, final long lastSerial, final UnitAttributes attributes)
        {
            if (count == first.length)
            {
                final int capacity = count * 2;
                first = Arrays.copyOf(first, capacity);
                last = Arrays.copyOf(last, capacity);
                projectId = Arrays.copyOf(projectId, capacity);
                vintage = Arrays.copyOf(vintage, capacity);
                registeredDate = Arrays.copyOf(registeredDate, capacity);
                projectType = Arrays.copyOf(projectType, capacity);
                labels = Arrays.copyOf(labels, capacity);
            }
            first[count] = firstSerial;
            last[count] = lastSerial;
            projectId[count] = attributes.projectId();
            vintage[count] = attributes.vintage();
            registeredDate[count] = attributes.registeredDate();
            projectType[count] = attributes.projectType().value();
            labels[count] = (byte)attributes.labels();
            count++;
        }
    }
}
