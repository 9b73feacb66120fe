package io.carbonx.cluster.service;

import io.aeron.DirectBufferVector;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.logbuffer.BufferClaim;
import io.carbonx.cluster.protocol.ClusterMessages;
import io.carbonx.engine.core.CapturedEvents;
import io.carbonx.engine.core.CommandWriter;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.core.TestSettings;
import io.carbonx.engine.snapshot.SnapshotImage;
import io.carbonx.engine.snapshot.SnapshotInput;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.registry.HoldingLimits;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service without Aeron: log messages handed to {@code onSessionMessage} directly, sessions faked.
 */
class ExchangeClusteredServiceTest
{
    private static final ExchangeSettings SETTINGS = TestSettings.settings(HoldingLimits.unlimited());
    private static final long STATUS_INTERVAL_NS = 100_000_000L;

    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[1024]);
    private final List<byte[]> commands = new ArrayList<>();

    @Test
    void appliesEachGatewaysCommandsOnceInLogOrderWithDenseSequences()
    {
        final ExchangeClusteredService service = service(100, 1 << 20);
        scenario();
        final ExchangeStateMachine reference = new ExchangeStateMachine(SETTINGS);
        final CapturedEvents events = new CapturedEvents();
        // Two gateways interleave; each numbers its own commands; every command is offered twice (a re-offer).
        for (int i = 0; i < commands.size(); i++)
        {
            final int gateway = 1 + i % 2;
            final long clientSeq = 1 + i / 2;
            offerCommand(service, null, gateway, clientSeq, commands.get(i));
            offerCommand(service, null, gateway, clientSeq, commands.get(i));
            final UnsafeBuffer bytes = new UnsafeBuffer(commands.get(i));
            reference.apply(i, bytes, 0, bytes.capacity(), events);
        }
        assertEquals(commands.size() - 1, service.lastSequence());
        assertEquals(reference.stateHash(), service.stateHash());
        assertEquals(3, events.trades().size());
        assertEquals((commands.size() + 1) / 2, service.highestClientSeq(1));
        assertEquals(commands.size() / 2, service.highestClientSeq(2));
        // An old clientSeq arriving late is a duplicate too.
        offerCommand(service, null, 1, 1, commands.get(commands.size() - 1));
        assertEquals(commands.size() - 1, service.lastSequence());
    }

    @Test
    void broadcastsCommittedAndCatchesASessionUpFromTheWindow()
    {
        final ExchangeClusteredService service = started(service(100, 1 << 20));
        final FakeSession early = new FakeSession(1);
        service.onSessionOpen(early, 0);
        scenario();
        for (int i = 0; i < 5; i++)
        {
            offerCommand(service, early, 1, i + 1, commands.get(i));
        }
        final FakeSession late = new FakeSession(2);
        service.onSessionOpen(late, 0);
        for (int i = 5; i < 8; i++)
        {
            offerCommand(service, early, 1, i + 1, commands.get(i));
        }
        assertEquals(List.of("C0", "C1", "C2", "C3", "C4", "C5", "C6", "C7"), early.received());
        assertEquals(List.of("C5", "C6", "C7"), late.received());
        assertArrayEquals(commands.get(6), late.commandBytes(1));

        catchUp(service, late, 9, 2);
        assertEquals(List.of("C5", "C6", "C7", "C2", "C3", "C4", "C5", "C6", "C7", "U7"), late.received());
        catchUp(service, late, 9, 8);
        assertEquals("U7", late.received().get(late.received().size() - 1));
        assertEquals("U7", late.received().get(late.received().size() - 2));
        assertEquals(8, early.received().size(), "a catch-up goes to the session that asked only");
    }

    @Test
    void sessionsRestoredFromASnapshotWithoutOnSessionOpenAreServed()
    {
        final FakeSession restored = new FakeSession(5);
        final FakeSession unknown = new FakeSession(6);
        final ExchangeClusteredService service = started(service(100, 1 << 20), List.of(restored));
        scenario();
        offerCommand(service, restored, 1, 1, commands.get(0));
        assertEquals(List.of("C0"), restored.received());
        catchUp(service, unknown, 2, 0);
        assertEquals(List.of("C0", "U0"), unknown.received(), "a session asking for a catch-up is served anyway");
    }

    @Test
    void aCatchUpOlderThanTheWindowIsAGap()
    {
        final ExchangeClusteredService service = started(service(3, 1 << 20));
        final FakeSession session = new FakeSession(1);
        service.onSessionOpen(session, 0);
        scenario();
        for (int i = 0; i < 6; i++)
        {
            offerCommand(service, session, 1, i + 1, commands.get(i));
        }
        session.messages.clear();
        catchUp(service, session, 1, 2);
        assertEquals(List.of("G3"), session.received());
        offerCommand(service, session, 1, 7, commands.get(6));
        assertEquals(List.of("G3"), session.received(), "nothing more until the gateway asks again");
        catchUp(service, session, 1, 4);
        assertEquals(List.of("G3", "C4", "C5", "C6", "U6"), session.received());
    }

    @Test
    void aBackPressuredSessionIsRetriedLaterWithoutLosingOrBlocking()
    {
        final ExchangeClusteredService service = started(service(100, 1 << 20));
        final FakeSession slow = new FakeSession(1);
        final FakeSession fast = new FakeSession(2);
        service.onSessionOpen(slow, 0);
        service.onSessionOpen(fast, 0);
        scenario();
        slow.refuse = true;
        for (int i = 0; i < 4; i++)
        {
            offerCommand(service, fast, 1, i + 1, commands.get(i));
        }
        assertEquals(List.of(), slow.received());
        assertEquals(4, fast.received().size());
        slow.refuse = false;
        service.onTimerEvent(1, 0);
        assertEquals(List.of("C0", "C1", "C2", "C3"), slow.received());
        assertEquals(4, fast.received().size());
    }

    @Test
    void aSnapshotReadByAFreshServiceGivesTheSameStateAndWindow() throws IOException
    {
        final ExchangeClusteredService service = service(10, 1 << 20);
        scenario();
        for (int i = 0; i < commands.size(); i++)
        {
            offerCommand(service, null, 1 + i % 3, 1 + i / 3, commands.get(i));
        }
        final byte[] snapshot = snapshot(service);
        final ExchangeClusteredService restored = service(10, 1 << 20);
        restored.readState(new SnapshotInput(snapshot, 0, snapshot.length));
        assertEquals(service.lastSequence(), restored.lastSequence());
        assertEquals(service.stateHash(), restored.stateHash());
        for (int gateway = 1; gateway <= 3; gateway++)
        {
            assertEquals(service.highestClientSeq(gateway), restored.highestClientSeq(gateway));
        }
        final RetainedCommands window = service.retained();
        final RetainedCommands restoredWindow = restored.retained();
        assertEquals(10, restoredWindow.size());
        assertEquals(window.firstSequence(), restoredWindow.firstSequence());
        for (long sequence = window.firstSequence(); sequence <= window.lastSequence(); sequence++)
        {
            final UnsafeBuffer a = new UnsafeBuffer(new byte[window.length(sequence)]);
            final UnsafeBuffer b = new UnsafeBuffer(new byte[restoredWindow.length(sequence)]);
            window.copy(sequence, a, 0);
            restoredWindow.copy(sequence, b, 0);
            assertArrayEquals(a.byteArray(), b.byteArray());
            assertEquals(window.clientSeq(sequence), restoredWindow.clientSeq(sequence));
            assertEquals(window.gatewayId(sequence), restoredWindow.gatewayId(sequence));
        }
        assertArrayEquals(snapshot, snapshot(restored), "the snapshot is deterministic");

        // Both go on identically, and a re-offer is still recognised after the restore.
        final int length = writer.envelope(9_000_000, 1, 99).newOrder(command, 0, 99, 100, 0, 1, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 5, 0);
        final byte[] next = new byte[length];
        command.getBytes(0, next);
        offerCommand(service, null, 1, 100, next);
        offerCommand(restored, null, 1, 100, next);
        offerCommand(restored, null, 2, 1, next);
        assertEquals(service.lastSequence(), restored.lastSequence());
        assertEquals(service.stateHash(), restored.stateHash());
    }

    @Test
    void aCaughtUpTellsTheGatewayTheHighestClientSeqAppliedForIt()
    {
        final ExchangeClusteredService service = started(service(100, 1 << 20));
        final FakeSession session = new FakeSession(1);
        service.onSessionOpen(session, 0);
        scenario();
        offerCommand(service, session, 7, 40, commands.get(0));
        offerCommand(service, session, 7, 41, commands.get(1));
        offerCommand(service, session, 8, 3, commands.get(2));

        catchUp(service, session, 7, 3);
        assertEquals(List.of("C0", "C1", "C2", "U2"), session.received());
        assertEquals(41, session.lastHighestClientSeq());
        catchUp(service, session, 9, 3);
        assertEquals(0, session.lastHighestClientSeq(), "none applied for gateway 9");
    }

    @Test
    void publishesTheStateHashOnlyOnceNoCommandArrivedForAStatusInterval()
    {
        final ExchangeClusteredService service = started(service(100, 1 << 20));
        scenario();
        long nowNs = 1_000_000_000L;
        for (int i = 0; i < commands.size(); i++)
        {
            offerCommand(service, null, 1, i + 1, commands.get(i));
            nowNs += STATUS_INTERVAL_NS;
            service.doBackgroundWork(nowNs);
            assertEquals(i, service.published().sequence());
            assertFalse(service.published().hashed(), "no hash while commands keep arriving");
        }
        service.doBackgroundWork(nowNs + STATUS_INTERVAL_NS / 2);
        assertFalse(service.published().hashed(), "quiet for less than an interval");
        service.doBackgroundWork(nowNs + STATUS_INTERVAL_NS);
        assertTrue(service.published().agrees(commands.size() - 1, service.stateHash()), service.published()::toString);
        service.onRoleChange(Cluster.Role.LEADER);
        service.doBackgroundWork(nowNs + STATUS_INTERVAL_NS + 1);
        assertEquals("LEADER", service.published().role(), "a new role is published at once");
        assertTrue(service.published().agrees(commands.size() - 1, service.stateHash()), "with the hash still valid");
    }

    private static ExchangeClusteredService service(final int retainedCommands, final int retainedBytes)
    {
        return new ExchangeClusteredService(SETTINGS, retainedCommands, retainedBytes, 1_000_000, NodeStatus.NONE);
    }

    private static ExchangeClusteredService started(final ExchangeClusteredService service)
    {
        return started(service, List.of());
    }

    private static ExchangeClusteredService started(
        final ExchangeClusteredService service, final List<ClientSession> restoredSessions)
    {
        final Cluster cluster = (Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[] {Cluster.class}, (proxy, method, args) -> switch (method.getName())
            {
                case "idleStrategy" -> NoOpIdleStrategy.INSTANCE;
                case "role" -> Cluster.Role.FOLLOWER;
                case "memberId" -> 0;
                case "clientSessions" -> restoredSessions;
                default -> throw new UnsupportedOperationException(method.getName());
            });
        service.onStart(cluster, null);
        return service;
    }

    private static byte[] snapshot(final ExchangeClusteredService service) throws IOException
    {
        final SnapshotImage image = new SnapshotImage(64); // small, so that it grows
        service.writeState(image);
        return Arrays.copyOf(image.body(), image.length());
    }

    /**
     * 16 commands: an instrument, two funded accounts with units, then three crossing pairs of orders.
     */
    private void scenario()
    {
        add(writer.envelope(1_000, 0, 0).addInstrument(command, 0, new InstrumentSpec(1, "CEA-2025",
            InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00, SelfTradePolicy.CANCEL_INCOMING)));
        for (long account = 100; account <= 101; account++)
        {
            add(writer.envelope(1_000, 0, 0).openAccount(command, 0, account, AccountType.TRADING));
            add(writer.envelope(1_000, 0, 0).depositCash(command, 0, account, 1_000_000_00L));
            add(writer.envelope(1_000, 0, 0).issueUnits(command, 0, account, 1, 1_000));
        }
        for (long orderId = 1; orderId <= 6; orderId++)
        {
            final boolean sell = orderId % 2 == 1;
            add(writer.envelope(2_000 + orderId, 1, orderId).newOrder(command, 0, orderId, sell ? 100 : 101, 0, 1,
                sell ? Side.SELL : Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 100_00, 10, 0));
        }
        add(writer.envelope(3_000, 1, 7).newOrder(command, 0, 7, 100, 0, 1, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, false, 101_00, 10, 0));
        add(writer.envelope(3_001, 1, 8).newOrder(command, 0, 8, 101, 0, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 99_00, 10, 0));
    }

    private void add(final int length)
    {
        final byte[] bytes = new byte[length];
        command.getBytes(0, bytes);
        commands.add(bytes);
    }

    private void offerCommand(
        final ExchangeClusteredService service, final ClientSession session, final int gateway, final long clientSeq,
        final byte[] bytes)
    {
        ClusterMessages.commandHeader(message, 0, gateway, clientSeq);
        message.putBytes(ClusterMessages.COMMAND_HEADER_LENGTH, bytes);
        service.onSessionMessage(session, 0, message, 0, ClusterMessages.COMMAND_HEADER_LENGTH + bytes.length, null);
    }

    private void catchUp(
        final ExchangeClusteredService service, final ClientSession session, final int gateway, final long from)
    {
        ClusterMessages.control(message, 0, ClusterMessages.CATCH_UP, gateway, from);
        service.onSessionMessage(session, 0, message, 0, ClusterMessages.CONTROL_LENGTH, null);
    }

    /**
     * Records what the service offers it; refuses with back pressure while {@code refuse}.
     */
    private static final class FakeSession implements ClientSession
    {
        private final long id;
        private final List<byte[]> messages = new ArrayList<>();
        private boolean refuse;

        FakeSession(final long id)
        {
            this.id = id;
        }

        /**
         * @return the messages as C(ommitted)+sequence, U (caught up)+last sequence, G (gap)+oldest retained.
         */
        List<String> received()
        {
            final List<String> text = new ArrayList<>();
            for (final byte[] bytes : messages)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                text.add(switch (ClusterMessages.type(buffer, 0))
                {
                    case ClusterMessages.COMMITTED -> "C" + ClusterMessages.committedSequence(buffer, 0);
                    case ClusterMessages.CAUGHT_UP -> "U" + ClusterMessages.sequenceArgument(buffer, 0);
                    case ClusterMessages.CATCH_UP_GAP -> "G" + ClusterMessages.sequenceArgument(buffer, 0);
                    default -> "?";
                });
            }
            return text;
        }

        /**
         * @return the highest client sequence of the last CAUGHT_UP received.
         */
        long lastHighestClientSeq()
        {
            final byte[] bytes = messages.get(messages.size() - 1);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            assertEquals(ClusterMessages.CAUGHT_UP, ClusterMessages.type(buffer, 0));
            assertEquals(ClusterMessages.CAUGHT_UP_LENGTH, bytes.length);
            return ClusterMessages.highestClientSeq(buffer, 0);
        }

        byte[] commandBytes(final int index)
        {
            final byte[] bytes = messages.get(index);
            final byte[] commandBytes = new byte[bytes.length - ClusterMessages.COMMITTED_HEADER_LENGTH];
            System.arraycopy(bytes, ClusterMessages.COMMITTED_HEADER_LENGTH, commandBytes, 0, commandBytes.length);
            return commandBytes;
        }

        @Override
        public long id()
        {
            return id;
        }

        @Override
        public int responseStreamId()
        {
            return 0;
        }

        @Override
        public String responseChannel()
        {
            return "";
        }

        @Override
        public byte[] encodedPrincipal()
        {
            return new byte[0];
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean isClosing()
        {
            return false;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (refuse)
            {
                return Publication.BACK_PRESSURED;
            }
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            messages.add(bytes);
            return messages.size() * 64L;
        }

        @Override
        public long offer(final DirectBufferVector[] vectors)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long tryClaim(final int length, final BufferClaim bufferClaim)
        {
            throw new UnsupportedOperationException();
        }
    }
}
