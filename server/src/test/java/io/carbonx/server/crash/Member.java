package io.carbonx.server.crash;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One demo member's real FIX engine: a QuickFIX/J initiator with a file store in the test's folder, so that it keeps
 * its sequence numbers across the server's restarts, reconnects by itself (every second) and receives what it missed
 * through resend, as a member's engine does. It records every order it sends (by ClOrdID and MsgSeqNum) and every
 * report it receives.
 * <p>
 * Threads: QuickFIX/J's threads call the {@link Application} methods; the member's load thread calls {@link
 * #sendOrder}; the test thread reads. Everything shared is a concurrent collection.
 */
final class Member implements Application, AutoCloseable
{
    /**
     * An order as the member sent it.
     *
     * @param round the kill round it was sent in.
     */
    record SentOrder(String clOrdId, long account, String symbol, char side, long quantity, long price,
        char timeInForce,
        int round)
    {
    }

    final String name;
    final List<Long> accounts;
    final SessionID sessionId;
    final Map<String, SentOrder> sent = new ConcurrentHashMap<>();
    /** ClOrdID of each NewOrderSingle by the MsgSeqNum it went (and would be resent) with. */
    final Map<Integer, String> clOrdIdBySeqNum = new ConcurrentHashMap<>();
    final List<Report> reports = new CopyOnWriteArrayList<>();
    /** Logouts received and session Rejects sent: what the member's engine had to say, for failure messages. */
    final List<String> sessionEvents = new CopyOnWriteArrayList<>();
    private final SessionSettings settings = new SessionSettings();
    private SocketInitiator initiator;

    Member(final String name, final List<Long> accounts, final int port, final Path store)
    {
        this.name = name;
        this.accounts = List.copyOf(accounts);
        this.sessionId = new SessionID("FIX.4.4", name, "CARBONX");
        settings.setString(sessionId, "ConnectionType", "initiator");
        settings.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        settings.setLong(sessionId, "SocketConnectPort", port);
        settings.setLong(sessionId, "HeartBtInt", 30);
        settings.setLong(sessionId, "ReconnectInterval", 1);
        settings.setString(sessionId, "NonStopSession", "Y");
        settings.setString(sessionId, "FileStorePath", store.toString());
        settings.setString(sessionId, "UseDataDictionary", "Y");
        settings.setString(sessionId, "DataDictionary", "FIX44.xml");
        // a report of the exchange is as the exchange's clock has it; do not drop it for latency
        settings.setString(sessionId, "CheckLatency", "N");
    }

    Member start() throws ConfigError
    {
        initiator = new SocketInitiator(this, new FileStoreFactory(settings), settings, new SLF4JLogFactory(settings),
            new DefaultMessageFactory());
        initiator.start();
        return this;
    }

    boolean isLoggedOn()
    {
        final Session session = Session.lookupSession(sessionId);
        return session != null && session.isLoggedOn();
    }

    /**
     * Send a limit order if the session is logged on.
     *
     * @return whether it was handed to the session.
     */
    boolean sendOrder(final SentOrder order)
    {
        final Session session = Session.lookupSession(sessionId);
        if (session == null || !session.isLoggedOn())
        {
            return false;
        }
        final Message message = new Message();
        message.getHeader().setString(35, "D");
        message.setString(11, order.clOrdId());
        message.setString(1, Long.toString(order.account()));
        message.setString(55, order.symbol());
        message.setChar(54, order.side());
        message.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        message.setString(38, Long.toString(order.quantity()));
        message.setChar(40, '2');
        message.setString(44, EngineOrder.money(order.price()));
        message.setChar(59, order.timeInForce());
        sent.put(order.clOrdId(), order);
        // false only when the session dropped meanwhile: the order is then in the store, numbered, and goes by resend
        session.send(message);
        return true;
    }

    /**
     * Ask for an order's status, by OrderID and its ClOrdID.
     */
    void sendStatusRequest(final String orderId, final String clOrdId, final String symbol, final char side)
    {
        final Message request = new Message();
        request.getHeader().setString(35, "H");
        request.setString(37, orderId);
        request.setString(11, clOrdId);
        request.setString(55, symbol);
        request.setChar(54, side);
        Session.lookupSession(sessionId).send(request);
    }

    /**
     * @return the reports received so far, in order.
     */
    List<Report> reports()
    {
        return new ArrayList<>(reports);
    }

    @Override
    public void close()
    {
        if (initiator != null)
        {
            initiator.stop(true);
            initiator = null;
        }
    }

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        try
        {
            if ("3".equals(message.getHeader().getString(35)))
            {
                sessionEvents.add("sent Reject " + message);
            }
        }
        catch (final FieldNotFound ignored)
        {
            // every message has a MsgType
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final String msgType = message.getHeader().getString(35);
        if ("5".equals(msgType))
        {
            sessionEvents.add("received Logout " + message);
        }
        else if ("3".equals(msgType))
        {
            reports.add(Report.of(message));
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
        // called with the MsgSeqNum set, when sent and again when resent
        try
        {
            if ("D".equals(message.getHeader().getString(35)))
            {
                clOrdIdBySeqNum.put(message.getHeader().getInt(34), message.getString(11));
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException("an order without MsgSeqNum or ClOrdID: " + message, ex);
        }
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        reports.add(Report.of(message));
    }
}
