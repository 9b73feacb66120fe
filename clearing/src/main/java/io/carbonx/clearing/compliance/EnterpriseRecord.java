package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.FineStatus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One covered enterprise's ledger for one compliance year: what it owes, what it was allocated and surrendered, and,
 * once the year is closed, its assessment. Read-only outside the desk.
 */
public final class EnterpriseRecord
{
    static final long NOT_RECORDED = -1;

    private final long accountId;
    private long emissions = NOT_RECORDED;
    private long carriedForward;
    private long deductionDue;
    private long deducted;
    private long allocated;
    private long allowancesOnTime;
    private long offsetsOnTime;
    private long allowancesLate;
    private long offsetsLate;
    private ComplianceStatus status = ComplianceStatus.NULL_VAL;
    private long shortfall;
    private long penalty;
    private long referencePrice;
    private long nextYearDeduction;
    private long nextYearCarryForward;
    private long carriedOffsetAllowance;
    private long priceMultiple;
    private int corrections;
    private FineStatus fineStatus = FineStatus.NULL_VAL;
    private long fineDue;
    private long fineSettledAt;
    private String fineReference = "";

    EnterpriseRecord(final long accountId)
    {
        this.accountId = accountId;
    }

    public long accountId()
    {
        return accountId;
    }

    public boolean hasEmissions()
    {
        return emissions != NOT_RECORDED;
    }

    /**
     * @return the verified emissions, 0 while none are recorded.
     */
    public long emissions()
    {
        return hasEmissions() ? emissions : 0;
    }

    /**
     * @return owed from earlier years under a carry-forward penalty.
     */
    public long carriedForward()
    {
        return carriedForward;
    }

    /**
     * @return emissions plus what was carried forward.
     */
    public long obligation()
    {
        return emissions() + carriedForward;
    }

    public long deducted()
    {
        return deducted;
    }

    public long deductionOutstanding()
    {
        return Math.max(0, deductionDue - deducted);
    }

    /**
     * @return tonnes issued by free allocation for this year.
     */
    public long allocated()
    {
        return allocated;
    }

    public long allowancesSurrendered()
    {
        return allowancesOnTime + allowancesLate;
    }

    /**
     * @return offsets and sink credits surrendered.
     */
    public long offsetsSurrendered()
    {
        return offsetsOnTime + offsetsLate;
    }

    public long surrendered()
    {
        return allowancesSurrendered() + offsetsSurrendered();
    }

    public long surrenderedOnTime()
    {
        return allowancesOnTime + offsetsOnTime;
    }

    public long surrenderedLate()
    {
        return allowancesLate + offsetsLate;
    }

    /**
     * @return the tonnes not surrendered by the deadline (the untimely portion), whatever came later.
     */
    public long notSurrenderedOnTime()
    {
        return Math.max(0, obligation() - surrenderedOnTime());
    }

    /**
     * @return of the carried obligation, the tonnes that may be met with offsets on top of the year's own cap.
     */
    public long carriedOffsetAllowance()
    {
        return carriedOffsetAllowance;
    }

    /**
     * @return the price multiple decided for this enterprise, 0 for the scheme's.
     */
    public long priceMultiple()
    {
        return priceMultiple;
    }

    /**
     * @return how many times the verified emissions were corrected.
     */
    public int corrections()
    {
        return corrections;
    }

    /**
     * @return the fine's stored status: DUE, PAID or WAIVED; {@code NULL_VAL} without a fine. OVERDUE is derived
     * by {@link #fineStatus(long)}.
     */
    public FineStatus fineStatus()
    {
        return fineStatus;
    }

    /**
     * @param asOf epoch nanoseconds: the time of the last command applied.
     * @return the fine's status as of that time: a DUE fine whose due date has passed is OVERDUE.
     */
    public FineStatus fineStatus(final long asOf)
    {
        return fineStatus == FineStatus.DUE && asOf > fineDue ? FineStatus.OVERDUE : fineStatus;
    }

    /**
     * @return epoch nanoseconds by which the fine is to be paid; 0 without a fine.
     */
    public long fineDue()
    {
        return fineDue;
    }

    /**
     * @return epoch nanoseconds (command time) the fine was paid or waived; 0 before.
     */
    public long fineSettledAt()
    {
        return fineSettledAt;
    }

    /**
     * @return the payment reference, or the waiver's reason; empty before.
     */
    public String fineReference()
    {
        return fineReference;
    }

    /**
     * @return true while the assessment is reopened and waits to be re-assessed.
     */
    public boolean isReopened()
    {
        return status == ComplianceStatus.REOPENED;
    }

    public long remainingObligation()
    {
        return Math.max(0, obligation() - surrendered());
    }

    /**
     * @return the outcome of the closed year; {@code NULL_VAL} while it is open or if the enterprise was not assessed.
     */
    public ComplianceStatus status()
    {
        return status;
    }

    public long shortfall()
    {
        return shortfall;
    }

    public long penalty()
    {
        return penalty;
    }

    public long referencePrice()
    {
        return referencePrice;
    }

    public long nextYearDeduction()
    {
        return nextYearDeduction;
    }

    public long nextYearCarryForward()
    {
        return nextYearCarryForward;
    }

    /**
     * @return true if the close assesses this enterprise: it has emissions recorded or owes a carried obligation.
     */
    boolean isAssessable()
    {
        return hasEmissions() || carriedForward > 0;
    }

    void recordEmissions(final long emissions)
    {
        this.emissions = emissions;
    }

    /**
     * Add (or, for a re-assessment, take back with negative figures) a carried obligation and its offset allowance.
     */
    void carryIn(final long quantity, final long offsetAllowance)
    {
        carriedForward = Math.max(0, sum(carriedForward, quantity));
        carriedOffsetAllowance = Math.max(0, sum(carriedOffsetAllowance, offsetAllowance));
    }

    /**
     * Add (or, for a re-assessment, take back with a negative figure) tonnes to withhold from allocations; what was
     * already withheld stays withheld.
     */
    void deductionIn(final long quantity)
    {
        deductionDue = Math.max(0, sum(deductionDue, quantity));
    }

    void correctEmissions(final long emissions)
    {
        this.emissions = emissions;
        corrections++;
    }

    void priceMultiple(final long multiple)
    {
        priceMultiple = multiple;
    }

    void reopen()
    {
        status = ComplianceStatus.REOPENED;
    }

    void fineDue(final long amountDueAt)
    {
        fineDue = amountDueAt;
        fineStatus = FineStatus.DUE;
        fineSettledAt = 0;
        fineReference = "";
    }

    void noFine()
    {
        fineDue = 0;
        fineStatus = FineStatus.NULL_VAL;
        fineSettledAt = 0;
        fineReference = "";
    }

    void settleFine(final FineStatus outcome, final long at, final String reference)
    {
        fineStatus = outcome;
        fineSettledAt = at;
        fineReference = reference;
    }

    void allocate(final long issued, final long deduction)
    {
        allocated += issued;
        deducted += deduction;
    }

    void surrender(final boolean offset, final boolean late, final long quantity)
    {
        if (offset)
        {
            if (late)
            {
                offsetsLate += quantity;
            }
            else
            {
                offsetsOnTime += quantity;
            }
        }
        else if (late)
        {
            allowancesLate += quantity;
        }
        else
        {
            allowancesOnTime += quantity;
        }
    }

    void assess(
        final ComplianceStatus status,
        final long shortfall,
        final long penalty,
        final long referencePrice,
        final long nextYearDeduction,
        final long nextYearCarryForward)
    {
        this.status = status;
        this.shortfall = shortfall;
        this.penalty = penalty;
        this.referencePrice = referencePrice;
        this.nextYearDeduction = nextYearDeduction;
        this.nextYearCarryForward = nextYearCarryForward;
    }

    void write(final DataOutput out) throws IOException
    {
        out.writeLong(accountId);
        out.writeLong(emissions);
        out.writeLong(carriedForward);
        out.writeLong(deductionDue);
        out.writeLong(deducted);
        out.writeLong(allocated);
        out.writeLong(allowancesOnTime);
        out.writeLong(offsetsOnTime);
        out.writeLong(allowancesLate);
        out.writeLong(offsetsLate);
        out.writeByte(status.value());
        out.writeLong(shortfall);
        out.writeLong(penalty);
        out.writeLong(referencePrice);
        out.writeLong(nextYearDeduction);
        out.writeLong(nextYearCarryForward);
        out.writeLong(carriedOffsetAllowance);
        out.writeLong(priceMultiple);
        out.writeInt(corrections);
        out.writeByte(fineStatus.value());
        out.writeLong(fineDue);
        out.writeLong(fineSettledAt);
        out.writeUTF(fineReference);
    }

    static EnterpriseRecord read(final DataInput in) throws IOException
    {
        final EnterpriseRecord record = new EnterpriseRecord(in.readLong());
        record.emissions = in.readLong();
        record.carriedForward = in.readLong();
        record.deductionDue = in.readLong();
        record.deducted = in.readLong();
        record.allocated = in.readLong();
        record.allowancesOnTime = in.readLong();
        record.offsetsOnTime = in.readLong();
        record.allowancesLate = in.readLong();
        record.offsetsLate = in.readLong();
        record.status = ComplianceStatus.get((short)(in.readByte() & 0xFF));
        record.shortfall = in.readLong();
        record.penalty = in.readLong();
        record.referencePrice = in.readLong();
        record.nextYearDeduction = in.readLong();
        record.nextYearCarryForward = in.readLong();
        record.carriedOffsetAllowance = in.readLong();
        record.priceMultiple = in.readLong();
        record.corrections = in.readInt();
        record.fineStatus = FineStatus.get((short)(in.readByte() & 0xFF));
        record.fineDue = in.readLong();
        record.fineSettledAt = in.readLong();
        record.fineReference = in.readUTF();
        return record;
    }

    private static long sum(final long a, final long b)
    {
        return b > 0 && a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    public String toString()
    {
        return "EnterpriseRecord{account=" + accountId + ", emissions=" + emissions() + ", carried=" + carriedForward +
            ", allowances=" + allowancesSurrendered() + ", offsets=" + offsetsSurrendered() + ", status=" + status +
            ", shortfall=" + shortfall + ", penalty=" + penalty + '}';
    }
}
