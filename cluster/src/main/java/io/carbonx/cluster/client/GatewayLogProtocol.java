package io.carbonx.cluster.client;

import io.carbonx.cluster.protocol.ClusterMessages;
import io.carbonx.engine.sequencer.CommandLog.CommittedCommandHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the gateway-cluster protocol ({@link ClusterMessages}), without the transport: which committed
 * commands to deliver, which offered commands to (re-)send, when to ask for a catch-up. {@link ClusterCommandLog} feeds
 * it the egress messages and gives it the ingress to send on; tests drive it directly.
 * <ul>
 * <li>Delivery: a COMMITTED with sequence {@code lastDelivered + 1} is delivered, an older one dropped; a newer one
 * means commands were missed: it is dropped and a catch-up from {@code lastDelivered + 1} asked for, unless one is
 * already under way (it fills the gap).</li>
 * <li>Confirmation: a COMMITTED carrying this gateway's id confirms its commands up to its client sequence, whether
 * delivered now, before, or later.</li>
 * <li>Sessions: after the session is opened (connect, reconnect) or follows a new leader, what was sent may be lost, so
 * a catch-up is asked for and, once it is answered, every unconfirmed command is sent again, in order, with its
 * original client sequence; the cluster applies only those it has not. New commands wait behind them, so the cluster
 * always sees this gateway's commands in client-sequence order.</li>
 * <li>A catch-up that makes no progress for the catch-up timeout is asked for again (its reply may have been lost to
 * back pressure or a leader change).</li>
 * </ul>
 * Fatal: CATCH_UP_GAP for commands still needed, or a cluster log that ends before what this gateway has applied.
 * <p>
 * Threading: not thread-safe; the engine's business-logic thread only, through {@link ClusterCommandLog}.
 */
final class GatewayLogProtocol
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLogProtocol.class);

    /**
     * Where the protocol's messages to the cluster go.
     */
    @FunctionalInterface
    interface Ingress
    {
        /**
         * @return true if the message was taken; false when not now (back pressure, not connected): it is retried.
         */
        boolean send(DirectBuffer buffer, int offset, int length);
    }

    private final int gatewayId;
    private final long openedFrom;
    private final long catchUpTimeoutNs;
    private final UnconfirmedCommands unconfirmed;
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[ClusterMessages.CONTROL_LENGTH]);

    private long lastDelivered;
    private long committedAtOpen = -1;
    private boolean committedAtOpenKnown;

    private boolean catchingUp;
    private boolean catchUpToSend;
    private boolean resendAfterCatchUp;
    private long catchUpDeadlineNs;
    /** The client sequence of the next unconfirmed command to send in this session. */
    private long nextToSend;
    /** The highest client sequence ever sent, in any session. */
    private long highestSent;

    private long reofferedCommands;
    private long catchUpRequests;
    private long gapsDetected;
    private ClusterCommandLogException failure;

    private CommittedCommandHandler handler;
    private int limit;
    private int delivered;

    /**
     * @param fromSequence the first sequence the gateway wants: the sequence after the last it has applied.
     */
    GatewayLogProtocol(
        final int gatewayId,
        final long fromSequence,
        final long catchUpTimeoutNs,
        final UnconfirmedCommands unconfirmed)
    {
        if (fromSequence < 0)
        {
            throw new IllegalArgumentException("fromSequence must be >= 0: " + fromSequence);
        }
        this.gatewayId = gatewayId;
        this.openedFrom = fromSequence;
        this.lastDelivered = fromSequence - 1;
        this.catchUpTimeoutNs = catchUpTimeoutNs;
        this.unconfirmed = unconfirmed;
        this.nextToSend = unconfirmed.firstClientSeq();
    }

    /**
     * A session was opened, or the open one now goes to a new leader: what was sent may be lost. Ask for a catch-up
     * and send the unconfirmed commands again once it is answered.
     */
    void onSessionStart()
    {
        catchingUp = true;
        catchUpToSend = true;
        resendAfterCatchUp = true;
        nextToSend = unconfirmed.firstClientSeq();
    }

    /**
     * Take a command: store it with the next client sequence and send it now if it is its turn.
     *
     * @return false when the unconfirmed store is full.
     */
    boolean offer(final DirectBuffer buffer, final int offset, final int length, final Ingress ingress)
    {
        if (!unconfirmed.add(buffer, offset, length))
        {
            return false;
        }
        if (ingress != null && !catchUpToSend && !resendAfterCatchUp)
        {
            sendCommands(ingress);
        }
        return true;
    }

    /**
     * Send what is due: a catch-up request, then the commands not yet sent in this session (after a session start, only
     * once the catch-up is answered).
     *
     * @return how many messages were sent.
     */
    int sendPending(final Ingress ingress, final long nowNs)
    {
        if (catchingUp && !catchUpToSend && nowNs - catchUpDeadlineNs > 0)
        {
            LOG.warn("gateway {}: catch-up from {} made no progress for {} ms, asking again", gatewayId,
                lastDelivered + 1, catchUpTimeoutNs / 1_000_000);
            catchUpToSend = true;
        }
        int sent = 0;
        if (catchUpToSend)
        {
            ClusterMessages.control(control, 0, ClusterMessages.CATCH_UP, gatewayId, lastDelivered + 1);
            if (!ingress.send(control, 0, ClusterMessages.CONTROL_LENGTH))
            {
                return 0;
            }
            catchUpToSend = false;
            catchUpRequests++;
            catchUpDeadlineNs = nowNs + catchUpTimeoutNs;
            sent++;
        }
        if (!resendAfterCatchUp)
        {
            sent += sendCommands(ingress);
        }
        return sent;
    }

    private int sendCommands(final Ingress ingress)
    {
        int sent = 0;
        final long end = unconfirmed.nextClientSeq();
        while (nextToSend < end)
        {
            final DirectBuffer bytes = unconfirmed.buffer();
            if (!ingress.send(bytes, unconfirmed.offsetOf(nextToSend), unconfirmed.lengthOf(nextToSend)))
            {
                break;
            }
            highestSent = Math.max(highestSent, nextToSend);
            nextToSend++;
            sent++;
        }
        return sent;
    }

    /**
     * Start delivering: at most {@code limit} commands to {@code handler} until {@link #endDelivery()}.
     */
    void beginDelivery(final CommittedCommandHandler handler, final int limit)
    {
        this.handler = handler;
        this.limit = limit;
        this.delivered = 0;
    }

    /**
     * @return how many commands were delivered since {@link #beginDelivery}.
     */
    int endDelivery()
    {
        handler = null;
        return delivered;
    }

    /**
     * @return whether the delivery limit is reached: further egress should be left unread.
     */
    boolean deliveryFull()
    {
        return delivered >= limit;
    }

    /**
     * Handle one egress message.
     *
     * @return false when it was not consumed (a command is due but the delivery limit is reached): present it again.
     */
    boolean onEgress(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length < ClusterMessages.CONTROL_LENGTH)
        {
            LOG.warn("gateway {}: ignored an egress message of {} bytes", gatewayId, length);
            return true;
        }
        final int type = ClusterMessages.type(buffer, offset);
        switch (type)
        {
            case ClusterMessages.COMMITTED:
                return onCommitted(buffer, offset, length, nowNs);
            case ClusterMessages.CAUGHT_UP:
                if (length < ClusterMessages.CAUGHT_UP_LENGTH)
                {
                    LOG.warn("gateway {}: ignored a CAUGHT_UP of {} bytes", gatewayId, length);
                }
                else if (ClusterMessages.gatewayId(buffer, offset) == gatewayId)
                {
                    onCaughtUp(ClusterMessages.sequenceArgument(buffer, offset),
                        ClusterMessages.highestClientSeq(buffer, offset));
                }
                return true;
            case ClusterMessages.CATCH_UP_GAP:
                if (ClusterMessages.gatewayId(buffer, offset) == gatewayId)
                {
                    onCatchUpGap(ClusterMessages.sequenceArgument(buffer, offset));
                }
                return true;
            default:
                LOG.debug("gateway {}: ignored egress message type {}", gatewayId, type);
                return true;
        }
    }

    private boolean onCommitted(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length < ClusterMessages.COMMITTED_HEADER_LENGTH)
        {
            LOG.warn("gateway {}: ignored a COMMITTED of {} bytes", gatewayId, length);
            return true;
        }
        final long sequence = ClusterMessages.committedSequence(buffer, offset);
        if (sequence == lastDelivered + 1)
        {
            if (delivered >= limit)
            {
                return false;
            }
            confirm(buffer, offset);
            handler.onCommitted(sequence, buffer, offset + ClusterMessages.COMMITTED_HEADER_LENGTH,
                length - ClusterMessages.COMMITTED_HEADER_LENGTH);
            lastDelivered = sequence;
            delivered++;
            if (catchingUp && !catchUpToSend)
            {
                catchUpDeadlineNs = nowNs + catchUpTimeoutNs;
            }
            return true;
        }
        confirm(buffer, offset);
        if (sequence > lastDelivered + 1 && !catchingUp)
        {
            gapsDetected++;
            LOG.warn("gateway {}: committed command {} arrived after {}: missed some, catching up from {}", gatewayId,
                sequence, lastDelivered, lastDelivered + 1);
            catchingUp = true;
            catchUpToSend = true;
        }
        return true;
    }

    private void confirm(final DirectBuffer buffer, final int offset)
    {
        if (ClusterMessages.gatewayId(buffer, offset) == gatewayId)
        {
            unconfirmed.confirmUpTo(ClusterMessages.clientSeq(buffer, offset));
            if (nextToSend < unconfirmed.firstClientSeq())
            {
                nextToSend = unconfirmed.firstClientSeq();
            }
        }
    }

    private void onCaughtUp(final long lastSequence, final long highestApplied)
    {
        if (!committedAtOpenKnown)
        {
            numberAbove(highestApplied);
            if (lastSequence < openedFrom - 1)
            {
                fail(ClusterCommandLogException.Reason.GATEWAY_AHEAD_OF_CLUSTER, "the gateway has applied commands up "
                    + "to sequence " + (openedFrom - 1) + " but the cluster's log ends at " + lastSequence + ": they "
                    + "are not the same log. Start the gateway with the data folder that belongs to this cluster "
                    + "(or an empty one), or point it at the cluster its journal came from.");
                return;
            }
            committedAtOpenKnown = true;
            committedAtOpen = lastSequence;
            LOG.info("gateway {}: the cluster's log ends at {} (this gateway asked from {})", gatewayId,
                lastSequence, openedFrom);
        }
        if (lastSequence > lastDelivered)
        {
            LOG.warn("gateway {}: catch-up ended at {} but only {} arrived, asking again", gatewayId, lastSequence,
                lastDelivered);
            catchingUp = true;
            catchUpToSend = true;
            return;
        }
        catchingUp = false;
        if (resendAfterCatchUp)
        {
            resendAfterCatchUp = false;
            final long resend = highestSent - unconfirmed.firstClientSeq() + 1;
            if (resend > 0)
            {
                reofferedCommands += resend;
                LOG.info("gateway {}: caught up at {}, sending {} unconfirmed commands again from client sequence {}",
                    gatewayId, lastDelivered, resend, unconfirmed.firstClientSeq());
            }
        }
    }

    /**
     * At the first catch-up, before anything was sent: a run numbers its commands from its clock's microseconds at
     * open, above every earlier run's numbers, unless the clock was set back. If the cluster has applied this
     * gateway's commands up to this run's first number or beyond, number them above that instead, and above the up to
     * a run's unconfirmed limit of commands an earlier run may still have on their way, or the cluster would take
     * them for re-sends and drop them.
     */
    private void numberAbove(final long highestApplied)
    {
        if (highestSent == 0 && unconfirmed.firstClientSeq() <= highestApplied)
        {
            final long first = highestApplied + unconfirmed.maxCommands() + 1;
            LOG.warn("gateway {}: the cluster has applied this gateway's commands up to client sequence {}, beyond "
                + "this run's first ({}; was the clock set back?): numbering from {}", gatewayId, highestApplied,
                unconfirmed.firstClientSeq(), first);
            unconfirmed.renumberFrom(first);
            nextToSend = first;
        }
    }

    private void onCatchUpGap(final long oldestRetained)
    {
        if (oldestRetained <= lastDelivered + 1)
        {
            return; // answers an older request; what is needed now is retained
        }
        fail(ClusterCommandLogException.Reason.CATCH_UP_GAP, "the gateway needs the committed commands from sequence "
            + (lastDelivered + 1) + " but the cluster retains them only from " + oldestRetained + ". Restore this "
            + "gateway's data folder from an up-to-date copy (a gateway's journal that reaches at least sequence "
            + (oldestRetained - 1) + "), or raise the nodes' retained window so that gateways can be away longer.");
    }

    private void fail(final ClusterCommandLogException.Reason reason, final String message)
    {
        if (failure == null)
        {
            LOG.error("gateway {}: {}", gatewayId, message);
            failure = new ClusterCommandLogException(reason, message, null);
        }
    }

    ClusterCommandLogException failure()
    {
        return failure;
    }

    long lastDelivered()
    {
        return lastDelivered;
    }

    boolean caughtUp()
    {
        return committedAtOpenKnown && lastDelivered >= committedAtOpen;
    }

    long committedAtOpen()
    {
        return committedAtOpen;
    }

    boolean catchingUp()
    {
        return catchingUp;
    }

    long reofferedCommands()
    {
        return reofferedCommands;
    }

    long catchUpRequests()
    {
        return catchUpRequests;
    }

    long gapsDetected()
    {
        return gapsDetected;
    }

    int unconfirmedCount()
    {
        return unconfirmed.size();
    }
}
