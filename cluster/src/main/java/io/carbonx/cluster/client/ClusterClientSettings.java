package io.carbonx.cluster.client;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of a gateway's {@link ClusterCommandLog}. Build with {@link #builder()}; the ingress
 * endpoints and the driver directory are required, every other knob has a default:
 * <ul>
 * <li>gateway id 1: the cluster de-duplicates re-sent commands per gateway id, so two gateways on one cluster need
 * different ids;</li>
 * <li>egress on {@code aeron:udp?endpoint=localhost:0} (loopback, a port the system picks);</li>
 * <li>a 5 s message timeout (one connect attempt, or waiting for the new leader's ingress to connect), 3 s to wait for
 * a new leader after the ingress lost its connection before the session is given up and a new one opened, and 30 s
 * for {@link ClusterCommandLog#open} to reach a cluster;</li>
 * <li>2 s of silence before a connection to the cluster counts as lost (Aeron's default is 10 s);</li>
 * <li>a keep-alive after 1 s without any other message to the cluster (the cluster closes sessions it has not heard
 * from for its session timeout, 10 s by default);</li>
 * <li>up to 65,536 commands or 16 MiB offered and not yet committed;</li>
 * <li>a 1 MiB term buffer in the gateway's own media driver (its publications: the ingress to the cluster).</li>
 * </ul>
 */
public final class ClusterClientSettings
{
    /** The egress channel when none is given: loopback, on a port the system picks. */
    public static final String DEFAULT_EGRESS_CHANNEL = "aeron:udp?endpoint=localhost:0";

    private final int gatewayId;
    private final String ingressEndpoints;
    private final Path driverDirectory;
    private final String egressChannel;
    private final Duration messageTimeout;
    private final Duration newLeaderTimeout;
    private final Duration connectTimeout;
    private final Duration keepAliveInterval;
    private final Duration catchUpTimeout;
    private final Duration livenessTimeout;
    private final int maxUnconfirmedCommands;
    private final int maxUnconfirmedBytes;
    private final int termBufferLength;
    private final EpochClock epochClock;

    private ClusterClientSettings(final Builder builder)
    {
        if (builder.gatewayId < 0)
        {
            throw new IllegalArgumentException("gatewayId must be >= 0: " + builder.gatewayId);
        }
        gatewayId = builder.gatewayId;
        ingressEndpoints = Objects.requireNonNull(builder.ingressEndpoints, "ingressEndpoints");
        if (ingressEndpoints.isBlank() || !ingressEndpoints.contains("="))
        {
            throw new IllegalArgumentException(
                "ingressEndpoints must list the members as id=host:port,...: '" + ingressEndpoints + "'");
        }
        driverDirectory = Objects.requireNonNull(builder.driverDirectory, "driverDirectory");
        egressChannel = Objects.requireNonNull(builder.egressChannel, "egressChannel");
        messageTimeout = positive("messageTimeout", builder.messageTimeout);
        newLeaderTimeout = positive("newLeaderTimeout", builder.newLeaderTimeout);
        connectTimeout = positive("connectTimeout", builder.connectTimeout);
        keepAliveInterval = positive("keepAliveInterval", builder.keepAliveInterval);
        catchUpTimeout = positive("catchUpTimeout", builder.catchUpTimeout);
        livenessTimeout = positive("livenessTimeout", builder.livenessTimeout);
        if (Integer.bitCount(builder.maxUnconfirmedCommands) != 1)
        {
            throw new IllegalArgumentException(
                "maxUnconfirmedCommands must be a power of two: " + builder.maxUnconfirmedCommands);
        }
        maxUnconfirmedCommands = builder.maxUnconfirmedCommands;
        if (builder.maxUnconfirmedBytes < 64 * 1024)
        {
            throw new IllegalArgumentException("maxUnconfirmedBytes must be >= 64 KiB: " + builder.maxUnconfirmedBytes);
        }
        maxUnconfirmedBytes = builder.maxUnconfirmedBytes;
        if (Integer.bitCount(builder.termBufferLength) != 1 || builder.termBufferLength < 64 * 1024)
        {
            throw new IllegalArgumentException(
                "termBufferLength must be a power of two >= 64 KiB: " + builder.termBufferLength);
        }
        termBufferLength = builder.termBufferLength;
        epochClock = Objects.requireNonNull(builder.epochClock, "epochClock");
    }

    private static Duration positive(final String name, final Duration value)
    {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a builder starting from these settings.
     */
    public Builder toBuilder()
    {
        return new Builder()
            .gatewayId(gatewayId)
            .ingressEndpoints(ingressEndpoints)
            .driverDirectory(driverDirectory)
            .egressChannel(egressChannel)
            .messageTimeout(messageTimeout)
            .newLeaderTimeout(newLeaderTimeout)
            .connectTimeout(connectTimeout)
            .keepAliveInterval(keepAliveInterval)
            .catchUpTimeout(catchUpTimeout)
            .livenessTimeout(livenessTimeout)
            .maxUnconfirmedCommands(maxUnconfirmedCommands)
            .maxUnconfirmedBytes(maxUnconfirmedBytes)
            .termBufferLength(termBufferLength)
            .epochClock(epochClock);
    }

    public int gatewayId()
    {
        return gatewayId;
    }

    /**
     * @return the members' ingress endpoints as {@code io.aeron.cluster.client.AeronCluster.Context#ingressEndpoints}
     *         takes them: {@code 0=host:port,1=host:port,...}.
     */
    public String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /**
     * @return the directory of the gateway's own embedded media driver; deleted on start and on close.
     */
    public Path driverDirectory()
    {
        return driverDirectory;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public Duration messageTimeout()
    {
        return messageTimeout;
    }

    public Duration newLeaderTimeout()
    {
        return newLeaderTimeout;
    }

    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    public Duration keepAliveInterval()
    {
        return keepAliveInterval;
    }

    /**
     * @return how long a catch-up may go without progress before it is asked for again.
     */
    public Duration catchUpTimeout()
    {
        return catchUpTimeout;
    }

    /**
     * @return how long the gateway's media driver takes a silent connection to the cluster to be alive: the egress
     *         image and the ingress publication. After it the session waits for a new leader (the new leader timeout)
     *         and is then replaced by a new one; short, so that a gateway notices a cluster that went away entirely.
     */
    public Duration livenessTimeout()
    {
        return livenessTimeout;
    }

    public int maxUnconfirmedCommands()
    {
        return maxUnconfirmedCommands;
    }

    public int maxUnconfirmedBytes()
    {
        return maxUnconfirmedBytes;
    }

    public int termBufferLength()
    {
        return termBufferLength;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    @Override
    public String toString()
    {
        return "ClusterClientSettings{gatewayId=" + gatewayId + ", ingressEndpoints='" + ingressEndpoints + '\'' +
            ", driverDirectory=" + driverDirectory + ", egressChannel='" + egressChannel + '\'' +
            ", messageTimeout=" + messageTimeout + ", newLeaderTimeout=" + newLeaderTimeout +
            ", connectTimeout=" + connectTimeout + ", keepAliveInterval=" + keepAliveInterval +
            ", catchUpTimeout=" + catchUpTimeout + ", livenessTimeout=" + livenessTimeout +
            ", maxUnconfirmedCommands=" + maxUnconfirmedCommands +
            ", maxUnconfirmedBytes=" + maxUnconfirmedBytes + ", termBufferLength=" + termBufferLength + '}';
    }

    /**
     * Mutable builder; see the class comment for the defaults.
     */
    public static final class Builder
    {
        private int gatewayId = 1;
        private String ingressEndpoints;
        private Path driverDirectory;
        private String egressChannel = DEFAULT_EGRESS_CHANNEL;
        private Duration messageTimeout = Duration.ofSeconds(5);
        private Duration newLeaderTimeout = Duration.ofSeconds(3);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration keepAliveInterval = Duration.ofSeconds(1);
        private Duration catchUpTimeout = Duration.ofSeconds(5);
        private Duration livenessTimeout = Duration.ofSeconds(2);
        private int maxUnconfirmedCommands = 1 << 16;
        private int maxUnconfirmedBytes = 16 * 1024 * 1024;
        private int termBufferLength = 1024 * 1024;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;

        private Builder()
        {
        }

        public Builder gatewayId(final int gatewayId)
        {
            this.gatewayId = gatewayId;
            return this;
        }

        public Builder ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        public Builder driverDirectory(final Path driverDirectory)
        {
            this.driverDirectory = driverDirectory;
            return this;
        }

        public Builder egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        public Builder messageTimeout(final Duration messageTimeout)
        {
            this.messageTimeout = messageTimeout;
            return this;
        }

        public Builder newLeaderTimeout(final Duration newLeaderTimeout)
        {
            this.newLeaderTimeout = newLeaderTimeout;
            return this;
        }

        public Builder connectTimeout(final Duration connectTimeout)
        {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder keepAliveInterval(final Duration keepAliveInterval)
        {
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        public Builder catchUpTimeout(final Duration catchUpTimeout)
        {
            this.catchUpTimeout = catchUpTimeout;
            return this;
        }

        public Builder livenessTimeout(final Duration livenessTimeout)
        {
            this.livenessTimeout = livenessTimeout;
            return this;
        }

        public Builder maxUnconfirmedCommands(final int maxUnconfirmedCommands)
        {
            this.maxUnconfirmedCommands = maxUnconfirmedCommands;
            return this;
        }

        public Builder maxUnconfirmedBytes(final int maxUnconfirmedBytes)
        {
            this.maxUnconfirmedBytes = maxUnconfirmedBytes;
            return this;
        }

        public Builder termBufferLength(final int termBufferLength)
        {
            this.termBufferLength = termBufferLength;
            return this;
        }

        /**
         * Where the gateway's first client sequence comes from: this clock's microseconds when it opens, so that a
         * restarted gateway numbers its commands above its previous run's. Tests set it back.
         */
        public Builder epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        public ClusterClientSettings build()
        {
            return new ClusterClientSettings(this);
        }
    }
}
