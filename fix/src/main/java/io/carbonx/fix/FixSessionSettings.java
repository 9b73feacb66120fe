package io.carbonx.fix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable configuration of one FIX session the acceptor accepts. Build with
 * {@link #builder(String, String)}; defaults suit a production member session.
 */
public final class FixSessionSettings
{
    /** 1 MiB: about 4,000 ExecutionReports waiting for the session's event loop; direct memory, per session. */
    public static final int DEFAULT_OUTBOUND_QUEUE_BYTES = 1024 * 1024;
    public static final int MIN_OUTBOUND_QUEUE_BYTES = 64 * 1024;

    private final FixSessionId id;
    private final PasswordHash password;
    private final Set<String> allowedAccounts;
    private final byte[][] allowedAccountBytes;
    private final SessionRole role;
    private final int maxMessagesPerSecond;
    private final boolean cancelOnDisconnect;
    private final int minHeartbeatSeconds;
    private final int maxHeartbeatSeconds;
    private final boolean resetOnDisconnect;
    private final int outboundQueueBytes;
    private final boolean dropCopy;

    private FixSessionSettings(final Builder b)
    {
        id = new FixSessionId(b.senderCompId, b.targetCompId);
        password = b.password;
        allowedAccounts = Set.copyOf(b.allowedAccounts);
        allowedAccountBytes = allowedAccounts.stream()
                .map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
        role = Objects.requireNonNull(b.role, "role");
        maxMessagesPerSecond = b.maxMessagesPerSecond;
        cancelOnDisconnect = b.cancelOnDisconnect;
        minHeartbeatSeconds = b.minHeartbeatSeconds;
        maxHeartbeatSeconds = b.maxHeartbeatSeconds;
        resetOnDisconnect = b.resetOnDisconnect;
        outboundQueueBytes = b.outboundQueueBytes;
        dropCopy = b.dropCopy;
        if (outboundQueueBytes < MIN_OUTBOUND_QUEUE_BYTES || Integer.bitCount(outboundQueueBytes) != 1)
        {
            throw new IllegalArgumentException("outboundQueueBytes must be a power of two of at least "
                    + MIN_OUTBOUND_QUEUE_BYTES + ": " + outboundQueueBytes);
        }
        if (maxMessagesPerSecond <= 0)
        {
            throw new IllegalArgumentException("maxMessagesPerSecond must be positive");
        }
        if (minHeartbeatSeconds < 0 || maxHeartbeatSeconds < minHeartbeatSeconds)
        {
            throw new IllegalArgumentException("heartbeat bounds must satisfy 0 <= min <= max");
        }
    }

    /**
     * @param senderCompId our CompID on this session (the exchange's)
     * @param targetCompId the counterparty's CompID
     */
    public static Builder builder(final String senderCompId, final String targetCompId)
    {
        return new Builder(senderCompId, targetCompId);
    }

    public FixSessionId id()
    {
        return id;
    }

    /** The hash the Logon's Password (554) must match; empty when the session needs no password. */
    public Optional<PasswordHash> password()
    {
        return Optional.ofNullable(password);
    }

    /** Accounts (1) this session may use; empty means the session is not restricted to a list. */
    public Set<String> allowedAccounts()
    {
        return allowedAccounts;
    }

    /** Checks an Account value in place, without making a String of it. */
    public boolean isAccountAllowed(final byte[] buffer, final int offset, final int length)
    {
        if (allowedAccountBytes.length == 0)
        {
            return true;
        }
        for (final byte[] account : allowedAccountBytes)
        {
            if (Arrays.equals(account, 0, account.length, buffer, offset, offset + length))
            {
                return true;
            }
        }
        return false;
    }

    public SessionRole role()
    {
        return role;
    }

    /** Inbound application messages per second beyond which messages are refused with a BusinessMessageReject. */
    public int maxMessagesPerSecond()
    {
        return maxMessagesPerSecond;
    }

    /** Whether the member asked for its orders to be cancelled when the session drops; the application acts on it. */
    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    public int minHeartbeatSeconds()
    {
        return minHeartbeatSeconds;
    }

    public int maxHeartbeatSeconds()
    {
        return maxHeartbeatSeconds;
    }

    /**
     * Start both sequence numbers again at 1 whenever the connection ends. Off in production, where
     * sequence numbers live for the trading day; on for the conformance scripts, which each begin at 1.
     */
    public boolean resetOnDisconnect()
    {
        return resetOnDisconnect;
    }

    /**
     * Bytes of the queue {@link FixSession#offer} copies messages into for the session's event loop (a power of two);
     * a message may take up to an eighth of it. When it is full, offer returns false.
     */
    public int outboundQueueBytes()
    {
        return outboundQueueBytes;
    }

    /**
     * A read-only drop-copy session: it is sent copies of other sessions' ExecutionReports, and the application refuses
     * every application message it sends.
     */
    public boolean dropCopy()
    {
        return dropCopy;
    }

    @Override
    public String toString()
    {
        return id + (dropCopy ? " drop-copy" : "") + " role=" + role + " accounts=" + allowedAccounts + " rate=" +
            maxMessagesPerSecond + "/s";
    }

    public static final class Builder
    {
        private final String senderCompId;
        private final String targetCompId;
        private PasswordHash password;
        private Set<String> allowedAccounts = Set.of();
        private SessionRole role = SessionRole.BROKER;
        private int maxMessagesPerSecond = 1_000;
        private boolean cancelOnDisconnect;
        private int minHeartbeatSeconds = 1;
        private int maxHeartbeatSeconds = 300;
        private boolean resetOnDisconnect;
        private int outboundQueueBytes = DEFAULT_OUTBOUND_QUEUE_BYTES;
        private boolean dropCopy;

        private Builder(final String senderCompId, final String targetCompId)
        {
            this.senderCompId = senderCompId;
            this.targetCompId = targetCompId;
        }

        public Builder password(final PasswordHash password)
        {
            this.password = password;
            return this;
        }

        public Builder allowedAccounts(final Set<String> accounts)
        {
            this.allowedAccounts = accounts;
            return this;
        }

        public Builder role(final SessionRole role)
        {
            this.role = role;
            return this;
        }

        public Builder maxMessagesPerSecond(final int rate)
        {
            this.maxMessagesPerSecond = rate;
            return this;
        }

        public Builder cancelOnDisconnect(final boolean cancelOnDisconnect)
        {
            this.cancelOnDisconnect = cancelOnDisconnect;
            return this;
        }

        public Builder heartbeatBounds(final int minSeconds, final int maxSeconds)
        {
            this.minHeartbeatSeconds = minSeconds;
            this.maxHeartbeatSeconds = maxSeconds;
            return this;
        }

        public Builder resetOnDisconnect(final boolean resetOnDisconnect)
        {
            this.resetOnDisconnect = resetOnDisconnect;
            return this;
        }

        /** See {@link FixSessionSettings#outboundQueueBytes()}. */
        public Builder outboundQueueBytes(final int bytes)
        {
            this.outboundQueueBytes = bytes;
            return this;
        }

        /** See {@link FixSessionSettings#dropCopy()}. */
        public Builder dropCopy(final boolean dropCopy)
        {
            this.dropCopy = dropCopy;
            return this;
        }

        public FixSessionSettings build()
        {
            return new FixSessionSettings(this);
        }
    }
}
