package io.carbonx.cluster.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The messages between a gateway and the cluster, in the cluster's ingress and egress streams. The command inside a
 * {@link #COMMAND} or {@link #COMMITTED} is the engine's SBE command, header included, unchanged; these messages only
 * add what ordering and catching up need. Little-endian, the type first; stateless helpers over Agrona buffers.
 * <pre>
 * ingress  COMMAND    type:int gatewayId:int clientSeq:long command...
 *          CATCH_UP   type:int gatewayId:int fromSequence:long
 * egress   COMMITTED  type:int gatewayId:int clientSeq:long sequence:long command...
 *          CAUGHT_UP  type:int gatewayId:int lastSequence:long highestClientSeq:long
 *          CATCH_UP_GAP type:int gatewayId:int oldestRetained:long
 * </pre>
 * A gateway numbers its commands n, n + 1, n + 2 ... ({@code clientSeq}, n from its clock's microseconds when it
 * connects) and offers the unconfirmed ones again, with their numbers, after a leader change; the service applies a
 * gateway's command only if its number is above the highest it applied for that gateway, so a re-offer is never
 * applied twice. CAUGHT_UP tells the gateway that highest number (0 when none), so that a restarted gateway never
 * numbers a new command as one the cluster already applied.
 */
public final class ClusterMessages
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Ingress: a command to order. */
    public static final int COMMAND = 1;
    /** Ingress: send me the committed commands from a sequence on. */
    public static final int CATCH_UP = 2;

    /** Egress: a command the cluster has committed and applied, with its sequence. */
    public static final int COMMITTED = 11;
    /** Egress: the catch-up asked for is complete up to this sequence. */
    public static final int CAUGHT_UP = 12;
    /** Egress: the catch-up asked for starts before the oldest command the cluster retains. */
    public static final int CATCH_UP_GAP = 13;

    public static final int TYPE_OFFSET = 0;
    public static final int GATEWAY_ID_OFFSET = 4;
    /** COMMAND, COMMITTED: the gateway's number for the command. */
    public static final int CLIENT_SEQ_OFFSET = 8;
    /** CATCH_UP: the first sequence wanted; CAUGHT_UP: the last sequence; CATCH_UP_GAP: the oldest retained. */
    public static final int SEQUENCE_ARGUMENT_OFFSET = 8;
    public static final int COMMAND_HEADER_LENGTH = 16;
    /** COMMITTED: the sequence the cluster gave the command. */
    public static final int COMMITTED_SEQUENCE_OFFSET = 16;
    public static final int COMMITTED_HEADER_LENGTH = 24;
    public static final int CONTROL_LENGTH = 16;
    /** CAUGHT_UP: the highest client sequence the cluster applied for the gateway, 0 if none. */
    public static final int HIGHEST_CLIENT_SEQ_OFFSET = 16;
    public static final int CAUGHT_UP_LENGTH = 24;

    private ClusterMessages()
    {
    }

    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + TYPE_OFFSET, ORDER);
    }

    public static int gatewayId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + GATEWAY_ID_OFFSET, ORDER);
    }

    public static long clientSeq(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CLIENT_SEQ_OFFSET, ORDER);
    }

    /**
     * @return the sequence argument of a CATCH_UP, CAUGHT_UP or CATCH_UP_GAP.
     */
    public static long sequenceArgument(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_ARGUMENT_OFFSET, ORDER);
    }

    /**
     * @return a CAUGHT_UP's highest client sequence applied for the gateway.
     */
    public static long highestClientSeq(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HIGHEST_CLIENT_SEQ_OFFSET, ORDER);
    }

    public static long committedSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + COMMITTED_SEQUENCE_OFFSET, ORDER);
    }

    /**
     * Write a COMMAND header; the command's bytes go at {@code offset + COMMAND_HEADER_LENGTH}.
     */
    public static void commandHeader(
        final MutableDirectBuffer buffer, final int offset, final int gatewayId, final long clientSeq)
    {
        buffer.putInt(offset + TYPE_OFFSET, COMMAND, ORDER);
        buffer.putInt(offset + GATEWAY_ID_OFFSET, gatewayId, ORDER);
        buffer.putLong(offset + CLIENT_SEQ_OFFSET, clientSeq, ORDER);
    }

    /**
     * Write a COMMITTED header; the command's bytes go at {@code offset + COMMITTED_HEADER_LENGTH}.
     */
    public static void committedHeader(
        final MutableDirectBuffer buffer, final int offset, final int gatewayId, final long clientSeq,
        final long sequence)
    {
        buffer.putInt(offset + TYPE_OFFSET, COMMITTED, ORDER);
        buffer.putInt(offset + GATEWAY_ID_OFFSET, gatewayId, ORDER);
        buffer.putLong(offset + CLIENT_SEQ_OFFSET, clientSeq, ORDER);
        buffer.putLong(offset + COMMITTED_SEQUENCE_OFFSET, sequence, ORDER);
    }

    /**
     * Write a CAUGHT_UP message of {@link #CAUGHT_UP_LENGTH} bytes.
     */
    public static void caughtUp(
        final MutableDirectBuffer buffer, final int offset, final int gatewayId, final long lastSequence,
        final long highestClientSeq)
    {
        control(buffer, offset, CAUGHT_UP, gatewayId, lastSequence);
        buffer.putLong(offset + HIGHEST_CLIENT_SEQ_OFFSET, highestClientSeq, ORDER);
    }

    /**
     * Write a CATCH_UP or CATCH_UP_GAP message of {@link #CONTROL_LENGTH} bytes (the first part of a CAUGHT_UP).
     */
    public static void control(
        final MutableDirectBuffer buffer, final int offset, final int type, final int gatewayId, final long sequence)
    {
        buffer.putInt(offset + TYPE_OFFSET, type, ORDER);
        buffer.putInt(offset + GATEWAY_ID_OFFSET, gatewayId, ORDER);
        buffer.putLong(offset + SEQUENCE_ARGUMENT_OFFSET, sequence, ORDER);
    }
}
