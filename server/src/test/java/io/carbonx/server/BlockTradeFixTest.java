package io.carbonx.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.CrossID;
import quickfix.field.CrossPrioritization;
import quickfix.field.CrossType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderCross;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Block trades entered as FIX NewOrderCross (s) by a QuickFIX/J client against the real server on its demo
 * configuration: BROKER1 acts for Huaneng Power (1001, holding 200,000 t of CEA-2024, reference 88.50) and Baosteel
 * (1002, 20,000,000.00 in cash); the scheme's block rules are the defaults, 100,000 t and +-30%, fees 3 bps a side.
 */
class BlockTradeFixTest
{
    @TempDir
    Path folder;

    private TestExchange exchange;
    private int crosses;

    @BeforeEach
    void startServer()
    {
        exchange = TestExchange.fix(folder);
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    private NewOrderCross cross(
        final String buyer, final String seller, final long buyQuantity, final long sellQuantity, final String price)
    {
        final int n = ++crosses;
        // CrossType 1: executed completely or not at all
        final NewOrderCross cross = new NewOrderCross(new CrossID("BLK-" + n), new CrossType(1),
            new CrossPrioritization(CrossPrioritization.NONE),
            new TransactTime(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        cross.set(new Symbol("CEA-2024"));
        cross.set(new Price(Double.parseDouble(price)));
        cross.addGroup(side('1', "B-" + n, buyer, buyQuantity));
        cross.addGroup(side('2', "S-" + n, seller, sellQuantity));
        return cross;
    }

    private static NewOrderCross.NoSides side(final char side, final String clOrdId, final String account,
        final long quantity)
    {
        final NewOrderCross.NoSides group = new NewOrderCross.NoSides();
        group.set(new quickfix.field.Side(side));
        group.set(new ClOrdID(clOrdId));
        group.set(new Account(account));
        group.set(new OrderQty(quantity));
        return group;
    }

    /**
     * @return the next two ExecutionReports by ClOrdID, one per side.
     */
    private static Map<String, Message> reports(final FixClient client) throws Exception
    {
        final Map<String, Message> bySide = new HashMap<>();
        for (int i = 0; i < 2; i++)
        {
            final Message report = client.next("8", WAIT);
            assertNotNull(report, "an ExecutionReport per side");
            bySide.put(report.getString(11), report);
        }
        return bySide;
    }

    @Test
    void aCrossSettlesAndEachSideGetsAnExecutionReportWithItsFee() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        broker.send(cross("1002", "1001", 100_000, 100_000, "95.00"));

        final Map<String, Message> reports = reports(broker);
        for (final String clOrdId : List.of("B-1", "S-1"))
        {
            final Message report = reports.get(clOrdId);
            assertNotNull(report, "no report for " + clOrdId + ": " + reports);
            assertEquals('F', report.getChar(150), report.toString());
            assertEquals('2', report.getChar(39));
            assertEquals("BLK-1", report.getString(548));
            assertEquals(95.0, report.getDouble(31));
            assertEquals(100_000, report.getDouble(32));
            assertEquals(0, report.getDouble(151));
            assertEquals(2_850.0, report.getDouble(12), "3 bps of 9,500,000.00");
        }
        assertEquals('1', reports.get("B-1").getChar(54));
        assertEquals("1002", reports.get("B-1").getString(1));
        assertEquals('2', reports.get("S-1").getChar(54));
        assertEquals("1001", reports.get("S-1").getString(1));

        broker.send(cross("1002", "1001", 100_001, 100_001, "95.00"));
        final Message noUnits = reports(broker).get("S-2");
        assertEquals('8', noUnits.getChar(150));
        assertEquals("INSUFFICIENT_UNITS", noUnits.getString(58), "1001 has 99,999 t of CEA-2024 left");
    }

    @Test
    void crossesOutsideTheBlockRulesAreRejectedWithTheReason() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");

        broker.send(cross("1002", "1001", 99_999, 99_999, "95.00"));
        final Map<String, Message> small = reports(broker);
        assertEquals('8', small.get("B-1").getChar(150));
        assertEquals('8', small.get("S-1").getChar(39));
        assertEquals("BELOW_BLOCK_THRESHOLD", small.get("B-1").getString(58));
        assertEquals(13, small.get("S-1").getInt(103));

        broker.send(cross("1002", "1001", 100_000, 100_000, "115.10"));
        assertEquals("PRICE_OUTSIDE_BAND", reports(broker).get("S-2").getString(58), "88.50 + 30% is 115.05");

        broker.send(cross("1002", "1001", 100_000, 120_000, "95.00"));
        final Message mismatch = reports(broker).get("B-3");
        assertEquals('8', mismatch.getChar(150));
        assertEquals(true, mismatch.getString(58).contains("OrderQty (38)"), mismatch.getString(58));
    }

    @Test
    void aSessionMustBeAllowedBothAccountsAndTheCrossMustMatchTheDictionary() throws Exception
    {
        final FixClient citic = exchange.connect("CITIC");
        citic.send(cross("3001", "1001", 100_000, 100_000, "95.00"));
        final Message refused = citic.next("j", WAIT);
        assertNotNull(refused, "the seller's account is not CITIC's");
        assertEquals(6, refused.getInt(380));

        final NewOrderCross incomplete = cross("3001", "3001", 100_000, 100_000, "95.00");
        incomplete.removeField(CrossPrioritization.FIELD);
        citic.send(incomplete);
        final Message reject = citic.next("3", WAIT);
        assertNotNull(reject, "a session Reject for a required field missing");
        assertEquals(CrossPrioritization.FIELD, reject.getInt(371));
        assertEquals(1, reject.getInt(373));
    }
}
