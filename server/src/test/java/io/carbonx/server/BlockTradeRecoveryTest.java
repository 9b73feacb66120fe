package io.carbonx.server;

import io.carbonx.gateway.orders.OrderLog;



import io.carbonx.engine.block.BlockTradeCommandWriter;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.server.config.ExchangeConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderCross;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11, item 2 for block trades: a block trade the engine journaled is reported to its member exactly once after a
 * restart, also when its reports were never stored, and a cross the order log took but the journal never got is
 * rejected. The crash is made as in {@link OrderRecoveryTest}: with the exchange stopped, the crosses are written to
 * the order log and the block trade's command appended to the journal.
 */
class BlockTradeRecoveryTest
{
    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private TestExchange exchange;

    private void restart()
    {
        exchange = running.restartFix(folder);
    }

    /**
     * Stop the exchange, as the crash would have, before its files are written as the crashed process left them.
     */
    private void stop()
    {
        running.stop();
        exchange = null;
    }

    @Test
    void aJournaledBlockTradeWhoseReportsWereNeverStoredIsReportedExactlyOnceAfterARestart() throws Exception
    {
        restart();
        exchange.connect("BROKER1");
        stop();

        final ExchangeConfig config = TestExchange.demo(folder, false);
        final long crossId = OrderRecoveryTest.orderId(config, "BROKER1", 1);
        final long lostId = OrderRecoveryTest.orderId(config, "BROKER1", 2);
        final int brokerId = config.sessions().stream()
            .filter(session -> session.senderCompId().equals("BROKER1")).findFirst().orElseThrow().brokerId();
        final Path data = folder.resolve("data");
        try (OrderLog log = OrderLog.open(data.resolve("fix").resolve(ExchangeServer.ORDER_LOG), false))
        {
            log.append(OrderLog.Entry.crossSide(crossId, 1002, "CEA-2024", '1', 95_00, 100_000, "B-1", "BLK-1"));
            log.append(OrderLog.Entry.crossSide(crossId, 1001, "CEA-2024", '2', 95_00, 100_000, "S-1", "BLK-1"));
            log.append(OrderLog.Entry.crossSide(lostId, 1002, "CEA-2024", '1', 96_00, 100_000, "B-LOST", "BLK-LOST"));
            log.append(OrderLog.Entry.crossSide(lostId, 1001, "CEA-2024", '2', 96_00, 100_000, "S-LOST", "BLK-LOST"));
        }
        try (ChronicleJournal journal = new ChronicleJournal(data.resolve("journal"), JournalDurability.PAGE_CACHE))
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
            final int length = new BlockTradeCommandWriter()
                .envelope(System.currentTimeMillis() * 1_000_000, 1, crossId, 0)
                .blockTrade(command, 0, crossId, OrderRecoveryTest.instrumentId(config, "CEA-2024"), 95_00, 100_000,
                    1002,
                    brokerId, 1001, brokerId);
            journal.append(journal.lastSequence() + 1, command, 0, length);
            journal.endOfBatch();
        }

        restart();
        final FixClient broker = exchange.connect("BROKER1");
        final Map<String, Message> reports = reports(broker, 4);
        for (final String clOrdId : new String[] {"B-1", "S-1"})
        {
            final Message report = reports.get(clOrdId);
            assertNotNull(report, "no report for " + clOrdId + ": " + reports);
            assertEquals('F', report.getChar(150), report.toString());
            assertEquals('2', report.getChar(39), report.toString());
            assertEquals("BLK-1", report.getString(548));
            assertEquals(95.0, report.getDouble(31));
            assertEquals(100_000, report.getDouble(32));
        }
        assertEquals("1002", reports.get("B-1").getString(1));
        assertEquals("1001", reports.get("S-1").getString(1));
        for (final String clOrdId : new String[] {"B-LOST", "S-LOST"})
        {
            final Message report = reports.get(clOrdId);
            assertNotNull(report, "a cross the journal never got is refused: " + reports);
            assertEquals('8', report.getChar(150), report.toString());
            assertEquals("BLK-LOST", report.getString(548));
            assertTrue(report.getString(58).contains("restart"), report.toString());
        }
        assertNothingMoreThanTheAnswerToANewCross(broker, "BLK-NEXT");

        // a start without the checkpoint sees the block trade again: its stored reports are not sent twice
        stop();
        Files.delete(data.resolve("fix").resolve(ExchangeServer.REPORT_CHECKPOINT));
        restart();
        assertNothingMoreThanTheAnswerToANewCross(exchange.connect("BROKER1"), "BLK-AGAIN");
    }

    @Test
    void aBlockTradeReportedLiveIsNotReportedAgainByARestartThatReplaysIt() throws Exception
    {
        restart();
        final FixClient broker = exchange.connect("BROKER1");
        broker.send(cross("BLK-LIVE", 100_000, 100_000));
        final Map<String, Message> reports = reports(broker, 2);
        final Message buy = reports.get("BLK-LIVE-B");
        final Message sell = reports.get("BLK-LIVE-S");
        assertNotNull(buy, reports.toString());
        assertNotNull(sell, reports.toString());
        assertEquals('F', buy.getChar(150), buy.toString());
        assertTrue(buy.getString(17).matches("\\d+-\\d+B"), "ExecID from the command sequence: " + buy);
        assertEquals(buy.getString(17).replace('B', 'S'), sell.getString(17), sell.toString());

        stop();
        Files.delete(folder.resolve("data").resolve("fix").resolve(ExchangeServer.REPORT_CHECKPOINT));
        restart();
        assertNothingMoreThanTheAnswerToANewCross(exchange.connect("BROKER1"), "BLK-AFTER");
    }

    /**
     * Sends a cross the gateway refuses itself (the sides' quantities differ): its two rejections must be the next
     * reports, so nothing was reported (again) before them.
     */
    private static void assertNothingMoreThanTheAnswerToANewCross(final FixClient broker, final String crossId)
        throws Exception
    {
        broker.send(cross(crossId, 100_000, 120_000));
        for (final Message report : reports(broker, 2).values())
        {
            assertEquals(crossId, report.getString(548), "reported again: " + report);
            assertEquals('8', report.getChar(150), report.toString());
        }
    }

    private static NewOrderCross cross(final String crossId, final long buyQuantity, final long sellQuantity)
    {
        final NewOrderCross cross = new NewOrderCross(new CrossID(crossId), new CrossType(1),
            new CrossPrioritization(CrossPrioritization.NONE), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
        cross.set(new Symbol("CEA-2024"));
        cross.set(new Price(95.0));
        cross.addGroup(side('1', crossId + "-B", "1002", buyQuantity));
        cross.addGroup(side('2', crossId + "-S", "1001", sellQuantity));
        return cross;
    }

    private static NewOrderCross.NoSides side(final char side, final String clOrdId, final String account,
        final long quantity)
    {
        final NewOrderCross.NoSides group = new NewOrderCross.NoSides();
        group.set(new Side(side));
        group.set(new ClOrdID(clOrdId));
        group.set(new Account(account));
        group.set(new OrderQty(quantity));
        return group;
    }

    /**
     * @return the next ExecutionReports, by ClOrdID.
     */
    private static Map<String, Message> reports(final FixClient client, final int count) throws Exception
    {
        final Map<String, Message> byClOrdId = new HashMap<>();
        for (int i = 0; i < count; i++)
        {
            final Message report = client.next("8", WAIT);
            assertNotNull(report, "ExecutionReport " + (i + 1) + " of " + count + "; had " + byClOrdId);
            assertEquals(null, byClOrdId.put(report.getString(11), report), "reported twice: " + report);
        }
        return byClOrdId;
    }
}
