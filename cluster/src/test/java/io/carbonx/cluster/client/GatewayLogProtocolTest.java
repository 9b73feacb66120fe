package io.carbonx.cluster.client;

import io.carbonx.cluster.protocol.ClusterMessages;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's protocol rules without Aeron: egress messages are built by hand and the ingress is a list.
 */
class GatewayLogProtocolTest
{
    private static final int GATEWAY = 3;
    private static final int OTHER_GATEWAY = 4;
    private static final long TIMEOUT_NS = 1_000;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
    private final List<String> sent = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();
    private boolean ingressOpen = true;
    private GatewayLogProtocol protocol;

    private final GatewayLogProtocol.Ingress ingress = (buffer, offset, length) ->
    {
        if (!ingressOpen)
        {
            return false;
        }
        sent.add(describeIngress(buffer, offset, length));
        return true;
    };

    @BeforeEach
    void openAtSequenceTen()
    {
        protocol = new GatewayLogProtocol(GATEWAY, 10, TIMEOUT_NS, new UnconfirmedCommands(GATEWAY, 4096, 64, 1));
        protocol.onSessionStart();
    }

    @Test
    void catchesUpFromTheOpeningSequenceAndReportsTheLogsEndAtOpen()
    {
        protocol.sendPending(ingress, 0);
        assertEquals(List.of("CATCH_UP 10"), sent);
        assertFalse(protocol.caughtUp());

        egress(committed(OTHER_GATEWAY, 5, 10, 'a'), 1);
        egress(committed(OTHER_GATEWAY, 6, 11, 'b'), 1);
        egress(caughtUp(11), 1);

        assertEquals(List.of("10:a", "11:b"), delivered);
        assertTrue(protocol.caughtUp());
        assertEquals(11, protocol.committedAtOpen());
        assertFalse(protocol.catchingUp());
    }

    @Test
    void commandsTakenBeforeTheFirstCatchUpAreNumberedAboveWhatTheClusterMayHaveFromAnEarlierRun()
    {
        // this run's clock gave 1 as the first number; an earlier run's commands up to 5000 were applied, and up to
        // 64 more (its unconfirmed limit) may still arrive
        protocol.offer(command('x'), 0, 1, ingress);
        protocol.offer(command('y'), 0, 1, ingress);
        protocol.sendPending(ingress, 0);
        egress(caughtUp(9, 5_000), 1);
        protocol.offer(command('z'), 0, 1, ingress);
        protocol.sendPending(ingress, 1);

        assertEquals(List.of("CATCH_UP 10", "COMMAND 5065 x", "COMMAND 5066 y", "COMMAND 5067 z"), sent);
        egress(committed(GATEWAY, 5_067, 10, 'x'), 2);
        assertEquals(0, protocol.unconfirmedCount(), "confirmed under their new numbers");
    }

    @Test
    void aRunNumberedAboveTheClusterKeepsItsNumbersAndLaterCatchUpsChangeNothing()
    {
        protocol = new GatewayLogProtocol(GATEWAY, 10, TIMEOUT_NS, new UnconfirmedCommands(GATEWAY, 4096, 64, 9_000));
        protocol.onSessionStart();
        protocol.offer(command('x'), 0, 1, ingress);
        protocol.sendPending(ingress, 0);
        egress(caughtUp(9, 5_000), 1);
        protocol.sendPending(ingress, 1);
        protocol.onSessionStart(); // a new leader: the unconfirmed one goes again, with its number
        protocol.sendPending(ingress, 2);
        egress(caughtUp(9, 8_999), 3);
        protocol.sendPending(ingress, 3);

        assertEquals(List.of("CATCH_UP 10", "COMMAND 9000 x", "CATCH_UP 10", "COMMAND 9000 x"), sent);
    }

    @Test
    void anEmptyLogIsCaughtUpAtMinusOne()
    {
        protocol = new GatewayLogProtocol(GATEWAY, 0, TIMEOUT_NS, new UnconfirmedCommands(GATEWAY, 4096, 64, 1));
        protocol.onSessionStart();
        protocol.sendPending(ingress, 0);
        egress(caughtUp(-1), 1);

        assertEquals(List.of("CATCH_UP 0"), sent);
        assertTrue(protocol.caughtUp());
        assertEquals(-1, protocol.committedAtOpen());
    }

    @Test
    void commandsOfferedDuringTheCatchUpWaitAndGoOutInOrderAfterIt()
    {
        protocol.offer(command('x'), 0, 1, ingress);
        protocol.offer(command('y'), 0, 1, ingress);
        protocol.sendPending(ingress, 0);
        assertEquals(List.of("CATCH_UP 10"), sent);

        egress(caughtUp(9), 1);
        protocol.sendPending(ingress, 2);
        assertEquals(List.of("CATCH_UP 10", "COMMAND 1 x", "COMMAND 2 y"), sent);

        // live now: a new offer goes out at once
        protocol.offer(command('z'), 0, 1, ingress);
        assertEquals("COMMAND 3 z", sent.get(3));
        assertEquals(0, protocol.reofferedCommands());
    }

    @Test
    void deliversDenselyDropsDuplicatesAndStopsAtTheLimit()
    {
        startLive();
        protocol.beginDelivery(this::onCommitted, 2);
        assertTrue(protocol.onEgress(message, 0, committed(OTHER_GATEWAY, 1, 10, 'a'), 0));
        assertTrue(protocol.onEgress(message, 0, committed(OTHER_GATEWAY, 1, 10, 'a'), 0));
        assertTrue(protocol.onEgress(message, 0, committed(OTHER_GATEWAY, 2, 11, 'b'), 0));
        assertTrue(protocol.deliveryFull());
        assertFalse(protocol.onEgress(message, 0, committed(OTHER_GATEWAY, 3, 12, 'c'), 0), "over the limit");
        assertEquals(2, protocol.endDelivery());

        egress(committed(OTHER_GATEWAY, 3, 12, 'c'), 1);
        assertEquals(List.of("10:a", "11:b", "12:c"), delivered);
        assertEquals(12, protocol.lastDelivered());
    }

    @Test
    void aGapAsksForACatchUpFromTheLastDeliveredAndIsFilledByIt()
    {
        startLive();
        egress(committed(OTHER_GATEWAY, 1, 10, 'a'), 10);
        egress(committed(OTHER_GATEWAY, 3, 12, 'c'), 10);
        assertTrue(protocol.catchingUp());
        protocol.sendPending(ingress, 0);
        assertEquals(List.of("CATCH_UP 11"), sent);
        assertEquals(1, protocol.gapsDetected());

        egress(committed(OTHER_GATEWAY, 4, 13, 'd'), 10); // still missing 11: dropped, no second request
        protocol.sendPending(ingress, 0);
        assertEquals(1, sent.size());

        egress(committed(OTHER_GATEWAY, 2, 11, 'b'), 10);
        egress(committed(OTHER_GATEWAY, 3, 12, 'c'), 10);
        egress(committed(OTHER_GATEWAY, 4, 13, 'd'), 10);
        egress(caughtUp(13), 10);
        assertEquals(List.of("10:a", "11:b", "12:c", "13:d"), delivered);
        assertFalse(protocol.catchingUp());
    }

    @Test
    void committedCommandsOfThisGatewayConfirmItsOwnOnly()
    {
        startLive();
        for (char c = 'p'; c <= 's'; c++)
        {
            protocol.offer(command(c), 0, 1, ingress);
        }
        assertEquals(4, protocol.unconfirmedCount());

        egress(committed(OTHER_GATEWAY, 3, 10, 'a'), 10);
        assertEquals(4, protocol.unconfirmedCount());
        egress(committed(GATEWAY, 2, 11, 'q'), 10); // confirms 1 and 2 (1 was committed before it, in order)
        assertEquals(2, protocol.unconfirmedCount());
        egress(committed(GATEWAY, 1, 5, 'p'), 10); // an old duplicate: confirms nothing more
        assertEquals(2, protocol.unconfirmedCount());
    }

    @Test
    void afterANewLeaderItCatchesUpThenSendsTheUnconfirmedAgainWithTheirClientSequences()
    {
        startLive();
        protocol.offer(command('p'), 0, 1, ingress);
        protocol.offer(command('q'), 0, 1, ingress);
        protocol.offer(command('r'), 0, 1, ingress);
        egress(committed(GATEWAY, 1, 10, 'p'), 10);
        sent.clear();

        protocol.onSessionStart(); // new leader
        protocol.offer(command('s'), 0, 1, ingress); // waits behind the re-sends
        protocol.sendPending(ingress, 20);
        assertEquals(List.of("CATCH_UP 11"), sent);

        egress(committed(GATEWAY, 2, 11, 'q'), 20); // q was committed before the leader died: the catch-up says so
        egress(caughtUp(11), 20);
        protocol.sendPending(ingress, 21);

        assertEquals(List.of("CATCH_UP 11", "COMMAND 3 r", "COMMAND 4 s"), sent);
        assertEquals(1, protocol.reofferedCommands(), "r was sent before; s is new");
        assertEquals(List.of("10:p", "11:q"), delivered);
    }

    @Test
    void backPressureKeepsTheOrderAndRetriesLater()
    {
        startLive();
        ingressOpen = false;
        protocol.offer(command('p'), 0, 1, ingress);
        protocol.offer(command('q'), 0, 1, ingress);
        assertTrue(sent.isEmpty());
        assertEquals(0, protocol.sendPending(ingress, 30));

        ingressOpen = true;
        assertEquals(2, protocol.sendPending(ingress, 31));
        protocol.offer(command('r'), 0, 1, ingress);
        assertEquals(List.of("COMMAND 1 p", "COMMAND 2 q", "COMMAND 3 r"), sent);
    }

    @Test
    void aCatchUpRequestThatCannotBeSentIsSentLater()
    {
        ingressOpen = false;
        assertEquals(0, protocol.sendPending(ingress, 0));
        ingressOpen = true;
        assertEquals(1, protocol.sendPending(ingress, 1));
        assertEquals(List.of("CATCH_UP 10"), sent);
    }

    @Test
    void aCatchUpWithoutProgressIsAskedForAgainAfterTheTimeout()
    {
        protocol.sendPending(ingress, 0);
        protocol.sendPending(ingress, TIMEOUT_NS / 2);
        assertEquals(1, sent.size());

        egress(committed(OTHER_GATEWAY, 1, 10, 'a'), TIMEOUT_NS / 2); // progress moves the deadline
        protocol.sendPending(ingress, TIMEOUT_NS + 1);
        assertEquals(1, sent.size());

        protocol.sendPending(ingress, TIMEOUT_NS / 2 + TIMEOUT_NS + 1);
        assertEquals(List.of("CATCH_UP 10", "CATCH_UP 11"), sent);
        assertEquals(2, protocol.catchUpRequests());
    }

    @Test
    void aCatchUpGapForCommandsStillNeededIsFatalWithAClearMessage()
    {
        protocol.sendPending(ingress, 0);
        egress(control(ClusterMessages.CATCH_UP_GAP, OTHER_GATEWAY, 500), 1);
        assertNull(protocol.failure(), "another gateway's gap");
        egress(control(ClusterMessages.CATCH_UP_GAP, GATEWAY, 10), 1);
        assertNull(protocol.failure(), "sequence 10 is retained: an answer to an older request");

        egress(control(ClusterMessages.CATCH_UP_GAP, GATEWAY, 500), 1);
        final ClusterCommandLogException failure = protocol.failure();
        assertEquals(ClusterCommandLogException.Reason.CATCH_UP_GAP, failure.reason());
        assertTrue(failure.getMessage().contains("from sequence 10"), failure.getMessage());
        assertTrue(failure.getMessage().contains("only from 500"), failure.getMessage());
        assertTrue(failure.getMessage().contains("retained window"), failure.getMessage());
    }

    @Test
    void aClusterLogShorterThanTheGatewaysJournalIsFatal()
    {
        protocol.sendPending(ingress, 0);
        egress(caughtUp(5), 1);

        assertEquals(ClusterCommandLogException.Reason.GATEWAY_AHEAD_OF_CLUSTER, protocol.failure().reason());
        assertFalse(protocol.caughtUp());
    }

    private void startLive()
    {
        protocol.sendPending(ingress, 0);
        egress(caughtUp(9), 0);
        sent.clear();
    }

    private void egress(final int length, final long nowNs)
    {
        protocol.beginDelivery(this::onCommitted, 100);
        assertTrue(protocol.onEgress(message, 0, length, nowNs));
        protocol.endDelivery();
    }

    private void onCommitted(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        delivered.add(sequence + ":" + (char)buffer.getByte(offset));
        assertEquals(1, length);
    }

    private int committed(final int gatewayId, final long clientSeq, final long sequence, final char content)
    {
        ClusterMessages.committedHeader(message, 0, gatewayId, clientSeq, sequence);
        message.putByte(ClusterMessages.COMMITTED_HEADER_LENGTH, (byte)content);
        return ClusterMessages.COMMITTED_HEADER_LENGTH + 1;
    }

    private int caughtUp(final long lastSequence)
    {
        return caughtUp(lastSequence, 0);
    }

    private int caughtUp(final long lastSequence, final long highestApplied)
    {
        ClusterMessages.caughtUp(message, 0, GATEWAY, lastSequence, highestApplied);
        return ClusterMessages.CAUGHT_UP_LENGTH;
    }

    private int control(final int type, final int gatewayId, final long sequence)
    {
        ClusterMessages.control(message, 0, type, gatewayId, sequence);
        return ClusterMessages.CONTROL_LENGTH;
    }

    private UnsafeBuffer command(final char content)
    {
        command.putByte(0, (byte)content);
        return command;
    }

    private static String describeIngress(final DirectBuffer buffer, final int offset, final int length)
    {
        assertEquals(GATEWAY, ClusterMessages.gatewayId(buffer, offset));
        final int type = ClusterMessages.type(buffer, offset);
        if (ClusterMessages.CATCH_UP == type)
        {
            assertEquals(ClusterMessages.CONTROL_LENGTH, length);
            return "CATCH_UP " + ClusterMessages.sequenceArgument(buffer, offset);
        }
        assertEquals(ClusterMessages.COMMAND, type);
        assertEquals(ClusterMessages.COMMAND_HEADER_LENGTH + 1, length);
        return "COMMAND " + ClusterMessages.clientSeq(buffer, offset) + " " +
            (char)buffer.getByte(offset + ClusterMessages.COMMAND_HEADER_LENGTH);
    }
}
