package io.carbonx.server;

import org.awaitility.core.ConditionTimeoutException;
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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A member's real QuickFIX/J initiator with a file store, recording what it receives; stopping and starting it again
 * resumes its sequence numbers, as a member's engine does after a reconnect.
 */
final class FixClient implements Application, AutoCloseable
{
    final SessionID sessionId;
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final SessionSettings settings = new SessionSettings();
    private final String password;
    private SocketInitiator initiator;
    private volatile boolean possDupNext;

    FixClient(final String member, final String exchange, final int port, final Path store, final String password)
    {
        this.sessionId = new SessionID("FIX.4.4", member, exchange);
        this.password = password;
        settings.setString(sessionId, "ConnectionType", "initiator");
        settings.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        settings.setLong(sessionId, "SocketConnectPort", port);
        settings.setLong(sessionId, "HeartBtInt", 30);
        settings.setLong(sessionId, "ReconnectInterval", 1);
        settings.setString(sessionId, "NonStopSession", "Y");
        settings.setString(sessionId, "FileStorePath", store.toString());
        settings.setString(sessionId, "UseDataDictionary", "Y");
        settings.setString(sessionId, "DataDictionary", "FIX44.xml");
    }

    FixClient start() throws ConfigError
    {
        initiator = new SocketInitiator(this, new FileStoreFactory(settings), settings, new SLF4JLogFactory(settings),
            new DefaultMessageFactory());
        initiator.start();
        return this;
    }

    void stop()
    {
        if (initiator != null)
        {
            initiator.stop();
            initiator = null;
        }
    }

    /**
     * @return true once the session is logged on, false if it is not within {@code millis}.
     */
    boolean awaitLogon(final long millis)
    {
        try
        {
            await().atMost(millis, TimeUnit.MILLISECONDS).until(() ->
            {
                final Session session = Session.lookupSession(sessionId);
                return session != null && session.isLoggedOn();
            });
            return true;
        }
        catch (final ConditionTimeoutException ex)
        {
            return false;
        }
    }

    void send(final Message message)
    {
        Session.lookupSession(sessionId).send(message);
    }

    /**
     * @return the next received message of this type, skipping others, or null after {@code millis}.
     */
    Message next(final String msgType, final long millis) throws InterruptedException, FieldNotFound
    {
        return nextOf(millis, msgType);
    }

    /**
     * @return the next message of any of the types, skipping others (heartbeats, ...); null if none comes in time.
     *         For answers whose relative order the venue does not promise, such as a mass cancel's report and the
     *         cancels' ExecutionReports.
     */
    Message nextOf(final long millis, final String... msgTypes) throws InterruptedException, FieldNotFound
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (true)
        {
            final Message message =
                received.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (message == null || List.of(msgTypes).contains(message.getHeader().getString(35)))
            {
                return message;
            }
        }
    }

    @Override
    public void close()
    {
        stop();
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
            if (password != null && "A".equals(message.getHeader().getString(35)))
            {
                message.setString(554, password);
            }
        }
        catch (final FieldNotFound ignored)
        {
            // every message has a MsgType
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId)
    {
        received.add(message);
    }

    /**
     * Send the next application message as a possible duplicate (PossDupFlag 43=Y with OrigSendingTime 122), as a
     * member's engine does when it resends after losing track; QuickFIX/J clears both fields of a message given to
     * send, so they are set on its way out.
     */
    void markNextPossDup()
    {
        possDupNext = true;
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
        if (possDupNext)
        {
            possDupNext = false;
            message.getHeader().setBoolean(43, true);
            message.getHeader().setUtcTimeStamp(122, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        }
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
    {
        received.add(message);
    }
}
