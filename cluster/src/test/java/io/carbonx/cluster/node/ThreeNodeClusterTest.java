package io.carbonx.cluster.node;

import io.carbonx.cluster.service.NodeStatus;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

/**
 * Three {@link ClusterNode}s in this JVM on loopback and a raw Aeron Cluster client acting as a gateway: commands are
 * committed in order, a lost leader is replaced and the client carries on without losing or doubling a command, the
 * nodes agree with the client's mirror on sequence and state hash, and a node restarted from its folder (its snapshot
 * and log) catches up to the same state.
 */
class ThreeNodeClusterTest
{
    private static final ExchangeSettings SETTINGS = TestSettings.settings(HoldingLimits.unlimited());
    private static final int INSTRUMENT = 1;
    private static final long SELLER = 100;
    private static final long BUYER = 101;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern STATUS =
        Pattern.compile("\\{\"memberId\":(\\d+),\"role\":\"(\\w+)\",\"sequence\":(-?\\d+),\"stateHash\":\"?(\\w+)\"?}");

    @TempDir
    Path folder;

    private final ClusterNode[] nodes = new ClusterNode[3];
    private final List<ClusterNodeSettings> settings = new ArrayList<>();
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[1024]);
    private TestGateway gateway;
    private Process child;
    private long time = 1_000_000;
    private long orderId;

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietClose(gateway);
        if (child != null)
        {
            child.destroyForcibly();
        }
        for (final ClusterNode node : nodes)
        {
            CloseHelper.quietClose(node);
        }
    }

    @Test
    void commitsInOrderSurvivesTheLossOfTheLeaderAndARestartedNodeCatchesUp() throws Exception
    {
        startCluster(21_000, 100_000);
        gateway = new TestGateway(1, settings.get(0).ingressEndpoints(), SETTINGS);

        genesis();
        trade(5);
        final long beforeFailover = 13 + 10 - 1;
        awaitDelivered(beforeFailover);
        assertEquals(clientSeqs(1, 23), gateway.committedClientSeqs());
        assertEquals(5, gateway.events().trades().size());
        awaitNodesAgree(beforeFailover, 0, 1, 2);

        final int leader = LocalhostCluster.leader(nodes);
        final long closedNs = System.nanoTime();
        nodes[leader].close();
        trade(5);
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() ->
        {
            gateway.poll();
            return gateway.newLeaders() >= 1;
        });
        final long newLeaderMs = (System.nanoTime() - closedNs) / 1_000_000;
        final long afterFailover = beforeFailover + 10;
        awaitDelivered(afterFailover);
        System.out.printf("ThreeNodeClusterTest: leader %d closed; new leader at the client after %d ms, the 10 " +
            "commands sent meanwhile committed after %d ms%n", leader, newLeaderMs,
            (System.nanoTime() - closedNs) / 1_000_000);
        assertTrue(gateway.newLeaders() >= 1, "the client saw a new leader");
        assertEquals(clientSeqs(1, 33), gateway.committedClientSeqs());
        assertEquals(10, gateway.events().trades().size());
        final int[] survivors = others(leader);
        awaitNodesAgree(afterFailover, survivors);

        nodes[leader] = ClusterNode.launch(settings.get(leader), SETTINGS);
        awaitNodesAgree(afterFailover, 0, 1, 2);
        assertNull(gateway.failure());
    }

    @Test
    void snapshotsAndANodeRestartedFromItsSnapshotAndLogAgrees() throws Exception
    {
        startCluster(21_100, 20);
        gateway = new TestGateway(7, settings.get(0).ingressEndpoints(), SETTINGS);
        genesis();
        trade(10);
        final long last = 13 + 20 - 1;
        awaitDelivered(last);
        await().atMost(TIMEOUT).until(() -> Arrays.stream(nodes).allMatch(node -> node.snapshotCount() >= 1));
        awaitNodesAgree(last, 0, 1, 2);

        final int follower = others(LocalhostCluster.leader(nodes))[0];
        nodes[follower].close();
        trade(3);
        awaitDelivered(last + 6);
        nodes[follower] = ClusterNode.launch(settings.get(follower), SETTINGS);
        awaitNodesAgree(last + 6, 0, 1, 2);
        assertTrue(nodes[follower].loadedSnapshotSequence() >= 19, "restarted from a snapshot");
        assertNull(gateway.failure());
    }

    @Test
    void aNodeKilledWithSigkillRestartsFromItsFolderAndCatchesUp() throws Exception
    {
        final int killed = 2;
        startCluster(21_200, 15, killed);
        gateway = new TestGateway(3, settings.get(0).ingressEndpoints(), SETTINGS);
        genesis();
        trade(5);
        awaitDelivered(22);
        awaitNodesAgree(22, 0, 1, 2);

        child.destroyForcibly();
        child.waitFor();
        trade(5);
        awaitDelivered(32);
        awaitNodesAgree(32, 0, 1);

        // Its mark files still look alive for Aeron's liveness timeout: launch waits them out (about 10 s), on another
        // thread, while the gateway keeps polling (and sending keep-alives: its session would time out otherwise).
        final CompletableFuture<ClusterNode> restarted =
            CompletableFuture.supplyAsync(() -> ClusterNode.launch(settings.get(killed), SETTINGS));
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(5)).until(() ->
        {
            gateway.poll();
            return restarted.isDone();
        });
        nodes[killed] = restarted.get();
        trade(1);
        awaitDelivered(34);
        awaitNodesAgree(34, 0, 1, 2);
        assertNull(gateway.failure());
    }

    private void startCluster(final int basePort, final long snapshotInterval) throws IOException
    {
        startCluster(basePort, snapshotInterval, -1);
    }

    private void startCluster(final int basePort, final long snapshotInterval, final int inChild) throws IOException
    {
        final List<ClusterNodeSettings.Member> members = LocalhostCluster.members(basePort);
        for (int id = 0; id < 3; id++)
        {
            settings.add(ClusterNodeSettings.of(id, members, folder.resolve("node-" + id))
                .withSnapshotIntervalCommands(snapshotInterval));
        }
        for (int id = 0; id < 3; id++)
        {
            if (id == inChild)
            {
                child = ChildClusterNode.start(settings.get(id), "0,localhost:" + basePort + "|1,localhost:" +
                    (basePort + 10) + "|2,localhost:" + (basePort + 20), folder.resolve("child.log"));
            }
            else
            {
                nodes[id] = ClusterNode.launch(settings.get(id), SETTINGS);
            }
        }
        await().atMost(TIMEOUT).until(() -> LocalhostCluster.leaderOrMinusOne(nodes) >= 0 ||
            Files.exists(statusFile(inChild)) && read(statusFile(inChild)).contains("LEADER"));
    }

    /**
     * 13 commands: list the instrument, open, fund and credit the seller and buyer ... and two bystanders.
     */
    private void genesis()
    {
        send(writer.envelope(time, 0, 0).addInstrument(command, 0, new InstrumentSpec(INSTRUMENT, "CEA-2025",
            InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00, SelfTradePolicy.CANCEL_INCOMING)));
        for (long account = SELLER; account < SELLER + 4; account++)
        {
            send(writer.envelope(time, 0, 0).openAccount(command, 0, account, AccountType.TRADING));
            send(writer.envelope(time, 0, 0).depositCash(command, 0, account, 1_000_000_00L));
            send(writer.envelope(time, 0, 0).issueUnits(command, 0, account, INSTRUMENT, 100_000));
        }
    }

    /**
     * 2 commands per trade: a resting sell and a crossing buy of 10 t at 100.00.
     */
    private void trade(final int trades)
    {
        for (int i = 0; i < trades; i++)
        {
            send(writer.envelope(time++, 1, ++orderId).newOrder(command, 0, orderId, SELLER, 0, INSTRUMENT,
                Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 10, 0));
            send(writer.envelope(time++, 1, ++orderId).newOrder(command, 0, orderId, BUYER, 0, INSTRUMENT,
                Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 10, 0));
        }
    }

    private void send(final int length)
    {
        gateway.send(command, length);
        gateway.poll();
    }

    private void awaitDelivered(final long sequence)
    {
        try
        {
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() ->
            {
                gateway.poll();
                assertNull(gateway.failure());
                return gateway.lastDelivered() >= sequence && gateway.unconfirmed() == 0;
            });
        }
        catch (final ConditionTimeoutException ex)
        {
            throw new AssertionError("awaiting sequence " + sequence + ": " + describe(), ex);
        }
        assertEquals(sequence, gateway.lastDelivered());
    }

    private void awaitNodesAgree(final long sequence, final int... members) throws Exception
    {
        final String hash = String.format("%016x", gateway.stateHash());
        try
        {
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(agree(
                sequence, hash, members));
        }
        catch (final ConditionTimeoutException ex)
        {
            throw new AssertionError("awaiting nodes at " + sequence + " " + hash + ": " + describe(), ex);
        }
    }

    private Callable<Boolean> agree(final long sequence, final String hash, final int... members)
    {
        return () ->
        {
            gateway.poll();
            for (final int member : members)
            {
                final Path file = statusFile(member);
                if (!Files.exists(file))
                {
                    return false;
                }
                final Matcher status = STATUS.matcher(read(file).trim());
                assertTrue(status.matches(), read(file));
                assertEquals(member, Integer.parseInt(status.group(1)));
                if (Long.parseLong(status.group(3)) != sequence || !status.group(4).equals(hash))
                {
                    return false;
                }
            }
            return true;
        };
    }

    private String describe()
    {
        final StringBuilder text = new StringBuilder("gateway delivered ").append(gateway.lastDelivered())
            .append(", unconfirmed ").append(gateway.unconfirmed())
            .append(", new leaders ").append(gateway.newLeaders())
            .append(", caught up ").append(gateway.caughtUps()).append(" at ").append(gateway.lastCaughtUp())
            .append(", failed offers ").append(gateway.failedOffers())
            .append(", failure ").append(gateway.failure());
        for (int id = 0; id < 3; id++)
        {
            text.append("; node ").append(id).append(' ').append(nodes[id] == null ? "-" : nodes[id].role())
                .append(' ').append(read(statusFile(id)).trim());
        }
        return text.toString();
    }

    private Path statusFile(final int member)
    {
        return member < 0 ? folder.resolve("none") : settings.get(member).nodeFolder().resolve(NodeStatus.FILE_NAME);
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static int[] others(final int member)
    {
        return LongStream.range(0, 3).mapToInt(id -> (int)id).filter(id -> id != member).toArray();
    }

    private static List<Long> clientSeqs(final long from, final long to)
    {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
