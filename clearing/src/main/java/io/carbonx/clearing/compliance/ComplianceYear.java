package io.carbonx.clearing.compliance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One compliance year: its state, deadline and the ledger of each enterprise it concerns, kept in account id order so
 * that the close, snapshots and reports walk it the same way every time.
 * <p>
 * A year may exist before it is opened: closing the year before creates it to hold what is carried into it.
 */
public final class ComplianceYear
{
    /**
     * Where a year is in its cycle; the code is what a snapshot stores.
     */
    public enum State
    {
        /** Holds only what an earlier year's close carried into it. */
        NOT_OPENED,
        /** Allocations, emissions and surrenders are taken. */
        OPEN,
        /** Assessed; nothing changes any more. */
        CLOSED
    }

    private final int year;
    private final ArrayList<EnterpriseRecord> records = new ArrayList<>();
    private final List<EnterpriseRecord> recordsView = Collections.unmodifiableList(records);
    private State state = State.NOT_OPENED;
    private long deadline;
    private long referencePrice;
    private long closedAt;

    ComplianceYear(final int year)
    {
        this.year = year;
    }

    public int year()
    {
        return year;
    }

    public State state()
    {
        return state;
    }

    /**
     * @return epoch nanoseconds; surrenders after it are late; 0 until the year is opened.
     */
    public long deadline()
    {
        return deadline;
    }

    /**
     * @return the reference price the close used (0 if the scheme's fine uses none, or before the close); a
     * re-assessment uses it again.
     */
    public long referencePrice()
    {
        return referencePrice;
    }

    /**
     * @return epoch nanoseconds of the (last) close; 0 before.
     */
    public long closedAt()
    {
        return closedAt;
    }

    /**
     * @return true if an enterprise's assessment is reopened and waits for the year's next close.
     */
    public boolean hasReopened()
    {
        for (int i = 0, size = records.size(); i < size; i++)
        {
            if (records.get(i).isReopened())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return every enterprise's record in account id order; a read-only view.
     */
    public List<EnterpriseRecord> records()
    {
        return recordsView;
    }

    /**
     * @return the enterprise's record, or null if the year has none for it.
     */
    public EnterpriseRecord record(final long accountId)
    {
        final int index = indexOf(accountId);
        return index >= 0 ? records.get(index) : null;
    }

    void open(final long deadline)
    {
        this.state = State.OPEN;
        this.deadline = deadline;
    }

    void close(final long referencePrice, final long now)
    {
        state = State.CLOSED;
        this.referencePrice = referencePrice;
        this.closedAt = now;
    }

    EnterpriseRecord recordForUpdate(final long accountId)
    {
        final int index = indexOf(accountId);
        if (index >= 0)
        {
            return records.get(index);
        }
        final EnterpriseRecord record = new EnterpriseRecord(accountId);
        records.add(-index - 1, record);
        return record;
    }

    void write(final DataOutput out) throws IOException
    {
        out.writeInt(year);
        out.writeByte(state.ordinal());
        out.writeLong(deadline);
        out.writeLong(referencePrice);
        out.writeLong(closedAt);
        out.writeInt(records.size());
        for (int i = 0, size = records.size(); i < size; i++)
        {
            records.get(i).write(out);
        }
    }

    static ComplianceYear read(final DataInput in) throws IOException
    {
        final ComplianceYear year = new ComplianceYear(in.readInt());
        final int state = in.readByte();
        if (state < 0 || state >= State.values().length)
        {
            throw new IOException("unknown compliance year state " + state);
        }
        year.state = State.values()[state];
        year.deadline = in.readLong();
        year.referencePrice = in.readLong();
        year.closedAt = in.readLong();
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            year.records.add(EnterpriseRecord.read(in));
        }
        return year;
    }

    private int indexOf(final long accountId)
    {
        int low = 0;
        int high = records.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long id = records.get(mid).accountId();
            if (id < accountId)
            {
                low = mid + 1;
            }
            else if (id > accountId)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }
}
