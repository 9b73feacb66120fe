package io.carbonx.server;

import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.DropCopyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Group;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.carbonx.server.TestExchange.WAIT;
import static io.carbonx.server.TestExchange.limitOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only FIX drop copies against the real server on the demo configuration, with QuickFIX/J clients on real
 * sockets: the regulator's (MEE-DC, every account) and broker 1's (BROKER1-DC, the accounts of BROKER1's session: 1001
 * and 1002). FOREST trades 2001 and CITIC 3001, CCER referenced at 80.00; BROKER1 trades 1001 and 1002, CEA-2024
 * referenced at 88.50 with a 10% band, and crosses block trades between them (100,000 t, +-30%).
 */
class DropCopyFixTest
{
    /** Fields a copy must carry exactly as its member got them. */
    private static final int[] COPIED_FIELDS =
        {37, 11, 41, 17, 150, 39, 103, 1, 55, 54, 38, 44, 14, 151, 6, 31, 32, 12, 527, 58};

    @TempDir
    Path folder;

    private TestExchange running;

    @AfterEach
    void stop()
    {
        if (running != null)
        {
            running.close();
        }
    }

    private TestExchange start()
    {
        running = TestExchange.start(folder, config());
        return running;
    }

    private ExchangeConfig config()
    {
        return TestExchange.demo(folder, false).withDropCopy(List.of(
            new DropCopyConfig("MEE-DC", "CARBONX", null, DropCopyConfig.ALL_ACCOUNTS, null),
            new DropCopyConfig("BROKER1-DC", "CARBONX", null, null, 1))).validate();
    }

    @Test
    void theRegulatorSeesEveryMembersReportsMarkedAsCopiesAndABrokerOnlyItsAccounts() throws Exception
    {
        final TestExchange exchange = start();
        final FixClient regulator = exchange.connect("MEE-DC");
        final FixClient brokerCopy = exchange.connect("BROKER1-DC");
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        final FixClient broker = exchange.connect("BROKER1");
        final Map<String, Message> sent = new LinkedHashMap<>();

        forest.send(limitOrder("F-1", "2001", "CCER", '2', 100, "80.00", '1'));
        expect(forest, sent, '0');
        citic.send(limitOrder("C-1", "3001", "CCER", '1', 30, "80.00", '1'));
        expect(citic, sent, '0');
        expect(citic, sent, 'F');
        expect(forest, sent, 'F');
        broker.send(limitOrder("B-1", "1001", "CEA-2024", '1', 10, "80.00", '1'));
        expect(broker, sent, '0');
        broker.send(cancel("B-1C", "B-1", "1001", "CEA-2024", '1', 10));
        expect(broker, sent, '4');
        // refused at once by the gateway (not its account): a real ExecutionReport too, copied as any
        broker.send(limitOrder("B-2", "2001", "CCER", '1', 10, "80.00", '1'));
        expect(broker, sent, '8');
        final List<String> brokerExecIds = new ArrayList<>();
        for (final Message report : sent.values())
        {
            if (report.getString(1).equals("1001"))
            {
                brokerExecIds.add(report.getString(17));
            }
        }
        // ends broker 1's copies: once its copy is in, every earlier copy of the listener is
        broker.send(limitOrder("B-3", "1002", "CEA-2024", '1', 10, "80.00", '1'));
        expect(broker, sent, '0');
        brokerExecIds.add(last(sent).getString(17));

        final Map<String, Message> copies = copies(regulator, sent.size());
        assertEquals(sent.keySet(), copies.keySet(), "every report of every account, once, in the order sent");
        for (final Message report : sent.values())
        {
            final Message copy = copies.get(report.getString(17));
            assertCopyOf(report, copy, owner(report));
        }

        final Map<String, Message> brokerCopies = copies(brokerCopy, brokerExecIds.size());
        assertEquals(brokerExecIds, new ArrayList<>(brokerCopies.keySet()),
            "the reports of 1001 and 1002 only: not FOREST's, CITIC's, nor BROKER1's refused order for 2001");
        for (final Message copy : brokerCopies.values())
        {
            assertCopyOf(sent.get(copy.getString(17)), copy, "BROKER1");
        }
        assertNull(brokerCopy.next("8", 300), "nothing else for broker 1's drop copy");
    }

    @Test
    void bothSidesOfABlockTradeAreCopied() throws Exception
    {
        final TestExchange exchange = start();
        final FixClient regulator = exchange.connect("MEE-DC");
        final FixClient brokerCopy = exchange.connect("BROKER1-DC");
        final FixClient broker = exchange.connect("BROKER1");

        final NewOrderCross cross = new NewOrderCross(new CrossID("BLK-1"), new CrossType(1),
            new CrossPrioritization(CrossPrioritization.NONE), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
        cross.set(new Symbol("CEA-2024"));
        cross.set(new Price(95.00));
        cross.addGroup(crossSide('1', "B-1", "1002"));
        cross.addGroup(crossSide('2', "S-1", "1001"));
        broker.send(cross);
        final Map<String, Message> sides = new LinkedHashMap<>();
        expect(broker, sides, 'F');
        expect(broker, sides, 'F');

        for (final FixClient dropCopy : List.of(regulator, brokerCopy))
        {
            final Map<String, Message> copies = copies(dropCopy, 2);
            assertEquals(sides.keySet(), copies.keySet(), dropCopy.sessionId.toString());
            for (final Message copy : copies.values())
            {
                final Message side = sides.get(copy.getString(17));
                assertCopyOf(side, copy, "BROKER1");
                assertEquals("BLK-1", copy.getString(548));
            }
        }
    }

    private static NewOrderCross.NoSides crossSide(final char side, final String clOrdId, final String account)
    {
        final NewOrderCross.NoSides group = new NewOrderCross.NoSides();
        group.set(new quickfix.field.Side(side));
        group.set(new ClOrdID(clOrdId));
        group.set(new Account(account));
        group.set(new OrderQty(100_000));
        return group;
    }

    @Test
    void anApplicationMessageOnADropCopyIsRefusedAndNeverReachesTheEngine() throws Exception
    {
        final TestExchange exchange = start();
        final FixClient regulator = exchange.connect("MEE-DC");

        regulator.send(limitOrder("DC-1", "2001", "CCER", '2', 100, "80.00", '1'));
        final Message refusal = regulator.next("j", WAIT);
        assertNotNull(refusal, "a BusinessMessageReject");
        assertEquals("D", refusal.getString(372));
        assertEquals(6, refusal.getInt(380), "not authorized");
        assertTrue(refusal.getString(58).contains("read-only"), refusal.toString());
        assertTrue(refusal.getInt(45) > 0, "RefSeqNum: " + refusal);

        final Message marketData = new Message();
        marketData.getHeader().setString(35, "V");
        marketData.setString(262, "MD-1");
        marketData.setChar(263, '0');
        marketData.setInt(264, 0);
        final Group entryType = new Group(267, 269);
        entryType.setChar(269, '0');
        marketData.addGroup(entryType);
        final Group symbol = new Group(146, 55);
        symbol.setString(55, "CCER");
        marketData.addGroup(symbol);
        regulator.send(marketData);
        final Message mdRefusal = regulator.nextOf(WAIT, "j", "W", "Y");
        assertEquals("j", mdRefusal.getHeader().getString(35), "refused, not answered: " + mdRefusal);
        assertEquals("V", mdRefusal.getString(372));

        // the order never reached the engine: a buy at its price finds nothing to trade with, and the next copy the
        // regulator gets is of that buy, none of DC-1
        final FixClient citic = exchange.connect("CITIC");
        citic.send(limitOrder("C-1", "3001", "CCER", '1', 100, "80.00", '1'));
        final Message citicNew = citic.next("8", WAIT);
        assertEquals('0', citicNew.getChar(150));
        assertNull(citic.next("8", 300), "no sell rests at 80.00 for the buy to meet");
        final Message copy = regulator.next("8", WAIT);
        assertEquals("C-1", copy.getString(11), copy.toString());
        assertCopyOf(citicNew, copy, "CITIC");
    }

    @Test
    void aDropCopyThatWasAwayGetsWhatItMissedByResendWithTheRightSequenceNumbers() throws Exception
    {
        final TestExchange exchange = start();
        FixClient regulator = exchange.connect("MEE-DC");
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        final Map<String, Message> before = new LinkedHashMap<>();
        forest.send(limitOrder("F-1", "2001", "CCER", '2', 100, "80.00", '1'));
        expect(forest, before, '0');
        final Map<String, Message> seen = copies(regulator, 1);
        final int lastSeen = seen.values().iterator().next().getHeader().getInt(34);
        regulator.stop();

        final Map<String, Message> missed = new LinkedHashMap<>();
        citic.send(limitOrder("C-1", "3001", "CCER", '1', 30, "80.00", '1'));
        expect(citic, missed, '0');
        expect(citic, missed, 'F');
        expect(forest, missed, 'F');
        forest.send(cancel("F-1C", "F-1", "2001", "CCER", '2', 100));
        expect(forest, missed, '4');

        regulator = exchange.open("MEE-DC", null, "client-MEE-DC");
        assertTrue(regulator.awaitLogon(WAIT));
        final Map<String, Message> resent = copies(regulator, missed.size());
        assertEquals(missed.keySet(), resent.keySet(), "the copies made while it was away, in order");
        int previous = lastSeen;
        for (final Message copy : resent.values())
        {
            assertTrue(copy.getHeader().getBoolean(43), "resent (PossDupFlag): " + copy);
            final int seqNum = copy.getHeader().getInt(34);
            assertTrue(seqNum > previous, "sequence numbers rise: " + seqNum + " after " + previous);
            previous = seqNum;
            assertCopyOf(missed.get(copy.getString(17)), copy, owner(missed.get(copy.getString(17))));
        }
        assertNull(regulator.next("8", 300), "each once");
    }

    @Test
    void copiesStoredBeforeARestartAreResentAfterIt() throws Exception
    {
        TestExchange exchange = start();
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        final Map<String, Message> sent = new LinkedHashMap<>();
        forest.send(limitOrder("F-1", "2001", "CCER", '2', 100, "80.00", '1'));
        expect(forest, sent, '0');
        citic.send(limitOrder("C-1", "3001", "CCER", '1', 30, "80.00", '1'));
        expect(citic, sent, '0');
        expect(citic, sent, 'F');
        expect(forest, sent, 'F');
        running.close();

        // the regulator's drop copy never logged on before: everything is stored for it, and kept across the restart
        exchange = start();
        final FixClient regulator = exchange.connect("MEE-DC");
        final Map<String, Message> copies = copies(regulator, sent.size());
        assertEquals(sent.keySet(), copies.keySet(), "the copies of before the restart, each once");
        for (final Message copy : copies.values())
        {
            assertTrue(copy.getHeader().getBoolean(43), "resent: " + copy);
            assertCopyOf(sent.get(copy.getString(17)), copy, owner(sent.get(copy.getString(17))));
        }
        assertNull(regulator.next("8", 300), "none twice");

        // and live copies go on after it
        final FixClient citicAgain = exchange.connect("CITIC");
        citicAgain.send(limitOrder("C-2", "3001", "CCER", '1', 10, "80.00", '1'));
        final Message accepted = citicAgain.next("8", WAIT);
        final Message copy = regulator.next("8", WAIT);
        assertCopyOf(accepted, copy, "CITIC");
        assertFalse(copy.getHeader().isSetField(43), "live, not resent: " + copy);
    }

    private static void assertCopyOf(final Message report, final Message copy, final String owner) throws FieldNotFound
    {
        assertNotNull(copy, "no copy of " + report);
        for (final int tag : COPIED_FIELDS)
        {
            assertEquals(report.isSetField(tag), copy.isSetField(tag), "tag " + tag + " of " + copy);
            if (report.isSetField(tag))
            {
                assertEquals(report.getString(tag), copy.getString(tag), "tag " + tag + " of " + copy);
            }
        }
        assertTrue(copy.getBoolean(797), "CopyMsgIndicator: " + copy);
        assertEquals(1, copy.getInt(453), copy.toString());
        final Group party = copy.getGroup(1, 453);
        assertEquals(owner, party.getString(448), "the member whose report it is");
        assertEquals('D', party.getChar(447));
        assertEquals(7, party.getInt(452), "entering firm");
        assertFalse(report.isSetField(797), "the member's own report is not a copy");
    }

    private static String owner(final Message report) throws FieldNotFound
    {
        return report.getHeader().getString(56);
    }

    /**
     * The next ExecutionReport of the member, which must have this ExecType, recorded by its ExecID.
     */
    private static void expect(final FixClient member, final Map<String, Message> reports, final char execType)
        throws Exception
    {
        final Message report = member.next("8", WAIT);
        assertNotNull(report, member.sessionId + ": no ExecutionReport " + execType);
        assertEquals(execType, report.getChar(150), report.toString());
        reports.put(report.getString(17), report);
    }

    private static Message last(final Map<String, Message> reports)
    {
        Message last = null;
        for (final Message report : reports.values())
        {
            last = report;
        }
        return last;
    }

    /**
     * @return the next {@code count} ExecutionReports of a drop copy, by ExecID, in the order they came.
     */
    private static Map<String, Message> copies(final FixClient dropCopy, final int count) throws Exception
    {
        final Map<String, Message> copies = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            final Message copy = dropCopy.next("8", WAIT);
            assertNotNull(copy, dropCopy.sessionId + ": copy " + (i + 1) + " of " + count + " missing; had " +
                copies.keySet());
            assertNull(copies.put(copy.getString(17), copy), "a copy twice: " + copy);
        }
        return copies;
    }

    private static Message cancel(
        final String clOrdId, final String origClOrdId, final String account, final String symbol, final char side,
        final long quantity)
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, clOrdId);
        cancel.setString(41, origClOrdId);
        cancel.setString(1, account);
        cancel.setString(55, symbol);
        cancel.setChar(54, side);
        cancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        cancel.setDouble(38, quantity);
        return cancel;
    }
}
