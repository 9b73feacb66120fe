package io.carbonx.server;

import io.carbonx.engine.book.BookView;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.gateway.marketdata.ReconstructedBook;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TradingPhase;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.carbonx.server.TestExchange.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Market data over FIX on the real server and its demo market, with QuickFIX/J members: FOREST watches, BROKER1 sells
 * for Huaneng Power (1001) and Baosteel (1002), CITIC buys for itself (3001).
 */
class MarketDataServerTest
{
    private static final long QUIET = 300;
    private static final int CEA_2025 = 2;
    private static final int CCER = 3;

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
    void afterARestartTheSnapshotShowsTheRecoveredBookAndFigures() throws Exception
    {
        final List<FixClient> members = exchange.connectAll("FOREST", "CITIC");
        final FixClient forest = members.get(0);
        final FixClient citic = members.get(1);
        forest.send(order("2001", '2', 30, "80.30", '1', "CCER"));
        forest.send(order("2001", '2', 40, "80.90", '1', "CCER"));
        citic.send(order("3001", '1', 12, "80.30", '1', "CCER"));
        citic.send(order("3001", '1', 25, "79.10", '1', "CCER"));
        for (int reports = 0; reports < 3; reports++)
        {
            assertNotNull(forest.next("8", WAIT), "the seller's reports: two accepted, one fill");
            assertNotNull(citic.next("8", WAIT), "the buyer's reports: two accepted, one fill");
        }
        exchange.close();
        startServer();

        final FixClient watcher = exchange.connect("BROKER1");
        watcher.send(marketDataRequest("AFTER", '0', 0, "0124578B", "CCER"));
        final Message snapshot = nextMarketData(watcher, WAIT);
        assertEquals(List.of("0 79.10 25", "1 80.30 18", "1 80.90 40", "2 80.30 12", "4 80.30", "7 80.30", "8 80.30",
            "5 80.00", "B 12"), entries(snapshot));
        final ReconstructedBook copy = new ReconstructedBook("CCER");
        copy.apply(snapshot.toString());
        assertEquals(ReconstructedBook.levels(exchange.server().machine().orderBook(CCER), Side.BUY), copy.bids());
        assertEquals(ReconstructedBook.levels(exchange.server().machine().orderBook(CCER), Side.SELL), copy.asks());
    }

    @Test
    void aSubscriberKeepsAnExactCopyOfTheBookWhileOthersTrade() throws Exception
    {
        final List<FixClient> members = exchange.connectAll("FOREST", "BROKER1", "CITIC");
        final FixClient watcher = members.get(0);
        final FixClient broker = members.get(1);
        final FixClient citic = members.get(2);
        watcher.send(marketDataRequest("BOOK", '1', 0, "01", "CEA-2025"));
        final ReconstructedBook copy = new ReconstructedBook("CEA-2025");
        final Message snapshot = nextMarketData(watcher, WAIT);
        assertEquals("W", snapshot.getHeader().getString(35));
        copy.apply(snapshot.toString());
        assertEquals(0, copy.bids().size() + copy.asks().size(), "the day starts with an empty book");

        final Message sell = order("1001", '2', 100, "92.50", '1');
        step(broker, sell, watcher, copy);
        final Message sell2 = order("1002", '2', 50, "92.60", '1');
        step(broker, sell2, watcher, copy);
        final Message bid = order("3001", '1', 30, "91.00", '1');
        step(citic, bid, watcher, copy);
        step(broker, order("1001", '2', 20, "92.50", '1'), watcher, copy);
        final Message smaller = replace(sell, 80, "92.50");
        step(broker, smaller, watcher, copy);
        assertEquals(100, copy.asks().get(9_250L), "80 and 20 at 92.50");
        step(broker, replace(sell2, 50, "92.70"), watcher, copy);
        step(citic, order("3001", '1', 90, "92.50", '1'), watcher, copy);
        step(citic, order("3001", '1', 40, "92.70", '3'), watcher, copy);
        step(citic, cancel(bid), watcher, copy);
        step(citic, order("3001", '1', 100, "92.70", '1'), watcher, copy);
        assertEquals(80, copy.bids().get(9_270L), "the rest of the buy rests where the offer was");
        assertFalse(copy.asks().containsKey(9_270L));
        step(broker, order("1001", '2', 200, "92.70", '1'), watcher, copy);
        final Message massCancel = new Message();
        massCancel.getHeader().setString(35, "q");
        massCancel.setString(11, "MASS-1");
        massCancel.setChar(530, '7');
        massCancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        step(broker, massCancel, watcher, copy);
        assertTrue(copy.asks().isEmpty() && copy.bids().isEmpty(), "every order traded or was cancelled");
        assertTrue(copy.updates() >= 12, "every step was an update: " + copy.updates());
    }

    @Test
    void aSnapshotShowsTheBookToTheDepthAskedAndTheDaysFigures() throws Exception
    {
        final List<FixClient> members = exchange.connectAll("FOREST", "BROKER1", "CITIC");
        final FixClient watcher = members.get(0);
        final FixClient broker = members.get(1);
        final FixClient citic = members.get(2);
        watcher.send(marketDataRequest("WATCH", '1', 0, "0124578B", "CEA-2025"));
        final ReconstructedBook copy = new ReconstructedBook("CEA-2025");
        copy.apply(nextMarketData(watcher, WAIT).toString());
        step(broker, order("1001", '2', 10, "92.40", '1'), watcher, copy);
        step(broker, order("1001", '2', 10, "92.60", '1'), watcher, copy);
        step(broker, order("1001", '2', 50, "92.80", '1'), watcher, copy);
        step(citic, order("3001", '1', 10, "92.60", '1'), watcher, copy);
        step(citic, order("3001", '1', 10, "92.60", '1'), watcher, copy);
        step(citic, order("3001", '1', 20, "91.00", '1'), watcher, copy);
        step(citic, order("3001", '1', 5, "91.50", '1'), watcher, copy);

        watcher.send(marketDataRequest("TOP", '0', 1, "0124578B", "CEA-2025"));
        final Message top = nextMarketData(watcher, WAIT);
        assertEquals("W", top.getHeader().getString(35));
        assertEquals("TOP", top.getString(262));
        assertEquals("CEA-2025", top.getString(55));
        assertEquals(
            List.of("0 91.50 5", "1 92.80 50", "2 92.60 10", "4 92.40", "7 92.60", "8 92.40", "5 92.00", "B 20"),
            entries(top));

        watcher.send(marketDataRequest("FULL", '0', 0, "01", "CEA-2025"));
        final Message full = nextMarketData(watcher, WAIT);
        assertEquals(List.of("0 91.50 5", "0 91.00 20", "1 92.80 50"), entries(full));
        watcher.send(marketDataRequest("QUIET", '0', 0, "01", "CCER"));
        assertEquals(List.of(), entries(nextMarketData(watcher, WAIT)), "a snapshot of an empty book has no entries");
    }

    @Test
    void anUnsubscribedRequestGetsNoMoreUpdates() throws Exception
    {
        final List<FixClient> members = exchange.connectAll("FOREST", "BROKER1");
        final FixClient watcher = members.get(0);
        final FixClient broker = members.get(1);
        watcher.send(marketDataRequest("ONE", '1', 0, "01", "CEA-2025"));
        watcher.send(marketDataRequest("TWO", '1', 0, "01", "CEA-2025"));
        assertEquals("ONE", nextMarketData(watcher, WAIT).getString(262));
        assertEquals("TWO", nextMarketData(watcher, WAIT).getString(262));

        watcher.send(marketDataRequest("ONE", '2', 0, "01", "CEA-2025"));
        // the session handles its messages in order, so once this snapshot is back ONE has ended
        watcher.send(marketDataRequest("SYNC", '0', 0, "01", "CEA-2025"));
        assertEquals("SYNC", nextMarketData(watcher, WAIT).getString(262));
        broker.send(order("1001", '2', 10, "92.50", '1'));
        final Message update = nextMarketData(watcher, WAIT);
        assertEquals("X", update.getHeader().getString(35));
        assertEquals("TWO", update.getString(262));
        assertNull(nextMarketData(watcher, QUIET), "nothing more, and nothing for ONE");

        watcher.send(marketDataRequest("ONE", '2', 0, "01", "CEA-2025"));
        final Message reject = nextMarketData(watcher, WAIT);
        assertEquals("Y", reject.getHeader().getString(35));
        assertFalse(reject.isSetField(281), "FIX 4.4 has no reason for an unknown MDReqID; Text says it");
        assertEquals("no subscription with MDReqID ONE to end", reject.getString(58));
    }

    @Test
    void anUnsupportedRequestIsRejectedWithItsReason() throws Exception
    {
        final String[][] cases = {
            {"unknown symbol", "263=1|264=0|269=0|55=CEA-2099", "0"},
            {"depth for updates", "263=1|264=5|269=0|55=CEA-2025", "5"},
            {"full refresh updates", "263=1|264=0|265=0|269=0|55=CEA-2025", "6"},
            {"unaggregated book", "263=0|264=0|266=N|269=0|55=CEA-2025", "7"},
            {"settlement price", "263=0|264=0|269=6|55=CEA-2025", "8"},
            {"trading session", "263=0|264=0|269=0|55=CEA-2025|336=DAY", "9"},
            {"national scope", "263=0|264=0|546=2|269=0|55=CEA-2025", "A"},
            {"open/close flag", "263=0|264=0|286=1|269=0|55=CEA-2025", "B"},
            {"implicit deletes", "263=1|264=0|547=Y|269=0|55=CEA-2025", "C"},
        };
        final FixClient watcher = exchange.connect("FOREST");
        for (final String[] request : cases)
        {
            watcher.send(request(request[1]));
            final Message reject = nextMarketData(watcher, WAIT);
            assertNotNull(reject, request[0]);
            assertEquals("Y", reject.getHeader().getString(35), request[0]);
            assertEquals("R", reject.getString(262));
            assertEquals(request[2].charAt(0), reject.getChar(281), request[0] + ": " + reject.getString(58));
            assertFalse(reject.getString(58).isBlank());
        }
        assertNull(nextMarketData(watcher, QUIET), "no request was accepted");
    }

    @Test
    void aDuplicateMdReqIdIsRejectedAndAnUnknownSubscriptionTypeNeverReachesTheExchange() throws Exception
    {
        final FixClient watcher = exchange.connect("FOREST");
        watcher.send(marketDataRequest("SAME", '1', 0, "01", "CEA-2025"));
        assertEquals("W", nextMarketData(watcher, WAIT).getHeader().getString(35));
        watcher.send(marketDataRequest("SAME", '1', 0, "01", "CEA-2024"));
        final Message duplicate = nextMarketData(watcher, WAIT);
        assertEquals("Y", duplicate.getHeader().getString(35));
        assertEquals('1', duplicate.getChar(281));

        watcher.send(request("263=5|264=0|269=0|55=CEA-2025"));
        final Message reject = watcher.next("3", WAIT);
        assertNotNull(reject, "the dictionary refuses a SubscriptionRequestType FIX 4.4 does not define");
        assertEquals(263, reject.getInt(371));
        assertEquals(5, reject.getInt(373), "value is incorrect");
    }

    @Test
    void theSecurityListDescribesEachInstrument() throws Exception
    {
        final FixClient member = exchange.connect("CITIC");
        member.send(securityListRequest("ALL", 4, null));
        final Message all = member.next("y", WAIT);
        assertNotNull(all);
        assertEquals("ALL", all.getString(320));
        assertEquals(0, all.getInt(560));
        assertEquals(4, all.getInt(393));
        final List<Group> instruments = all.getGroups(146);
        assertEquals(List.of("CEA-2024", "CEA-2025", "CCER", "SINK-FOREST"),
            instruments.stream().map(group -> field(group, 55)).toList());
        final Group cea2024 = instruments.get(0);
        assertEquals("ALLOWANCE", cea2024.getString(762));
        assertEquals(1, cea2024.getInt(561), "lot");
        assertEquals(1, cea2024.getInt(562), "minimum quantity");
        assertEquals("CEA-2024", cea2024.getString(336), "the instrument is its own trading session");
        assertEquals("CONTINUOUS", cea2024.getString(625));
        assertEquals(
            List.of("VINTAGE=2024", "TICK=0.01", "MAXQTY=99999", "REFPX=88.50", "BANDBPS=1000", "BANDLOW=79.65",
            "BANDHIGH=97.35"), attributes(cea2024));
        assertEquals(
            List.of("TICK=0.01", "MAXQTY=99999", "REFPX=80.00", "BANDBPS=1000", "BANDLOW=72.00", "BANDHIGH=88.00"),
            attributes(instruments.get(2)), "CCER has no vintage");

        member.send(securityListRequest("ONE", 0, "SINK-FOREST"));
        final Message one = member.next("y", WAIT);
        assertEquals(1, one.getInt(146));
        assertEquals("SINK", one.getGroups(146).get(0).getString(762));

        member.send(securityListRequest("NONE", 0, "CEA-2099"));
        final Message none = member.next("y", WAIT);
        assertEquals(2, none.getInt(560));
        assertFalse(none.isSetField(146));

        member.send(securityListRequest("TYPE", 1, null));
        final Message unsupported = member.next("y", WAIT);
        assertEquals(1, unsupported.getInt(560), "invalid or unsupported request");
        assertFalse(unsupported.isSetField(146));
    }

    @Test
    void phaseChangesReachEveryLoggedOnSessionAndCanBeAskedFor() throws Exception
    {
        final List<FixClient> members = exchange.connectAll("CITIC", "FOREST");
        final FixClient citic = members.get(0);
        final FixClient forest = members.get(1);
        final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
        final int length = new CommandWriter().envelope(System.currentTimeMillis() * 1_000_000, 0, 0)
            .setTradingPhase(command, 0, CEA_2025, TradingPhase.HALTED);
        exchange.server().engine().publish(command, 0, length);

        for (final FixClient client : List.of(citic, forest))
        {
            final Message status = client.next("h", WAIT);
            assertNotNull(status);
            assertEquals("CEA-2025", status.getString(336));
            assertEquals(1, status.getInt(340), "halted");
            assertEquals("HALTED", status.getString(625));
            assertTrue(status.getBoolean(325), "unsolicited");
        }

        forest.send(sessionStatusRequest("ASK", "CEA-2025"));
        final Message answer = forest.next("h", WAIT);
        assertEquals("ASK", answer.getString(335));
        assertEquals(1, answer.getInt(340));
        assertFalse(answer.getBoolean(325));

        forest.send(sessionStatusRequest("EVERY", null));
        final List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final Message status = forest.next("h", WAIT);
            statuses.add(status.getString(336) + " " + status.getInt(340));
        }
        assertEquals(List.of("CEA-2024 2", "CEA-2025 1", "CCER 2", "SINK-FOREST 2"), statuses);

        forest.send(sessionStatusRequest("BAD", "CEA-2099"));
        final Message refused = forest.next("h", WAIT);
        assertEquals(6, refused.getInt(340), "request rejected");
        assertEquals(1, refused.getInt(567), "unknown TradingSessionID");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * One member's action: it must change the book, so at least one X arrives; once the updates stop coming the engine
     * is idle, and the subscriber's copy must equal the engine's book.
     */
    private void step(final FixClient actor, final Message action, final FixClient watcher,
        final ReconstructedBook copy)
        throws Exception
    {
        final int before = copy.updates();
        actor.send(action);
        Message update = nextMarketData(watcher, WAIT);
        while (update != null)
        {
            assertEquals("X", update.getHeader().getString(35), update.toString());
            copy.apply(update.toString());
            update = nextMarketData(watcher, QUIET);
        }
        assertTrue(copy.updates() > before, "no update for " + action);
        final BookView book = exchange.server().machine().orderBook(CEA_2025);
        assertEquals(ReconstructedBook.levels(book, Side.BUY), copy.bids(), "bids after " + action);
        assertEquals(ReconstructedBook.levels(book, Side.SELL), copy.asks(), "asks after " + action);
    }

    private static Message nextMarketData(final FixClient client, final long millis) throws Exception
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (true)
        {
            final Message message =
                client.received.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (message == null || "WXY".indexOf(message.getHeader().getString(35).charAt(0)) >= 0)
            {
                return message;
            }
        }
    }

    private static List<String> entries(final Message snapshot) throws Exception
    {
        final List<String> entries = new ArrayList<>();
        for (final Group entry : snapshot.getGroups(268))
        {
            String text = String.valueOf(entry.getChar(269));
            if (entry.isSetField(270))
            {
                text += " " + entry.getDecimal(270).setScale(2).toPlainString();
            }
            if (entry.isSetField(271))
            {
                text += " " + entry.getDecimal(271).toBigInteger();
            }
            entries.add(text);
        }
        return entries;
    }

    private static List<String> attributes(final Group instrument)
    {
        return instrument.getGroups(870).stream().map(group -> field(group, 872)).toList();
    }

    private static String field(final quickfix.FieldMap map, final int tag)
    {
        try
        {
            return map.getString(tag);
        }
        catch (final quickfix.FieldNotFound ex)
        {
            throw new AssertionError("missing tag " + tag, ex);
        }
    }

    private static Message marketDataRequest(
        final String mdReqId, final char type, final int depth, final String entryTypes, final String... symbols)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "V");
        request.setString(262, mdReqId);
        request.setChar(263, type);
        request.setInt(264, depth);
        for (final char entryType : entryTypes.toCharArray())
        {
            final Group group = new Group(267, 269);
            group.setChar(269, entryType);
            request.addGroup(group);
        }
        for (final String symbol : symbols)
        {
            final Group group = new Group(146, 55);
            group.setString(55, symbol);
            request.addGroup(group);
        }
        return request;
    }

    /**
     * A MarketDataRequest "R" from readable fields: 263, 264 and the optional fields in order, then each 269, then
     * each 55 and 336 (as one NoRelatedSym entry and one NoTradingSessions entry).
     */
    private static Message request(final String fields)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "V");
        request.setString(262, "R");
        for (final String field : fields.trim().split("\\|"))
        {
            final int tag = Integer.parseInt(field.substring(0, field.indexOf('=')));
            final String value = field.substring(field.indexOf('=') + 1);
            final Group group = switch (tag)
            {
                case 269 -> new Group(267, 269);
                case 55 -> new Group(146, 55);
                case 336 -> new Group(386, 336);
                default -> null;
            };
            if (group == null)
            {
                request.setString(tag, value);
            }
            else
            {
                group.setString(tag, value);
                request.addGroup(group);
            }
        }
        return request;
    }

    private static Message securityListRequest(final String reqId, final int type, final String symbol)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "x");
        request.setString(320, reqId);
        request.setInt(559, type);
        if (symbol != null)
        {
            request.setString(55, symbol);
        }
        return request;
    }

    private static Message sessionStatusRequest(final String reqId, final String tradingSessionId)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "g");
        request.setString(335, reqId);
        if (tradingSessionId != null)
        {
            request.setString(336, tradingSessionId);
        }
        request.setChar(263, '0');
        return request;
    }

    private Message order(final String account, final char side, final long quantity, final String price,
        final char timeInForce)
    {
        return order(account, side, quantity, price, timeInForce, "CEA-2025");
    }

    private Message order(
        final String account, final char side, final long quantity, final String price, final char timeInForce,
        final String symbol)
    {
        return TestExchange.limitOrder("ORD-" + ++clOrdIds, account, symbol, side, quantity, price, timeInForce);
    }

    private Message replace(final Message original, final long quantity, final String price) throws Exception
    {
        final Message replace = new Message();
        replace.getHeader().setString(35, "G");
        replace.setString(11, "ORD-" + ++clOrdIds);
        replace.setString(41, original.getString(11));
        replace.setString(1, original.getString(1));
        replace.setString(55, "CEA-2025");
        replace.setChar(54, original.getChar(54));
        replace.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        replace.setDouble(38, quantity);
        replace.setChar(40, '2');
        replace.setString(44, price);
        return replace;
    }

    private Message cancel(final Message original) throws Exception
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, "ORD-" + ++clOrdIds);
        cancel.setString(41, original.getString(11));
        cancel.setString(1, original.getString(1));
        cancel.setString(55, "CEA-2025");
        cancel.setChar(54, original.getChar(54));
        cancel.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        return cancel;
    }
}
