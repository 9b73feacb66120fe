package io.carbonx.cluster.node;

import io.carbonx.cluster.DriverDirectories;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.carbonx.cluster.service.ExchangeClusteredService;
import io.carbonx.cluster.service.NodeStatus;
import io.carbonx.engine.core.ExchangeSettings;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One node of the exchange's cluster, in process: an embedded media driver (its own directory, SHARED threading,
 * 4 MiB terms, idle strategies that do not burn a core), an archive, the consensus module, and the clustered service
 * container hosting {@link ExchangeClusteredService}. Its files live in the node folder ({@code archive/},
 * {@code cluster/}, {@code node-status.json}), so a node closed (or killed) and launched again on the same folder
 * recovers from its latest snapshot plus its log and catches up from the leader.
 * <p>
 * Created and closed by one thread; {@link #role()} and {@link #status()} may be read from any thread.
 */
public final class ClusterNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final int TERM_LENGTH = 4 * 1024 * 1024;
    private static final int ARCHIVE_SEGMENT_LENGTH = 4 * TERM_LENGTH;
    private static final String LOG_CHANNEL = "aeron:udp?term-length=4m";
    private static final String INGRESS_CHANNEL = "aeron:udp?term-length=1m";
    /**
     * How often members exchange their positions during an election (Aeron: 100 ms). Several election steps wait for
     * the next exchange, so 20 ms shortens a failover; the messages are tiny and only flow while an election is on.
     */
    private static final long ELECTION_STATUS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MARK_FILE_WAIT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final long MARK_FILE_RETRY_MS = 500;

    private final ClusterNodeSettings settings;
    private final ExchangeClusteredService service;
    private final ConsensusModule.Context consensusContext;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final CountDownLatch terminated;

    private ClusterNode(
        final ClusterNodeSettings settings, final ExchangeClusteredService service,
        final ConsensusModule.Context consensusContext, final ClusteredMediaDriver driver,
        final ClusteredServiceContainer container, final CountDownLatch terminated)
    {
        this.terminated = terminated;
        this.settings = settings;
        this.service = service;
        this.consensusContext = consensusContext;
        this.driver = driver;
        this.container = container;
    }

    /**
     * Start the node; it joins (or forms, with a quorum of members) the cluster in the background.
     *
     * @param exchangeSettings the exchange's fixed settings: the same on every node and gateway.
     */
    public static ClusterNode launch(final ClusterNodeSettings settings, final ExchangeSettings exchangeSettings)
    {
        final long deadlineNs = System.nanoTime() + MARK_FILE_WAIT_NS;
        boolean logged = false;
        while (true)
        {
            try
            {
                return start(settings, exchangeSettings);
            }
            catch (final RuntimeException ex)
            {
                if (!isActiveMarkFile(ex) || System.nanoTime() > deadlineNs)
                {
                    throw ex;
                }
                // A node killed moments ago left mark files that look alive for Aeron's 10 s liveness timeout; the
                // caller owns the folder (the server locks it), so wait for them to age rather than delete them:
                // the cluster mark file holds the node's election state.
                if (!logged)
                {
                    LOG.info("cluster member {}: the previous run's mark files are still fresh, waiting up to 15 s: {}",
                        settings.memberId(), ex.getMessage());
                    logged = true;
                }
                try
                {
                    Thread.sleep(MARK_FILE_RETRY_MS);
                }
                catch (final InterruptedException interrupted)
                {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    private static boolean isActiveMarkFile(final Throwable ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause.getMessage() != null && cause.getMessage().contains("active mark file detected"))
            {
                return true;
            }
        }
        return false;
    }

    private static ClusterNode start(final ClusterNodeSettings settings, final ExchangeSettings exchangeSettings)
    {
        final int memberId = settings.memberId();
        final Path folder = settings.nodeFolder();
        try
        {
            Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the node folder " + folder, ex);
        }
        final String aeronDir = aeronDirectory(settings).toString();
        final String host = settings.self().host();
        final ErrorHandler errors = error -> LOG.warn("cluster member {}: {}", memberId, error.toString(), error);
        final Supplier<IdleStrategy> idle = idleStrategy(settings.idle());
        final CountDownLatch terminated = new CountDownLatch(2);

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.get())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .errorHandler(errors);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(folder.resolve("archive").toFile())
            .controlChannel("aeron:udp?endpoint=" + settings.self().endpoint(ClusterNodeSettings.ARCHIVE_OFFSET))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveClientContext(
                new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .segmentFileLength(ARCHIVE_SEGMENT_LENGTH)
            .errorHandler(errors);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final File clusterDir = folder.resolve("cluster").toFile();
        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .clusterMemberId(memberId)
            .clusterMembers(settings.clusterMembers())
            .clusterDir(clusterDir)
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .ingressChannel(INGRESS_CHANNEL)
            .logChannel(LOG_CHANNEL)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .leaderHeartbeatTimeoutNs(settings.leaderHeartbeatTimeoutNs())
            .leaderHeartbeatIntervalNs(settings.leaderHeartbeatIntervalNs())
            .electionTimeoutNs(settings.electionTimeoutNs())
            .startupCanvassTimeoutNs(settings.startupCanvassTimeoutNs())
            .electionStatusIntervalNs(ELECTION_STATUS_INTERVAL_NS)
            .sessionTimeoutNs(settings.sessionTimeoutNs())
            .idleStrategySupplier(idle)
            .terminationHook(terminated::countDown)
            .errorHandler(errors);

        final ExchangeClusteredService service = new ExchangeClusteredService(exchangeSettings,
            settings.retainedCommands(), settings.retainedBytes(), settings.snapshotIntervalCommands(),
            new NodeStatus(memberId, folder));
        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(service)
            .idleStrategySupplier(idle)
            .terminationHook(terminated::countDown)
            .errorHandler(errors);

        ClusteredMediaDriver driver = null;
        try
        {
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            LOG.info("cluster member {} started: members {}, folder {}, aeron dir {}", memberId,
                settings.clusterMembers(), folder, aeronDir);
            return new ClusterNode(settings, service, consensusContext, driver, container, terminated);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    public ClusterNodeSettings settings()
    {
        return settings;
    }

    public int memberId()
    {
        return settings.memberId();
    }

    /**
     * @return the node's role now, from the consensus module's role counter.
     */
    public Cluster.Role role()
    {
        return Cluster.Role.get(consensusContext.clusterNodeRoleCounter());
    }

    public boolean isLeader()
    {
        return role() == Cluster.Role.LEADER;
    }

    /**
     * @return the service's role, last sequence and (once quiet for 100 ms) state hash as of its last status write.
     */
    public ExchangeClusteredService.Published status()
    {
        return service.published();
    }

    /**
     * @return how many snapshots this node has taken since it started.
     */
    public long snapshotCount()
    {
        return consensusContext.snapshotCounter().get();
    }

    /**
     * Ask the cluster for a snapshot, as an operator's {@code ClusterTool snapshot} would (through the control toggle
     * of this node's consensus module; only a leader acts on it).
     *
     * @return whether the toggle was set: false if another action is pending.
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(consensusContext.controlToggleCounter());
    }

    /**
     * @return the size of the last snapshot this node's service took, 0 if none.
     */
    public int lastSnapshotBytes()
    {
        return service.lastSnapshotBytes();
    }

    /**
     * @return the longest snapshot this node has taken, in nanoseconds, as its consensus module measures it: from
     * the snapshot's start in the log to the last acknowledgement of a recorded snapshot. On the leader, the time the
     * cluster took no new commands.
     */
    public long maxSnapshotNanos()
    {
        return consensusContext.totalSnapshotDurationTracker().maxSnapshotDuration().get();
    }

    /**
     * @return the last sequence of the snapshot the service started from, {@code Long.MIN_VALUE} if none.
     */
    public long loadedSnapshotSequence()
    {
        return service.loadedSnapshotSequence();
    }

    public Path statusFile()
    {
        return settings.nodeFolder().resolve(NodeStatus.FILE_NAME);
    }

    /**
     * Wait until the cluster shuts this node down (an operator's {@code ClusterControl} SHUTDOWN or ABORT): both the
     * consensus module and the service have terminated. A process running a node waits here, then closes it.
     *
     * @return whether it terminated within the timeout.
     */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    /**
     * Stop this node alone (not a cluster shutdown): the container, then the consensus module, archive and driver; if
     * it led, the others elect a new leader. Its folder is kept for a restart.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(container, driver);
        LOG.info("cluster member {} closed", settings.memberId());
    }

    private static Path aeronDirectory(final ClusterNodeSettings settings)
    {
        if (settings.aeronDirectory() != null)
        {
            return settings.aeronDirectory();
        }
        return DriverDirectories.forFolder("carbonx-node-" + settings.memberId(), settings.nodeFolder());
    }

    private static Supplier<IdleStrategy> idleStrategy(final ClusterNodeSettings.IdleChoice choice)
    {
        return switch (choice)
        {
            case BACKOFF -> () -> new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
            case SLEEPING -> () -> new SleepingMillisIdleStrategy(1);
        };
    }
}
