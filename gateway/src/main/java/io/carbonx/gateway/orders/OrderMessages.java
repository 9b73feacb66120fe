package io.carbonx.gateway.orders;

import io.carbonx.fix.ApplicationMessage;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues.CxlRejResponseTo;
import io.carbonx.fix.codec.FixValues.ExecType;
import io.carbonx.fix.codec.FixValues.MsgType;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import io.carbonx.fix.codec.FixValues.OrdType;
import io.carbonx.protocol.sbe.RejectReason;

/**
 * The FIX messages order entry answers with, built the same way by the inbound side (refusals, status) and the reports.
 * Stateless.
 */
final class OrderMessages
{
    /** The OrderID (37), ClOrdID (11) or Symbol (55) of a report about something the exchange never took. */
    static final String NONE = "NONE";
    /** FIX 4.4: the ExecID of an order status report (ExecType I) is 0. */
    static final String STATUS_EXEC_ID = "0";
    /** Text (58) of a request the order log took but the journal never got. */
    static final String NOT_JOURNALED = "not accepted before the exchange restarted; send it again";

    private OrderMessages()
    {
    }

    /**
     * @return an ExecutionReport about an order, its fields as the order is now.
     */
    static ApplicationMessage.Builder executionReport(final OrderState order, final String clOrdId, final String execId)
    {
        return executionReport(order, clOrdId, execId, order.accountId, order.symbol, order.side, order.ordType,
            order.price, order.quantity);
    }

    /**
     * @param order null for an order the exchange never took: OrderID NONE.
     */
    static ApplicationMessage.Builder executionReport(
        final OrderState order,
        final String clOrdId,
        final String execId,
        final long accountId,
        final String symbol,
        final char side,
        final char ordType,
        final long price,
        final long quantity)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder(MsgType.EXECUTION_REPORT)
            .add(FixTags.ORDER_ID, order == null ? NONE : Long.toString(order.orderId))
            .add(FixTags.CL_ORD_ID, clOrdId == null ? NONE : clOrdId)
            .add(FixTags.EXEC_ID, execId)
            .add(FixTags.ACCOUNT, Long.toString(accountId))
            .add(FixTags.SYMBOL, symbol == null ? NONE : symbol)
            .add(FixTags.SIDE, side)
            .add(FixTags.ORDER_QTY, quantity)
            .add(FixTags.ORD_TYPE, ordType);
        if (ordType == OrdType.LIMIT && price != Long.MIN_VALUE)
        {
            message.addScaled(FixTags.PRICE, price, 2);
        }
        return message;
    }

    /**
     * @return the report with LeavesQty (151), CumQty (14) and AvgPx (6) of the order as it is now.
     */
    static ApplicationMessage.Builder withFills(final ApplicationMessage.Builder message, final OrderState order)
    {
        final long cumQty = order.cumQty;
        final long leaves = order.isOpen() ? order.quantity - cumQty : 0;
        return message.add(FixTags.LEAVES_QTY, leaves).add(FixTags.CUM_QTY, cumQty)
            .addScaled(FixTags.AVG_PX, cumQty == 0 ? 0 : order.cumValue / cumQty, 2);
    }

    /**
     * @return the ExecType 8 / OrdStatus 8 ending of a report of an order refused before it was working.
     */
    static ApplicationMessage rejected(final ApplicationMessage.Builder report, final int reason, final String text)
    {
        return report.add(FixTags.EXEC_TYPE, ExecType.REJECTED).add(FixTags.ORD_STATUS, OrdStatus.REJECTED)
            .add(FixTags.ORD_REJ_REASON, reason).add(FixTags.TEXT, text).add(FixTags.LEAVES_QTY, 0)
            .add(FixTags.CUM_QTY, 0).add(FixTags.AVG_PX, 0).build();
    }

    /**
     * @param order null for an order not found: OrderID NONE, OrdStatus 8.
     */
    static ApplicationMessage.Builder cancelReject(
        final OrderState order, final String clOrdId, final String origClOrdId, final boolean replace, final int reason,
        final String text)
    {
        return ApplicationMessage.builder(MsgType.ORDER_CANCEL_REJECT)
            .add(FixTags.ORDER_ID, order == null ? NONE : Long.toString(order.orderId))
            .add(FixTags.CL_ORD_ID, clOrdId == null ? NONE : clOrdId)
            .add(FixTags.ORIG_CL_ORD_ID, origClOrdId == null ? NONE : origClOrdId)
            .add(FixTags.ORD_STATUS, order == null ? OrdStatus.REJECTED : order.status)
            .add(FixTags.CXL_REJ_RESPONSE_TO, replace ?
                CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST : CxlRejResponseTo.ORDER_CANCEL_REQUEST)
            .add(FixTags.CXL_REJ_REASON, reason)
            .add(FixTags.TEXT, text);
    }

    static ApplicationMessage businessReject(final FixMessage message, final int reason, final String text)
    {
        return ApplicationMessage.builder(MsgType.BUSINESS_MESSAGE_REJECT)
            .add(FixTags.REF_SEQ_NUM, message.msgSeqNum())
            .add(FixTags.REF_MSG_TYPE, message.msgType())
            .add(FixTags.BUSINESS_REJECT_REASON, reason)
            .add(FixTags.TEXT, text)
            .build();
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
