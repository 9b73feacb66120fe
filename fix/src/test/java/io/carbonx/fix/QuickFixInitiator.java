package io.carbonx.fix;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real QuickFIX/J initiator for the member TW, with its own file store, recording every message
 * it receives. Stopping and starting it again resumes its sequence numbers from the store, as a
 * member's engine does after a reconnect.
 */
final class QuickFixInitiator implements Application, AutoCloseable
{
    static final SessionID SESSION = new SessionID("FIX.4.4", "TW", "ISLD");

    final BlockingQueue<Message> admin = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> app = new LinkedBlockingQueue<>();
    private final SessionSettings settings = new SessionSettings();
    private volatile String password;
    private SocketInitiator initiator;

    QuickFixInitiator(final int port, final Path storeDirectory, final int heartbeatSeconds)
    {
        settings.setString(SESSION, "ConnectionType", "initiator");
        settings.setString(SESSION, "SocketConnectHost", "127.0.0.1");
        settings.setLong(SESSION, "SocketConnectPort", port);
        settings.setLong(SESSION, "HeartBtInt", heartbeatSeconds);
        settings.setLong(SESSION, "ReconnectInterval", 1);
        settings.setString(SESSION, "NonStopSession", "Y");
        settings.setString(SESSION, "FileStorePath", storeDirectory.toString());
        settings.setString(SESSION, "UseDataDictionary", "Y");
        settings.setString(SESSION, "DataDictionary", "FIX44.xml");
    }

    QuickFixInitiator password(final String password)
    {
        this.password = password;
        return this;
    }

    QuickFixInitiator start() throws ConfigError
    {
        admin.clear();
        app.clear();
        initiator = new SocketInitiator(this, new FileStoreFactory(settings), settings, new SLF4JLogFactory(settings),
                new DefaultMessageFactory());
        initiator.start();
        return this;
    }

    /** Logs out and waits for the connection to end. */
    void stop()
    {
        if (initiator != null)
        {
            initiator.stop();
            initiator = null;
        }
    }

    Session session()
    {
        return Session.lookupSession(SESSION);
    }

    /** True once the session is logged on, false if it is not within {@code millis}. */
    boolean awaitLogon(final long millis)
    {
        try
        {
            await().atMost(millis, TimeUnit.MILLISECONDS).until(() ->
            {
                final Session session = session();
                return session != null && session.isLoggedOn();
            });
            return true;
        }
        catch (final ConditionTimeoutException e)
        {
            return false;
        }
    }

    void send(final Message message)
    {
        session().send(message);
    }

    /** The next received admin message of this type, skipping others (heartbeats...). */
    Message nextAdmin(final String msgType, final long millis) throws InterruptedException, FieldNotFound
    {
        return next(admin, msgType, millis);
    }

    Message nextApp(final String msgType, final long millis) throws InterruptedException, FieldNotFound
    {
        return next(app, msgType, millis);
    }

    private static Message next(final BlockingQueue<Message> queue, final String msgType, final long millis)
            throws InterruptedException, FieldNotFound
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (true)
        {
            final Message message =
                queue.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (message == null || message.getHeader().getString(35).equals(msgType))
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
        if (password != null && isLogon(message))
        {
            message.setString(554, password);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId)
    {
        admin.add(message);
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
    {
        app.add(message);
    }

    private static boolean isLogon(final Message message)
    {
        try
        {
            return "A".equals(message.getHeader().getString(35));
        }
        catch (final FieldNotFound e)
        {
            return false;
        }
    }
}
