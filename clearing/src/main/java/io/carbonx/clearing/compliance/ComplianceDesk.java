package io.carbonx.clearing.compliance;

import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.FineStatus;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.Account;
import io.carbonx.registry.Registry;
import io.carbonx.registry.SerialRanges;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
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
 * cap ({@code OFFSET_CAP_EXCEEDED}), for offsets, sink and carbon-inclusion credits the attributes of the very units
 * taken, the oldest serials, by the scheme's {@link UnitRules} ({@code UNITS_NOT_ELIGIBLE}: the surrender changes
 * nothing; the holder moves or retires the units that do not count first), and available units
 * ({@code INSUFFICIENT_UNITS}). Surrendered units leave
 * circulation through
 * {@link Registry#surrender}. A surrender after the deadline and before the close counts, but as late.
 * <p>
 * <b>Close.</b> Rejected before the deadline ({@code DEADLINE_NOT_REACHED}) and while an earlier year is still open
 * ({@code EARLIER_YEAR_OPEN}), so that whatever a close carries forward lands in a year that is not yet assessed. Every
 * enterprise with emissions recorded or an obligation carried in is assessed, in account id order: obligation =
 * emissions + carried forward; shortfall = obligation - surrendered (not below 0); status COMPLETE if met by the
 * deadline, LATE if met only with late surrenders, INCOMPLETE if short at the close. The fine and the allocation cut
 * are measured on the tonnes not surrendered by the deadline or on the shortfall at the close, per {@link
 * AssessmentRules}; the carry-forward is the multiple of the tonnes not surrendered by the deadline less those
 * surrendered late. A fine becomes a payable (DUE, then PAID or WAIVED by a command). A reopened assessment is
 * re-assessed by the year's next close, by the same rules. Penalties are applied by the close
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
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

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
        if (reason == null && instruments.vintage(instrumentId) != year)
        {
            reason = RejectReason.WRONG_VINTAGE;
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
            issued > 0 ? registry.lastMoved() : SerialRanges.NONE,
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
            offsetCap(year, record));
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
        final InstrumentKind kind = instruments.kind(instrumentId);
        final UnitRules units = rules.units();
        if (ComplianceRules.isOffset(kind) && units.checksUnits() &&
            registry.firstInadmissible(accountId, instrumentId, quantity, units) != 0)
        {
            out.rejected(accountId, instrumentId, RejectReason.UNITS_NOT_ELIGIBLE);
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
        final boolean late = now > complianceYear.deadline();
        record.surrender(ComplianceRules.isOffset(kind), late, quantity);
        out.unitsSurrendered(year, accountId, brokerId, instrumentId, kind, quantity, late,
            registry.lastMoved(), record);
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
        final boolean reassess = reason == RejectReason.COMPLIANCE_YEAR_CLOSED && complianceYear.hasReopened();
        if (reassess)
        {
            reason = null;
        }
        if (reason == null && hasEarlierOpenYear(year))
        {
            reason = RejectReason.EARLIER_YEAR_OPEN;
        }
        if (reason == null && now < complianceYear.deadline())
        {
            reason = RejectReason.DEADLINE_NOT_REACHED;
        }
        final PenaltyRules penalty = rules.penalty();
        if (reason == null && rules.assessment().indexRequired() && penalty.finePerTonne() > 0 &&
            !penalty.hasIndex(year))
        {
            reason = RejectReason.PENALTY_INDEX_MISSING;
        }
        if (reason != null)
        {
            out.rejected(0, 0, reason);
            return;
        }

        final long referencePrice = reassess ? complianceYear.referencePrice() :
            penalty.usesMarketPrice() ? referencePrice(complianceYear.deadline()) : 0;
        final List<EnterpriseRecord> records = complianceYear.records();
        int assessed = 0;
        for (int i = 0, size = records.size(); i < size; i++)
        {
            final EnterpriseRecord record = records.get(i);
            if (record.isAssessable() && (!reassess || record.isReopened()))
            {
                assess(year, record, referencePrice, now, out);
                assessed++;
            }
        }
        long totalShortfall = 0;
        long totalPenalty = 0;
        for (int i = 0, size = records.size(); i < size; i++)
        {
            final EnterpriseRecord record = records.get(i);
            totalShortfall += record.shortfall();
            totalPenalty = totalPenalty > Long.MAX_VALUE - record.penalty() ? Long.MAX_VALUE :
                totalPenalty + record.penalty();
        }
        complianceYear.close(referencePrice, now);
        out.yearClosed(year, assessed, totalShortfall, totalPenalty, referencePrice);
    }

    /**
     * Assess one enterprise, or re-assess a reopened one by the same rules: the consequences written into next year
     * are replaced by the new ones (what was already withheld from allocations stays withheld), and a fine becomes a
     * fresh payable due {@code fineDueDays} after {@code now}.
     */
    private void assess(
        final int year, final EnterpriseRecord record, final long referencePrice, final long now,
        final ComplianceListener out)
    {
        final PenaltyRules penalty = rules.penalty();
        final AssessmentRules assessment = rules.assessment();
        final long untimely = record.notSurrenderedOnTime();
        final long shortfall = record.remainingObligation();
        final ComplianceStatus status = shortfall > 0 ? ComplianceStatus.INCOMPLETE :
            record.surrenderedOnTime() >= record.obligation() ? ComplianceStatus.COMPLETE : ComplianceStatus.LATE;
        final long multiple = record.priceMultiple() > 0 ? record.priceMultiple() : penalty.priceMultiple();
        final long fine = penalty.fine(assessment.fineBasis() == ShortfallBasis.DEADLINE ? untimely : shortfall,
            multiple, referencePrice, year);
        final long deduction = penalty.nextYearDeduction(
            assessment.deductionBasis() == ShortfallBasis.DEADLINE ? untimely : shortfall);
        final long carryForward = penalty.carryForward(
            assessment.carryBasis() == ShortfallBasis.DEADLINE ? untimely : shortfall);
        final long deductionChange = deduction - record.nextYearDeduction();
        final long carryChange = carryForward - record.nextYearCarryForward();
        if (deductionChange != 0 || carryChange != 0)
        {
            final EnterpriseRecord next = yearForUpdate(year + 1).recordForUpdate(record.accountId());
            next.deductionIn(deductionChange);
            next.carryIn(carryChange, assessment.carriedOffsetAllowance(carryForward) -
                assessment.carriedOffsetAllowance(record.nextYearCarryForward()));
        }
        record.assess(status, shortfall, fine, referencePrice, deduction, carryForward);
        if (fine > 0)
        {
            record.fineDue(PenaltyRules.saturatingAdd(now,
                PenaltyRules.saturatingMultiply(assessment.fineDueDays(), NANOS_PER_DAY)));
        }
        else
        {
            record.noFine();
        }
        out.assessed(year, record);
        if (fine > 0)
        {
            out.fineDue(year, record);
        }
    }

    /**
     * Correct a covered enterprise's recorded emissions while its year is open, or while its assessment is reopened:
     * {@code NO_EMISSIONS_RECORDED} before any were recorded, {@code COMPLIANCE_YEAR_CLOSED} after the close.
     */
    public void correctEmissions(final int year, final long accountId, final long emissions, final String reason,
        final ComplianceListener out)
    {
        final RejectReason refused = emissions < 0 ? RejectReason.INVALID_AMOUNT : checkDecidable(year, accountId);
        if (refused != null)
        {
            out.rejected(accountId, 0, refused);
            return;
        }
        final EnterpriseRecord record = year(year).record(accountId);
        final long previous = record.emissions();
        record.correctEmissions(emissions);
        out.emissionsCorrected(year, record, previous, offsetCap(year, record), reason);
    }

    /**
     * Decide the price multiple of one enterprise's fine, within the scheme's bounds ({@code
     * PENALTY_MULTIPLE_OUT_OF_RANGE}, also for a scheme whose fine uses no market price), while its year is open or
     * its assessment reopened.
     */
    public void setPriceMultiple(final int year, final long accountId, final long multiple, final String reason,
        final ComplianceListener out)
    {
        final RejectReason refused = !rules.penalty().allowsPriceMultiple(multiple) ?
            RejectReason.PENALTY_MULTIPLE_OUT_OF_RANGE : checkDecidable(year, accountId);
        if (refused != null)
        {
            out.rejected(accountId, 0, refused);
            return;
        }
        year(year).record(accountId).priceMultiple(multiple);
        out.penaltyMultipleSet(year, accountId, multiple, reason);
    }

    /**
     * Record that an assessed fine was paid, or waive it; see {@link #checkFine}.
     *
     * @param outcome PAID or WAIVED.
     * @param text    the payment reference, or the waiver's reason.
     */
    public void settleFine(final int year, final long accountId, final FineStatus outcome, final String text,
        final long now, final ComplianceListener out)
    {
        final RejectReason refused = checkFine(year, accountId);
        if (refused != null)
        {
            out.rejected(accountId, 0, refused);
            return;
        }
        final EnterpriseRecord record = year(year).record(accountId);
        record.settleFine(outcome, now, text);
        out.fineSettled(year, record);
    }

    /**
     * Reopen an enterprise's assessment of a closed year (an appeal upheld): its emissions may then be corrected and
     * its multiple decided again, and the year's next close re-assesses it by the same rules. Refused for a year not
     * closed ({@code COMPLIANCE_YEAR_NOT_CLOSED}), an enterprise not assessed ({@code NOT_ASSESSED}), one already
     * reopened ({@code ASSESSMENT_REOPENED}), and once the next year is closed ({@code NEXT_YEAR_CLOSED}: what was
     * carried into it can no longer change).
     */
    public void reopen(final int year, final long accountId, final String reason, final ComplianceListener out)
    {
        final ComplianceYear complianceYear = year(year);
        RejectReason refused = null;
        if (complianceYear == null || complianceYear.state() == ComplianceYear.State.NOT_OPENED)
        {
            refused = RejectReason.UNKNOWN_COMPLIANCE_YEAR;
        }
        else if (complianceYear.state() != ComplianceYear.State.CLOSED)
        {
            refused = RejectReason.COMPLIANCE_YEAR_NOT_CLOSED;
        }
        final EnterpriseRecord record = refused == null ? complianceYear.record(accountId) : null;
        if (refused == null && (record == null || record.status() == ComplianceStatus.NULL_VAL))
        {
            refused = RejectReason.NOT_ASSESSED;
        }
        if (refused == null && record.isReopened())
        {
            refused = RejectReason.ASSESSMENT_REOPENED;
        }
        final ComplianceYear next = year(year + 1);
        if (refused == null && next != null && next.state() == ComplianceYear.State.CLOSED)
        {
            refused = RejectReason.NEXT_YEAR_CLOSED;
        }
        if (refused != null)
        {
            out.rejected(accountId, 0, refused);
            return;
        }
        final ComplianceStatus previous = record.status();
        record.reopen();
        out.assessmentReopened(year, accountId, previous, record.penalty(), reason);
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

    @Override
    public List<ComplianceYear> years()
    {
        return Collections.unmodifiableList(years);
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
            record.offsetsSurrendered() + quantity > offsetCap(year, record))
        {
            return RejectReason.OFFSET_CAP_EXCEEDED;
        }
        return null;
    }

    /**
     * @return the most offsets and sink credits that count: the year's cap on the emissions, plus the share of a
     * carried obligation that may be met with them.
     */
    private long offsetCap(final int year, final EnterpriseRecord record)
    {
        return PenaltyRules.saturatingAdd(rules.offsetCap(year, record.emissions()), record.carriedOffsetAllowance());
    }

    /**
     * @return why an enterprise's ledger may not take a decision (correction, multiple) now, or null: the year must
     * be open, or closed with this assessment reopened, and the enterprise's emissions recorded.
     */
    private RejectReason checkDecidable(final int year, final long accountId)
    {
        final ComplianceYear complianceYear = year(year);
        if (complianceYear == null || complianceYear.state() == ComplianceYear.State.NOT_OPENED)
        {
            return RejectReason.UNKNOWN_COMPLIANCE_YEAR;
        }
        final RejectReason uncovered = checkCovered(accountId);
        if (uncovered != null)
        {
            return uncovered;
        }
        final EnterpriseRecord record = complianceYear.record(accountId);
        if (record == null || !record.hasEmissions())
        {
            return RejectReason.NO_EMISSIONS_RECORDED;
        }
        return complianceYear.state() == ComplianceYear.State.CLOSED && !record.isReopened() ?
            RejectReason.COMPLIANCE_YEAR_CLOSED : null;
    }

    /**
     * @return why a fine cannot be paid or waived, or null: the year must be closed ({@code
     * COMPLIANCE_YEAR_NOT_CLOSED}), the enterprise owe a fine ({@code NO_FINE_DUE}) not yet paid or waived ({@code
     * FINE_ALREADY_SETTLED}), and its assessment not reopened ({@code ASSESSMENT_REOPENED}: the fine may change).
     */
    private RejectReason checkFine(final int year, final long accountId)
    {
        final ComplianceYear complianceYear = year(year);
        if (complianceYear == null || complianceYear.state() == ComplianceYear.State.NOT_OPENED)
        {
            return RejectReason.UNKNOWN_COMPLIANCE_YEAR;
        }
        if (complianceYear.state() != ComplianceYear.State.CLOSED)
        {
            return RejectReason.COMPLIANCE_YEAR_NOT_CLOSED;
        }
        final EnterpriseRecord record = complianceYear.record(accountId);
        if (record == null || record.fineStatus() == FineStatus.NULL_VAL)
        {
            return RejectReason.NO_FINE_DUE;
        }
        if (record.isReopened())
        {
            return RejectReason.ASSESSMENT_REOPENED;
        }
        return record.fineStatus() == FineStatus.DUE ? null : RejectReason.FINE_ALREADY_SETTLED;
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
            if (years.get(i).state() == ComplianceYear.State.OPEN || years.get(i).hasReopened())
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
