package io.carbonx.gateway.orders;

import io.carbonx.fix.FixSession;
import io.carbonx.fix.codec.FixMessage;
import io.carbonx.fix.codec.FixTags;
import io.carbonx.fix.codec.FixValues.BusinessRejectReason;
import io.carbonx.fix.codec.FixValues.CrossType;
import io.carbonx.fix.codec.FixValues.OrdRejReason;
import io.carbonx.fix.codec.FixValues.OrdType;
import io.carbonx.fix.codec.FixValues.Side;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.UserIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Block trades over FIX, inbound: a NewOrderCross (s) with two sides, one buy and one sell, becomes one engine
 * {@code BlockTrade} command; its outcome is reported by {@link CrossReports}.
 * <p>
 * The cross must be all or none (CrossType 549 = 1), a limit (OrdType 40 = 2) with a Price (44), and name on each side
 * a numeric registry Account (1) and the same OrderQty (38). The session layer has already checked that the session may
 * use both accounts; the engine checks the scheme's block rules and both parties' units and cash. A cross refused here
 * is answered at once, one rejected ExecutionReport per side found (a BusinessMessageReject if none is); one taken is
 * written to the order log, handed to the reports and published.
 * <p>
 * Stateless itself; runs on the sessions' event loops, each encoding into its own session's buffer.
 */
final class CrossRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(CrossRequests.class);

    /**
     * How the inbound side records and publishes a cross.
     */
    interface Entry
    {
        /**
         * @return whether the entry is in the order log; if not, the cross must be refused, not published.
         */
        boolean logged(SessionOrders owner, OrderLog.Entry entry);

        /**
         * Publish the encoded command of the owner's buffer.
         */
        void publish(FixSession session, SessionOrders owner, int length);

        /**
         * Send the rejected ExecutionReport of one side, written into the owner's answer body, and copy it to the drop
         * copies that cover the side's account.
         */
        void refused(FixSession session, SessionOrders owner, long accountId);
    }

    private final Map<String, Integer> instrumentIds;
    private final OrderHandOff handOff;
    private final Entry entry;

    CrossRequests(final Map<String, Integer> instrumentIds, final OrderHandOff handOff, final Entry entry)
    {
        this.instrumentIds = instrumentIds;
        this.handOff = handOff;
        this.entry = entry;
    }

    /**
     * @param crossId a fresh id of the owner's; the record names the owner, whose session gets the engine's answer.
     */
    void onNewOrderCross(
        final FixSession session, final SessionOrders owner, final long crossId, final FixMessage message)
    {
        final String fixCrossId = message.getString(FixTags.CROSS_ID);
        final String symbol = message.getString(FixTags.SYMBOL);
        final int priceIndex = message.indexOf(FixTags.PRICE);
        final long price = priceIndex < 0 ? Long.MIN_VALUE : message.scaledAt(priceIndex, 2);
        CrossRecord.CrossSide buy = null;
        CrossRecord.CrossSide sell = null;
        long buyQuantity = Long.MIN_VALUE;
        long sellQuantity = Long.MIN_VALUE;
        int sides = 0;
        char side = 0;
        String clOrdId = null;
        long accountId = Long.MIN_VALUE;
        long quantity = Long.MIN_VALUE;
        // each Side (54) opens a NoSides instance; ClOrdID, Account and OrderQty appear only inside one in this message
        for (int i = 0; i <= message.fieldCount(); i++)
        {
            final int tag = i < message.fieldCount() ? message.tagAt(i) : FixTags.SIDE;
            if (tag == FixTags.SIDE)
            {
                if (side == Side.BUY && buy == null)
                {
                    buy = new CrossRecord.CrossSide(side, clOrdId, accountId);
                    buyQuantity = quantity;
                }
                else if (side == Side.SELL && sell == null)
                {
                    sell = new CrossRecord.CrossSide(side, clOrdId, accountId);
                    sellQuantity = quantity;
                }
                sides += side == 0 ? 0 : 1;
                side = i < message.fieldCount() && message.valueLength(i) == 1 ?
                    (char)message.buffer()[message.valueOffset(i)] : '?';
                clOrdId = null;
                accountId = Long.MIN_VALUE;
                quantity = Long.MIN_VALUE;
            }
            else if (tag == FixTags.CL_ORD_ID)
            {
                clOrdId = message.stringAt(i);
            }
            else if (tag == FixTags.ACCOUNT)
            {
                accountId = message.longAt(i);
            }
            else if (tag == FixTags.ORDER_QTY)
            {
                quantity = message.longAt(i);
            }
        }

        String problem = null;
        int reason = OrdRejReason.OTHER;
        if (sides != 2 || buy == null || sell == null)
        {
            problem = "NewOrderCross needs NoSides (552) = 2: one buy (54=1) and one sell (54=2)";
        }
        else if (buy.accountId() == Long.MIN_VALUE || sell.accountId() == Long.MIN_VALUE)
        {
            problem = "Account (1) on both sides must be a numeric registry account";
            reason = OrdRejReason.UNKNOWN_ACCOUNT;
        }
        else if (buyQuantity <= 0 || buyQuantity != sellQuantity)
        {
            problem = "OrderQty (38) must be the same positive whole number of tonnes on both sides";
            reason = OrdRejReason.INCORRECT_QUANTITY;
        }
        else if (!instrumentIds.containsKey(symbol))
        {
            problem = "unknown symbol " + symbol;
            reason = OrdRejReason.UNKNOWN_SYMBOL;
        }
        else if (message.getChar(FixTags.CROSS_TYPE, '?') != CrossType.ALL_OR_NONE)
        {
            problem = "CrossType (549) must be 1: a block trade executes completely or not at all";
        }
        else if (message.getChar(FixTags.ORD_TYPE, '?') != OrdType.LIMIT || price == Long.MIN_VALUE || price <= 0)
        {
            problem =
                "a block trade is a limit cross: OrdType (40) = 2 with a positive Price (44) of at most 2 decimals";
        }

        final CrossRecord record = new CrossRecord(owner.index, crossId, fixCrossId, symbol, price, buyQuantity,
            buy == null ? new CrossRecord.CrossSide(Side.BUY, OrderMessages.NONE, 0) : buy,
            sell == null ? new CrossRecord.CrossSide(Side.SELL, OrderMessages.NONE, 0) : sell);
        if (problem != null)
        {
            if (buy == null && sell == null)
            {
                OrderMessages.answer(session, OrderMessages.businessReject(owner.answer, message,
                    BusinessRejectReason.OTHER, problem));
                return;
            }
            if (buy != null)
            {
                record.rejected(owner.answer, buy, record.refusedExecId(buy), reason, problem);
                entry.refused(session, owner, buy.accountId());
            }
            if (sell != null)
            {
                record.rejected(owner.answer, sell, record.refusedExecId(sell), reason, problem);
                entry.refused(session, owner, sell.accountId());
            }
            return;
        }

        if (!entry.logged(owner, record.entry(buy)) || !entry.logged(owner, record.entry(sell)))
        {
            // the same ExecIDs as a rejection at restart: a side logged before the failure is not refused twice
            final String text = "exchange unavailable: cannot record the cross";
            record.rejected(owner.answer, buy, record.refusedExecId(buy), OrdRejReason.OTHER, text);
            entry.refused(session, owner, buy.accountId());
            record.rejected(owner.answer, sell, record.refusedExecId(sell), OrdRejReason.OTHER, text);
            entry.refused(session, owner, sell.accountId());
            return;
        }
        handOff.crossPlaced(record);
        final int length = owner.blockTradeWriter
            .envelope(System.currentTimeMillis() * 1_000_000, SourceIds.FIX, crossId, UserIds.fixSession(owner.index))
            .blockTrade(owner.command, 0, crossId, instrumentIds.get(symbol), price, buyQuantity,
                buy.accountId(), owner.brokerId, sell.accountId(), owner.brokerId);
        try
        {
            entry.publish(session, owner, length);
        }
        catch (final RuntimeException ex)
        {
            // refused here (the caller answers): a restart must not find it unanswered and refuse it again
            handOff.crossRefused(crossId);
            if (!entry.logged(owner, OrderLog.Entry.crossClosed(crossId)))
            {
                LOG.error("cross {} refused but not closed in the order log", crossId);
            }
            throw ex;
        }
    }
}
