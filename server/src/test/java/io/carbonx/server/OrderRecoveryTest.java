package io.carbonx.server;

import io.carbonx.gateway.orders.OrderLog;



import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.TestExchange.WAIT;
import static io.carbonx.server.TestExchange.limitOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11, item 2 and the order half of 14: after a restart every event of every journaled command reaches its member
 * exactly once, OrderStatusRequest finds the day's filled and cancelled orders, an order or a cancel the order log took
 * but the journal never got is rejected, and a PossDup resend of a known ClOrdID places nothing.
 * <p>
 * A crash between the journal and the FIX stores is made exactly: with the exchange stopped, orders are written to the
 * order log and their commands appended to the journal, as the order entry and the engine had done when the process
 * died before any report was stored.
 */
class OrderRecoveryTest
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
    void journaledCommandsWhoseReportsWereNeverStoredAreReportedExactlyOnceAfterARestart() throws Exception
    {
        restart();
        exchange.connectAll("FOREST", "CITIC");
        stop();

        final ExchangeConfig config = TestExchange.demo(folder, false);
        final long sell = orderId(config, "FOREST", 1);
        final long buy = orderId(config, "CITIC", 1);
        final long lost = orderId(config, "FOREST", 2);
        final Path data = folder.resolve("data");
        try (OrderLog log = OrderLog.open(data.resolve("fix").resolve(ExchangeServer.ORDER_LOG), false))
        {
            log.append(new OrderLog.Entry(OrderLog.NEW, sell, 2001, "CCER", '2', '2', 80_00, 100, "F-SELL"));
            log.append(new OrderLog.Entry(OrderLog.NEW, buy, 3001, "CCER", '1', '2', 80_00, 30, "C-BUY"));
            log.append(new OrderLog.Entry(OrderLog.NEW, lost, 2001, "CCER", '2', '2', 90_00, 10, "F-LOST"));
            log.append(new OrderLog.Entry(OrderLog.CANCEL, buy, 3001, "CCER", '1', '2', 80_00, 30, "C-CANCEL-LOST"));
        }
        final int ccer = instrumentId(config, "CCER");
        try (ChronicleJournal journal = new ChronicleJournal(data.resolve("journal"), JournalDurability.PAGE_CACHE))
        {
            final CommandWriter writer = new CommandWriter();
            final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
            long sequence = journal.lastSequence();
            int length = writer.envelope(System.currentTimeMillis() * 1_000_000, 1, sell)
                .newOrder(command, 0, sell, 2001,
                0, ccer, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 80_00, 100, 0);
            journal.append(++sequence, command, 0, length);
            length = writer.envelope(System.currentTimeMillis() * 1_000_000, 1, buy).newOrder(command, 0, buy, 3001, 0,
                ccer, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 80_00, 30, 0);
            journal.append(++sequence, command, 0, length);
            journal.endOfBatch();
        }

        restart();
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        assertReport(forest, "F-SELL", '0', '0');
        final Message sellFill = assertReport(forest, "F-SELL", 'F', '1');
        assertEquals(30, sellFill.getDouble(32));
        assertEquals(70, sellFill.getDouble(151));
        final Message rejected = assertReport(forest, "F-LOST", '8', '8');
        assertTrue(rejected.getString(58).contains("restart"), rejected.toString());
        assertEquals("NONE", rejected.getString(37), "the engine never had the order");
        assertReport(citic, "C-BUY", '0', '0');
        final Message buyFill = assertReport(citic, "C-BUY", 'F', '2');
        assertEquals(sellFill.getString(527), buyFill.getString(527), "both sides name the same trade");
        final Message cancelRejected = citic.next("9", WAIT);
        assertNotNull(cancelRejected, "a cancel the journal never got is refused");
        assertEquals("C-CANCEL-LOST", cancelRejected.getString(11));
        assertTrue(cancelRejected.getString(58).contains("restart"), cancelRejected.toString());

        // the filled order is known to a status request; nothing was reported twice: the status reply comes next
        citic.send(statusRequest("C-BUY", "3001", '1'));
        assertReport(citic, "C-BUY", 'I', '2');

        // a start that finds no checkpoint reports again everything after the order log's mark: the stored reports
        // are recognised and nothing reaches a member twice
        stop();
        Files.delete(data.resolve("fix").resolve(ExchangeServer.REPORT_CHECKPOINT));
        restart();
        final FixClient forestAgain = exchange.connect("FOREST");
        final FixClient citicAgain = exchange.connect("CITIC");
        forestAgain.send(statusRequest("F-SELL", "2001", '2'));
        final Message sellStatus = assertReport(forestAgain, "F-SELL", 'I', '1');
        assertEquals(30, sellStatus.getDouble(14));
        forestAgain.send(statusRequest("F-LOST", "2001", '2'));
        assertReport(forestAgain, "F-LOST", 'I', '8');
        citicAgain.send(statusRequest("C-BUY", "3001", '1'));
        assertReport(citicAgain, "C-BUY", 'I', '2');
    }

    @Test
    void statusRequestsFindFilledAndCancelledOrdersAfterARestart() throws Exception
    {
        restart();
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        forest.send(limitOrder("F-FILLED", "2001", "CCER", '2', 40, "81.00", '1'));
        assertReport(forest, "F-FILLED", '0', '0');
        citic.send(limitOrder("C-TAKE", "3001", "CCER", '1', 40, "81.00", '1'));
        assertReport(citic, "C-TAKE", '0', '0');
        assertReport(citic, "C-TAKE", 'F', '2');
        assertReport(forest, "F-FILLED", 'F', '2');
        forest.send(limitOrder("F-CANCELLED", "2001", "CCER", '2', 10, "84.00", '1'));
        assertReport(forest, "F-CANCELLED", '0', '0');
        forest.send(cancelRequest("F-CANCEL", "F-CANCELLED", "2001", '2', 10));
        assertReport(forest, "F-CANCEL", '4', '4');

        restart();
        final FixClient forestAgain = exchange.connect("FOREST");
        forestAgain.send(statusRequest("F-FILLED", "2001", '2'));
        final Message filled = assertReport(forestAgain, "F-FILLED", 'I', '2');
        assertEquals(40, filled.getDouble(14));
        assertEquals(81.0, filled.getDouble(6));
        forestAgain.send(statusRequest("F-CANCELLED", "2001", '2'));
        assertReport(forestAgain, "F-CANCELLED", 'I', '4');
    }

    @Test
    void aPossDupResendOfAnOrderTakenBeforeARestartPlacesNothing() throws Exception
    {
        restart();
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");
        forest.send(limitOrder("F-ONCE", "2001", "CCER", '2', 20, "82.00", '1'));
        assertReport(forest, "F-ONCE", '0', '0');
        citic.send(limitOrder("C-ONCE", "3001", "CCER", '1', 20, "82.00", '1'));
        assertReport(forest, "F-ONCE", 'F', '2');

        restart();
        final FixClient forestAgain = exchange.connect("FOREST");
        final Message resent = limitOrder("F-ONCE", "2001", "CCER", '2', 20, "82.00", '1');
        forestAgain.markNextPossDup();
        forestAgain.send(resent);
        final Message status = assertReport(forestAgain, "F-ONCE", 'I', '2');
        assertEquals(20, status.getDouble(14));

        // without PossDup the same ClOrdID is refused as a duplicate
        forestAgain.send(limitOrder("F-ONCE", "2001", "CCER", '2', 20, "82.00", '1'));
        assertEquals(6, assertReport(forestAgain, "F-ONCE", '8', '8').getInt(103));
    }

    @Test
    void ordersAreAnsweredWithExecutionReportsThatEchoWhatWasSentAndFillsCarryFeeAndTradeId() throws Exception
    {
        restart();
        final FixClient forest = exchange.connect("FOREST");
        final FixClient citic = exchange.connect("CITIC");

        forest.send(limitOrder("F-NOT-MINE", "3001", "CCER", '2', 10, "80.00", '1'));
        final Message notAllowed = assertReport(forest, "F-NOT-MINE", '8', '8');
        assertTrue(notAllowed.getString(58).contains("not allowed"), notAllowed.toString());
        assertEquals("3001", notAllowed.getString(1));

        forest.send(limitOrder("F-OFF-TICK", "2001", "CCER", '2', 10, "80.001", '1'));
        final Message offTick = assertReport(forest, "F-OFF-TICK", '8', '8');
        assertEquals("80.001", offTick.getString(44), "the price as sent");

        forest.send(limitOrder("F-FEE", "2001", "CCER", '2', 10, "80.00", '1'));
        assertReport(forest, "F-FEE", '0', '0');
        citic.send(limitOrder("C-FEE", "3001", "CCER", '1', 10, "80.00", '1'));
        assertReport(citic, "C-FEE", '0', '0');
        final Message buyFill = assertReport(citic, "C-FEE", 'F', '2');
        final Message sellFill = assertReport(forest, "F-FEE", 'F', '2');
        for (final Message fill : List.of(buyFill, sellFill))
        {
            assertTrue(fill.getDouble(12) > 0, "a fee is charged: " + fill);
            assertEquals('3', fill.getChar(13), "absolute commission");
        }
        assertEquals(sellFill.getString(527), buyFill.getString(527), "both sides name the same trade");
        assertTrue(Long.parseLong(buyFill.getString(527)) > 0, buyFill.toString());
    }

    static Message assertReport(final FixClient client, final String clOrdId, final char execType, final char ordStatus)
        throws Exception
    {
        final Message report = client.next("8", WAIT);
        assertNotNull(report, "no ExecutionReport " + execType + " for " + clOrdId);
        assertEquals(clOrdId, report.getString(11), report.toString());
        assertEquals(execType, report.getChar(150), report.toString());
        assertEquals(ordStatus, report.getChar(39), report.toString());
        return report;
    }

    static Message statusRequest(final String clOrdId, final String account, final char side)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "H");
        request.setString(11, clOrdId);
        request.setString(1, account);
        request.setString(55, "CCER");
        request.setChar(54, side);
        return request;
    }

    static Message cancelRequest(
        final String clOrdId, final String origClOrdId, final String account, final char side, final long quantity)
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, clOrdId);
        cancel.setString(41, origClOrdId);
        cancel.setString(1, account);
        cancel.setString(55, "CCER");
        cancel.setChar(54, side);
        cancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        cancel.setDouble(38, quantity);
        return cancel;
    }

    /**
     * An order id of the order entry's scheme: the session's position in the configuration, plus one, in the top bits.
     */
    static long orderId(final ExchangeConfig config, final String member, final long counter)
    {
        final List<String> members = new ArrayList<>();
        config.sessions().forEach(session -> members.add(session.senderCompId()));
        assertTrue(members.contains(member), member);
        return (members.indexOf(member) + 1L) << 47 | counter;
    }

    static int instrumentId(final ExchangeConfig config, final String symbol)
    {
        for (final InstrumentSpec spec : new EngineSetup(config).instruments())
        {
            if (spec.symbol().equals(symbol))
            {
                return spec.id();
            }
        }
        throw new AssertionError("no instrument " + symbol);
    }
}
