package io.carbonx.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OrderStatusRequest, OrderMassCancelRequest and GTD expiry over the wire: the real server on its demo configuration
 * and members connecting through QuickFIX/J, as in {@link ExchangeServerTest}.
 */
class OrderQueriesOverFixTest
{
    /** How long to listen for a message that must not come. */
    private static final long QUIET = 700;

    @TempDir
    Path folder;

    private TestExchange exchange;
    private int clOrdIds;

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

    @Test
    void statusOfWorkingPartiallyFilledAndUnknownOrders() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");

        final Message partly = order("1001", '2', 100, "92.00", "CEA-2025");
        broker.send(partly);
        final String partlyId = expectReport(broker, '0', '0').getString(37);
        final Message working = order("1001", '2', 50, "92.50", "CEA-2025");
        broker.send(working);
        final String workingId = expectReport(broker, '0', '0').getString(37);
        citic.send(order("3001", '1', 60, "92.00", "CEA-2025"));
        expectReport(citic, '0', '0');
        expectReport(citic, 'F', '2');
        expectReport(broker, 'F', '1');

        broker.send(statusRequest(partly.getString(11), null, "CEA-2025", '2'));
        final Message partlyStatus = expectReport(broker, 'I', '1');
        assertEquals(partlyId, partlyStatus.getString(37));
        assertEquals(partly.getString(11), partlyStatus.getString(11));
        assertEquals(60, partlyStatus.getDouble(14), "cumulative quantity");
        assertEquals(40, partlyStatus.getDouble(151), "leaves quantity");
        assertEquals(92.0, partlyStatus.getDouble(6), "average price");
        assertEquals("0", partlyStatus.getString(17), "FIX 4.4: ExecID is 0 on an order status report");

        broker.send(statusRequest(working.getString(11), workingId, "CEA-2025", '2'));
        final Message workingStatus = expectReport(broker, 'I', '0');
        assertEquals(workingId, workingStatus.getString(37));
        assertEquals(0, workingStatus.getDouble(14));
        assertEquals(50, workingStatus.getDouble(151));
        assertEquals(92.5, workingStatus.getDouble(44));
        assertEquals("0", workingStatus.getString(17));

        broker.send(statusRequest("NO-SUCH-ORDER", null, "CEA-2025", '1'));
        final Message unknown = expectReport(broker, 'I', '8');
        assertEquals("NONE", unknown.getString(37));
        assertEquals("NO-SUCH-ORDER", unknown.getString(11));
        assertEquals(5, unknown.getInt(103), "OrdRejReason 5: unknown order");
        assertEquals("0", unknown.getString(17));

        citic.send(statusRequest(working.getString(11), workingId, "CEA-2025", '2'));
        assertEquals("NONE", expectReport(citic, 'I', '8').getString(37), "another session's order is unknown to it");
    }

    @Test
    void massCancelBySymbolThenAllCancelsExactlyTheSessionsWorkingOrders() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");

        final Set<String> cea2025 = new HashSet<>();
        cea2025.add(placed(broker, order("1001", '2', 10, "93.00", "CEA-2025")));
        cea2025.add(placed(broker, order("1002", '2', 20, "93.50", "CEA-2025")));
        cea2025.add(placed(broker, order("1002", '1', 5, "91.00", "CEA-2025")));
        final Message other = order("1001", '2', 30, "89.00", "CEA-2024");
        final String otherId = placed(broker, other);
        final Message citicOrder = order("3001", '1', 7, "90.00", "CEA-2025");
        final String citicId = placed(citic, citicOrder);

        broker.send(massCancel('1', "CEA-2025", null));
        final MassCancelled bySymbol = massCancelled(broker, 3);
        assertEquals('1', bySymbol.report().getChar(531), "cancel orders for a security");
        assertEquals(3, bySymbol.report().getInt(533));
        assertEquals(cea2025, bySymbol.orderIds());

        broker.send(statusRequest(other.getString(11), otherId, "CEA-2024", '2'));
        expectReport(broker, 'I', '0');

        broker.send(massCancel('7', null, null));
        final MassCancelled all = massCancelled(broker, 1);
        assertEquals('7', all.report().getChar(531), "cancel all orders");
        assertEquals(1, all.report().getInt(533));
        assertEquals(Set.of(otherId), all.orderIds());

        citic.send(statusRequest(citicOrder.getString(11), citicId, "CEA-2025", '1'));
        expectReport(citic, 'I', '0');
        assertNull(citic.next("r", QUIET), "the other session was not asked about");
    }

    @Test
    void massCancelOfOneSideLeavesTheOtherSide() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final String sellId = placed(broker, order("1001", '2', 10, "93.00", "CEA-2025"));
        final Message buy = order("1002", '1', 10, "91.00", "CEA-2025");
        final String buyId = placed(broker, buy);

        broker.send(massCancel('7', null, '2'));
        final MassCancelled oneSide = massCancelled(broker, 1);
        assertEquals('7', oneSide.report().getChar(531));
        assertEquals(1, oneSide.report().getInt(533), "only the sell");
        assertEquals(Set.of(sellId), oneSide.orderIds());

        broker.send(statusRequest(buy.getString(11), buyId, "CEA-2025", '1'));
        expectReport(broker, 'I', '0');
    }

    @Test
    void refusedMassCancelsCancelNothing() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final Message working = order("1001", '2', 10, "93.00", "CEA-2025");
        final String workingId = placed(broker, working);

        broker.send(massCancel('1', "CEA-2099", null));
        final Message unknownSymbol = broker.next("r", WAIT);
        assertEquals('0', unknownSymbol.getChar(531), "request rejected");
        assertEquals(1, unknownSymbol.getInt(532), "invalid or unknown security");
        assertEquals(0, unknownSymbol.getInt(533));
        assertTrue(unknownSymbol.getString(58).contains("CEA-2099"), unknownSymbol.toString());

        broker.send(massCancel('5', null, null));
        final Message unsupported = broker.next("r", WAIT);
        assertEquals('0', unsupported.getChar(531));
        assertEquals(0, unsupported.getInt(532), "mass cancel (of this kind) not supported");

        final Message foreign = massCancel('7', null, null);
        foreign.setString(1, "3001");
        broker.send(foreign);
        final Message reject = broker.next("3", WAIT);
        assertNotNull(reject, "FIX 4.4's OrderMassCancelRequest has no Account: a session-level Reject");
        assertEquals(2, reject.getInt(373), "tag not defined for this message type");
        assertEquals(1, reject.getInt(371));

        assertNull(broker.next("8", QUIET), "nothing was cancelled");
        broker.send(statusRequest(working.getString(11), workingId, "CEA-2025", '2'));
        expectReport(broker, 'I', '0');
    }

    @Test
    void aGtdOrderExpiresWhenALaterCommandMovesTheClockPastIt() throws Exception
    {
        final FixClient broker = exchange.connect("BROKER1");
        final FixClient citic = exchange.connect("CITIC");

        final Message gtd = order("1001", '2', 25, "93.00", "CEA-2025");
        gtd.setChar(59, '6');
        final Instant expireTime = Instant.now().plusSeconds(2);
        gtd.setUtcTimeStamp(126, LocalDateTime.ofInstant(expireTime, ZoneOffset.UTC), true);
        broker.send(gtd);
        final String gtdId = expectReport(broker, '0', '0').getString(37);

        WallClock.awaitPassed(expireTime);
        assertNull(broker.next("8", QUIET), "time alone does not move the engine's clock");

        citic.send(order("3001", '1', 5, "90.00", "CEA-2025"));
        expectReport(citic, '0', '0');
        final Message expired = expectReport(broker, 'C', 'C');
        assertEquals(gtdId, expired.getString(37));
        assertEquals(gtd.getString(11), expired.getString(11));
        assertEquals(0, expired.getDouble(151), "nothing left working");
        assertEquals(0, expired.getDouble(14));

        broker.send(statusRequest(gtd.getString(11), gtdId, "CEA-2025", '2'));
        expectReport(broker, 'I', 'C');
        assertEquals(150_000, exchange.server().machine().registry().holding(1001, 2).total(), "nothing sold");
    }

    private Message order(final String account, final char side, final long quantity, final String price,
        final String symbol)
    {
        return TestExchange.limitOrder("ORD-" + ++clOrdIds, account, symbol, side, quantity, price, '1');
    }

    private static Message statusRequest(final String clOrdId, final String orderId, final String symbol,
        final char side)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "H");
        request.setString(11, clOrdId);
        if (orderId != null)
        {
            request.setString(37, orderId);
        }
        request.setString(55, symbol);
        request.setChar(54, side);
        return request;
    }

    private Message massCancel(final char requestType, final String symbol, final Character side)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "q");
        request.setString(11, "MC-" + ++clOrdIds);
        request.setChar(530, requestType);
        if (symbol != null)
        {
            request.setString(55, symbol);
        }
        if (side != null)
        {
            request.setChar(54, side);
        }
        request.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        return request;
    }

    /**
     * @return the OrderID of the order once it is acknowledged.
     */
    private static String placed(final FixClient client, final Message order) throws Exception
    {
        client.send(order);
        final Message report = expectReport(client, '0', '0');
        assertEquals(order.getString(11), report.getString(11));
        return report.getString(37);
    }

    /**
     * A mass cancel's answer: its OrderMassCancelReport and the OrderIDs of the cancels' ExecutionReports.
     */
    private record MassCancelled(Message report, Set<String> orderIds)
    {
    }

    /**
     * Read a mass cancel's report and {@code count} cancel ExecutionReports in whatever order they come: the report
     * is the gateway's answer, the cancels the engine's, and FIX does not order one before the other.
     */
    private static MassCancelled massCancelled(final FixClient client, final int count) throws Exception
    {
        Message report = null;
        final Set<String> orderIds = new HashSet<>();
        for (int i = 0; i <= count; i++)
        {
            final Message message = client.nextOf(WAIT, "r", "8");
            assertNotNull(message, "got " + (report == null ? "no" : "the") + " OrderMassCancelReport and " +
                orderIds.size() + " of " + count + " cancels");
            if (message.getHeader().getString(35).equals("r"))
            {
                assertNull(report, "one OrderMassCancelReport");
                report = message;
            }
            else
            {
                assertEquals('4', message.getChar(150), message.toString());
                assertEquals('4', message.getChar(39), message.toString());
                orderIds.add(message.getString(37));
            }
        }
        assertNull(client.nextOf(QUIET, "r", "8"), "no more reports than orders cancelled");
        return new MassCancelled(report, orderIds);
    }

    private static Message expectReport(final FixClient client, final char execType,
        final char ordStatus) throws Exception
    {
        final Message report = client.next("8", WAIT);
        assertNotNull(report, "no ExecutionReport");
        assertEquals(execType, report.getChar(150), report.toString());
        assertEquals(ordStatus, report.getChar(39), report.toString());
        return report;
    }
}
