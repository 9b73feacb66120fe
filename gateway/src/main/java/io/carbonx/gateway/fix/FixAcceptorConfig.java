package io.carbonx.gateway.fix;

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
 * @param fsyncStore          force each store write to the device, not only to the operating system
 */
public record FixAcceptorConfig(String bindAddress, int port, Path storeDirectory, List<FixSessionSettings> sessions,
                                int maxMessageSize, Duration sendingTimeTolerance, Duration logonTimeout,
                                Duration logoutTimeout, boolean fsyncStore) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    public static final Duration DEFAULT_SENDING_TIME_TOLERANCE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_LOGON_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOGOUT_TIMEOUT = Duration.ofSeconds(2);

    public FixAcceptorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(storeDirectory, "storeDirectory");
        sessions = List.copyOf(sessions);
        if (sessions.stream().map(FixSessionSettings::id).distinct().count() != sessions.size()) {
            throw new IllegalArgumentException("Two sessions have the same CompIDs");
        }
        if (maxMessageSize < 256) {
            throw new IllegalArgumentException("maxMessageSize must be at least 256 bytes");
        }
    }

    /** A configuration with the defaults: 64 KiB messages, 120 s SendingTime tolerance, 10 s logon, 2 s logout. */
    public static FixAcceptorConfig of(String bindAddress, int port, Path storeDirectory, List<FixSessionSettings> sessions) {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, DEFAULT_MAX_MESSAGE_SIZE,
                DEFAULT_SENDING_TIME_TOLERANCE, DEFAULT_LOGON_TIMEOUT, DEFAULT_LOGOUT_TIMEOUT, false);
    }

    public FixAcceptorConfig withMaxMessageSize(int bytes) {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, bytes, sendingTimeTolerance,
                logonTimeout, logoutTimeout, fsyncStore);
    }

    public FixAcceptorConfig withSendingTimeTolerance(Duration tolerance) {
        return new FixAcceptorConfig(bindAddress, port, storeDirectory, sessions, maxMessageSize, tolerance,
                logonTimeout, logoutTimeout, fsyncStore);
    }

    public FixAcceptorConfig withPort(int newPort) {
        return new FixAcceptorConfig(bindAddress, newPort, storeDirectory, sessions, maxMessageSize,
                sendingTimeTolerance, logonTimeout, logoutTimeout, fsyncStore);
    }
}
