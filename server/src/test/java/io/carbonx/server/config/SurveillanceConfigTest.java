package io.carbonx.server.config;

import io.carbonx.reports.surveillance.SurveillanceSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scheme.surveillance} becomes the monitor's {@link SurveillanceSettings}: defaults for what is left out, and
 * every bad value refused with its key path.
 */
class SurveillanceConfigTest
{
    private static final String ANCHOR = "  referencePriceWindow:";

    @Test
    void absentSurveillanceTakesTheDefaults() throws IOException
    {
        assertEquals(SurveillanceSettings.DEFAULT, settings(defaultText()));
        assertEquals(new SurveillanceSettings(300, new TreeMap<>(), 10_000, 5_000, 3, 600, 100_000, 2_500, 50, 9_000),
            SurveillanceSettings.DEFAULT, "the defaults the embedded configuration and docs/reports.md state");
    }

    @Test
    void everyKeyIsRead() throws IOException
    {
        final SurveillanceSettings settings = settings(withSurveillance("""
                washTradeWindowSeconds: 60
                owners: {Huaneng Group: [1001, 1003]}
                largeOrderQuantity: 500
                layeringCancelMillis: 800
                layeringCount: 4
                layeringWindowSeconds: 90
                largeHolderThreshold: 20000
                concentrationShareBps: 1500
                priceNearBandBps: 25
                holdingLimitShareBps: 8000
            """));
        assertEquals(new SurveillanceSettings(60, new TreeMap<>(Map.of(1001L, "Huaneng Group", 1003L,
            "Huaneng Group")), 500, 800, 4, 90, 20_000, 1_500, 25, 8_000), settings);
        assertEquals(SurveillanceSettings.DEFAULT.withOwners(Map.of()),
            settings(withSurveillance("    priceNearBandBps: 50\n")));
    }

    @Test
    void badValuesAreRefusedByKey() throws IOException
    {
        assertRefused("    layeringCount: 0\n", "scheme.surveillance.layeringCount: must be 1 to 1000, was 0");
        assertRefused("    concentrationShareBps: 10001\n",
            "scheme.surveillance.concentrationShareBps: must be 1 to 10000, was 10001");
        assertRefused("    priceNearBandBps: -5\n", "scheme.surveillance.priceNearBandBps: must be 1 to 10000, was -5");
        assertRefused("    washTradeWindowSeconds: 2678401\n",
            "scheme.surveillance.washTradeWindowSeconds: must be 1 to 2678400, was 2678401");
        assertRefused("    largeOrderQuantity: 0\n",
            "scheme.surveillance.largeOrderQuantity: must be 1 to 1000000000000, was 0");
        assertRefused("    owners: {Group: [1001, 4242]}\n",
            "scheme.surveillance.owners.Group: no such account 4242 in accounts");
        assertRefused("    owners: {Group: [1001]}\n",
            "scheme.surveillance.owners.Group: must list two or more accounts, was [1001]");
        assertRefused("    owners: {One: [1001, 1002], Two: [1003, 1001]}\n",
            "scheme.surveillance.owners.Two: account 1001 already belongs to owner 'One'");
    }

    @Test
    void anUnknownKeyIsRefused()
    {
        final Exception refused = assertThrows(Exception.class,
            () -> settings(withSurveillance("    layeringCounts: 3\n")));
        assertTrue(refused.getMessage().contains("layeringCounts"), refused.getMessage());
    }

    private static void assertRefused(final String body, final String message) throws IOException
    {
        final String text = withSurveillance(body);
        final ConfigException refused = assertThrows(ConfigException.class, () -> settings(text));
        assertEquals(message, refused.getMessage());
    }

    private static SurveillanceSettings settings(final String yaml) throws IOException
    {
        return new EngineSetup(
            ConfigLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"))
            .surveillance();
    }

    private static String withSurveillance(final String body) throws IOException
    {
        final String text = defaultText();
        assertTrue(text.contains("  # surveillance:"), "the embedded default documents surveillance");
        return text.replace(ANCHOR, "  surveillance:\n" + body + ANCHOR);
    }

    private static String defaultText() throws IOException
    {
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
