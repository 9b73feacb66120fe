package io.carbonx.server.config;

import io.carbonx.engine.approval.FourEyesRules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scheme.fourEyes} becomes the engine's {@link FourEyesRules}, off unless configured and checked by name;
 * {@code http.accessLog} is on unless turned off.
 */
class FourEyesConfigTest
{
    private static final String COMMENTED = "  # fourEyes:";

    @Test
    void absentFourEyesIsOff() throws IOException
    {
        assertEquals(FourEyesRules.OFF, new EngineSetup(parse(defaultText())).settings().fourEyes());
    }

    @Test
    void fourEyesNamesCommandsAndALifetime() throws IOException
    {
        final FourEyesRules rules = new EngineSetup(parse(withFourEyes(
            "    commands: [issue-units, close-compliance-year]\n    proposalLifetimeSeconds: 600\n")))
            .settings().fourEyes();
        assertEquals(new FourEyesRules(true, false, true, 600_000_000_000L), rules);

        final FourEyesRules defaulted = new EngineSetup(parse(withFourEyes("    commands: [allocate-allowances]\n")))
            .settings().fourEyes();
        assertEquals(new FourEyesRules(false, true, false, FourEyesRules.DEFAULT_PROPOSAL_LIFETIME_NANOS), defaulted);
    }

    @Test
    void aCommandThatCannotNeedApprovalOrABadLifetimeIsRefusedByName() throws IOException
    {
        final ConfigException command = assertThrows(ConfigException.class, () -> new EngineSetup(
            parse(withFourEyes("    commands: [issue-units, transfer-units]\n"))).settings());
        assertEquals("scheme.fourEyes.commands: must name only [issue-units, allocate-allowances, " +
            "close-compliance-year], was 'transfer-units'", command.getMessage());
        final ConfigException lifetime = assertThrows(ConfigException.class, () -> new EngineSetup(
            parse(withFourEyes("    commands: [issue-units]\n    proposalLifetimeSeconds: 0\n"))).settings());
        assertEquals("scheme.fourEyes.proposalLifetimeSeconds: must be 1 to 31622400 seconds, was 0",
            lifetime.getMessage());
    }

    @Test
    void theAccessLogIsOnUnlessTurnedOff() throws IOException
    {
        assertTrue(ExchangeConfig.HttpConfig.accessLogOn(parse(defaultText()).http()));
        assertTrue(ExchangeConfig.HttpConfig.accessLogOn(parse(defaultText() + "\nhttp:\n  idleTimeoutMs: 5000\n")
            .http()));
        assertFalse(ExchangeConfig.HttpConfig.accessLogOn(parse(defaultText() + "\nhttp:\n  accessLog: false\n")
            .http()));
    }

    private static String withFourEyes(final String body) throws IOException
    {
        final String text = defaultText();
        assertTrue(text.contains(COMMENTED), "the embedded default documents fourEyes");
        final int start = text.indexOf(COMMENTED);
        final int end = text.indexOf('\n', text.indexOf("proposalLifetimeSeconds", start)) + 1;
        return text.substring(0, start) + "  fourEyes:\n" + body + text.substring(end);
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
