package io.carbonx.server.config;

import io.carbonx.clearing.compliance.ComplianceRules;
import io.carbonx.clearing.compliance.SchemePreset;
import io.carbonx.clearing.compliance.UnitRules;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.registry.UnitLabel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scheme.preset} and {@code scheme.compliance}: presets, overrides, and bad values named by their key path.
 */
class ComplianceConfigTest
{
    private static final String DEFAULT_COMPLIANCE = """
          preset: CHINA_NATIONAL    # compliance rules: CHINA_NATIONAL, EU_ETS or CALIFORNIA
          compliance:               # overrides of the preset; leave a key out to keep the preset's value
            penaltyPriceMultiple: 5 # China: fine = 5..10 x last month's average allowance price x shortfall
        """;

    @Test
    void theEmbeddedDefaultRunsTheChinaNationalPreset() throws IOException
    {
        final ComplianceRules rules = rules(defaultText());

        assertEquals(SchemePreset.CHINA_NATIONAL.rules(), rules);
        assertEquals("CNY", rules.currency());
        assertEquals(500, rules.offsetCapBps(2025));
        assertEquals(5, rules.penalty().priceMultiple());
        assertEquals(1, rules.penalty().nextYearDeductionMultiple());
    }

    @Test
    void aSchemeWithoutPresetKeepsWorkingAsChinaNational() throws IOException
    {
        assertEquals(SchemePreset.CHINA_NATIONAL.rules(), rules(defaultText().replace(DEFAULT_COMPLIANCE, "")));
    }

    @Test
    void euPreset() throws IOException
    {
        final ComplianceRules rules = rules(withCompliance("  preset: EU_ETS\n"));

        assertEquals("EUR", rules.currency());
        assertEquals(0, rules.offsetCapBps(2025));
        assertFalse(rules.offsetsEligible());
        assertEquals(100_00, rules.penalty().finePerTonne());
        assertEquals(1, rules.penalty().carryForwardMultiple());
        assertEquals(100L * 100_00, rules.penalty().fine(100, 0, 2025));
    }

    @Test
    void californiaPreset() throws IOException
    {
        final ComplianceRules rules = rules(withCompliance("  preset: california\n"));

        assertEquals("USD", rules.currency());
        assertEquals(400, rules.offsetCapBps(2025));
        assertEquals(600, rules.offsetCapBps(2026));
        assertEquals(600, rules.offsetCapBps(2030));
        assertEquals(4, rules.penalty().carryForwardMultiple());
        assertEquals(0, rules.penalty().fine(100, 90_00, 2025));
    }

    @Test
    void overridesReplaceOnlyTheKeysGiven() throws IOException
    {
        final ComplianceRules rules = rules(withCompliance("""
              preset: EU_ETS
              compliance:
                penaltyPerTonne: "110.50"
                penaltyIndexBps: {2025: 12000}
                offsetCapBps: 1000
                offsetsEligible: true
            """));

        assertEquals(1_000, rules.offsetCapBps(2025));
        assertTrue(rules.offsetsEligible());
        assertFalse(rules.sinksEligible(), "kept from the preset");
        assertEquals(110_50, rules.penalty().finePerTonne());
        assertEquals(Map.of(2025, 12_000), rules.penalty().fineIndexBps());
        assertEquals(10L * 132_60, rules.penalty().fine(10, 0, 2025), "110.50 x 1.2 = 132.60 per tonne");
        assertEquals(1, rules.penalty().carryForwardMultiple(), "kept from the preset");
    }

    @Test
    void badValuesAreNamedByTheirKeyPath() throws IOException
    {
        assertProblem("scheme.compliance.penaltyPriceMultiple: must be within 5..10 for CHINA_NATIONAL, was 12",
            defaultText().replace("penaltyPriceMultiple: 5", "penaltyPriceMultiple: 12"));
        assertProblem("scheme.compliance.penaltyPriceMultiple: must be within 0..0 for EU_ETS, was 3",
            withCompliance("  preset: EU_ETS\n  compliance:\n    penaltyPriceMultiple: 3\n"));
        assertProblem("scheme.preset: must be one of [CHINA_NATIONAL, EU_ETS, CALIFORNIA], was 'MARS'",
            withCompliance("  preset: MARS\n"));
        assertProblem("scheme.compliance.offsetCapBps: must be 0..10000 basis points, was 12000",
            withCompliance("  compliance:\n    offsetCapBps: 12000\n"));
        assertProblem("scheme.compliance.offsetCapBpsFrom.2026: must be 0..10000 basis points, was -1",
            withCompliance("  compliance:\n    offsetCapBpsFrom: {2026: -1}\n"));
        assertProblem("scheme.compliance.penaltyIndexBps.2025: must be positive basis points, was 0",
            withCompliance("  compliance:\n    penaltyIndexBps: {2025: 0}\n"));
        assertProblem("scheme.compliance.penaltyPerTonne: more than two decimals, or too large: '1.005'",
            withCompliance("  compliance:\n    penaltyPerTonne: \"1.005\"\n"));
        assertProblem("scheme.compliance.carryForwardMultiple: must not be negative, was -4",
            withCompliance("  compliance:\n    carryForwardMultiple: -4\n"));
        assertProblem("scheme.compliance.currency: must be a three-letter ISO code such as CNY, was 'yuan'",
            withCompliance("  compliance:\n    currency: yuan\n"));
    }

    @Test
    void unitRulesAndCarbonInclusionCredits() throws IOException
    {
        assertEquals(UnitRules.NONE, rules(defaultText()).units(), "PHCER voluntary only, no attribute rule");

        final ComplianceRules rules = rules(withCompliance("""
              compliance:
                inclusionEligible: true
                offsetProjectsRegisteredFrom: 2024-01-22
                offsetLabelsRequired: [CORSIA_ELIGIBLE, ARTICLE6_AUTHORISED]
            """));

        assertEquals(new UnitRules(true, 20240122, UnitLabel.CORSIA_ELIGIBLE.bit() |
            UnitLabel.ARTICLE6_AUTHORISED.bit()), rules.units());
        assertTrue(rules.isEligible(InstrumentKind.CARBON_INCLUSION, 0, 2025));
        assertEquals(500, rules.offsetCapBps(2025), "kept from the preset");

        assertProblem("scheme.compliance.offsetProjectsRegisteredFrom: must be a date yyyy-mm-dd, was '2024-02-30'",
            withCompliance("  compliance:\n    offsetProjectsRegisteredFrom: \"2024-02-30\"\n"));
        assertProblem("scheme.compliance.offsetLabelsRequired: must be one of [ARTICLE6_AUTHORISED, " +
            "CORRESPONDING_ADJUSTMENT, CORSIA_ELIGIBLE], was 'GOLD'",
            withCompliance("  compliance:\n    offsetLabelsRequired: [GOLD]\n"));
    }

    @Test
    void unknownAndMistypedKeysAreNamedWhenParsing()
    {
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> parse(withCompliance("  compliance:\n    offsetCap: 5\n")));
        assertTrue(unknown.getMessage().startsWith("scheme.compliance: unknown key 'offsetCap'"), unknown.getMessage());

        final ConfigException mistyped = assertThrows(ConfigException.class,
            () -> parse(withCompliance("  compliance:\n    banking: perhaps\n")));
        assertTrue(mistyped.getMessage().startsWith("scheme.compliance.banking: "), mistyped.getMessage());
    }

    private static void assertProblem(final String expected, final String yaml)
    {
        final ConfigException error = assertThrows(ConfigException.class, () -> rules(yaml));
        assertEquals(expected, error.getMessage());
    }

    private static ComplianceRules rules(final String yaml) throws IOException
    {
        return new EngineSetup(parse(yaml)).settings().compliance();
    }

    private static String withCompliance(final String section) throws IOException
    {
        final String text = defaultText();
        assertTrue(text.contains(DEFAULT_COMPLIANCE), "the embedded default's compliance section moved");
        return text.replace(DEFAULT_COMPLIANCE, section);
    }

    private static String defaultText() throws IOException
    {
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExchangeConfig parse(final String yaml) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
