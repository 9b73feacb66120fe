package io.carbonx.server.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code dropCopy:} section: the demo's regulator drop copy, a broker's accounts, and a precise error for each
 * mistake.
 */
class DropCopyConfigTest
{
    private static final String DEMO_LINE = "  - { senderCompId: MEE-DC, targetCompId: CARBONX, accounts: all }";

    @Test
    void theDemoHasTheRegulatorsDropCopyOfEveryAccount()
    {
        final ExchangeConfig config = ConfigLoader.loadDefault();

        assertEquals(1, config.dropCopy().size());
        final ExchangeConfig.DropCopyConfig copy = config.dropCopy().get(0);
        assertEquals("MEE-DC", copy.senderCompId());
        assertEquals("CARBONX", copy.targetCompId());
        assertTrue(copy.allAccounts());
    }

    @Test
    void aBrokersDropCopyCoversTheAccountsOfItsSessionsAndAListItsAccounts() throws IOException
    {
        final ExchangeConfig broker =
            parse(withDropCopy("{ senderCompId: B1-DC, targetCompId: CARBONX, brokerId: 1 }"));
        final ExchangeConfig.DropCopyConfig brokerCopy = broker.dropCopy().get(0);
        assertFalse(brokerCopy.allAccounts());
        assertEquals(List.of(1001L, 1002L), brokerCopy.coveredAccounts(broker.sessions()), "BROKER1's accounts");

        final ExchangeConfig listed =
            parse(withDropCopy("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: [3001, 2001] }"));
        assertEquals(List.of(3001L, 2001L), listed.dropCopy().get(0).coveredAccounts(listed.sessions()));
    }

    @Test
    void aConfigurationWithoutDropCopiesHasNone() throws IOException
    {
        assertEquals(List.of(), parse(defaultText().replace(DEMO_LINE, "").replace("dropCopy:", "")).dropCopy());
    }

    @Test
    void eachMistakeIsNamedWithItsKey()
    {
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: everything }",
            "dropCopy[0].accounts: must be 'all' or a list of account ids, was 'everything'");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: [1001, 4242] }",
            "dropCopy[0].accounts[1]: no such account 4242");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: [one] }",
            "dropCopy[0].accounts[0]: no such account one");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: [] }",
            "dropCopy[0].accounts: must be 'all' or a non-empty list of account ids, was []");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, accounts: all, brokerId: 1 }",
            "dropCopy[0]: give either accounts (all, or a list of account ids) or brokerId (a broker's accounts), " +
            "not both");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX }",
            "dropCopy[0]: give either accounts (all, or a list of account ids) or brokerId (a broker's accounts), " +
            "not neither");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, brokerId: 7 }",
            "dropCopy[0].brokerId: no session in sessions has brokerId 7, so it covers no account");
        assertProblem("{ senderCompId: FOREST, targetCompId: CARBONX, accounts: all }",
            "dropCopy[0]: duplicate session FOREST -> CARBONX: a drop copy needs CompIDs of its own, not those of " +
            "another session");
        assertProblem("{ senderCompId: X-DC, targetCompId: CARBONX, acounts: all }",
            "dropCopy[0]: unknown key 'acounts'");
    }

    @Test
    void twoDropCopiesMayNotShareCompIds()
    {
        final ConfigException problem = assertThrows(ConfigException.class, () -> parse(defaultText().replace(
            DEMO_LINE, DEMO_LINE + "\n  - { senderCompId: MEE-DC, targetCompId: CARBONX, brokerId: 1 }")));
        assertTrue(problem.getMessage().startsWith("dropCopy[1]: duplicate session MEE-DC -> CARBONX"),
            problem.getMessage());
    }

    @Test
    void aDropCopyWithoutPasswordIsADemoCredential() throws IOException
    {
        assertTrue(DemoCredentials.find(ConfigLoader.loadDefault()).contains(
            "FIX drop-copy session MEE-DC -> CARBONX (dropCopy[0]): no passwordHash, anyone may log on as it and " +
            "read its copies"));
    }

    private static void assertProblem(final String dropCopy, final String expected)
    {
        final ConfigException problem = assertThrows(ConfigException.class, () -> parse(withDropCopy(dropCopy)));
        assertTrue(problem.getMessage().startsWith(expected), problem.getMessage());
    }

    private static String withDropCopy(final String entry)
    {
        final String text = defaultText();
        assertTrue(text.contains(DEMO_LINE), "the template's drop copy line");
        return text.replace(DEMO_LINE, "  - " + entry);
    }

    private static String defaultText()
    {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static ExchangeConfig parse(final String text) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
