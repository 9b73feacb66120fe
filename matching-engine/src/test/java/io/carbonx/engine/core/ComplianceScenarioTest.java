package io.carbonx.engine.core;


import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.clearing.compliance.PenaltyRules;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.protocol.StateHash;
import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceStatus;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryOperationType;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.HoldingLimits;
import io.carbonx.registry.RegistryAudit;
import io.carbonx.registry.RegistryView;
import io.carbonx.registry.RemovalRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static io.carbonx.engine.core.ComplianceMarket.BROKER;
import static io.carbonx.engine.core.ComplianceMarket.CCER;
import static io.carbonx.engine.core.ComplianceMarket.CEA_2024;
import static io.carbonx.engine.core.ComplianceMarket.CEA_2025;
import static io.carbonx.engine.core.ComplianceMarket.CEA_2026;
import static io.carbonx.engine.core.ComplianceMarket.DEADLINE_2025;
import static io.carbonx.engine.core.ComplianceMarket.DEADLINE_2026;
import static io.carbonx.engine.core.ComplianceMarket.ENTERPRISE_A;
import static io.carbonx.engine.core.ComplianceMarket.ENTERPRISE_B;
import static io.carbonx.engine.core.ComplianceMarket.ENTERPRISE_C;
import static io.carbonx.engine.core.ComplianceMarket.OWNER;
import static io.carbonx.engine.core.ComplianceMarket.SINK;
import static io.carbonx.engine.core.ComplianceMarket.TRADER;
import static io.carbonx.engine.core.ComplianceMarket.allocated;
import static io.carbonx.engine.core.ComplianceMarket.assessed;
import static io.carbonx.engine.core.ComplianceMarket.closed;
import static io.carbonx.engine.core.ComplianceMarket.emissionsRecorded;
import static io.carbonx.engine.core.ComplianceMarket.surrendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compliance cycles through the state machine: every rejection, the offset cap, a year closed with complete, late and
 * incomplete enterprises under each preset, the next-year effects, conservation, and snapshot determinism.
 */
class ComplianceScenarioTest
{
    private static final ComplianceRules CHINA = SchemePreset.CHINA_NATIONAL.rules();
    private static final ComplianceRules EU = SchemePreset.EU_ETS.rules();
    private static final ComplianceRules CALIFORNIA = SchemePreset.CALIFORNIA.rules();

    // ------------------------------------------------------------------------------------------------ rejections

    @Test
    void everyComplianceRejectionIsTypedAndChangesNothing()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        market.openYear(2025, DEADLINE_2025);
        market.emissions(2025, ENTERPRISE_A, 1_000);

        assertRejected(market, RejectReason.INVALID_FIELD_VALUE, () -> market.openYear(0, DEADLINE_2025));
        assertRejected(market, RejectReason.INVALID_FIELD_VALUE, () -> market.openYear(2027, 0));
        assertRejected(market, RejectReason.DUPLICATE_ID, () -> market.openYear(2025, DEADLINE_2025));
        assertRejected(market, RejectReason.UNKNOWN_COMPLIANCE_YEAR, () ->
            market.surrender(2030, ENTERPRISE_A, CEA_2025, 1));
        assertRejected(market, RejectReason.UNKNOWN_COMPLIANCE_YEAR, () -> market.emissions(2030, ENTERPRISE_A, 1));
        assertRejected(market, RejectReason.UNKNOWN_COMPLIANCE_YEAR, () ->
            market.allocate(2030, ENTERPRISE_A, CEA_2025, 1));
        assertRejected(market, RejectReason.UNKNOWN_COMPLIANCE_YEAR, () -> market.close(2030));
        assertRejected(market, RejectReason.INVALID_AMOUNT, () -> market.surrender(2025, ENTERPRISE_A, CEA_2024, 0));
        assertRejected(market, RejectReason.INVALID_AMOUNT, () -> market.allocate(2025, ENTERPRISE_A, CEA_2025, -5));
        assertRejected(market, RejectReason.INVALID_AMOUNT, () -> market.emissions(2025, ENTERPRISE_B, -1));
        assertRejected(market, RejectReason.UNKNOWN_INSTRUMENT, () -> market.surrender(2025, ENTERPRISE_A, 15, 1));
        assertRejected(market, RejectReason.UNKNOWN_INSTRUMENT, () -> market.allocate(2025, ENTERPRISE_A, 99, 1));
        assertRejected(market, RejectReason.UNKNOWN_ACCOUNT, () -> market.surrender(2025, 4242, CEA_2024, 1));
        assertRejected(market, RejectReason.UNKNOWN_ACCOUNT, () -> market.allocate(2025, 4242, CEA_2025, 1));
        assertRejected(market, RejectReason.ACCOUNT_NOT_PERMITTED,
            () -> market.surrender(2025, ENTERPRISE_A, BROKER + 1, CEA_2024, 1));
        assertRejected(market, RejectReason.NOT_COVERED_ENTERPRISE, () -> market.surrender(2025, TRADER, CEA_2025, 1));
        assertRejected(market, RejectReason.NOT_COVERED_ENTERPRISE, () -> market.emissions(2025, OWNER, 10));
        assertRejected(market, RejectReason.NOT_COVERED_ENTERPRISE, () -> market.allocate(2025, TRADER, CEA_2025, 10));
        assertRejected(market, RejectReason.NO_EMISSIONS_RECORDED, () ->
            market.surrender(2025, ENTERPRISE_B, CEA_2024, 1));
        assertRejected(market, RejectReason.INSTRUMENT_NOT_ELIGIBLE,
            () -> market.surrender(2025, ENTERPRISE_A, CEA_2026, 1), "borrowing a later vintage");
        assertRejected(market, RejectReason.INSTRUMENT_NOT_ELIGIBLE, () ->
            market.allocate(2025, ENTERPRISE_A, CCER, 1));
        assertRejected(market, RejectReason.SURRENDER_EXCEEDS_OBLIGATION,
            () -> market.surrender(2025, ENTERPRISE_A, CEA_2024, 1_001));
        assertRejected(market, RejectReason.OFFSET_CAP_EXCEEDED, () -> market.surrender(2025, ENTERPRISE_A, CCER, 51));
        assertRejected(market, RejectReason.INSUFFICIENT_UNITS, () ->
            market.surrender(2025, ENTERPRISE_A, CEA_2024, 301));
        assertRejected(market, RejectReason.EMISSIONS_ALREADY_RECORDED, () -> market.emissions(2025, ENTERPRISE_A, 5));
        assertRejected(market, RejectReason.DEADLINE_NOT_REACHED, () -> market.close(2025));

        market.openYear(2026, DEADLINE_2026);
        market.at("2027-01-05T00:00:00Z");
        assertRejected(market, RejectReason.EARLIER_YEAR_OPEN, () -> market.close(2026));
        assertEquals(1, closedCount(market.close(2025)));
        assertRejected(market, RejectReason.COMPLIANCE_YEAR_CLOSED, () ->
            market.surrender(2025, ENTERPRISE_A, CEA_2024, 1));
        assertRejected(market, RejectReason.COMPLIANCE_YEAR_CLOSED, () -> market.close(2025));
        assertRejected(market, RejectReason.COMPLIANCE_YEAR_CLOSED, () -> market.emissions(2025, ENTERPRISE_B, 1));
        assertEquals(1, closedCount(market.close(2026)));
        assertRejected(market, RejectReason.COMPLIANCE_YEAR_CLOSED, () -> market.openYear(2024, DEADLINE_2025),
            "a later year is closed and could not take what 2024 carries forward");
    }

    @Test
    void euRulesRefuseOffsetsAndSinkCredits()
    {
        final ComplianceMarket market = new ComplianceMarket(EU);
        market.openYear(2025, DEADLINE_2025);
        final EmissionsRecordedDecoder recorded = emissionsRecorded(market.emissions(2025, ENTERPRISE_A, 1_000)).get(0);
        assertEquals(0, recorded.offsetCap());
        assertRejected(market, RejectReason.INSTRUMENT_NOT_ELIGIBLE, () ->
            market.surrender(2025, ENTERPRISE_A, CCER, 1));
        assertRejected(market, RejectReason.INSTRUMENT_NOT_ELIGIBLE, () ->
            market.surrender(2025, ENTERPRISE_A, SINK, 1));
        assertEquals(1, surrendered(market.surrender(2025, ENTERPRISE_A, CEA_2024, 1)).size(), "banking is allowed");
    }

    // ------------------------------------------------------------------------------------------------ surrender

    @Test
    void offsetsAndSinkCreditsCountUpToTheCapAndNotOneTonneMore()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        market.openYear(2025, DEADLINE_2025);
        final EmissionsRecordedDecoder recorded = emissionsRecorded(market.emissions(2025, ENTERPRISE_A, 1_000)).get(0);
        assertEquals(1_000, recorded.obligation());
        assertEquals(50, recorded.offsetCap(), "5% of 1,000 t");

        final UnitsSurrenderedDecoder offsets = surrendered(market.surrender(2025, ENTERPRISE_A, CCER, 30)).get(0);
        assertEquals(InstrumentKind.OFFSET, offsets.kind());
        assertEquals(30, offsets.offsetsSurrendered());
        assertEquals(970, offsets.remainingObligation());
        final UnitsSurrenderedDecoder atCap = surrendered(market.surrender(2025, ENTERPRISE_A, SINK, 20)).get(0);
        assertEquals(InstrumentKind.SINK, atCap.kind());
        assertEquals(50, atCap.offsetsSurrendered(), "exactly at the cap");

        assertRejected(market, RejectReason.OFFSET_CAP_EXCEEDED, () -> market.surrender(2025, ENTERPRISE_A, CCER, 1));
        assertRejected(market, RejectReason.OFFSET_CAP_EXCEEDED, () -> market.surrender(2025, ENTERPRISE_A, SINK, 1));

        final UnitsSurrenderedDecoder allowances = surrendered(market.surrender(2025, ENTERPRISE_A, CEA_2024, 300))
            .get(0);
        assertEquals(InstrumentKind.ALLOWANCE, allowances.kind());
        assertEquals(300, allowances.allowancesSurrendered());
        assertEquals(650, allowances.remainingObligation());
    }

    @Test
    void aBrokerSurrendersForItsLinkedEnterpriseWithTheSerialsTakenOutOfCirculation()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        market.openYear(2025, DEADLINE_2025);
        market.emissions(2025, ENTERPRISE_A, 1_000);
        final RegistryView registry = market.exchange.machine().registry();
        final long outstandingBefore = registry.outstanding(CEA_2024);

        final CapturedEvents events = market.surrender(2025, ENTERPRISE_A, BROKER, CEA_2024, 120);
        final UnitsSurrenderedDecoder event = surrendered(events).get(0);

        assertEquals(BROKER, event.brokerId());
        assertEquals(BooleanType.FALSE, event.late());
        assertEquals("1-120", events.movements().get(0).blockText(), "A received CEA-2024 serials 1..300 first");
        assertEquals(RegistryOperationType.SURRENDER, events.movements().get(0).operation());
        assertEquals(2025, events.movements().get(0).referenceId());
        assertEquals(120, registry.surrendered(CEA_2024));
        assertEquals(outstandingBefore - 120, registry.outstanding(CEA_2024));
        final RemovalRecord removal = registry.removals().get(registry.removals().size() - 1);
        assertEquals(RemovalRecord.Kind.SURRENDER, removal.kind());
        assertEquals(ENTERPRISE_A, removal.accountId());
        assertEquals(180, registry.holding(ENTERPRISE_A, CEA_2024).total());
        assertTrue(RegistryAudit.findViolations(registry).isEmpty(), RegistryAudit.findViolations(registry).toString());
    }

    // ------------------------------------------------------------------------------------------------ close

    @Test
    void chinaCloseAssessesCompleteLateAndIncompleteWithAFineOnLastMonthsAveragePriceAndDeductsNextYear()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        final RegistryView registry = market.exchange.machine().registry();
        market.openYear(2025, DEADLINE_2025);
        market.allocate(2025, ENTERPRISE_A, CEA_2025, 950);
        market.allocate(2025, ENTERPRISE_B, CEA_2025, 500);
        market.allocate(2025, ENTERPRISE_C, CEA_2025, 100);
        market.emissions(2025, ENTERPRISE_A, 1_000);
        market.emissions(2025, ENTERPRISE_B, 500);
        market.emissions(2025, ENTERPRISE_C, 400);
        tradeNovemberAndDecember(market);

        market.at("2025-12-20T00:00:00Z");
        market.surrender(2025, ENTERPRISE_A, CEA_2025, 950);
        market.surrender(2025, ENTERPRISE_A, CCER, 50);
        market.surrender(2025, ENTERPRISE_B, CEA_2025, 200);
        market.surrender(2025, ENTERPRISE_C, CEA_2025, 100);
        market.at("2026-01-10T00:00:00Z");
        final UnitsSurrenderedDecoder late = surrendered(market.surrender(2025, ENTERPRISE_B, CEA_2024, 300)).get(0);
        assertEquals(BooleanType.TRUE, late.late());
        final long cashBefore = registry.cashDeposited() - registry.cashWithdrawn();

        final CapturedEvents close = market.close(2025);

        final List<ComplianceAssessedDecoder> rows = assessed(close);
        assertEquals(3, rows.size());
        assertRow(rows.get(0), ENTERPRISE_A, 1_000, 950, 50, 0, ComplianceStatus.COMPLETE, 0);
        assertRow(rows.get(1), ENTERPRISE_B, 500, 500, 0, 0, ComplianceStatus.LATE, 0);
        assertEquals(300, rows.get(1).surrenderedLate());
        // (90.00 x 100 + 84.00 x 50) / 150 = 88.00: November only; December's 95.00 trade does not count
        assertRow(rows.get(2), ENTERPRISE_C, 400, 100, 0, 300, ComplianceStatus.INCOMPLETE, 300L * 5 * 88_00);
        assertEquals(88_00, rows.get(2).referencePrice());
        assertEquals(300, rows.get(2).nextYearDeduction());
        assertEquals(0, rows.get(2).nextYearCarryForward());
        final ComplianceYearClosedDecoder closed = closed(close);
        assertEquals(3, closed.enterprises());
        assertEquals(300, closed.totalShortfall());
        assertEquals(300L * 5 * 88_00, closed.totalPenalty());
        assertEquals(88_00, closed.referencePrice());
        assertEquals(cashBefore, registry.cashDeposited() - registry.cashWithdrawn(),
            "fines are not collected in cash");

        // next year's allocation is reduced by the shortfall, first allocations first
        market.openYear(2026, DEADLINE_2026);
        final CapturedEvents firstEvents = market.allocate(2026, ENTERPRISE_C, CEA_2026, 200);
        final AllowancesAllocatedDecoder first = allocated(firstEvents).get(0);
        assertEquals(200, first.requestedQuantity());
        assertEquals(200, first.deductedQuantity());
        assertEquals(0, first.quantity());
        assertEquals(List.of(), firstEvents.movements(), "nothing issued, no serial blocks");
        assertEquals(100, first.deductionOutstanding());
        final long issuedBefore = registry.issued(CEA_2026);
        final CapturedEvents secondEvents = market.allocate(2026, ENTERPRISE_C, CEA_2026, 1_000);
        final AllowancesAllocatedDecoder second = allocated(secondEvents).get(0);
        assertEquals(100, second.deductedQuantity());
        assertEquals(900, second.quantity());
        assertEquals((issuedBefore + 1) + "-" + (issuedBefore + 900), secondEvents.movements().get(0).blockText());
        assertEquals(RegistryOperationType.ALLOCATE, secondEvents.movements().get(0).operation());
        assertEquals(0, second.deductionOutstanding());
        final AllowancesAllocatedDecoder other = allocated(market.allocate(2026, ENTERPRISE_A, CEA_2026, 1_000)).get(0);
        assertEquals(0, other.deductedQuantity(), "a compliant enterprise gets its whole allocation");
        assertConserved(registry);
    }

    @Test
    void chinaFineFollowsTheConfiguredMultipleAndFallsBackToListedPricesWithoutTrades()
    {
        final ComplianceRules tenTimes = new ComplianceRules(CHINA.currency(), CHINA.offsetCapBps(),
            CHINA.offsetCapBpsFrom(), true, true, true, false, CHINA.penalty().withPriceMultiple(10));
        final ComplianceMarket market = new ComplianceMarket(tenTimes);
        market.openYear(2025, DEADLINE_2025);
        market.emissions(2025, ENTERPRISE_C, 100);
        market.at("2026-01-01T00:00:00Z");

        final ComplianceAssessedDecoder row = assessed(market.close(2025)).get(0);

        // no allowance traded: the mean of the listed allowances' previous closes (88.00, 90.00, 92.00)
        assertEquals(90_00, row.referencePrice());
        assertEquals(100L * 10 * 90_00, row.penalty());
    }

    @Test
    void euCloseFinesPerTonneIndexedAndCarriesTheShortfallIntoNextYearsObligation()
    {
        final ComplianceRules indexed = new ComplianceRules(EU.currency(), EU.offsetCapBps(), EU.offsetCapBpsFrom(),
            false, false, true, false, new PenaltyRules(0, 0, 0, 100_00, new TreeMap<>(Map.of(2025, 12_000)), 0, 1));
        final ComplianceMarket market = new ComplianceMarket(indexed);
        market.openYear(2025, DEADLINE_2025);
        market.emissions(2025, ENTERPRISE_A, 300);
        market.emissions(2025, ENTERPRISE_C, 400);
        market.surrender(2025, ENTERPRISE_A, CEA_2024, 300);
        market.surrender(2025, ENTERPRISE_C, CEA_2024, 100);
        market.at("2026-01-01T00:00:00Z");

        final CapturedEvents close = market.close(2025);

        final List<ComplianceAssessedDecoder> rows = assessed(close);
        assertRow(rows.get(0), ENTERPRISE_A, 300, 300, 0, 0, ComplianceStatus.COMPLETE, 0);
        assertRow(rows.get(1), ENTERPRISE_C, 400, 100, 0, 300, ComplianceStatus.INCOMPLETE, 300L * 120_00);
        assertEquals(0, rows.get(1).referencePrice());
        assertEquals(300, rows.get(1).nextYearCarryForward());
        assertEquals(0, rows.get(1).nextYearDeduction());

        market.openYear(2026, DEADLINE_2026);
        final EmissionsRecordedDecoder next = emissionsRecorded(market.emissions(2026, ENTERPRISE_C, 50)).get(0);
        assertEquals(300, next.carriedForward());
        assertEquals(350, next.obligation());
        assertEquals(0, allocated(market.allocate(2026, ENTERPRISE_C, CEA_2026, 10)).get(0).deductedQuantity());
        market.surrender(2026, ENTERPRISE_C, CEA_2024, 200);
        market.at("2027-01-01T00:00:00Z");
        final ComplianceAssessedDecoder nextRow = assessed(market.close(2026)).get(0);
        assertEquals(350, nextRow.obligation());
        assertEquals(150, nextRow.shortfall());
        assertEquals(150L * 100_00, nextRow.penalty(), "no index for 2026: EUR 100.00 per tonne");
        assertConserved(market.exchange.machine().registry());
    }

    @Test
    void californiaTurnsTheUntimelyPortionIntoAFourfoldObligationAndRaisesTheCapIn2026()
    {
        final ComplianceMarket market = new ComplianceMarket(CALIFORNIA);
        market.openYear(2025, DEADLINE_2025);
        assertEquals(40, emissionsRecorded(market.emissions(2025, ENTERPRISE_C, 1_000)).get(0).offsetCap(), "4%");
        market.surrender(2025, ENTERPRISE_C, CCER, 40);
        assertRejected(market, RejectReason.OFFSET_CAP_EXCEEDED, () -> market.surrender(2025, ENTERPRISE_C, SINK, 1));
        market.surrender(2025, ENTERPRISE_C, CEA_2024, 260);
        market.at("2026-01-01T00:00:00Z");

        final ComplianceAssessedDecoder row = assessed(market.close(2025)).get(0);

        assertRow(row, ENTERPRISE_C, 1_000, 260, 40, 700, ComplianceStatus.INCOMPLETE, 0);
        assertEquals(2_800, row.nextYearCarryForward(), "4 x 700");
        market.openYear(2026, DEADLINE_2026);
        final EmissionsRecordedDecoder next = emissionsRecorded(market.emissions(2026, ENTERPRISE_C, 1_000)).get(0);
        assertEquals(2_800, next.carriedForward());
        assertEquals(3_800, next.obligation());
        assertEquals(60 + 700, next.offsetCap(), "6% of 2026's emissions, plus a quarter of the carried 2800 t");
    }

    @Test
    void anEnterpriseWithACarriedObligationButNoNewEmissionsIsStillAssessed()
    {
        // the EU preset refuses to close a year without its configured index: these rules need none
        final ComplianceMarket market = new ComplianceMarket(new ComplianceRules(EU.currency(), EU.offsetCapBps(),
            EU.offsetCapBpsFrom(), false, false, true, false, EU.penalty()));
        market.openYear(2025, DEADLINE_2025);
        market.emissions(2025, ENTERPRISE_B, 10);
        market.at("2026-01-01T00:00:00Z");
        market.close(2025);
        market.openYear(2026, DEADLINE_2026);
        market.at("2027-01-01T00:00:00Z");

        final ComplianceAssessedDecoder row = assessed(market.close(2026)).get(0);

        assertEquals(ENTERPRISE_B, row.accountId());
        assertEquals(0, row.emissions());
        assertEquals(10, row.carriedForward());
        assertEquals(10, row.shortfall());
        assertEquals(ComplianceStatus.INCOMPLETE, row.status());
    }

    // ------------------------------------------------------------------------------------------------ retirement

    @Test
    void voluntaryRetirementWorksForEveryUnitKindWithBeneficiaryAndReason()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        final RegistryView registry = market.exchange.machine().registry();
        for (final int instrument : new int[]{CEA_2024, CCER, SINK})
        {
            final CapturedEvents retired = market.exchange.retire(ENTERPRISE_A, instrument, 10);
            final RegistryChangedDecoder change = retired.registryChanges().get(0);
            assertEquals(instrument, change.instrumentId());
            assertEquals(10, change.quantity());
            assertEquals(10, retired.movements().get(0).units());
            final RemovalRecord removal = registry.removals().get(registry.removals().size() - 1);
            assertEquals(RemovalRecord.Kind.RETIREMENT, removal.kind());
            assertEquals("Green Steel Co.", removal.beneficiary());
            assertEquals("2025 carbon neutrality claim", removal.reason());
            assertEquals(10, registry.retired(instrument));
        }
        assertConserved(registry);
    }

    // ------------------------------------------------------------------------------------------------ determinism

    @Test
    void aSnapshotWithComplianceStateReplaysToTheSameEventsAndStateHash() throws IOException
    {
        final ComplianceMarket original = new ComplianceMarket(CHINA);
        original.openYear(2025, DEADLINE_2025);
        original.allocate(2025, ENTERPRISE_C, CEA_2025, 100);
        original.emissions(2025, ENTERPRISE_A, 1_000);
        original.emissions(2025, ENTERPRISE_C, 400);
        tradeNovemberAndDecember(original);
        original.at("2025-12-20T00:00:00Z");
        original.surrender(2025, ENTERPRISE_A, CCER, 50);
        original.surrender(2025, ENTERPRISE_C, CEA_2025, 100);

        final ExchangeStateMachine machine = original.exchange.machine();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        machine.writeSnapshot(new DataOutputStream(bytes));
        final ExchangeStateMachine restored =
            new ExchangeStateMachine(TestSettings.settings(HoldingLimits.unlimited(), CHINA));
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(machine.stateHash(), restored.stateHash());

        final CapturedEvents restoredEvents = new CapturedEvents();
        for (final IntSupplier encode : tail(original))
        {
            final int length = encode.getAsInt();
            final long sequence = machine.lastAppliedSequence() + 1;
            final CapturedEvents originalEvents = original.exchange.apply(length);
            final int before = restoredEvents.size();
            restored.apply(sequence, original.exchange.buffer(), 0, length, restoredEvents);
            assertTrue(originalEvents.sameAs(restoredEvents.since(before)), "events differ after the snapshot");
        }
        assertEquals(machine.stateHash(), restored.stateHash());
        assertEquals(1, assessed(restoredEvents).stream().filter(row -> row.penalty() == 300L * 5 * 88_00).count(),
            "the restored machine kept November's prices");
    }

    @Test
    void theStateHashSeesComplianceChanges()
    {
        final ComplianceMarket market = new ComplianceMarket(CHINA);
        market.openYear(2025, DEADLINE_2025);
        final long before = market.exchange.machine().stateHash();
        market.emissions(2025, ENTERPRISE_A, 1);
        assertNotEquals(before, market.exchange.machine().stateHash());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Commands after the snapshot, each encoding into the market's buffer and returning its length: a surrender, the
     * close (which needs November's prices), the next year and a reduced allocation.
     */
    private static List<IntSupplier> tail(final ComplianceMarket market)
    {
        final TestExchange exchange = market.exchange;
        return List.of(
            () -> exchange.writer().envelope(exchange.time(), 3, 0)
                .surrenderUnits(exchange.buffer(), 0, 2025, ENTERPRISE_A, 0, CEA_2024, 300),
            () -> exchange.writer().envelope(market.at("2026-01-02T00:00:00Z").exchange.time(), 3, 0)
                .closeComplianceYear(exchange.buffer(), 0, 2025),
            () -> exchange.writer().envelope(exchange.time(), 3, 0)
                .openComplianceYear(exchange.buffer(), 0, 2026, DEADLINE_2026),
            () -> exchange.writer().envelope(exchange.time(), 3, 0)
                .allocateAllowances(exchange.buffer(), 0, 2026, ENTERPRISE_C, CEA_2026, 500));
    }

    /**
     * November: CEA-2025 100 t at 90.00 and CEA-2024 50 t at 84.00, average 88.00; December: CEA-2025 at 95.00.
     */
    private static void tradeNovemberAndDecember(final ComplianceMarket market)
    {
        market.at("2025-11-14T02:00:00Z");
        assertEquals(1, market.trade(9_001, CEA_2025, 100, 90_00).trades().size());
        assertEquals(1, market.trade(9_003, CEA_2024, 50, 84_00).trades().size());
        market.exchange.endOfDay(20251114);
        market.at("2025-12-10T02:00:00Z");
        assertEquals(1, market.trade(9_005, CEA_2025, 100, 95_00).trades().size());
        market.exchange.endOfDay(20251210);
    }

    private static void assertRow(
        final ComplianceAssessedDecoder row,
        final long account,
        final long obligation,
        final long allowances,
        final long offsets,
        final long shortfall,
        final ComplianceStatus status,
        final long penalty)
    {
        assertEquals(account, row.accountId());
        assertEquals(obligation, row.obligation());
        assertEquals(allowances, row.allowancesSurrendered());
        assertEquals(offsets, row.offsetsSurrendered());
        assertEquals(shortfall, row.shortfall());
        assertEquals(status, row.status());
        assertEquals(penalty, row.penalty());
    }

    private static void assertConserved(final RegistryView registry)
    {
        assertTrue(RegistryAudit.findViolations(registry).isEmpty(), RegistryAudit.findViolations(registry).toString());
        for (int id = CEA_2024; id <= CEA_2026; id++)
        {
            long held = 0;
            for (final Account account : registry.accounts())
            {
                final Holding holding = account.holding(id);
                held += holding == null ? 0 : holding.total();
            }
            assertEquals(registry.issued(id) - registry.retired(id) - registry.surrendered(id) - registry.cancelled(id),
                held);
        }
    }

    private static int closedCount(final CapturedEvents events)
    {
        return closed(events) == null ? 0 : 1;
    }

    private static void assertRejected(
        final ComplianceMarket market, final RejectReason reason, final Supplier<CapturedEvents> command)
    {
        assertRejected(market, reason, command, reason.name());
    }

    private static void assertRejected(
        final ComplianceMarket market, final RejectReason reason, final Supplier<CapturedEvents> command,
        final String why)
    {
        final long before = businessState(market);
        final CapturedEvents events = command.get();
        final List<CommandRejectedDecoder> rejected = events.rejected();
        assertEquals(1, events.size(), why + ": exactly one event");
        assertEquals(1, rejected.size(), why);
        assertEquals(reason, rejected.get(0).reason(), why);
        assertEquals(CommandKind.COMPLIANCE, rejected.get(0).commandKind(), why);
        assertEquals(before, businessState(market), why + ": registry and compliance state unchanged");
    }

    /**
     * The registry's and the compliance desk's hashes: a rejected command still moves the machine's sequence, which its
     * whole-state hash covers.
     */
    private static long businessState(final ComplianceMarket market)
    {
        final ExchangeStateMachine machine = market.exchange.machine();
        return StateHash.mix(machine.registry().stateHash(), machine.compliance().stateHash());
    }
}
