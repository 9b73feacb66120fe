package io.carbonx.server;

import io.carbonx.fix.session.FixAcceptor;
import io.carbonx.fix.FixSessionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.carbonx.server.OrderRecoveryTest.assertReport;
import static io.carbonx.server.OrderRecoveryTest.statusRequest;
import static io.carbonx.server.TestExchange.WAIT;
import static io.carbonx.server.TestExchange.limitOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #11, item 3: a FIX store that cannot take a report stops matching, the member whose report it is learns why,
 * and what was journaled is reported after a restart. The full disk is real: the member's message store is the device
 * that answers every write with ENOSPC ({@code /dev/full}); its sequence numbers stay on the ordinary disk.
 */
class ReportStoreFailureTest
{
    private static final Path FULL_DEVICE = Path.of("/dev/full");

    @TempDir
    Path folder;

    private TestExchange exchange;

    @AfterEach
    void stop()
    {
        if (exchange != null)
        {
            exchange.close();
        }
    }

    @Test
    void aReportThatCannotBeStoredStopsMatchingAndIsDeliveredAfterTheRestart() throws Exception
    {
        assumeTrue(Files.isWritable(FULL_DEVICE), "needs " + FULL_DEVICE + " to make a full disk");
        exchange = TestExchange.fix(folder); // a first start makes the sessions' stores
        exchange.close();
        final Path messages = FixAcceptor.storeDirectory(folder.resolve("data").resolve("fix"),
            new FixSessionId("CARBONX", "FOREST")).resolve("messages");
        assertEquals(0, Files.size(messages), "nothing was sent to FOREST yet");
        Files.delete(messages);
        Files.createSymbolicLink(messages, FULL_DEVICE);

        exchange = TestExchange.fix(folder);
        final FixClient citic = exchange.connect("CITIC");
        citic.send(limitOrder("C-REST", "3001", "CCER", '1', 10, "80.00", '1'));
        assertReport(citic, "C-REST", '0', '0');

        final FixClient forest = exchange.connect("FOREST");
        forest.send(limitOrder("F-SELL", "2001", "CCER", '2', 10, "80.00", '1'));
        final Message logout = forest.next("5", WAIT);
        assertNotNull(logout, "the member is told that its report cannot be recorded");
        assertTrue(logout.getString(58).contains("cannot record"), logout.toString());
        // the trade was journaled with the order: the member whose store works has its fill
        assertReport(citic, "C-REST", 'F', '2');

        // matching has stopped: an order that would trade is refused, with the reason, not filled
        citic.send(limitOrder("C-MORE", "3001", "CCER", '1', 5, "90.00", '1'));
        final Message refused = citic.next("j", WAIT);
        assertNotNull(refused, "an order after the failure is refused");
        assertTrue(refused.getString(58).contains("unavailable"), refused.toString());

        exchange.close();
        exchange = null;
        Files.delete(messages); // the disk has room again: nothing was stored
        Files.createFile(messages);

        exchange = TestExchange.fix(folder);
        final FixClient forestAgain = exchange.connect("FOREST");
        assertReport(forestAgain, "F-SELL", '0', '0');
        final Message fill = assertReport(forestAgain, "F-SELL", 'F', '2');
        assertEquals(10, fill.getDouble(32));
        forestAgain.send(statusRequest("F-SELL", "2001", '2'));
        assertReport(forestAgain, "F-SELL", 'I', '2');
    }
}
