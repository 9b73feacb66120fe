package io.carbonx.gateway.orders;

import io.carbonx.fix.FixSession;
import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues.Bool;
import io.carbonx.fix.codec.FixValues.CxlRejResponseTo;
import io.carbonx.fix.codec.FixValues.ExecType;
import io.carbonx.fix.codec.FixValues.MsgType;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import io.carbonx.fix.codec.FixValues.OrdType;
import io.carbonx.protocol.sbe.RejectReason;

/**
 * The FIX messages order entry answers with, built the same way by the inbound side (refusals, status) and the reports,
 * into the caller's reused {@link MessageBody}: numbers go in as digits, so a report allocates nothing. Stateless.
 */
final class OrderMessages
{
    /** The OrderID (37), ClOrdID (11) or Symbol (55) of a report about something the exchange never took. */
    static final String NONE = "NONE";
    /** The order id of an answer about no order the exchange took: OrderID NONE. Order ids are positive. */
    static final long NO_ORDER_ID = -1;
    /** FIX 4.4: the ExecID of an order status report (ExecType I) is 0. */
    static final String STATUS_EXEC_ID = "0";
    /** Text (58) of a request the order log took but the journal never got. */
    static final String NOT_JOURNALED = "not accepted before the exchange restarted; send it again";
    /** PartyIDSource (447) D: a proprietary code, here the member's SenderCompID. */
    static final char PROPRIETARY_PARTY_ID = 'D';
    /** PartyRole (452) 7: entering firm, the member whose session the report is about. */
    static final int ENTERING_FIRM = 7;

    private OrderMessages()
    {
    }

    /**
     * Starts an ExecutionReport about an order in the body, its fields as the order is now.
     */
    static MessageBody executionReport(
        final MessageBody body, final OrderState order, final CharSequence clOrdId, final CharSequence execId)
    {
        return executionReport(body, order, clOrdId, execId, order.accountId, order.symbol, order.side, order.ordType,
            order.price, order.quantity);
    }

    /**
     * Starts an ExecutionReport in the body, forgetting what it held; numbers are written as digits, nothing is
     * allocated.
     *
     * @param order null for an order the exchange never took: OrderID NONE.
     */
    static MessageBody executionReport(
        final MessageBody body,
        final OrderState order,
        final CharSequence clOrdId,
        final CharSequence execId,
        final long accountId,
        final CharSequence symbol,
        final char side,
        final char ordType,
        final long price,
        final long quantity)
    {
        return executionReport(body, order == null ? NO_ORDER_ID : order.orderId, clOrdId, execId, accountId, symbol,
            side, ordType, price, quantity);
    }

    /**
     * Starts an ExecutionReport in the body, forgetting what it held.
     *
     * @param orderId {@link #NO_ORDER_ID} for an order the exchange never took: OrderID NONE.
     */
    static MessageBody executionReport(
        final MessageBody body,
        final long orderId,
        final CharSequence clOrdId,
        final CharSequence execId,
        final long accountId,
        final CharSequence symbol,
        final char side,
        final char ordType,
        final long price,
        final long quantity)
    {
        body.reset(MsgType.EXECUTION_REPORT);
        if (orderId == NO_ORDER_ID)
        {
            body.add(FixTags.ORDER_ID, NONE);
        }
        else
        {
            body.add(FixTags.ORDER_ID, orderId);
        }
        body.add(FixTags.CL_ORD_ID, clOrdId == null ? NONE : clOrdId)
            .add(FixTags.EXEC_ID, execId)
            .add(FixTags.ACCOUNT, accountId)
            .add(FixTags.SYMBOL, symbol == null ? NONE : symbol)
            .add(FixTags.SIDE, side)
            .add(FixTags.ORDER_QTY, quantity)
            .add(FixTags.ORD_TYPE, ordType);
        if (ordType == OrdType.LIMIT && price != Long.MIN_VALUE)
        {
            body.addScaled(FixTags.PRICE, price, 2);
        }
        return body;
    }

    /**
     * @return the report with LeavesQty (151), CumQty (14) and AvgPx (6) of the order as it is now.
     */
    static MessageBody withFills(final MessageBody body, final OrderState order)
    {
        final long cumQty = order.cumQty;
        final long leaves = order.isOpen() ? order.quantity - cumQty : 0;
        return withFills(body, leaves, cumQty, order.cumValue);
    }

    /**
     * @return the report with LeavesQty (151), CumQty (14) and AvgPx (6) of these quantities.
     */
    static MessageBody withFills(final MessageBody body, final long leaves, final long cumQty, final long cumValue)
    {
        return body.add(FixTags.LEAVES_QTY, leaves).add(FixTags.CUM_QTY, cumQty)
            .addScaled(FixTags.AVG_PX, cumQty == 0 ? 0 : cumValue / cumQty, 2);
    }

    /**
     * @return the report with the ExecType 8 / OrdStatus 8 ending of an order refused before it was working.
     */
    static MessageBody rejected(final MessageBody body, final int reason, final CharSequence text)
    {
        return body.add(FixTags.EXEC_TYPE, ExecType.REJECTED).add(FixTags.ORD_STATUS, OrdStatus.REJECTED)
            .add(FixTags.ORD_REJ_REASON, reason).add(FixTags.TEXT, text).add(FixTags.LEAVES_QTY, 0)
            .add(FixTags.CUM_QTY, 0).add(FixTags.AVG_PX, 0);
    }

    /**
     * Writes an OrderCancelReject into the body, forgetting what it held.
     *
     * @param order null for an order not found: OrderID NONE, OrdStatus 8.
     */
    static MessageBody cancelReject(
        final MessageBody body, final OrderState order, final CharSequence clOrdId, final CharSequence origClOrdId,
        final boolean replace, final int reason, final CharSequence text)
    {
        return cancelReject(body, order == null ? NO_ORDER_ID : order.orderId,
            order == null ? OrdStatus.REJECTED : order.status, clOrdId, origClOrdId, replace, reason, text);
    }

    /**
     * Writes an OrderCancelReject into the body, forgetting what it held.
     *
     * @param orderId {@link #NO_ORDER_ID} for an order not found: OrderID NONE.
     */
    static MessageBody cancelReject(
        final MessageBody body, final long orderId, final char ordStatus, final CharSequence clOrdId,
        final CharSequence origClOrdId, final boolean replace, final int reason, final CharSequence text)
    {
        body.reset(MsgType.ORDER_CANCEL_REJECT);
        if (orderId == NO_ORDER_ID)
        {
            body.add(FixTags.ORDER_ID, NONE);
        }
        else
        {
            body.add(FixTags.ORDER_ID, orderId);
        }
        return body.add(FixTags.CL_ORD_ID, clOrdId == null ? NONE : clOrdId)
            .add(FixTags.ORIG_CL_ORD_ID, origClOrdId == null ? NONE : origClOrdId)
            .add(FixTags.ORD_STATUS, ordStatus)
            .add(FixTags.CXL_REJ_RESPONSE_TO, replace ?
                CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST : CxlRejResponseTo.ORDER_CANCEL_REQUEST)
            .add(FixTags.CXL_REJ_REASON, reason)
            .add(FixTags.TEXT, text);
    }

    /**
     * Writes a BusinessMessageReject of the message into the body, forgetting what it held.
     */
    static MessageBody businessReject(
        final MessageBody body, final FixMessage message, final int reason, final CharSequence text)
    {
        return businessReject(body, message.msgSeqNum(), message.msgType(), reason, text);
    }

    /**
     * Writes a BusinessMessageReject of the message with this MsgSeqNum and MsgType into the body.
     */
    static MessageBody businessReject(
        final MessageBody body, final int refSeqNum, final String refMsgType, final int reason, final CharSequence text)
    {
        return body.reset(MsgType.BUSINESS_MESSAGE_REJECT)
            .add(FixTags.REF_SEQ_NUM, refSeqNum)
            .add(FixTags.REF_MSG_TYPE, refMsgType)
            .add(FixTags.BUSINESS_REJECT_REASON, reason)
            .add(FixTags.TEXT, text);
    }

    /**
     * Turns the ExecutionReport in the body, as it was sent to its owner, into its drop copy: CopyMsgIndicator (797) Y
     * and the owner named in a Parties group, one party: PartyID (448) the member's CompID, PartyIDSource (447) D
     * (proprietary) and PartyRole (452) 7 (entering firm). Both are body fields of a FIX 4.4 ExecutionReport, unlike
     * OnBehalfOfCompID (115), a header field the session layer would have to place; nothing is allocated.
     */
    static MessageBody dropCopy(final MessageBody body, final CharSequence ownerCompId)
    {
        return body.add(FixTags.COPY_MSG_INDICATOR, Bool.YES).add(FixTags.NO_PARTY_IDS, 1)
            .add(FixTags.PARTY_ID, ownerCompId).add(FixTags.PARTY_ID_SOURCE, PROPRIETARY_PARTY_ID)
            .add(FixTags.PARTY_ROLE, ENTERING_FIRM);
    }

    /**
     * Send an immediate answer from the session's event loop: offered without a copy where the session's outbound queue
     * has room, otherwise sent as a copy, never dropped (the event loop cannot wait for its own queue to drain).
     */
    static void answer(final FixSession session, final MessageBody body)
    {
        if (!session.offer(body, -1))
        {
            session.send(body.toMessage());
        }
    }

    /**
     * @return the OrdRejReason (103) of the engine's refusal of a new order.
     */
    static int ordRejReason(final RejectReason reason)
    {
        return switch (reason)
        {
            case UNKNOWN_INSTRUMENT -> OrdRejReason.UNKNOWN_SYMBOL;
            case WRONG_PHASE -> OrdRejReason.EXCHANGE_CLOSED;
            case INSUFFICIENT_UNITS, INSUFFICIENT_CASH, HOLDING_LIMIT_EXCEEDED -> OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case UNKNOWN_ORDER -> OrdRejReason.UNKNOWN_ORDER;
            case DUPLICATE_ORDER_ID -> OrdRejReason.DUPLICATE_ORDER;
            case QUANTITY_OUT_OF_RANGE, QUANTITY_NOT_ON_LOT -> OrdRejReason.INCORRECT_QUANTITY;
            case UNKNOWN_ACCOUNT, ACCOUNT_NOT_PERMITTED -> OrdRejReason.UNKNOWN_ACCOUNT;
            default -> OrdRejReason.OTHER;
        };
    }
}
