package io.carbonx.server;

import io.carbonx.server.config.ExchangeConfig;
import io.carbonx.server.config.ExchangeConfig.SessionConfig;
import io.carbonx.fix.PasswordHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server on its embedded demo configuration, with members connecting through QuickFIX/J: a broker trading
 * for Huaneng Power (1001), Citic (3001) trading its own account.
 */
class ExchangeServerTest
{
    private static final int CEA_2025 = 2;

    @TempDir
    Path folder;

    private TestExchange exchange;
    private int clOrdIds;

    @BeforeEach
    void startServer()
    {
        final ExchangeConfig demo = TestExchange.demo(folder, false);
        final List<SessionConfig> sessions = new ArrayList<>();
        for (final SessionConfig session : demo.sessions())
        {
            sessions.add(!session.senderCompId().equals("BROKER1") ? session : new SessionConfig(session.senderCompId(),
                session.targetCompId(), PasswordHash.create("secret".toCharArray()).encoded(), session.role(),
                session.brokerId(), session.accounts(), session.messagesPerSecond(), session.cancelOnDisconnect()));
        }
        exchange = TestExchange.start(folder, new ExchangeConfig(
            demo.server(), demo.scheme(), demo.instruments(), demo.accounts(), sessions).validate());
    }

    @AfterEach
    void stop()
    {
        exchange.close();
    }

    private Message order(final String account, final char side, final long quantity, final String price,
        final String symbol)
    {
        return TestExchange.limitOrder("ORD-" + ++clOrdIds, account, symbol, side, quantity, price, '1');
    }

    private static void assertReport(final Message report, final char execType, final char ordStatus) throws Exception
    {
        assertNotNull(report, "no ExecutionReport");
        assertEquals(execType, report.getChar(150), report.toString());
        assertEquals(ordStatus, report.getChar(39), report.toString());
    }

    @Test
    void ordersTradeAndEveryOutcomeIsReported() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1", "secret");
        final FixClient citic = exchange.connect("CITIC", null);

        final Message sell = order("1001", '2', 100, "92.00", "CEA-2025");
        broker.send(sell);
        final Message sellNew = broker.next("8", WAIT);
        assertReport(sellNew, '0', '0');
        final String sellOrderId = sellNew.getString(37);

        citic.send(order("3001", '1', 60, "92.50", "CEA-2025"));
        assertReport(citic.next("8", WAIT), '0', '0');
        final Message buyFill = citic.next("8", WAIT);
        assertReport(buyFill, 'F', '2');
        assertEquals(92.0, buyFill.getDouble(31), "trades at the resting price");
        assertEquals(60, buyFill.getDouble(32));

        final Message sellFill = broker.next("8", WAIT);
        assertReport(sellFill, 'F', '1');
        assertEquals(60, sellFill.getDouble(14));
        assertEquals(40, sellFill.getDouble(151));

        final Message replace = new Message();
        replace.getHeader().setString(35, "G");
        replace.setString(11, "ORD-" + ++clOrdIds);
        replace.setString(41, sell.getString(11));
        replace.setString(37, sellOrderId);
        replace.setString(1, "1001");
        replace.setString(55, "CEA-2025");
        replace.setChar(54, '2');
        replace.setUtcTimeStamp(60, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        replace.setDouble(38, 80);
        replace.setChar(40, '2');
        replace.setString(44, "92.10");
        broker.send(replace);
        final Message replaced = broker.next("8", WAIT);
        assertReport(replaced, '5', '1');
        assertEquals(20, replaced.getDouble(151), "80 in total, 60 of them already traded");

        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, "ORD-" + ++clOrdIds);
        cancel.setString(41, replace.getString(11));
        cancel.setString(1, "1001");
        cancel.setString(55, "CEA-2025");
        cancel.setChar(54, '2');
        cancel.setUtcTimeStamp(60, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        broker.send(cancel);
        final Message cancelled = broker.next("8", WAIT);
        assertReport(cancelled, '4', '4');
        assertEquals(replace.getString(11), cancelled.getString(41));

        broker.send(cancel);
        assertEquals('1', broker.next("9", WAIT).getChar(434), "a second cancel is refused with an OrderCancelReject");
    }

    @Test
    void badOrdersAreRejectedWithAReason() throws Exception
    {
        final FixClient citic = exchange.connect("CITIC", null);

        final Message tooBig = order("3001", '1', 99_999, "92.00", "CEA-2025");
        citic.send(tooBig);
        final Message noCash = citic.next("8", WAIT);
        assertReport(noCash, '8', '8');
        assertEquals(3, noCash.getInt(103));
        assertEquals("INSUFFICIENT_CASH", noCash.getString(58));

        citic.send(tooBig);
        final Message duplicate = citic.next("8", WAIT);
        assertReport(duplicate, '8', '8');
        assertEquals(6, duplicate.getInt(103), "duplicate ClOrdID");

        citic.send(order("3001", '1', 10, "50.00", "CEA-2025"));
        assertEquals("PRICE_OUTSIDE_BAND", citic.next("8", WAIT).getString(58));

        citic.send(order("1001", '2', 10, "92.00", "CEA-2025"));
        final Message foreign = citic.next("8", WAIT);
        assertNotNull(foreign, "an order for an account the session may not trade is refused");
        assertReport(foreign, '8', '8');
        assertEquals(15, foreign.getInt(103));
        assertTrue(foreign.getString(58).contains("not allowed"), foreign.toString());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception
    {
        final FixClient intruder = exchange.open("BROKER1", "guess", "intruder");
        assertNotNull(intruder.next("5", WAIT), "a logon with a wrong password is answered with a Logout");
        assertFalse(intruder.awaitLogon(500));
    }

    @Test
    void reportsMissedWhileDisconnectedArriveAfterReconnecting() throws Exception
    {
        final FixClient citic = exchange.connect("CITIC", null);
        citic.send(order("3001", '1', 50, "92.00", "CEA-2025"));
        assertReport(citic.next("8", WAIT), '0', '0');
        citic.stop();

        final FixClient broker = exchange.connect("BROKER1", "secret");
        broker.send(order("1001", '2', 50, "92.00", "CEA-2025"));
        assertReport(broker.next("8", WAIT), '0', '0');
        assertReport(broker.next("8", WAIT), 'F', '2');

        citic.received.clear();
        citic.start();
        assertTrue(citic.awaitLogon(WAIT));
        final Message missed = citic.next("8", WAIT);
        assertReport(missed, 'F', '2');
        assertTrue(missed.getHeader().getBoolean(43), "replayed with PossDupFlag");
        assertEquals(50, exchange.server().machine().registry().holding(3001, CEA_2025).total());
    }
}
