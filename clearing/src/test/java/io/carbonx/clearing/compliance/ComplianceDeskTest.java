package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.FineStatus;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.Registry;
import io.carbonx.registry.RemovalRecord;
import io.carbonx.registry.SerialRanges;
import io.carbonx.registry.UnitAttributes;
import io.carbonx.registry.UnitLabel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compliance desk on its own, over a real registry: opening a year, allocation (with last year's deduction),
 * recorded emissions, surrender of allowances and offsets against the cap, lateness by the command's clock, and the
 * close under the China, EU and California rules with the worked examples of the scheme (DOMAIN.md).
 * <p>
 * Time is the command's: every surrender and close is given its timestamp, so nothing here waits for a clock.
 */
class ComplianceDeskTest
{
    private static final ComplianceRules CHINA = SchemePreset.CHINA_NATIONAL.rules();
    private static final ComplianceRules EU = SchemePreset.EU_ETS.rules();
    private static final ComplianceRules CALIFORNIA = SchemePreset.CALIFORNIA.rules();

    private static final int CEA_2024 = 1;
    private static final int CEA_2025 = 2;
    private static final int CEA_2026 = 3;
    private static final int CCER = 4;
    private static final int SINK = 5;
    private static final int PHCER = 7;
    private static final int MAX_INSTRUMENT = 8;

    private static final long FEE_ACCOUNT = 1;
    private static final long ENTERPRISE_A = 1001;
    private static final long ENTERPRISE_B = 1002;
    private static final long ENTERPRISE_C = 1003;
    private static final long TRADER = 2001;
    private static final int BROKER = 7;

    private static final long DEADLINE_2025 = nanos("2025-12-31T00:00:00Z");
    private static final long DEADLINE_2026 = nanos("2026-12-31T00:00:00Z");
    private static final long BEFORE_2025_DEADLINE = nanos("2025-12-20T00:00:00Z");
    private static final long AFTER_2025_DEADLINE = nanos("2026-01-10T00:00:00Z");
    private static final long AFTER_2026_DEADLINE = nanos("2027-01-10T00:00:00Z");

    private Registry registry = new Registry(FEE_ACCOUNT, HoldingLimits.unlimited(), MAX_INSTRUMENT);
    private final Recorder out = new Recorder();

    // ------------------------------------------------------------------------------------------------ opening

    @Test
    void aYearOpensOnceWithItsDeadline()
    {
        final ComplianceDesk desk = desk(CHINA);

        desk.openYear(2025, DEADLINE_2025, out);

        assertEquals(List.of("opened 2025 " + DEADLINE_2025), out.lines);
        assertEquals(ComplianceYear.State.OPEN, desk.year(2025).state());
        assertEquals(DEADLINE_2025, desk.year(2025).deadline());
        assertEquals(RejectReason.DUPLICATE_ID, rejection(() -> desk.openYear(2025, DEADLINE_2026, out)));
        assertEquals(DEADLINE_2025, desk.year(2025).deadline(), "the refused second opening changed nothing");
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(() -> desk.openYear(0, DEADLINE_2025, out)));
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(() -> desk.openYear(10_000, DEADLINE_2025, out)));
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(() -> desk.openYear(2027, 0, out)));
        assertNull(desk.year(2027));
    }

    // ------------------------------------------------------------------------------------------------ allocation

    @Test
    void allocationIssuesAllowancesWithAFreshSerialBlockToCoveredEnterprisesOnly()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        final long issuedBefore = registry.issued(CEA_2025);

        desk.allocate(2025, ENTERPRISE_A, CEA_2025, 950, out);

        assertEquals(
            "allocated 2025 " + ENTERPRISE_A + " " + CEA_2025 + " requested 950 deducted 0 issued 950 serials " +
            (issuedBefore + 1) + ".." + (issuedBefore + 950) + " outstanding 0", out.last());
        assertEquals(950, registry.holding(ENTERPRISE_A, CEA_2025).total());
        assertEquals(950, desk.year(2025).record(ENTERPRISE_A).allocated());

        assertEquals(RejectReason.INVALID_AMOUNT, rejection(() -> desk.allocate(2025, ENTERPRISE_A, CEA_2025, 0, out)));
        assertEquals(RejectReason.UNKNOWN_COMPLIANCE_YEAR,
            rejection(() -> desk.allocate(2030, ENTERPRISE_A, CEA_2025, 1, out)));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, rejection(() -> desk.allocate(2025, ENTERPRISE_A, 6, 1, out)));
        assertEquals(RejectReason.INSTRUMENT_NOT_ELIGIBLE,
            rejection(() -> desk.allocate(2025, ENTERPRISE_A, CCER, 1, out)), "only allowances are allocated");
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, rejection(() -> desk.allocate(2025, 4242, CEA_2025, 1, out)));
        assertEquals(RejectReason.NOT_COVERED_ENTERPRISE,
            rejection(() -> desk.allocate(2025, TRADER, CEA_2025, 1, out)));
        assertEquals(issuedBefore + 950, registry.issued(CEA_2025), "refused allocations issued nothing");
    }

    // ------------------------------------------------------------------------------------------------ emissions

    @Test
    void emissionsAreRecordedOnceAndSetTheObligationAndTheOffsetCap()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);

        desk.recordEmissions(2025, ENTERPRISE_A, 1_000, out);

        assertEquals("emissions 2025 " + ENTERPRISE_A + " 1000 carried 0 obligation 1000 cap 50", out.last(),
            "China: offsets at most 5% of 1,000 t");
        assertEquals(RejectReason.EMISSIONS_ALREADY_RECORDED,
            rejection(() -> desk.recordEmissions(2025, ENTERPRISE_A, 5, out)));
        assertEquals(1_000, desk.year(2025).record(ENTERPRISE_A).emissions());
        assertEquals(RejectReason.INVALID_AMOUNT, rejection(() -> desk.recordEmissions(2025, ENTERPRISE_B, -1, out)));
        assertEquals(RejectReason.NOT_COVERED_ENTERPRISE,
            rejection(() -> desk.recordEmissions(2025, TRADER, 10, out)));
        assertEquals(RejectReason.UNKNOWN_COMPLIANCE_YEAR,
            rejection(() -> desk.recordEmissions(2030, ENTERPRISE_A, 1, out)));
    }

    // ------------------------------------------------------------------------------------------------ surrender

    @Test
    void allowancesAndOffsetsAreSurrenderedUpToTheCapAndLeaveCirculation()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 1_000, out);
        final long outstanding = registry.outstanding(CEA_2024);

        desk.surrender(2025, ENTERPRISE_A, 0, CCER, 30, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_A, 0, SINK, 20, BEFORE_2025_DEADLINE, out);
        assertEquals("surrendered 2025 " + ENTERPRISE_A + " broker 0 " + SINK + " SINK 20 late false " +
            "allowances 0 offsets 50 remaining 950", out.last(), "sink credits count inside the cap: exactly at it");
        assertEquals(RejectReason.OFFSET_CAP_EXCEEDED,
            rejection(() -> desk.surrender(2025, ENTERPRISE_A, 0, CCER, 1, BEFORE_2025_DEADLINE, out)));
        assertEquals(RejectReason.OFFSET_CAP_EXCEEDED,
            rejection(() -> desk.surrender(2025, ENTERPRISE_A, 0, SINK, 1, BEFORE_2025_DEADLINE, out)));
        assertEquals(70, registry.holding(ENTERPRISE_A, CCER).total(), "the refused surrender moved nothing");

        desk.surrender(2025, ENTERPRISE_A, BROKER, CEA_2024, 120, BEFORE_2025_DEADLINE, out);

        assertEquals("surrendered 2025 " + ENTERPRISE_A + " broker " + BROKER + " " + CEA_2024 +
            " ALLOWANCE 120 late false allowances 120 offsets 50 remaining 830", out.last());
        assertEquals("1..120", Recorder.blocks(registry.lastMoved()), "A received CEA-2024 serials 1..300 first");
        assertEquals(120, registry.surrendered(CEA_2024));
        assertEquals(outstanding - 120, registry.outstanding(CEA_2024));
        final RemovalRecord removal = registry.removals().get(registry.removals().size() - 1);
        assertEquals(RemovalRecord.Kind.SURRENDER, removal.kind());
        assertEquals(ENTERPRISE_A, removal.accountId());
        assertEquals(300 - 120, registry.holding(ENTERPRISE_A, CEA_2024).total());
    }

    @Test
    void aSurrenderIsCheckedInTheDocumentedOrderAndARefusalChangesNothing()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 1_000, out);
        final long hash = desk.stateHash();
        final long registryHash = registry.stateHash();

        assertEquals(RejectReason.INVALID_AMOUNT, surrenderRefusal(desk, ENTERPRISE_A, 0, CEA_2024, 0));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, surrenderRefusal(desk, ENTERPRISE_A, 0, 6, 1));
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, surrenderRefusal(desk, 4242, 0, CEA_2024, 1));
        assertEquals(RejectReason.ACCOUNT_NOT_PERMITTED, surrenderRefusal(desk, ENTERPRISE_A, BROKER + 1, CEA_2024, 1));
        assertEquals(RejectReason.NOT_COVERED_ENTERPRISE, surrenderRefusal(desk, TRADER, 0, CEA_2025, 1));
        assertEquals(RejectReason.NO_EMISSIONS_RECORDED, surrenderRefusal(desk, ENTERPRISE_B, 0, CEA_2024, 1));
        assertEquals(RejectReason.INSTRUMENT_NOT_ELIGIBLE, surrenderRefusal(desk, ENTERPRISE_A, 0, CEA_2026, 1),
            "borrowing a later vintage");
        assertEquals(RejectReason.SURRENDER_EXCEEDS_OBLIGATION,
            surrenderRefusal(desk, ENTERPRISE_A, 0, CEA_2024, 1_001));
        assertEquals(RejectReason.OFFSET_CAP_EXCEEDED, surrenderRefusal(desk, ENTERPRISE_A, 0, CCER, 51));
        assertEquals(RejectReason.INSUFFICIENT_UNITS, surrenderRefusal(desk, ENTERPRISE_A, 0, CEA_2024, 301));

        assertEquals(hash, desk.stateHash());
        assertEquals(registryHash, registry.stateHash());
    }

    @Test
    void aSurrenderAfterTheDeadlineCountsButAsLate()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_B, 500, out);

        desk.surrender(2025, ENTERPRISE_B, 0, CEA_2024, 100, DEADLINE_2025, out);
        assertTrue(out.last().contains(" late false "), "at the deadline itself is on time: " + out.last());
        desk.surrender(2025, ENTERPRISE_B, 0, CEA_2024, 100, DEADLINE_2025 + 1, out);
        assertTrue(out.last().contains(" late true "), "one nanosecond after it is late: " + out.last());

        final EnterpriseRecord record = desk.year(2025).record(ENTERPRISE_B);
        assertEquals(100, record.surrenderedOnTime());
        assertEquals(100, record.surrenderedLate());
        assertEquals(300, record.remainingObligation());
    }

    // ------------------------------------------------------------------------------------------------ close

    @Test
    void aYearClosesOnlyAtItsDeadlineAndAfterEarlierYears()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.openYear(2026, DEADLINE_2026, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 10, out);

        assertEquals(RejectReason.DEADLINE_NOT_REACHED, rejection(() -> desk.closeYear(2025, DEADLINE_2025 - 1, out)));
        assertEquals(RejectReason.EARLIER_YEAR_OPEN, rejection(() -> desk.closeYear(2026, AFTER_2026_DEADLINE, out)));
        assertEquals(RejectReason.UNKNOWN_COMPLIANCE_YEAR,
            rejection(() -> desk.closeYear(2030, AFTER_2026_DEADLINE, out)));

        desk.closeYear(2025, DEADLINE_2025, out);

        assertEquals(ComplianceYear.State.CLOSED, desk.year(2025).state());
        assertEquals(RejectReason.COMPLIANCE_YEAR_CLOSED,
            rejection(() -> desk.closeYear(2025, AFTER_2025_DEADLINE, out)));
        assertEquals(RejectReason.COMPLIANCE_YEAR_CLOSED,
            rejection(() -> desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 1, AFTER_2025_DEADLINE, out)));
        desk.closeYear(2026, AFTER_2026_DEADLINE, out);
        assertEquals(RejectReason.COMPLIANCE_YEAR_CLOSED, rejection(() -> desk.openYear(2024, DEADLINE_2025, out)),
            "a later year is closed and could not take what 2024 carries forward");
    }

    /**
     * China's worked example: A complete with 5% offsets, B complete only late, C 300 t short. The fine is 5 times the
     * average allowance price of November (the month before the December deadline): (90.00 x 100 + 84.00 x 50) / 150 =
     * 88.00, so 300 x 5 x 88.00 = 132,000.00; December's 95.00 does not count. Next year's allocation of C is reduced
     * by 300 t, first allocations first.
     */
    @Test
    void chinaFinesTheShortfallAtFiveTimesLastMonthsAveragePriceAndDeductsItFromNextYearsAllocation()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.allocate(2025, ENTERPRISE_A, CEA_2025, 950, out);
        desk.allocate(2025, ENTERPRISE_B, CEA_2025, 500, out);
        desk.allocate(2025, ENTERPRISE_C, CEA_2025, 100, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 1_000, out);
        desk.recordEmissions(2025, ENTERPRISE_B, 500, out);
        desk.recordEmissions(2025, ENTERPRISE_C, 400, out);
        desk.onDayClosed(20251114, CEA_2025, 100, 100 * 90_00L);
        desk.onDayClosed(20251128, CEA_2024, 50, 50 * 84_00L);
        desk.onDayClosed(20251128, CCER, 1_000, 1_000 * 20_00L);
        desk.onDayClosed(20251210, CEA_2025, 10, 10 * 95_00L);
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2025, 950, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_A, 0, CCER, 50, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_B, 0, CEA_2025, 200, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_C, 0, CEA_2025, 100, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_B, 0, CEA_2024, 300, AFTER_2025_DEADLINE, out);
        final long cash = registry.cashDeposited() - registry.cashWithdrawn();

        desk.closeYear(2025, AFTER_2025_DEADLINE, out);

        final long fine = 300L * 5 * 88_00;
        assertEquals(List.of(
            row(ENTERPRISE_A, 1_000, 950, 50, 0, ComplianceStatus.COMPLETE, 0, 88_00, 0, 0),
            row(ENTERPRISE_B, 500, 500, 0, 0, ComplianceStatus.LATE, 0, 88_00, 0, 0),
            row(ENTERPRISE_C, 400, 100, 0, 300, ComplianceStatus.INCOMPLETE, fine, 88_00, 300, 0)), out.assessed);
        assertEquals(300, desk.year(2025).record(ENTERPRISE_B).surrenderedLate());
        assertEquals("closed 2025 enterprises 3 shortfall 300 penalty " + fine + " reference 8800", out.last());
        assertEquals(cash, registry.cashDeposited() - registry.cashWithdrawn(), "fines are not collected in cash");

        desk.openYear(2026, DEADLINE_2026, out);
        desk.allocate(2026, ENTERPRISE_C, CEA_2026, 200, out);
        assertEquals("allocated 2026 " + ENTERPRISE_C + " " + CEA_2026 + " requested 200 deducted 200 issued 0 " +
            "serials  outstanding 100", out.last());
        final long issued = registry.issued(CEA_2026);
        desk.allocate(2026, ENTERPRISE_C, CEA_2026, 1_000, out);
        assertEquals("allocated 2026 " + ENTERPRISE_C + " " + CEA_2026 + " requested 1000 deducted 100 issued 900 " +
            "serials " + (issued + 1) + ".." + (issued + 900) + " outstanding 0", out.last());
        desk.allocate(2026, ENTERPRISE_A, CEA_2026, 1_000, out);
        assertTrue(out.last().contains(" deducted 0 issued 1000 "), "a compliant enterprise gets its whole allocation");
    }

    @Test
    void chinaFineFollowsTheConfiguredMultipleAndFallsBackToListedPricesWithoutTrades()
    {
        final ComplianceDesk desk = desk(new ComplianceRules(CHINA.currency(), CHINA.offsetCapBps(),
            CHINA.offsetCapBpsFrom(), true, true, true, false, CHINA.penalty().withPriceMultiple(10)));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_C, 100, out);

        desk.closeYear(2025, AFTER_2025_DEADLINE, out);

        // no allowance traded: the mean of the listed allowances' previous closes (88.00, 90.00, 92.00)
        assertEquals(List.of(row(ENTERPRISE_C, 100, 0, 0, 100, ComplianceStatus.INCOMPLETE, 100L * 10 * 90_00, 90_00,
            100, 0)), out.assessed);
    }

    /**
     * The EU's worked example: EUR 100.00 per tonne short, indexed (120% configured for 2025): 300 t x 120.00 =
     * 36,000.00; the shortfall is still owed, so it joins the 2026 obligation (300 + 50 = 350), and 2026, without an
     * index, costs EUR 100.00 per tonne.
     */
    @Test
    void euFinesPerTonneIndexedAndCarriesTheShortfallIntoNextYearsObligation()
    {
        final ComplianceDesk desk = desk(new ComplianceRules(EU.currency(), EU.offsetCapBps(), EU.offsetCapBpsFrom(),
            false, false, true, false, new PenaltyRules(0, 0, 0, 100_00, new TreeMap<>(Map.of(2025, 12_000)), 0, 1)));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 300, out);
        assertTrue(out.last().endsWith(" cap 0"), "no offsets in the EU: " + out.last());
        desk.recordEmissions(2025, ENTERPRISE_C, 400, out);
        assertEquals(RejectReason.INSTRUMENT_NOT_ELIGIBLE,
            rejection(() -> desk.surrender(2025, ENTERPRISE_C, 0, CCER, 1, BEFORE_2025_DEADLINE, out)));
        assertEquals(RejectReason.INSTRUMENT_NOT_ELIGIBLE,
            rejection(() -> desk.surrender(2025, ENTERPRISE_C, 0, SINK, 1, BEFORE_2025_DEADLINE, out)));
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 300, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_C, 0, CEA_2024, 100, BEFORE_2025_DEADLINE, out);

        desk.closeYear(2025, AFTER_2025_DEADLINE, out);

        assertEquals(List.of(
            row(ENTERPRISE_A, 300, 300, 0, 0, ComplianceStatus.COMPLETE, 0, 0, 0, 0),
            row(ENTERPRISE_C, 400, 100, 0, 300, ComplianceStatus.INCOMPLETE, 300L * 120_00, 0, 0, 300)), out.assessed);
        assertEquals("closed 2025 enterprises 2 shortfall 300 penalty " + 300L * 120_00 + " reference 0", out.last());

        desk.openYear(2026, DEADLINE_2026, out);
        desk.recordEmissions(2026, ENTERPRISE_C, 50, out);
        assertEquals("emissions 2026 " + ENTERPRISE_C + " 50 carried 300 obligation 350 cap 0", out.last());
        desk.allocate(2026, ENTERPRISE_C, CEA_2026, 10, out);
        assertTrue(out.last().contains(" deducted 0 "), "the EU withholds nothing: " + out.last());
        desk.surrender(2026, ENTERPRISE_C, 0, CEA_2024, 200, BEFORE_2025_DEADLINE, out);
        out.assessed.clear();

        desk.closeYear(2026, AFTER_2026_DEADLINE, out);

        final EnterpriseRecord next = desk.year(2026).record(ENTERPRISE_C);
        assertEquals(350, next.obligation());
        assertEquals(150, next.shortfall());
        assertEquals(150L * 100_00, next.penalty(), "no index for 2026: EUR 100.00 per tonne");
    }

    /**
     * California's worked example: offsets up to 4% of verified emissions (40 of 1,000 t), 6% from 2026; no fine, the
     * untimely 700 t become an obligation of 4 x 700 = 2,800 t next year.
     */
    @Test
    void californiaTurnsTheUntimelyPortionIntoAFourfoldObligationAndRaisesTheCapIn2026()
    {
        final ComplianceDesk desk = desk(CALIFORNIA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_C, 1_000, out);
        assertTrue(out.last().endsWith(" cap 40"), "4%: " + out.last());
        desk.surrender(2025, ENTERPRISE_C, 0, CCER, 40, BEFORE_2025_DEADLINE, out);
        assertEquals(RejectReason.OFFSET_CAP_EXCEEDED,
            rejection(() -> desk.surrender(2025, ENTERPRISE_C, 0, SINK, 1, BEFORE_2025_DEADLINE, out)));
        desk.surrender(2025, ENTERPRISE_C, 0, CEA_2024, 260, BEFORE_2025_DEADLINE, out);

        desk.closeYear(2025, AFTER_2025_DEADLINE, out);

        assertEquals(List.of(row(ENTERPRISE_C, 1_000, 260, 40, 700, ComplianceStatus.INCOMPLETE, 0, 0, 0, 2_800)),
            out.assessed);
        desk.openYear(2026, DEADLINE_2026, out);
        desk.recordEmissions(2026, ENTERPRISE_C, 1_000, out);
        assertEquals("emissions 2026 " + ENTERPRISE_C + " 1000 carried 2800 obligation 3800 cap " + (60 + 700),
            out.last(), "6% of 2026's emissions, plus a quarter of the carried untimely obligation");
    }

    @Test
    void anEnterpriseWithACarriedObligationButNoNewEmissionsIsStillAssessed()
    {
        final ComplianceDesk desk = desk(new ComplianceRules(EU.currency(), 0, EU.offsetCapBpsFrom(), false, false,
            true, false, EU.penalty(), AssessmentRules.AT_CLOSE));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_B, 10, out);
        desk.closeYear(2025, AFTER_2025_DEADLINE, out);
        desk.openYear(2026, DEADLINE_2026, out);
        out.assessed.clear();

        desk.closeYear(2026, AFTER_2026_DEADLINE, out);

        assertEquals(1, out.assessed.size());
        final EnterpriseRecord record = desk.year(2026).record(ENTERPRISE_B);
        assertEquals(0, record.emissions());
        assertEquals(10, record.carriedForward());
        assertEquals(10, record.shortfall());
        assertEquals(ComplianceStatus.INCOMPLETE, record.status());
    }

    @Test
    void aSnapshotRestoresTheSameStateAndTheRestoredDeskClosesTheSameWay() throws Exception
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_C, 400, out);
        desk.onDayClosed(20251114, CEA_2025, 100, 100 * 90_00L);
        desk.surrender(2025, ENTERPRISE_C, 0, CEA_2024, 100, BEFORE_2025_DEADLINE, out);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        desk.writeSnapshot(new DataOutputStream(bytes));

        final ComplianceDesk restored = new ComplianceDesk(registry, CHINA, new Instruments());
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(desk.stateHash(), restored.stateHash());
        final long before = desk.stateHash();
        desk.recordEmissions(2025, ENTERPRISE_A, 1, out);
        assertNotEquals(before, desk.stateHash(), "the state hash sees recorded emissions");
        final Recorder restoredOut = new Recorder();
        restored.closeYear(2025, AFTER_2025_DEADLINE, restoredOut);
        assertNotNull(restored.year(2025).record(ENTERPRISE_C));
        assertEquals(List.of(row(ENTERPRISE_C, 400, 100, 0, 300, ComplianceStatus.INCOMPLETE, 300L * 5 * 90_00, 90_00,
            300, 0)), restoredOut.assessed, "the restored desk kept November's price");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * EU: every tonne not surrendered by the deadline is fined even if surrendered later (Art. 16(3), Billerud):
     * 10,000 t late at an index of 12,500 bps cost EUR 1,250,000.00; nothing is still owed, so nothing is carried.
     * The close of a year without its index is refused.
     */
    @Test
    void euFinesTonnesSurrenderedAfterTheDeadlineAndNeedsTheYearsIndex()
    {
        final ComplianceDesk unindexed = desk(EU);
        unindexed.openYear(2025, DEADLINE_2025, out);
        assertEquals(RejectReason.PENALTY_INDEX_MISSING,
            rejection(() -> unindexed.closeYear(2025, AFTER_2025_DEADLINE, out)));

        registry = new Registry(FEE_ACCOUNT, HoldingLimits.unlimited(), MAX_INSTRUMENT);
        final ComplianceDesk desk = desk(new ComplianceRules(EU.currency(), 0, EU.offsetCapBpsFrom(), false, false,
            true, false, new PenaltyRules(0, 0, 0, 100_00, new TreeMap<>(Map.of(2025, 12_500)), 0, 1),
            EU.assessment()));
        assertNull(registry.issue(ENTERPRISE_A, CEA_2025, 10_000));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 10_000, out);
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2025, 10_000, AFTER_2025_DEADLINE, out);
        desk.closeYear(2025, AFTER_2025_DEADLINE, out);
        assertEquals(List.of(row(ENTERPRISE_A, 10_000, 10_000, 0, 0, ComplianceStatus.LATE, 1_250_000_00L, 0, 0, 0)),
            out.assessed);
        assertEquals(FineStatus.DUE, desk.year(2025).record(ENTERPRISE_A).fineStatus());
        assertEquals(AFTER_2025_DEADLINE + 30 * 86_400_000_000_000L, desk.year(2025).record(ENTERPRISE_A).fineDue());
    }

    /**
     * California: the untimely obligation is 4 x the tonnes not surrendered on time, counted from the timely
     * surrenders (200 of 300 t: 800 t); the 50 t surrendered late count for 2025 but do not reduce it. A quarter of
     * it (200 t) may be met with offsets on top of 2026's own cap.
     */
    @Test
    void californiaCarriesFourTimesTheUntimelyTonnesWhateverCameLaterWithAQuarterInOffsets()
    {
        final ComplianceDesk desk = desk(CALIFORNIA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 300, out);
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 100, BEFORE_2025_DEADLINE, out);
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 50, AFTER_2025_DEADLINE, out);
        desk.closeYear(2025, AFTER_2025_DEADLINE, out);
        assertEquals(List.of(row(ENTERPRISE_A, 300, 150, 0, 150, ComplianceStatus.INCOMPLETE, 0, 0, 0, 800)),
            out.assessed);
        desk.openYear(2026, DEADLINE_2026, out);
        desk.recordEmissions(2026, ENTERPRISE_A, 100, out);
        assertEquals("emissions 2026 " + ENTERPRISE_A + " 100 carried 800 obligation 900 cap " + (6 + 200),
            out.last());
    }

    /**
     * China: a late surrender within the correction period avoids the allocation cut by default; with
     * deductionBasis DEADLINE it does not.
     */
    @Test
    void chinaCorrectionPeriodAvoidsTheCutUnlessTheSchemeCutsFromTheDeadline()
    {
        for (final ShortfallBasis basis : ShortfallBasis.values())
        {
            registry = new Registry(FEE_ACCOUNT, HoldingLimits.unlimited(), MAX_INSTRUMENT);
            final Recorder recorder = new Recorder();
            final ComplianceDesk desk = desk(new ComplianceRules(CHINA.currency(), CHINA.offsetCapBps(),
                CHINA.offsetCapBpsFrom(), true, true, true, false, CHINA.penalty(),
                new AssessmentRules(ShortfallBasis.CLOSE, basis, ShortfallBasis.CLOSE, 0, false, 30)));
            desk.openYear(2025, DEADLINE_2025, recorder);
            desk.recordEmissions(2025, ENTERPRISE_A, 200, recorder);
            desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 150, BEFORE_2025_DEADLINE, recorder);
            desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 50, AFTER_2025_DEADLINE, recorder);
            desk.closeYear(2025, AFTER_2025_DEADLINE, recorder);
            final EnterpriseRecord record = desk.year(2025).record(ENTERPRISE_A);
            assertEquals(ComplianceStatus.LATE, record.status());
            assertEquals(0, record.penalty(), "met by the close: no fine");
            assertEquals(basis == ShortfallBasis.CLOSE ? 0 : 50, record.nextYearDeduction(), basis.name());
        }
    }

    @Test
    void allocationRefusesAnotherVintageThanTheYear()
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2026, DEADLINE_2026, out);
        assertEquals(RejectReason.WRONG_VINTAGE, rejection(() -> desk.allocate(2026, ENTERPRISE_A, CEA_2025, 10,
            out)));
        desk.allocate(2026, ENTERPRISE_A, CEA_2026, 10, out);
        assertTrue(out.last().contains(" issued 10 "), out.last());
    }

    /**
     * Corrections and the multiple before the close; the fine as a payable (paid once, OVERDUE only as of a later
     * time); a reopened assessment re-assessed by the same rules, its consequences for next year replaced.
     */
    @Test
    void decisionsPaymentsAndAReopenedAssessment() throws Exception
    {
        final ComplianceDesk desk = desk(CHINA);
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_C, 100, out);
        desk.correctEmissions(2025, ENTERPRISE_C, 400, "re-verified", out);
        assertEquals("corrected 2025 " + ENTERPRISE_C + " 100 -> 400 obligation 400 cap 20 #1 re-verified",
            out.last());
        assertEquals(RejectReason.NO_EMISSIONS_RECORDED,
            rejection(() -> desk.correctEmissions(2025, ENTERPRISE_B, 1, "x", out)));
        assertEquals(RejectReason.PENALTY_MULTIPLE_OUT_OF_RANGE,
            rejection(() -> desk.setPriceMultiple(2025, ENTERPRISE_C, 4, "x", out)));
        desk.setPriceMultiple(2025, ENTERPRISE_C, 10, "repeat offender", out);
        desk.surrender(2025, ENTERPRISE_C, 0, CEA_2024, 300, BEFORE_2025_DEADLINE, out);
        assertEquals(RejectReason.COMPLIANCE_YEAR_NOT_CLOSED,
            rejection(() -> desk.settleFine(2025, ENTERPRISE_C, FineStatus.PAID, "P", AFTER_2025_DEADLINE, out)));
        desk.closeYear(2025, AFTER_2025_DEADLINE, out);
        final EnterpriseRecord record = desk.year(2025).record(ENTERPRISE_C);
        final long reference = record.referencePrice();
        assertEquals(100 * 10 * reference, record.penalty(), "10 x the reference price x 100 t");
        assertEquals(FineStatus.DUE, record.fineStatus(record.fineDue()));
        assertEquals(FineStatus.OVERDUE, record.fineStatus(record.fineDue() + 1));
        assertEquals(RejectReason.COMPLIANCE_YEAR_CLOSED,
            rejection(() -> desk.correctEmissions(2025, ENTERPRISE_C, 350, "late", out)));

        desk.settleFine(2025, ENTERPRISE_C, FineStatus.PAID, "PAY-1", AFTER_2026_DEADLINE, out);
        assertEquals("fine PAID 2025 " + ENTERPRISE_C + " PAY-1", out.last());
        assertEquals(FineStatus.PAID, record.fineStatus(Long.MAX_VALUE));
        assertEquals(RejectReason.FINE_ALREADY_SETTLED,
            rejection(() -> desk.settleFine(2025, ENTERPRISE_C, FineStatus.WAIVED, "x", AFTER_2026_DEADLINE, out)));

        desk.reopen(2025, ENTERPRISE_C, "appeal upheld", out);
        assertEquals("reopened 2025 " + ENTERPRISE_C + " INCOMPLETE " + record.penalty() + " appeal upheld",
            out.last());
        assertEquals(RejectReason.ASSESSMENT_REOPENED, rejection(() -> desk.reopen(2025, ENTERPRISE_C, "x", out)));
        desk.openYear(2026, DEADLINE_2026, out);
        assertEquals(RejectReason.EARLIER_YEAR_OPEN, rejection(() -> desk.closeYear(2026, AFTER_2026_DEADLINE, out)),
            "a reopened assessment holds the next close back");
        desk.correctEmissions(2025, ENTERPRISE_C, 340, "verifier error", out);
        out.assessed.clear();
        desk.closeYear(2025, AFTER_2026_DEADLINE, out);
        assertEquals(List.of(row(ENTERPRISE_C, 340, 300, 0, 40, ComplianceStatus.INCOMPLETE, 40 * 10 * reference,
            reference, 40, 0)), out.assessed);
        assertEquals(FineStatus.DUE, record.fineStatus());
        assertEquals(40, desk.year(2026).record(ENTERPRISE_C).deductionOutstanding(), "replaced, not added");

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        desk.writeSnapshot(new DataOutputStream(bytes));
        registry = new Registry(FEE_ACCOUNT, HoldingLimits.unlimited(), MAX_INSTRUMENT);
        final ComplianceDesk restored = new ComplianceDesk(registry, CHINA, new Instruments());
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(desk.stateHash(), restored.stateHash());
        assertEquals(10, restored.year(2025).record(ENTERPRISE_C).priceMultiple());
    }

    // ------------------------------------------------------------------------------------ units and attributes

    @Test
    void carbonInclusionCreditsCountInsideTheCapOnlyWhereTheSchemeSaysSo()
    {
        final ComplianceDesk china = desk(CHINA);
        assertNull(registry.issue(ENTERPRISE_A, PHCER, 100));
        china.openYear(2025, DEADLINE_2025, out);
        china.recordEmissions(2025, ENTERPRISE_A, 1_000, out);

        assertEquals(RejectReason.INSTRUMENT_NOT_ELIGIBLE, surrenderRefusal(china, ENTERPRISE_A, 0, PHCER, 10),
            "China national: PHCER serves voluntary retirement only");
        assertEquals(100, registry.holding(ENTERPRISE_A, PHCER).total());
        assertNull(registry.retire(ENTERPRISE_A, PHCER, 10, "a commuter", "voluntary"), "retirement is always open");

        registry = new Registry(FEE_ACCOUNT, HoldingLimits.unlimited(), MAX_INSTRUMENT);
        final ComplianceDesk pilot = desk(withUnits(CHINA, new UnitRules(true, 0, 0)));
        assertNull(registry.issue(ENTERPRISE_A, PHCER, 100));
        pilot.openYear(2025, DEADLINE_2025, out);
        pilot.recordEmissions(2025, ENTERPRISE_A, 1_000, out);

        pilot.surrender(2025, ENTERPRISE_A, 0, CCER, 30, BEFORE_2025_DEADLINE, out);
        pilot.surrender(2025, ENTERPRISE_A, 0, PHCER, 20, BEFORE_2025_DEADLINE, out);
        assertTrue(out.last().contains(" " + PHCER + " CARBON_INCLUSION 20 "), out.last());
        final EnterpriseRecord record = pilot.year(2025).record(ENTERPRISE_A);
        assertEquals(50, record.offsetsSurrendered(), "30 CCER + 20 PHCER, inside the 5% cap of 1,000 t");
        assertEquals(0, record.allowancesSurrendered());
        assertEquals(RejectReason.OFFSET_CAP_EXCEEDED, surrenderRefusal(pilot, ENTERPRISE_A, 0, PHCER, 1),
            "PHCER shares the cap with offsets and sinks");
        assertEquals(80, registry.holding(ENTERPRISE_A, PHCER).total());
    }

    @Test
    void offsetsCountOnlyFromProjectsRegisteredFromTheSchemesDate()
    {
        final ComplianceDesk desk = desk(withUnits(CHINA, new UnitRules(false, 20240122, 0)));
        // A holds CCER 1..100 issued plainly, then 401..450 (registered 2024-03-01), 451..460 (2023-06-01).
        final long first = registry.issued(CCER) + 1;
        assertNull(registry.issueProject(ENTERPRISE_A, CCER, 50,
            new UnitAttributes(ProjectType.FORESTRY, 11, 2024, 20240301, 0)));
        assertNull(registry.issueProject(ENTERPRISE_A, CCER, 10,
            new UnitAttributes(ProjectType.METHANE, 12, 2023, 20230601, 0)));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_A, 10_000, out);
        final long hash = registry.stateHash();

        assertEquals(RejectReason.UNITS_NOT_ELIGIBLE, surrenderRefusal(desk, ENTERPRISE_A, 0, CCER, 10),
            "the oldest units were issued without a registration date");
        assertEquals(hash, registry.stateHash(), "the refused surrender changed nothing");
        assertEquals(0, desk.year(2025).record(ENTERPRISE_A).offsetsSurrendered());

        // The holder moves the plain units away; the oldest are then the eligible forestry units.
        assertNull(registry.transfer(ENTERPRISE_A, TRADER, CCER, 100));
        desk.surrender(2025, ENTERPRISE_A, 0, CCER, 50, BEFORE_2025_DEADLINE, out);
        final RemovalRecord surrendered = registry.removals().get(registry.removals().size() - 1);
        assertEquals(first + ".." + (first + 49), Recorder.blocks(surrendered), "exactly the forestry units");
        assertEquals(50, desk.year(2025).record(ENTERPRISE_A).offsetsSurrendered());

        assertEquals(RejectReason.UNITS_NOT_ELIGIBLE, surrenderRefusal(desk, ENTERPRISE_A, 0, CCER, 1),
            "registered 2023-06-01, before the scheme's date");
        assertEquals(10, registry.holding(ENTERPRISE_A, CCER).total());
        // Allowances are not project units: the rule does not look at them.
        desk.surrender(2025, ENTERPRISE_A, 0, CEA_2024, 10, BEFORE_2025_DEADLINE, out);
        assertEquals(10, desk.year(2025).record(ENTERPRISE_A).allowancesSurrendered());
    }

    @Test
    void aSchemeMayRequireLabelsOnEveryCountedUnit()
    {
        final ComplianceDesk desk = desk(withUnits(CHINA, new UnitRules(false, 0, UnitLabel.CORSIA_ELIGIBLE.bit())));
        assertNull(registry.transfer(ENTERPRISE_B, TRADER, SINK, 100));
        assertNull(registry.issueProject(ENTERPRISE_B, SINK, 5, new UnitAttributes(ProjectType.OCEAN, 3, 2024,
            20240101, UnitLabel.CORSIA_ELIGIBLE.bit() | UnitLabel.ARTICLE6_AUTHORISED.bit())));
        assertNull(registry.issueProject(ENTERPRISE_B, SINK, 5, new UnitAttributes(ProjectType.OCEAN, 3, 2024,
            20240101, UnitLabel.ARTICLE6_AUTHORISED.bit())));
        desk.openYear(2025, DEADLINE_2025, out);
        desk.recordEmissions(2025, ENTERPRISE_B, 1_000, out);

        assertEquals(RejectReason.UNITS_NOT_ELIGIBLE, surrenderRefusal(desk, ENTERPRISE_B, 0, SINK, 6));
        desk.surrender(2025, ENTERPRISE_B, 0, SINK, 5, BEFORE_2025_DEADLINE, out);
        assertEquals(5, desk.year(2025).record(ENTERPRISE_B).offsetsSurrendered());
    }

    private static ComplianceRules withUnits(final ComplianceRules rules, final UnitRules units)
    {
        return new ComplianceRules(rules.currency(), rules.offsetCapBps(), rules.offsetCapBpsFrom(),
            rules.offsetsEligible(), rules.sinksEligible(), rules.bankingAllowed(), rules.borrowingAllowed(),
            rules.penalty(), rules.assessment(), units);
    }

    private ComplianceDesk desk(final ComplianceRules rules)
    {
        for (final long account : new long[]{ENTERPRISE_A, ENTERPRISE_B, ENTERPRISE_C})
        {
            assertNull(registry.openAccount(account, AccountType.COMPLIANCE));
        }
        assertNull(registry.openAccount(TRADER, AccountType.TRADING));
        assertNull(registry.linkBroker(BROKER, ENTERPRISE_A));
        for (final long account : new long[]{ENTERPRISE_A, ENTERPRISE_B, ENTERPRISE_C, TRADER})
        {
            assertNull(registry.issue(account, CEA_2024, 300));
            assertNull(registry.issue(account, CCER, 100));
            assertNull(registry.issue(account, SINK, 100));
        }
        return new ComplianceDesk(registry, rules, new Instruments());
    }

    private RejectReason rejection(final Runnable command)
    {
        final int before = out.rejections.size();
        final int lines = out.lines.size();
        command.run();
        assertEquals(before + 1, out.rejections.size(), "one rejection: " + out.lines.subList(lines, out.lines.size()));
        assertEquals(lines + 1, out.lines.size(), "and nothing else");
        return out.rejections.get(before);
    }

    private RejectReason surrenderRefusal(
        final ComplianceDesk desk, final long account, final int broker, final int instrument, final long quantity)
    {
        return rejection(() -> desk.surrender(2025, account, broker, instrument, quantity, BEFORE_2025_DEADLINE, out));
    }

    private static String row(
        final long account,
        final long emissions,
        final long allowances,
        final long offsets,
        final long shortfall,
        final ComplianceStatus status,
        final long penalty,
        final long referencePrice,
        final long deduction,
        final long carryForward)
    {
        return account + " emissions " + emissions + " allowances " + allowances + " offsets " + offsets +
            " shortfall " + shortfall + " " + status + " penalty " + penalty + " reference " + referencePrice +
            " deduction " + deduction + " carry " + carryForward;
    }

    private static long nanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }

    /**
     * CEA-2024..2026 (allowances, previous closes 88.00, 90.00, 92.00), CCER (offset) and a forestry sink credit.
     */
    private static final class Instruments implements ComplianceInstruments
    {
        @Override
        public int maxInstrumentId()
        {
            return MAX_INSTRUMENT;
        }

        @Override
        public InstrumentKind kind(final int instrumentId)
        {
            return switch (instrumentId)
            {
                case CEA_2024, CEA_2025, CEA_2026 -> InstrumentKind.ALLOWANCE;
                case CCER -> InstrumentKind.OFFSET;
                case SINK -> InstrumentKind.SINK;
                case PHCER -> InstrumentKind.CARBON_INCLUSION;
                default -> null;
            };
        }

        @Override
        public int vintage(final int instrumentId)
        {
            return switch (instrumentId)
            {
                case CEA_2024 -> 2024;
                case CEA_2025 -> 2025;
                case CEA_2026 -> 2026;
                default -> 0;
            };
        }

        @Override
        public long referencePrice(final int instrumentId)
        {
            return switch (instrumentId)
            {
                case CEA_2024 -> 88_00;
                case CEA_2025 -> 90_00;
                case CEA_2026 -> 92_00;
                default -> 20_00;
            };
        }
    }

    /**
     * Writes down each outcome as it is reported (the records it is handed change later).
     */
    private static final class Recorder implements ComplianceListener
    {
        final List<String> lines = new ArrayList<>();
        final List<RejectReason> rejections = new ArrayList<>();
        final List<String> assessed = new ArrayList<>();

        static String blocks(final SerialRanges serials)
        {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < serials.rangeCount(); i++)
            {
                text.append(0 == i ? "" : ",").append(serials.rangeStart(i)).append("..").append(serials.rangeEnd(i));
            }
            return text.toString();
        }

        String last()
        {
            return lines.get(lines.size() - 1);
        }

        @Override
        public void rejected(final long accountId, final int instrumentId, final RejectReason reason)
        {
            rejections.add(reason);
            lines.add("rejected " + accountId + " " + instrumentId + " " + reason);
        }

        @Override
        public void yearOpened(final int year, final long deadline)
        {
            lines.add("opened " + year + " " + deadline);
        }

        @Override
        public void allowancesAllocated(
            final int year,
            final long accountId,
            final int instrumentId,
            final long requested,
            final long deducted,
            final long issued,
            final SerialRanges serials,
            final long deductionOutstanding)
        {
            lines.add("allocated " + year + " " + accountId + " " + instrumentId + " requested " + requested +
                " deducted " + deducted + " issued " + issued + " serials " + blocks(serials) +
                " outstanding " + deductionOutstanding);
        }

        @Override
        public void emissionsRecorded(
            final int year,
            final long accountId,
            final long emissions,
            final long carriedForward,
            final long obligation,
            final long offsetCap)
        {
            lines.add("emissions " + year + " " + accountId + " " + emissions + " carried " + carriedForward +
                " obligation " + obligation + " cap " + offsetCap);
        }

        @Override
        public void unitsSurrendered(
            final int year,
            final long accountId,
            final int brokerId,
            final int instrumentId,
            final InstrumentKind kind,
            final long quantity,
            final boolean late,
            final SerialRanges serials,
            final EnterpriseRecord record)
        {
            lines.add("surrendered " + year + " " + accountId + " broker " + brokerId + " " + instrumentId + " " +
                kind + " " + quantity + " late " + late + " allowances " + record.allowancesSurrendered() +
                " offsets " + record.offsetsSurrendered() + " remaining " + record.remainingObligation());
        }

        @Override
        public void assessed(final int year, final EnterpriseRecord record)
        {
            final String row = row(record.accountId(), record.emissions(), record.allowancesSurrendered(),
                record.offsetsSurrendered(), record.shortfall(), record.status(), record.penalty(),
                record.referencePrice(), record.nextYearDeduction(), record.nextYearCarryForward());
            assessed.add(row);
            lines.add("assessed " + year + " " + row);
        }

        @Override
        public void yearClosed(
            final int year, final int enterprises, final long totalShortfall, final long totalPenalty,
            final long referencePrice)
        {
            lines.add("closed " + year + " enterprises " + enterprises + " shortfall " + totalShortfall +
                " penalty " + totalPenalty + " reference " + referencePrice);
        }
        @Override
        public void emissionsCorrected(final int year, final EnterpriseRecord record, final long previousEmissions,
            final long offsetCap, final String reason)
        {
            lines.add("corrected " + year + " " + record.accountId() + " " + previousEmissions + " -> " +
                record.emissions() + " obligation " + record.obligation() + " cap " + offsetCap + " #" +
                record.corrections() + " " + reason);
        }

        @Override
        public void penaltyMultipleSet(final int year, final long accountId, final long multiple, final String reason)
        {
            lines.add("multiple " + year + " " + accountId + " " + multiple + " " + reason);
        }

        @Override
        public void fineDue(final int year, final EnterpriseRecord record)
        {
            lines.add("fine due " + year + " " + record.accountId() + " " + record.penalty() + " by " +
                record.fineDue());
        }

        @Override
        public void fineSettled(final int year, final EnterpriseRecord record)
        {
            lines.add("fine " + record.fineStatus() + " " + year + " " + record.accountId() + " " +
                record.fineReference());
        }

        @Override
        public void assessmentReopened(final int year, final long accountId, final ComplianceStatus previousStatus,
            final long previousPenalty, final String reason)
        {
            lines.add("reopened " + year + " " + accountId + " " + previousStatus + " " + previousPenalty + " " +
                reason);
        }
    }
}
