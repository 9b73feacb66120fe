package io.carbonx.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the acceptor listens and the sessions it accepts.
 *
 * @param bindAddress         interface to listen on, e.g. "0.0.0.0"
 * @param port                TCP port; 0 picks a free one (see {@link FixAcceptor#port()})
 * @param storeDirectory      folder holding one message-store folder per session
 * @param sessions            the sessions accepted; a Logon for any other pair of CompIDs is dropped
 * @param maxMessageSize      largest frame accepted; a larger one closes the connection
 * @param sendingTimeTolerance how far SendingTime (52) may be from our clock
 * @param logonTimeout        how long a new connection may take to send its Logon
 * @param logoutTimeout       how long we wait for the Logout answering ours before closing
 * @param fsyncStore          force the store's writes to the device at each batch flush, not only to the OS
 * @param maxQueuedBytesPerSession bytes a session may hold of messages that arrived ahead of a sequence gap;
 *                            beyond it they are dropped and come again through the ResendRequest
 * @param failedLogonBackoff  how long a session refuses Logons, without checking the password, after
 *                            {@value io.carbonx.fix.session.LogonThrottle#FREE_FAILURES} wrong
 *                            passwords in a row; doubled for each further failure, up to 64 times
 * @param sessionThreads      how many event loops serve the sessions' connections: each session is pinned to one,
 *                            and its connection is served on it (threads carbonx-fix-io-N)
 * @param ioIdleStrategy      what those event loops do while idle
 */
public record FixAcceptorConfig(
    String bindAddress,
    int port,
    Path storeDirectory,
    List<FixSessionSettings> sessions,
    int maxMessageSize,
    Duration sendingTimeTolerance,
    Duration logonTimeout,
    Duration logoutTimeout,
    boolean fsyncStore,
    long maxQueuedBytesPerSession,
    Duration failedLogonBackoff,
    int sessionThreads,
    IoIdleStrategy ioIdleStrategy)
{
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    public static final Duration DEFAULT_SENDING_TIME_TOLERANCE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_LOGON_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOGOUT_TIMEOUT = Duration.ofSeconds(2);
    public static final long DEFAULT_MAX_QUEUED_BYTES_PER_SESSION = 4L * 1024 * 1024;
    public static final Duration DEFAULT_FAILED_LOGON_BACKOFF = Duration.ofSeconds(1);
    /** One event loop serves every session: on a two-core machine the engine's threads need the other core. */
    public static final int DEFAULT_SESSION_THREADS = 1;

    public FixAcceptorConfig
    {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(storeDirectory, "storeDirectory");
        sessions = List.copyOf(sessions);
        if (sessions.stream().map(FixSessionSettings::id).distinct().count() != sessions.size())
        {
            throw new IllegalArgumentException("Two sessions have the same CompIDs");
        }
        if (maxMessageSize < 256)
        {
            throw new IllegalArgumentException("maxMessageSize must be at least 256 bytes");
        }
        if (maxQueuedBytesPerSession < 0)
        {
            throw new IllegalArgumentException("maxQueuedBytesPerSession must not be negative");
        }
        Objects.requireNonNull(failedLogonBackoff, "failedLogonBackoff");
        Objects.requireNonNull(ioIdleStrategy, "ioIdleStrategy");
        if (sessionThreads < 1)
        {
            throw new IllegalArgumentException("sessionThreads must be at least 1");
        }
    }

    /**
     * A configuration with the defaults: 64 KiB messages, 120 s SendingTime tolerance, 10 s logon, 2 s logout,
     * 4 MiB held ahead of a gap per session, 1 s failed-logon backoff.
     */
    public static FixAcceptorConfig of(final String bindAddress, final int port, final Path storeDirectory,
        final List<FixSessionSettings> sessions)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, DEFAULT_MAX_MESSAGE_SIZE,
                DEFAULT_SENDING_TIME_TOLERANCE, DEFAULT_LOGON_TIMEOUT, DEFAULT_LOGOUT_TIMEOUT, false,
                DEFAULT_MAX_QUEUED_BYTES_PER_SESSION, DEFAULT_FAILED_LOGON_BACKOFF, DEFAULT_SESSION_THREADS,
                IoIdleStrategy.BLOCKING);
    }

    public FixAcceptorConfig withMaxMessageSize(final int bytes)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, bytes, sendingTimeTolerance,
                logonTimeout, logoutTimeout, fsyncStore,
                maxQueuedBytesPerSession, failedLogonBackoff, sessionThreads, ioIdleStrategy);
    }

    public FixAcceptorConfig withSendingTimeTolerance(final Duration tolerance)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize, tolerance,
                logonTimeout, logoutTimeout, fsyncStore,
                maxQueuedBytesPerSession, failedLogonBackoff, sessionThreads, ioIdleStrategy);
    }

    public FixAcceptorConfig withPort(final int newPort)
    {
        return new FixAcceptorConfig(bindAddress, newPort, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore,
                maxQueuedBytesPerSession, failedLogonBackoff, sessionThreads, ioIdleStrategy);
    }

    public FixAcceptorConfig withMaxQueuedBytesPerSession(final long bytes)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore, bytes, failedLogonBackoff,
                sessionThreads, ioIdleStrategy);
    }

    /** The number of event loops the sessions' connections are spread over. */
    public FixAcceptorConfig withSessionThreads(final int threads)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore, maxQueuedBytesPerSession,
                failedLogonBackoff, threads, ioIdleStrategy);
    }

    /** What the session event loops do while idle; {@link IoIdleStrategy#BLOCKING} by default. */
    public FixAcceptorConfig withIoIdleStrategy(final IoIdleStrategy strategy)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore, maxQueuedBytesPerSession,
                failedLogonBackoff, sessionThreads, strategy);
    }

    public FixAcceptorConfig withFailedLogonBackoff(final Duration backoff)
    {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore, maxQueuedBytesPerSession, backoff,
                sessionThreads, ioIdleStrategy);
    }
}
