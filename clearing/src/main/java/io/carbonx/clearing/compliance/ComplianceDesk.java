package io.carbonx.clearing.compliance;

import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Account;
import io.carbonx.registry.Registry;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compliance cycle of a scheme, driven by sequenced commands: the regulator opens a year with its deadline,
 * allocates allowances and records verified emissions; covered enterprises (COMPLIANCE accounts), or brokers linked
 * to them, surrender units; the regulator closes the year, which assesses every enterprise and applies the penalties.
 * <p>
 * <b>Surrender.</b> Checked in this order, the first failure being the rejection: quantity ({@code INVALID_AMOUNT}),
 * instrument listed ({@code UNKNOWN_INSTRUMENT}), account exists and the broker may act for it ({@code
 * UNKNOWN_ACCOUNT},
 * {@code ACCOUNT_NOT_PERMITTED}), a COMPLIANCE account ({@code NOT_COVERED_ENTERPRISE}), year opened and not closed
 * ({@code UNKNOWN_COMPLIANCE_YEAR}, {@code COMPLIANCE_YEAR_CLOSED}), emissions recorded ({@code
 * NO_EMISSIONS_RECORDED}), the instrument counts for the year ({@code INSTRUMENT_NOT_ELIGIBLE}, see {@link
 * ComplianceRules}), no more than the remaining obligation ({@code SURRENDER_EXCEEDS_OBLIGATION}), offsets within the
 * cap ({@code OFFSET_CAP_EXCEEDED}), and available units ({@code INSUFFICIENT_UNITS}). Surrendered units leave
 * circulation through
 * {@link Registry#surrender}. A surrender after the deadline and before the close counts, but as late.
 * <p>
 * <b>Close.</b> Rejected before the deadline ({@code DEADLINE_NOT_REACHED}) and while an earlier year is still open
 * ({@code EARLIER_YEAR_OPEN}), so that whatever a close carries forward lands in a year that is not yet assessed. Every
 * enterprise with emissions recorded or an obligation carried in is assessed, in account id order: obligation =
 * emissions + carried forward; shortfall = obligation - surrendered (not below 0); status COMPLETE if met by the
 * deadline, LATE if met only with late surrenders, INCOMPLETE if short at the close. Penalties are applied by the close
 * itself, not by a separate command: they are a pure function of the ledger at that moment, so a second command could
 * only add a window in which a year is closed but its consequences are missing. Applying means: the fine is assessed
 * and reported (collected outside the exchange, so cash is not touched); the next-year deduction and carry-forward
 * ({@link PenaltyRules}) are written into next year's ledger, creating that year if it is not yet opened.
 * <p>
 * <b>Reference price</b> of a market-price fine: the volume-weighted average price of all ALLOWANCE instruments' trades
 * on the trading dates of the scheme's {@link ReferencePriceWindow} (the calendar month before the deadline's month,
 * or the month ending the day before the deadline's date, in the scheme's time zone), from the figures of each
 * {@link #onDayClosed closed day}. If none traded in that window, the same window a month earlier, and so on (up to
 * {@link MonthlyAllowancePrices#MONTHS} back); if none at all, the mean of the listed allowances' reference prices
 * (previous closes); 0 when none is listed.
 * <p>
 * <b>Allocation</b> issues allowances with a fresh serial block, less what is still to be withheld for last year's
 * shortfall; the deduction is taken from the first allocations of the year until it is used up.
 * <p>
 * Deterministic and single-threaded: time is the command's (the machine's clock), years and records are walked in
 * year and account id order. Commands allocate a little (ledger records, removal records); none is on the order path.
 */
public final class ComplianceDesk implements ComplianceView
{
    private static final int MAX_YEAR = 9_999;

    private final Registry registry;
    private final ComplianceRules rules;
    private final ComplianceInstruments instruments;
    private final ArrayList<ComplianceYear> years = new ArrayList<>();
    private final MonthlyAllowancePrices monthlyPrices = new MonthlyAllowancePrices();
    private final ReferencePriceWindow referenceWindow;

    public ComplianceDesk(final Registry registry, final ComplianceRules rules, final ComplianceInstruments instruments)
    {
        this(registry, rules, instruments, ReferencePriceWindow.DEFAULT);
    }

    public ComplianceDesk(
        final Registry registry,
        final ComplianceRules rules,
        final ComplianceInstruments instruments,
        final ReferencePriceWindow referenceWindow)
    {
        this.registry = Objects.requireNonNull(registry);
        this.rules = Objects.requireNonNull(rules);
        this.instruments = Objects.requireNonNull(instruments);
        this.referenceWindow = Objects.requireNonNull(referenceWindow);
    }

    @Override
    public ComplianceRules rules()
    {
        return rules;
    }

    /**
     * Open a compliance year: {@code INVALID_FIELD_VALUE} for a year outside 1..9999 or a deadline not after the
     * epoch, {@code DUPLICATE_ID} if it was opened before, {@code COMPLIANCE_YEAR_CLOSED} if a later year is closed
     * (its close could no longer take what this year carries forward).
     */
    public void openYear(final int year, final long deadline, final ComplianceListener out)
    {
        if (year < 1 || year > MAX_YEAR || deadline <= 0)
        {
            out.rejected(0, 0, RejectReason.INVALID_FIELD_VALUE);
            return;
        }
        final ComplianceYear existing = year(year);
        if (existing != null && existing.state() != ComplianceYear.State.NOT_OPENED)
        {
            out.rejected(0, 0, RejectReason.DUPLICATE_ID);
            return;
        }
        if (hasLaterClosedYear(year))
        {
            out.rejected(0, 0, RejectReason.COMPLIANCE_YEAR_CLOSED);
            return;
        }
        yearForUpdate(year).open(deadline);
        out.yearOpened(year, deadline);
    }

    /**
     * Allocate allowances free of charge to a covered enterprise for an open year.
     */
    public void allocate(
        final int year, final long accountId, final int instrumentId, final long quantity, final ComplianceListener out)
    {
        RejectReason reason = quantity <= 0 ? RejectReason.INVALID_AMOUNT : checkOpen(year);
        final InstrumentKind kind = instruments.kind(instrumentId);
        if (reason == null && kind == null)
        {
            reason = RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (reason == null && kind != InstrumentKind.ALLOWANCE)
        {
            reason = RejectReason.INSTRUMENT_NOT_ELIGIBLE;
        }
        if (reason == null)
        {
            reason = checkCovered(accountId);
        }
        if (reason != null)
        {
            out.rejected(accountId, instrumentId, reason);
            return;
        }

        final ComplianceYear complianceYear = year(year);
        final EnterpriseRecord existing = complianceYear.record(accountId);
        final long deduction = existing == null ? 0 : Math.min(existing.deductionOutstanding(), quantity);
        final long issued = quantity - deduction;
        if (issued > 0)
        {
            final RejectReason refused = registry.issue(accountId, instrumentId, issued);
            if (refused != null)
            {
                out.rejected(accountId, instrumentId, refused);
                return;
            }
        }
        final EnterpriseRecord record = complianceYear.recordForUpdate(accountId);
        record.allocate(issued, deduction);
        out.allowancesAllocated(year, accountId, instrumentId, quantity, deduction, issued,
            issued > 0 ? registry.lastSerialStart() : 0, issued > 0 ? registry.lastSerialEnd() : 0,
            record.deductionOutstanding());
    }

    /**
     * Record a covered enterprise's verified emissions for an open year, once: {@code EMISSIONS_ALREADY_RECORDED}
     * for a second time.
     */
    public void recordEmissions(final int year, final long accountId, final long emissions,
        final ComplianceListener out)
    {
        RejectReason reason = emissions < 0 ? RejectReason.INVALID_AMOUNT : checkOpen(year);
        if (reason == null)
        {
            reason = checkCovered(accountId);
        }
        final ComplianceYear complianceYear = year(year);
        if (reason == null)
        {
            final EnterpriseRecord existing = complianceYear.record(accountId);
            reason = existing != null && existing.hasEmissions() ? RejectReason.EMISSIONS_ALREADY_RECORDED : null;
        }
        if (reason != null)
        {
            out.rejected(accountId, 0, reason);
            return;
        }

        final EnterpriseRecord record = complianceYear.recordForUpdate(accountId);
        record.recordEmissions(emissions);
        out.emissionsRecorded(year, accountId, emissions, record.carriedForward(), record.obligation(),
            rules.offsetCap(year, emissions));
    }

    /**
     * Surrender units for an open year; see the class comment for the checks.
     *
     * @param brokerId the member acting, 0 for the enterprise itself.
     * @param now      the machine's clock, which decides lateness.
     */
    public void surrender(
        final int year,
        final long accountId,
        final int brokerId,
        final int instrumentId,
        final long quantity,
        final long now,
        final ComplianceListener out)
    {
        final RejectReason reason = checkSurrender(year, accountId, brokerId, instrumentId, quantity);
        if (reason != null)
        {
            out.rejected(accountId, instrumentId, reason);
            return;
        }
        final RejectReason refused = registry.surrender(accountId, instrumentId, quantity);
        if (refused != null)
        {
            out.rejected(accountId, instrumentId, refused);
            return;
        }

        final ComplianceYear complianceYear = year(year);
        final EnterpriseRecord record = complianceYear.record(accountId);
        final InstrumentKind kind = instruments.kind(instrumentId);
        final boolean late = now > complianceYear.deadline();
        record.surrender(ComplianceRules.isOffset(kind), late, quantity);
        out.unitsSurrendered(year, accountId, brokerId, instrumentId, kind, quantity, late,
            registry.lastSerialStart(), registry.lastSerialEnd(), record);
    }

    /**
     * Close a year at or after its deadline, assess every enterprise and apply the penalties; see the class comment.
     *
     * @param now the machine's clock.
     */
    public void closeYear(final int year, final long now, final ComplianceListener out)
    {
        final ComplianceYear complianceYear = year(year);
        RejectReason reason = checkOpen(year);
        if (reason == null && hasEarlierOpenYear(year))
        {
            reason = RejectReason.EARLIER_YEAR_OPEN;
        }
        if (reason == null && now < complianceYear.deadline())
        {
            reason = RejectReason.DEADLINE_NOT_REACHED;
        }
        if (reason != null)
        {
            out.rejected(0, 0, reason);
            return;
        }

        final PenaltyRules penalty = rules.penalty();
        final long referencePrice = penalty.usesMarketPrice() ? referencePrice(complianceYear.deadline()) : 0;
        final List<EnterpriseRecord> records = complianceYear.records();
        int assessed = 0;
        long totalShortfall = 0;
        long totalPenalty = 0;
        for (int i = 0, size = records.size(); i < size; i++)
        {
            final EnterpriseRecord record = records.get(i);
            if (!record.isAssessable())
            {
                continue;
            }
            final long shortfall = record.remainingObligation();
            final ComplianceStatus status = shortfall > 0 ? ComplianceStatus.INCOMPLETE :
                record.surrenderedOnTime() >= record.obligation() ? ComplianceStatus.COMPLETE : ComplianceStatus.LATE;
            final long fine = penalty.fine(shortfall, referencePrice, year);
            final long deduction = penalty.nextYearDeduction(shortfall);
            final long carryForward = penalty.carryForward(shortfall);
            record.assess(status, shortfall, fine, referencePrice, deduction, carryForward);
            if (deduction > 0 || carryForward > 0)
            {
                final EnterpriseRecord next = yearForUpdate(year + 1).recordForUpdate(record.accountId());
                next.deductionIn(deduction);
                next.carryIn(carryForward);
            }
            assessed++;
            totalShortfall += shortfall;
            totalPenalty = totalPenalty > Long.MAX_VALUE - fine ? Long.MAX_VALUE : totalPenalty + fine;
            out.assessed(year, record);
        }
        complianceYear.close();
        out.yearClosed(year, assessed, totalShortfall, totalPenalty, referencePrice);
    }

    /**
     * Count a closed trading day's figures of one instrument towards the monthly allowance prices.
     *
     * @param tradingDate yyyymmdd.
     * @param turnover    sum of price x quantity of the day's trades, in 0.01 currency units.
     */
    public void onDayClosed(final int tradingDate, final int instrumentId, final long volume, final long turnover)
    {
        if (instruments.kind(instrumentId) == InstrumentKind.ALLOWANCE)
        {
            monthlyPrices.onDay(tradingDate, volume, turnover);
        }
    }

    /**
     * @return the reference price a market-price fine of a year with this deadline uses; see the class comment.
     */
    @Override
    public long referencePrice(final long deadline)
    {
        final long average = monthlyPrices.averagePrice(referenceWindow, referenceWindow.deadlineDate(deadline));
        if (average > 0)
        {
            return average;
        }
        long sum = 0;
        int count = 0;
        for (int id = 1; id <= instruments.maxInstrumentId(); id++)
        {
            if (instruments.kind(id) == InstrumentKind.ALLOWANCE)
            {
                sum += instruments.referencePrice(id);
                count++;
            }
        }
        return count == 0 ? 0 : (sum + count / 2) / count;
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * @return the year, or null if nothing happened in it.
     */
    @Override
    public ComplianceYear year(final int year)
    {
        final int index = indexOf(year);
        return index >= 0 ? years.get(index) : null;
    }

    // ------------------------------------------------------------------------------------------------ state

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(years.size());
        for (int i = 0, size = years.size(); i < size; i++)
        {
            years.get(i).write(out);
        }
        monthlyPrices.write(out);
    }

    /**
     * Restore what {@link #writeSnapshot} wrote into a desk that has done nothing yet.
     */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (!years.isEmpty())
        {
            throw new IllegalStateException("a snapshot can only be read into a new compliance desk");
        }
        final int count = in.readInt();
        for (int i = 0; i < count; i++)
        {
            final ComplianceYear year = ComplianceYear.read(in);
            if (!years.isEmpty() && years.get(years.size() - 1).year() >= year.year())
            {
                throw new IOException("compliance years out of order in snapshot: " + year.year());
            }
            years.add(year);
        }
        monthlyPrices.read(in);
    }

    /**
     * @return a digest of exactly what {@link #writeSnapshot} writes. Walks and allocates: not for the hot path.
     */
    @Override
    public long stateHash()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            writeSnapshot(out);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("writing to memory does not fail", ex);
        }
        return StateHash.mix(0, bytes.toByteArray());
    }

    // ------------------------------------------------------------------------------------------------ private

    private RejectReason checkSurrender(
        final int year, final long accountId, final int brokerId, final int instrumentId, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_AMOUNT;
        }
        final InstrumentKind kind = instruments.kind(instrumentId);
        if (kind == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        RejectReason reason = checkCovered(accountId);
        if (reason == null && !registry.isPermitted(brokerId, accountId))
        {
            reason = RejectReason.ACCOUNT_NOT_PERMITTED;
        }
        if (reason == null)
        {
            reason = checkOpen(year);
        }
        if (reason != null)
        {
            return reason;
        }
        final EnterpriseRecord record = year(year).record(accountId);
        if (record == null || !record.hasEmissions())
        {
            return RejectReason.NO_EMISSIONS_RECORDED;
        }
        if (!rules.isEligible(kind, instruments.vintage(instrumentId), year))
        {
            return RejectReason.INSTRUMENT_NOT_ELIGIBLE;
        }
        if (quantity > record.remainingObligation())
        {
            return RejectReason.SURRENDER_EXCEEDS_OBLIGATION;
        }
        if (ComplianceRules.isOffset(kind) &&
            record.offsetsSurrendered() + quantity > rules.offsetCap(year, record.emissions()))
        {
            return RejectReason.OFFSET_CAP_EXCEEDED;
        }
        return null;
    }

    /**
     * @return {@code UNKNOWN_ACCOUNT}, {@code NOT_COVERED_ENTERPRISE} for any account but a COMPLIANCE one, or null.
     */
    private RejectReason checkCovered(final long accountId)
    {
        final Account account = registry.account(accountId);
        if (account == null)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        return account.type() == AccountType.COMPLIANCE ? null : RejectReason.NOT_COVERED_ENTERPRISE;
    }

    private RejectReason checkOpen(final int year)
    {
        final ComplianceYear complianceYear = year(year);
        if (complianceYear == null || complianceYear.state() == ComplianceYear.State.NOT_OPENED)
        {
            return RejectReason.UNKNOWN_COMPLIANCE_YEAR;
        }
        return complianceYear.state() == ComplianceYear.State.CLOSED ? RejectReason.COMPLIANCE_YEAR_CLOSED : null;
    }

    private boolean hasEarlierOpenYear(final int year)
    {
        for (int i = 0, size = years.size(); i < size && years.get(i).year() < year; i++)
        {
            if (years.get(i).state() == ComplianceYear.State.OPEN)
            {
                return true;
            }
        }
        return false;
    }

    private boolean hasLaterClosedYear(final int year)
    {
        for (int i = years.size() - 1; i >= 0 && years.get(i).year() > year; i--)
        {
            if (years.get(i).state() == ComplianceYear.State.CLOSED)
            {
                return true;
            }
        }
        return false;
    }

    private ComplianceYear yearForUpdate(final int year)
    {
        final int index = indexOf(year);
        if (index >= 0)
        {
            return years.get(index);
        }
        final ComplianceYear created = new ComplianceYear(year);
        years.add(-index - 1, created);
        return created;
    }

    private int indexOf(final int year)
    {
        int low = 0;
        int high = years.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int candidate = years.get(mid).year();
            if (candidate < year)
            {
                low = mid + 1;
            }
            else if (candidate > year)
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
