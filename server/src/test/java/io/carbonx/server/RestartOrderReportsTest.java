package io.carbonx.server;

import io.carbonx.server.config.ConfigLoader;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders placed before a restart of the server on the same data folder are still reported on and can still be
 * cancelled by ClOrdID (issue #5): FOREST (account 2001, no cancel-on-disconnect) rests sells of CCER, CITIC (3001)
 * buys against one after the restart while FOREST is logged off, and FOREST gets the fill through FIX resend when it
 * logs on.
 */
class RestartOrderReportsTest
{
    private static final long WAIT = 10_000;

    @TempDir
    Path folder;

    private ExchangeServer server;
    private final List<FixClient> clients = new ArrayList<>();

    @AfterEach
    void stop()
    {
        clients.forEach(FixClient::close);
        if (server != null)
        {
            server.close();
        }
    }

    private void startServer()
    {
        final ExchangeConfig demo = ConfigLoader.loadDefault();
        server = ExchangeServer.start(new ExchangeConfig(
            new ExchangeConfig.ServerConfig(0, folder.resolve("data").toString(), 10_000).withDemo(true),
            demo.scheme(), demo.instruments(), demo.accounts(), demo.sessions()).validate());
    }

    private FixClient connect(final String member) throws Exception
    {
        final FixClient client =
            new FixClient(member, "CARBONX", server.fixPort(), folder.resolve("client-" + member), null);
        clients.add(client);
        client.start();
        assertTrue(client.awaitLogon(WAIT), member + " did not log on");
        return client;
    }

    private static Message order(
        final String clOrdId, final String account, final char side, final long quantity, final String price)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        order.setString(11, clOrdId);
        order.setString(1, account);
        order.setString(55, "CCER");
        order.setChar(54, side);
        order.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        order.setDouble(38, quantity);
        order.setChar(40, '2');
        order.setString(44, price);
        order.setChar(59, '1');
        return order;
    }

    private static Message report(final FixClient client, final char execType, final char ordStatus) throws Exception
    {
        final Message report = client.next("8", WAIT);
        assertNotNull(report, "no ExecutionReport " + execType);
        assertEquals(execType, report.getChar(150), report.toString());
        assertEquals(ordStatus, report.getChar(39), report.toString());
        return report;
    }

    @Test
    void ordersPlacedBeforeARestartAreReportedAndCancellableAfterIt() throws Exception
    {
        startServer();
        final FixClient forest = connect("FOREST");
        forest.send(order("F-SELL", "2001", '2', 100, "80.00"));
        final String sellOrderId = report(forest, '0', '0').getString(37);
        forest.send(order("F-KEEP", "2001", '2', 50, "81.00"));
        final String keepOrderId = report(forest, '0', '0').getString(37);

        final FixClient citic = connect("CITIC");
        citic.send(order("C-1", "3001", '1', 30, "80.00"));
        report(citic, '0', '0');
        report(citic, 'F', '2');
        final Message before = report(forest, 'F', '1');
        assertEquals(30, before.getDouble(14));
        assertEquals(70, before.getDouble(151));

        forest.stop();
        citic.stop();
        clients.clear();
        server.close();
        server = null;
        assertTrue(Files.size(folder.resolve("data").resolve("fix").resolve(ExchangeServer.ORDER_LOG)) > 0,
            "the orders were logged");

        startServer();
        final FixClient citicAgain = connect("CITIC");
        citicAgain.send(order("C-2", "3001", '1', 50, "80.00"));
        report(citicAgain, '0', '0');
        final Message buyFill = report(citicAgain, 'F', '2');
        assertEquals(80.0, buyFill.getDouble(31), "trades at the resting sell's price");

        final FixClient forestAgain = connect("FOREST");
        final Message fill = report(forestAgain, 'F', '1');
        assertEquals("F-SELL", fill.getString(11));
        assertEquals(sellOrderId, fill.getString(37));
        assertEquals(50, fill.getDouble(32));
        assertEquals(80.0, fill.getDouble(31));
        assertEquals(80, fill.getDouble(14), "30 before the restart and 50 after it");
        assertEquals(20, fill.getDouble(151));
        assertEquals(80.0, fill.getDouble(6));
        assertTrue(fill.getHeader().getBoolean(43), "the fill came through resend: " + fill);

        forestAgain.send(order("F-SELL", "2001", '2', 10, "80.00"));
        final Message duplicate = report(forestAgain, '8', '8');
        assertEquals(6, duplicate.getInt(103), "a ClOrdID of an order placed before the restart is still in use");

        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, "F-CANCEL");
        cancel.setString(41, "F-KEEP");
        cancel.setString(1, "2001");
        cancel.setString(55, "CCER");
        cancel.setChar(54, '2');
        cancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        cancel.setDouble(38, 50);
        forestAgain.send(cancel);
        final Message canceled = report(forestAgain, '4', '4');
        assertEquals("F-CANCEL", canceled.getString(11));
        assertEquals("F-KEEP", canceled.getString(41));
        assertEquals(keepOrderId, canceled.getString(37));
        assertEquals(0, canceled.getDouble(151));
        assertEquals(0, canceled.getDouble(14));
    }
}
