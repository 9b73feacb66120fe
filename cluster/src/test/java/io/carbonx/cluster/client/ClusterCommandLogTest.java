package io.carbonx.cluster.client;

import io.carbonx.cluster.node.ClusterNode;
import io.carbonx.cluster.node.ClusterNodeSettings;
import io.carbonx.cluster.node.LocalhostCluster;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.pipeline.TestCommands;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.NewOrderDecoder;
import io.carbonx.registry.HoldingLimits;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ClusterCommandLog} against three real {@link ClusterNode}s in this JVM on loopback (ports 22_000 to 22_700,
 * apart from the node tests'): commands offered come back committed once each in dense order, without allocating;
 * across the loss of the leader while offering; a log opened at a sequence catches up from it and then follows live;
 * a gateway restarted with its id is still applied; an idle gateway keeps its session; after the whole cluster
 * restarts the gateway opens a new session and loses nothing; a catch-up older than the retained window, a gateway
 * ahead of the cluster and no cluster at all fail with the typed error.
 */
class ClusterCommandLogTest
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommandLogTest.class);
    private static final ExchangeSettings EXCHANGE = TestSettings.settings(HoldingLimits.unlimited());
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private final ClusterNode[] nodes = new ClusterNode[3];
    private final List<ClusterNodeSettings> nodeSettings = new ArrayList<>();
    private final List<ClusterCommandLog> logs = new ArrayList<>();
    private final TestCommands commands = new TestCommands();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private long sessionTimeoutNs = ClusterNodeSettings.DEFAULT_SESSION_TIMEOUT_NS;

    @AfterEach
    void tearDown()
    {
        logs.forEach(CloseHelper::quietClose);
        for (final ClusterNode node : nodes)
        {
            CloseHelper.quietClose(node);
        }
    }

    @Test
    void deliversEveryOfferedCommandOnceInDenseOrder()
    {
        startCluster(22_000, Integer.MAX_VALUE);
        final ClusterCommandLog log = open(1, 0);
        final Delivered delivered = new Delivered(0);
        awaitCaughtUp(log, delivered);
        assertEquals(-1, log.committedAtOpen(), "an empty log");

        offerAll(log, delivered, 1, 1, 300);
        awaitDelivered(log, delivered, 299);

        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), delivered.correlationIds);
        assertEquals(0, log.unconfirmedCommands());
        assertEquals(0, log.reofferedCommands());

        // steady state: offering and polling allocate nothing on the calling thread (the engine's hot path)
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Counting counting = new Counting(300);
        offerAndPoll(log, counting, 301, 1_300);
        final long before = threads.getCurrentThreadAllocatedBytes();
        offerAndPoll(log, counting, 1_301, 4_300);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(4_299, log.lastDelivered());
        assertTrue(allocated < 16 * 1024, "offer and poll allocated " + allocated + " bytes for 3,000 commands");
    }

    /**
     * Offer new orders {@code from} to {@code to} and poll until all are delivered, in a plain loop: no allocation.
     */
    private void offerAndPoll(final ClusterCommandLog log, final Counting counting, final long from, final long to)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long next = from;
        while (counting.lastCorrelationId < to)
        {
            if (next < to + 1)
            {
                final int length = commands.newOrder(command, 1, next, next, 10);
                if (log.offer(command, 0, length))
                {
                    next++;
                }
            }
            log.poll(counting, 64);
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("delivered up to " + counting.lastCorrelationId); // no string unless failing
            }
        }
        assertEquals(to, counting.lastCorrelationId);
    }

    @Test
    void everyCommandOfferedWhileTheLeaderIsLostIsDeliveredExactlyOnce()
    {
        startCluster(22_100, Integer.MAX_VALUE);
        final ClusterCommandLog log = open(1, 0);
        final List<Integer> leaders = new ArrayList<>();
        log.leaderChangeListener((leaderMemberId, leadershipTermId, reconnected) -> leaders.add(leaderMemberId));
        final Delivered delivered = new Delivered(0);
        awaitCaughtUp(log, delivered);

        final int total = 600;
        long lastBeforeKill = -1;
        for (long correlationId = 1; correlationId <= total; correlationId++)
        {
            offer(log, delivered, 1, correlationId);
            if (correlationId == 200)
            {
                // the stream is flowing when the leader goes: 150 committed, up to 50 in flight
                await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1))
                    .until(() -> log.poll(delivered, 64) >= 0 && log.lastDelivered() >= 150);
                lastBeforeKill = System.nanoTime();
                final int leader = LocalhostCluster.leader(nodes);
                LOG.info("closing the leader, member {}, at command {}", leader, correlationId);
                nodes[leader].close();
                nodes[leader] = null;
            }
        }
        awaitDelivered(log, delivered, total - 1);

        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), delivered.correlationIds,
            "each command once, in offer order");
        assertEquals(0, log.unconfirmedCommands());
        assertTrue(log.leaderChanges() >= 2, "followed a new leader: " + log.leaderChanges());
        assertTrue(leaders.size() >= 1, "the listener heard of the new leader");
        final long newLeader = log.lastLeaderChangeNanos();
        final long firstAfter = delivered.deliveryNanos.stream().filter(nanos -> nanos > newLeader).findFirst()
            .orElseThrow();
        LOG.info("failover at the gateway: {} ms from closing the leader to the new leader, {} ms more to the first "
            + "command committed; {} commands re-sent, {} reconnects", (newLeader - lastBeforeKill) / 1_000_000,
            (firstAfter - newLeader) / 1_000_000, log.reofferedCommands(), log.reconnects());
    }

    @Test
    void aLogOpenedAtASequenceCatchesUpFromItThenFollowsLiveAndARestartedGatewayIsApplied()
    {
        startCluster(22_200, Integer.MAX_VALUE);
        final ClusterCommandLog first = open(1, 0);
        final Delivered firstDelivered = new Delivered(0);
        awaitCaughtUp(first, firstDelivered);
        offerAll(first, firstDelivered, 1, 1, 50);
        awaitDelivered(first, firstDelivered, 49);

        final ClusterCommandLog second = open(2, 20);
        final Delivered secondDelivered = new Delivered(20);
        awaitCaughtUp(second, secondDelivered);
        assertEquals(49, second.committedAtOpen());
        assertEquals(LongStream.rangeClosed(21, 50).boxed().toList(), secondDelivered.correlationIds);

        offerAll(first, firstDelivered, 1, 51, 60);
        offer(second, secondDelivered, 2, 1_001);
        awaitDelivered(first, firstDelivered, 60);
        awaitDelivered(second, secondDelivered, 60);
        assertEquals(firstDelivered.correlationIds.subList(20, 61), secondDelivered.correlationIds);
        assertTrue(secondDelivered.correlationIds.contains(1_001L));

        // gateway 1 restarts from its journal's end: its new commands are applied, not taken for re-sends
        first.close();
        final ClusterCommandLog restarted = open(1, 61);
        final Delivered restartedDelivered = new Delivered(61);
        awaitCaughtUp(restarted, restartedDelivered);
        assertEquals(60, restarted.committedAtOpen());
        offerAll(restarted, restartedDelivered, 1, 2_001, 2_005);
        awaitDelivered(restarted, restartedDelivered, 65);
        assertEquals(LongStream.rangeClosed(2_001, 2_005).boxed().toList(), restartedDelivered.correlationIds);
    }

    @Test
    void aRestartedGatewayWhoseClockWentBackHasItsCommandsAppliedNotTakenForResends()
    {
        startCluster(22_700, Integer.MAX_VALUE);
        final ClusterCommandLog first = open(1, 0);
        final Delivered firstDelivered = new Delivered(0);
        awaitCaughtUp(first, firstDelivered);
        offerAll(first, firstDelivered, 1, 1, 5);
        awaitDelivered(first, firstDelivered, 4);
        first.close();

        // the host's clock was stepped back an hour (NTP, a VM moved) before the gateway came back
        final EpochClock anHourBack = () -> System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        final ClusterCommandLog restarted = open(1, 5, settings -> settings.epochClock(anHourBack));
        final Delivered restartedDelivered = new Delivered(5);
        awaitCaughtUp(restarted, restartedDelivered);
        offerAll(restarted, restartedDelivered, 1, 11, 15);
        awaitDelivered(restarted, restartedDelivered, 9);
        assertEquals(LongStream.rangeClosed(11, 15).boxed().toList(), restartedDelivered.correlationIds);
    }

    @Test
    void aCatchUpOlderThanTheRetainedWindowFailsWithTheTypedError()
    {
        startCluster(22_300, 16);
        final ClusterCommandLog first = open(1, 0);
        final Delivered firstDelivered = new Delivered(0);
        awaitCaughtUp(first, firstDelivered);
        offerAll(first, firstDelivered, 1, 1, 40);
        awaitDelivered(first, firstDelivered, 39);

        final ClusterCommandLog late = open(2, 3);
        final AtomicReference<ClusterCommandLogException> failure = new AtomicReference<>(awaitFailure(late));
        assertEquals(ClusterCommandLogException.Reason.CATCH_UP_GAP, failure.get().reason());
        assertTrue(failure.get().getMessage().contains("from sequence 3"), failure.get().getMessage());
        assertTrue(failure.get().getMessage().contains("retains them only from 24"), failure.get().getMessage());
        final ClusterCommandLogException again =
            assertThrows(ClusterCommandLogException.class, () -> late.poll(new Delivered(3), 100));
        assertSame(failure.get(), again, "the failure stays");
        assertThrows(ClusterCommandLogException.class, () -> late.offer(command, 0, 8));

        // a gateway whose journal goes further than the cluster's log is not of this cluster
        final ClusterCommandLog ahead = open(3, 1_000);
        final ClusterCommandLogException notOurs = awaitFailure(ahead);
        assertEquals(ClusterCommandLogException.Reason.GATEWAY_AHEAD_OF_CLUSTER, notOurs.reason());
        assertTrue(notOurs.getMessage().contains("up to sequence 999"), notOurs.getMessage());
        assertTrue(notOurs.getMessage().contains("log ends at 39"), notOurs.getMessage());
    }

    @Test
    void openFailsWithTheTypedErrorWhenNoClusterAnswers()
    {
        final ClusterClientSettings settings = ClusterClientSettings.builder()
            .ingressEndpoints("0=localhost:22990,1=localhost:22991,2=localhost:22992")
            .driverDirectory(folder.resolve("lonely-gateway-aeron"))
            .messageTimeout(Duration.ofMillis(300))
            .connectTimeout(Duration.ofSeconds(1))
            .build();

        final ClusterCommandLogException failure =
            assertThrows(ClusterCommandLogException.class, () -> ClusterCommandLog.open(settings, 0));
        assertEquals(ClusterCommandLogException.Reason.CONNECT_FAILED, failure.reason());
        assertTrue(failure.getMessage().contains("0=localhost:22990"), failure.getMessage());
    }

    private static ClusterCommandLogException awaitFailure(final ClusterCommandLog log)
    {
        final AtomicReference<ClusterCommandLogException> failure = new AtomicReference<>();
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() ->
        {
            try
            {
                log.poll(new Delivered(0), 100);
                return false;
            }
            catch (final ClusterCommandLogException ex)
            {
                failure.set(ex);
                return true;
            }
        });
        return failure.get();
    }

    @Test
    void anIdleGatewayKeepsItsSessionWithKeepAlives()
    {
        sessionTimeoutNs = Duration.ofSeconds(1).toNanos();
        startCluster(22_400, Integer.MAX_VALUE);
        final ClusterCommandLog log = open(1, 0,
            settings -> settings.keepAliveInterval(Duration.ofMillis(200)));
        final Delivered delivered = new Delivered(0);
        awaitCaughtUp(log, delivered);

        // three session timeouts with nothing to send but keep-alives: the cluster must not close the session
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInSameThread()
            .pollInterval(Duration.ofMillis(20)).until(() -> log.poll(delivered, 64) == 0 && log.reconnects() == 0);
        offer(log, delivered, 1, 1);
        awaitDelivered(log, delivered, 0);
        assertEquals(0, log.reconnects());
        assertEquals(1, log.leaderChanges());
    }

    @Test
    void opensANewSessionWhenTheWholeClusterRestartsAndDeliversEveryCommandOnce()
    {
        startCluster(22_500, Integer.MAX_VALUE);
        final ClusterCommandLog log = open(1, 0,
            settings -> settings.newLeaderTimeout(Duration.ofMillis(500)).messageTimeout(Duration.ofSeconds(2)));
        final Delivered delivered = new Delivered(0);
        awaitCaughtUp(log, delivered);
        offerAll(log, delivered, 1, 1, 50);
        awaitDelivered(log, delivered, 49);

        for (int id = 0; id < 3; id++)
        {
            nodes[id].close();
            nodes[id] = null;
        }
        for (long correlationId = 51; correlationId <= 80; correlationId++)
        {
            offer(log, delivered, 1, correlationId); // taken and kept while there is no cluster
        }
        assertEquals(49, log.lastDelivered());
        for (int id = 0; id < 3; id++)
        {
            nodes[id] = ClusterNode.launch(nodeSettings.get(id), EXCHANGE);
        }
        awaitDelivered(log, delivered, 79);

        assertEquals(LongStream.rangeClosed(1, 80).boxed().toList(), delivered.correlationIds);
        assertTrue(log.reconnects() >= 1, "a new session: " + log.reconnects());
    }

    private void startCluster(final int basePort, final int retainedCommands)
    {
        final List<ClusterNodeSettings.Member> members = LocalhostCluster.members(basePort);
        for (int id = 0; id < 3; id++)
        {
            ClusterNodeSettings settings = ClusterNodeSettings.of(id, members, folder.resolve("node-" + id));
            if (sessionTimeoutNs != ClusterNodeSettings.DEFAULT_SESSION_TIMEOUT_NS)
            {
                settings = settings.withTimeouts(ClusterNodeSettings.DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS,
                    ClusterNodeSettings.DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS,
                    ClusterNodeSettings.DEFAULT_ELECTION_TIMEOUT_NS,
                    ClusterNodeSettings.DEFAULT_STARTUP_CANVASS_TIMEOUT_NS, sessionTimeoutNs);
            }
            if (retainedCommands != Integer.MAX_VALUE)
            {
                settings = settings.withRetainedWindow(retainedCommands, 16 * 1024 * 1024);
            }
            nodeSettings.add(settings);
        }
        for (int id = 0; id < 3; id++)
        {
            nodes[id] = ClusterNode.launch(nodeSettings.get(id), EXCHANGE);
        }
        await().atMost(TIMEOUT).until(() -> LocalhostCluster.leaderOrMinusOne(nodes) >= 0);
    }

    private ClusterCommandLog open(final int gatewayId, final long fromSequence)
    {
        return open(gatewayId, fromSequence, UnaryOperator.identity());
    }

    private ClusterCommandLog open(
        final int gatewayId, final long fromSequence, final UnaryOperator<ClusterClientSettings.Builder> tuning)
    {
        final ClusterCommandLog log = ClusterCommandLog.open(tuning.apply(ClusterClientSettings.builder()
            .gatewayId(gatewayId)
            .ingressEndpoints(nodeSettings.get(0).ingressEndpoints())
            .driverDirectory(folder.resolve("gateway-" + gatewayId + "-" + logs.size() + "-aeron"))
            .connectTimeout(TIMEOUT))
            .build(), fromSequence);
        logs.add(log);
        return log;
    }

    /**
     * Offer new orders with these correlation ids, in order.
     */
    private void offerAll(final ClusterCommandLog log, final Delivered delivered, final int sourceId,
        final long fromCorrelationId, final long toCorrelationId)
    {
        for (long correlationId = fromCorrelationId; correlationId <= toCorrelationId; correlationId++)
        {
            offer(log, delivered, sourceId, correlationId);
        }
    }

    /**
     * Offer a new order with this correlation id, polling while the log cannot take it.
     */
    private void offer(final ClusterCommandLog log, final Delivered delivered, final int sourceId,
        final long correlationId)
    {
        final int length = commands.newOrder(command, sourceId, correlationId, correlationId, 10);
        await().atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
            .until(() ->
            {
                final boolean taken = log.offer(command, 0, length);
                log.poll(delivered, 64);
                return taken;
            });
    }

    private static void awaitCaughtUp(final ClusterCommandLog log, final Delivered delivered)
    {
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() ->
        {
            log.poll(delivered, 64);
            return log.caughtUp();
        });
    }

    private static void awaitDelivered(final ClusterCommandLog log, final Delivered delivered, final long sequence)
    {
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() ->
        {
            log.poll(delivered, 64);
            return log.lastDelivered() >= sequence && log.unconfirmedCommands() == 0;
        });
        assertEquals(sequence, log.lastDelivered());
        assertEquals(sequence, delivered.lastSequence);
    }

    /**
     * Checks dense sequences and correlation ids one more each time, without allocating.
     */
    private static final class Counting implements ClusterCommandLog.CommittedCommandHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrder = new NewOrderDecoder();
        private long lastSequence;
        private long lastCorrelationId;

        Counting(final long fromSequence)
        {
            lastSequence = fromSequence - 1;
            lastCorrelationId = fromSequence; // the tests' commands before it were correlation ids 1 to fromSequence
        }

        @Override
        public void onCommitted(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (sequence != lastSequence + 1)
            {
                throw new AssertionError("sequence " + sequence + " after " + lastSequence);
            }
            lastSequence = sequence;
            newOrder.wrapAndApplyHeader(buffer, offset, header.wrap(buffer, offset));
            final long correlationId = newOrder.envelope().correlationId();
            if (correlationId != lastCorrelationId + 1)
            {
                throw new AssertionError("correlation id " + correlationId + " after " + lastCorrelationId);
            }
            lastCorrelationId = correlationId;
        }
    }

    /**
     * The committed commands a log delivered: checks their sequences are dense and keeps their correlation ids.
     */
    private static final class Delivered implements ClusterCommandLog.CommittedCommandHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrder = new NewOrderDecoder();
        private final List<Long> correlationIds = new ArrayList<>();
        private final List<Long> deliveryNanos = new ArrayList<>();
        private long lastSequence;

        Delivered(final long fromSequence)
        {
            lastSequence = fromSequence - 1;
        }

        @Override
        public void onCommitted(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            assertEquals(lastSequence + 1, sequence, "dense sequences");
            lastSequence = sequence;
            header.wrap(buffer, offset);
            assertEquals(NewOrderDecoder.TEMPLATE_ID, header.templateId());
            newOrder.wrapAndApplyHeader(buffer, offset, header);
            correlationIds.add(newOrder.envelope().correlationId());
            deliveryNanos.add(System.nanoTime());
        }
    }
}
