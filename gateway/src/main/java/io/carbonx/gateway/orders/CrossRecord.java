package io.carbonx.gateway.orders;

import io.carbonx.fix.MessageBody;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues.CommType;
import io.carbonx.fix.codec.FixValues.CrossType;
import io.carbonx.fix.codec.FixValues.ExecType;
import io.carbonx.fix.codec.FixValues.MsgType;
import io.carbonx.fix.codec.FixValues.OrdStatus;
import io.carbonx.fix.codec.FixValues.OrdType;
import io.carbonx.fix.codec.FixValues.Side;

/**
 * What the gateway keeps of a NewOrderCross until the engine has answered it, and the reports about it. After a restart
 * a side may be missing (null) if the process died between logging the two, and then the journal never got the cross.
 * Immutable.
 *
 * @param session    the index of the session that entered the cross ({@link SessionOrders#index}): its reports go
 *                   there.
 * @param crossId    the gateway's id of the cross, allocated by its session like an order id.
 * @param fixCrossId the CrossID (548) the member gave it.
 */
record CrossRecord(
    int session, long crossId, String fixCrossId, String symbol, long price, long quantity, CrossSide buy,
    CrossSide sell)
{
    /**
     * One side: its Side (54), ClOrdID (11) and Account (1).
     */
    record CrossSide(char side, String clOrdId, long accountId)
    {
    }

    /**
     * @return the record with one side (re)placed, as the order log gives them one at a time.
     */
    CrossRecord with(final CrossSide side)
    {
        return new CrossRecord(session, crossId, fixCrossId, symbol, price, quantity,
            side.side() == Side.BUY ? side : buy, side.side() == Side.SELL ? side : sell);
    }

    /**
     * @return the order log entry of a side, written before the cross is published.
     */
    OrderLog.Entry entry(final CrossSide side)
    {
        return OrderLog.Entry.crossSide(crossId, side.accountId(), symbol, side.side(), price, quantity, side.clOrdId(),
            fixCrossId);
    }

    /**
     * @return the ExecID of a side's rejection by the gateway, before or instead of the engine's answer.
     */
    String refusedExecId(final CrossSide side)
    {
        return "X" + crossId + "-" + side.side() + "R";
    }

    /**
     * Writes a side's fill into the body: ExecType F, OrdStatus 2 with LastPx, LastQty and the side's fee as Commission
     * (12, CommType 3).
     */
    MessageBody filled(final MessageBody body, final CrossSide side, final CharSequence execId, final long lastPx,
        final long lastQty, final long fee)
    {
        return report(body, side, execId)
            .add(FixTags.EXEC_TYPE, ExecType.TRADE)
            .add(FixTags.ORD_STATUS, OrdStatus.FILLED)
            .addScaled(FixTags.LAST_PX, lastPx, 2)
            .add(FixTags.LAST_QTY, lastQty)
            .add(FixTags.LEAVES_QTY, 0)
            .add(FixTags.CUM_QTY, lastQty)
            .addScaled(FixTags.AVG_PX, lastPx, 2)
            .addScaled(FixTags.COMMISSION, fee, 2)
            .add(FixTags.COMM_TYPE, CommType.ABSOLUTE);
    }

    /**
     * Writes a side's refusal, here or by the engine, into the body: ExecType 8, OrdStatus 8 with the reason in Text
     * (58).
     */
    MessageBody rejected(
        final MessageBody body, final CrossSide side, final CharSequence execId, final int reason,
        final CharSequence text)
    {
        return OrderMessages.rejected(report(body, side, execId), reason, text);
    }

    private MessageBody report(final MessageBody body, final CrossSide side, final CharSequence execId)
    {
        body.reset(MsgType.EXECUTION_REPORT)
            .add(FixTags.ORDER_ID, crossId + "-" + side.side())
            .add(FixTags.CL_ORD_ID, side.clOrdId() == null ? OrderMessages.NONE : side.clOrdId())
            .add(FixTags.EXEC_ID, execId)
            .add(FixTags.CROSS_ID, fixCrossId == null ? OrderMessages.NONE : fixCrossId)
            .add(FixTags.CROSS_TYPE, CrossType.ALL_OR_NONE);
        if (side.accountId() != Long.MIN_VALUE)
        {
            body.add(FixTags.ACCOUNT, side.accountId());
        }
        body.add(FixTags.SYMBOL, symbol == null ? OrderMessages.NONE : symbol)
            .add(FixTags.SIDE, side.side())
            .add(FixTags.ORDER_QTY, Math.max(quantity, 0))
            .add(FixTags.ORD_TYPE, OrdType.LIMIT);
        if (price > 0)
        {
            body.addScaled(FixTags.PRICE, price, 2);
        }
        return body;
    }
}
