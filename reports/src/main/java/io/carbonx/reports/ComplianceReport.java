package io.carbonx.reports;

import io.carbonx.protocol.Money;
import io.carbonx.protocol.UserNames;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Compliance report per year, keyed by the compliance year rather than a trading day: one row per enterprise from the
 * close's {@code ComplianceAssessed} events (obligation, allowances and offsets surrendered, late tonnes, shortfall,
 * status, penalty, the reference price used, next year's deduction or carry-forward), then a {@code TOTAL} row whose
 * sums come from the rows and whose shortfall and penalty the engine's {@code ComplianceYearClosed} states. Each row
 * names the user who closed the year.
 */
public final class ComplianceReport implements ReportFold
{
    private static final String[] COLUMNS = {
        "year", "account", "emissions", "carriedForward", "obligation", "allowancesSurrendered", "offsetsSurrendered",
        "surrenderedLate", "shortfall", "status", "penalty", "referencePrice", "nextYearDeduction",
        "nextYearCarryForward", "user"};

    private final ActingUsers users;
    private final Map<Integer, Table> years = new HashMap<>();
    private final long[] sums = new long[7];
    private Table current = new Table(COLUMNS);

    public ComplianceReport()
    {
        this(UserNames.NONE);
    }

    /**
     * @param users names the user who closed each year (and who proposed the close, under four-eyes).
     */
    public ComplianceReport(final UserNames users)
    {
        this.users = new ActingUsers(users);
    }

    @Override
    public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
    {
        users.onEnvelope(envelope);
    }

    @Override
    public void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder approved)
    {
        users.onProposalApproved(envelope, approved);
    }

    @Override
    public void onComplianceAssessed(final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder e)
    {
        current.row((long)e.year(), e.accountId(), e.emissions(), e.carriedForward(), e.obligation(),
            e.allowancesSurrendered(), e.offsetsSurrendered(), e.surrenderedLate(), e.shortfall(), e.status().name(),
            Money.format(e.penalty()), Money.format(e.referencePrice()), e.nextYearDeduction(),
            e.nextYearCarryForward(), users.current());
        sums[0] += e.emissions();
        sums[1] += e.carriedForward();
        sums[2] += e.obligation();
        sums[3] += e.allowancesSurrendered();
        sums[4] += e.offsetsSurrendered();
        sums[5] += e.surrenderedLate();
        sums[6] += e.nextYearDeduction() + e.nextYearCarryForward();
    }

    @Override
    public void onComplianceYearClosed(final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder e)
    {
        current.row((long)e.year(), "TOTAL", sums[0], sums[1], sums[2], sums[3], sums[4], sums[5],
            e.totalShortfall(), e.enterprises() + " enterprises", Money.format(e.totalPenalty()),
            Money.format(e.referencePrice()), "", "", users.current());
        years.putIfAbsent(e.year(), current);
        current = new Table(COLUMNS);
        Arrays.fill(sums, 0);
    }

    @Override
    public void onDayEnd(final int date, final Balances opening, final Balances closing)
    {
        // keyed by year: a year's rows end with its ComplianceYearClosed, not with a trading day
    }

    /**
     * @param year the compliance year.
     * @return the closed year's table, or null when the journal has no close of that year.
     */
    @Override
    public Table table(final int year)
    {
        return years.get(year);
    }
}
