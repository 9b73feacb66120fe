package io.carbonx.clearing.compliance;

import io.carbonx.protocol.sbe.InstrumentKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eligibility, offset caps and penalty arithmetic of the rules and presets, and the monthly allowance prices.
 */
class ComplianceRulesTest
{
    private static final ComplianceRules CHINA = SchemePreset.CHINA_NATIONAL.rules();

    @Test
    void allowancesMayBeBankedButNotBorrowed()
    {
        assertTrue(CHINA.isEligible(InstrumentKind.ALLOWANCE, 2025, 2025));
        assertTrue(CHINA.isEligible(InstrumentKind.ALLOWANCE, 2019, 2025));
        assertFalse(CHINA.isEligible(InstrumentKind.ALLOWANCE, 2026, 2025));

        final ComplianceRules noBanking = new ComplianceRules("CNY", 500, new TreeMap<>(), true, true, false, true,
            CHINA.penalty());
        assertFalse(noBanking.isEligible(InstrumentKind.ALLOWANCE, 2024, 2025));
        assertTrue(noBanking.isEligible(InstrumentKind.ALLOWANCE, 2026, 2025));
    }

    @Test
    void offsetsAndSinksCountOnlyWhereTheSchemeSaysSo()
    {
        assertTrue(CHINA.isEligible(InstrumentKind.OFFSET, 0, 2025));
        assertTrue(CHINA.isEligible(InstrumentKind.SINK, 0, 2025));
        assertFalse(SchemePreset.EU_ETS.rules().isEligible(InstrumentKind.OFFSET, 0, 2025));
        assertFalse(SchemePreset.EU_ETS.rules().isEligible(InstrumentKind.SINK, 0, 2025));
        assertTrue(ComplianceRules.isOffset(InstrumentKind.SINK));
        assertFalse(ComplianceRules.isOffset(InstrumentKind.ALLOWANCE));
    }

    @Test
    void carbonInclusionCreditsCountInsideTheCapOnlyWhenTheSchemeSaysSo()
    {
        for (final SchemePreset preset : SchemePreset.values())
        {
            assertFalse(preset.rules().isEligible(InstrumentKind.CARBON_INCLUSION, 0, 2025),
                preset + ": voluntary retirement only");
            assertEquals(UnitRules.NONE, preset.rules().units());
        }
        final ComplianceRules pilot = new ComplianceRules("CNY", 1_000, new TreeMap<>(), true, true, true, false,
            CHINA.penalty(), CHINA.assessment(), new UnitRules(true, 0, 0));
        assertTrue(pilot.isEligible(InstrumentKind.CARBON_INCLUSION, 0, 2025));
        assertTrue(ComplianceRules.isOffset(InstrumentKind.CARBON_INCLUSION), "inside the offset cap");
    }

    @Test
    void unitRulesAdmitOnlyAttributedUnitsThatMeetThem()
    {
        assertFalse(UnitRules.NONE.checksUnits());
        assertTrue(UnitRules.NONE.admits(false, 0, 0, 0, 0, 0));
        final UnitRules fromDate = new UnitRules(false, 20240122, 0);
        assertTrue(fromDate.checksUnits());
        assertTrue(fromDate.admits(true, 1, 5, 2024, 20240122, 0), "on the date itself");
        assertFalse(fromDate.admits(true, 1, 5, 2024, 20240121, 0));
        assertFalse(fromDate.admits(false, 0, 0, 0, 0, 0), "no registration date to show");
        final UnitRules corsia = new UnitRules(false, 0, 4);
        assertTrue(corsia.admits(true, 1, 5, 2024, 20200101, 5));
        assertFalse(corsia.admits(true, 1, 5, 2024, 20200101, 3));
        assertThrows(IllegalArgumentException.class, () -> new UnitRules(false, 20240230, 0));
        assertThrows(IllegalArgumentException.class, () -> new UnitRules(false, 0, 8));
    }

    @Test
    void theOffsetCapIsAShareOfEmissionsRoundedDownAndMayStepUpByYear()
    {
        assertEquals(50, CHINA.offsetCap(2025, 1_000));
        assertEquals(49, CHINA.offsetCap(2025, 999), "4.95 t rounds down");
        final ComplianceRules california = SchemePreset.CALIFORNIA.rules();
        assertEquals(40, california.offsetCap(2025, 1_000));
        assertEquals(60, california.offsetCap(2026, 1_000));
        assertEquals(60, california.offsetCap(2040, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new ComplianceRules("X", 10_001, new TreeMap<>(),
            true, true, true, false, CHINA.penalty()));
    }

    @Test
    void penaltiesOfEachPreset()
    {
        assertEquals(300L * 5 * 88_00, CHINA.penalty().fine(300, 88_00, 2025));
        assertEquals(300, CHINA.penalty().nextYearDeduction(300));
        assertEquals(0, CHINA.penalty().carryForward(300));
        assertEquals(300L * 10 * 88_00, CHINA.penalty().withPriceMultiple(10).fine(300, 88_00, 2025));
        assertThrows(IllegalArgumentException.class, () -> CHINA.penalty().withPriceMultiple(11));
        assertThrows(IllegalArgumentException.class, () -> CHINA.penalty().withPriceMultiple(4));

        final PenaltyRules eu = SchemePreset.EU_ETS.rules().penalty();
        assertEquals(300L * 100_00, eu.fine(300, 88_00, 2025));
        assertEquals(300, eu.carryForward(300));
        final PenaltyRules indexed = new PenaltyRules(0, 0, 0, 100_00, new TreeMap<>(Map.of(2025, 12_345)), 0, 1);
        assertEquals(2L * 123_45, indexed.fine(2, 0, 2025));
        assertEquals(2L * 100_00, indexed.fine(2, 0, 2024));

        final PenaltyRules california = SchemePreset.CALIFORNIA.rules().penalty();
        assertEquals(0, california.fine(300, 88_00, 2025));
        assertEquals(1_200, california.carryForward(300));
        assertEquals(0, CHINA.penalty().fine(0, 88_00, 2025));
    }

    @Test
    void finesSaturateRatherThanOverflow()
    {
        assertEquals(Long.MAX_VALUE, CHINA.penalty().fine(Long.MAX_VALUE / 2, 88_00, 2025));
        assertEquals(Long.MAX_VALUE, PenaltyRules.saturatingMultiply(Long.MAX_VALUE, 2));
        assertEquals(6, PenaltyRules.saturatingMultiply(2, 3));
    }
}
