package io.carbonx.gateway.server;

import io.carbonx.engine.block.BlockTradeCommandWriter;
import io.carbonx.engine.pipeline.EnginePipeline;
import io.carbonx.gateway.fix.ApplicationMessage;
import io.carbonx.gateway.fix.FixSession;
import io.carbonx.gateway.fix.codec.FixMessage;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Block trades over FIX: a NewOrderCross (s) with two sides, one buy and one sell, becomes one engine
 * {@code BlockTrade} command, and its outcome one ExecutionReport per side, each with the side's ClOrdID and the
 * cross's CrossID (548).
 * <p>
 * The cross must be all or none (CrossType 549 = 1), a limit (OrdType 40 = 2) with a Price (44), and name on each
 * side a numeric registry Account (1) and the same OrderQty (38). The session layer has already checked that the
 * session may use both accounts; the engine checks the scheme's block rules and both parties' units and cash. A trade
 * is reported as ExecType F, OrdStatus 2 with LastPx, LastQty and the side's fee as Commission (12, CommType 13 = 3);
 * a refusal, here or by the engine, as ExecType 8, OrdStatus 8 with the reason in Text (58).
 */
final class CrossEntry
{
    private static final Logger LOG = LoggerFactory.getLogger(CrossEntry.class);

    /**
     * What the gateway keeps of a cross until the engine has answered it.
     */
    private record CrossRecord(
        long crossId, String fixCrossId, String symbol, long price, long quantity, CrossSide buy, CrossSide sell)
    {
    }

    private record CrossSide(char side, String clOrdId, long accountId)
    {
    }

    private final Map<String, Integer> instrumentIds;
    private final LongFunction<FixSession> sessionOf;
    private final Map<Long, CrossRecord> pending = new ConcurrentHashMap<>();
    private final BlockTradeCommandWriter writer = new BlockTradeCommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
    private EnginePipeline engine;

    /**
     * @param instrumentIds by symbol.
     * @param sessionOf     the session that owns an id made by the order entry's id scheme, or null if not logged on.
     */
    CrossEntry(final Map<String, Integer> instrumentIds, final LongFunction<FixSession> sessionOf)
    {
        this.instrumentIds = Map.copyOf(instrumentIds);
        this.sessionOf = sessionOf;
    }

    void engine(final EnginePipeline engine)
    {
        this.engine = engine;
    }

    /**
     * @param crossId  a fresh id in the order entry's scheme, so the engine's answer finds its session.
     * @param brokerId the member the session acts as.
     */
    void onNewOrderCross(final FixSession session, final int brokerId, final long crossId, final FixMessage message)
    {
        final String fixCrossId = message.getString(548);
        final String symbol = message.getString(55);
        final int priceIndex = message.indexOf(44);
        final long price = priceIndex < 0 ? Long.MIN_VALUE : message.scaledAt(priceIndex, 2);
        CrossSide buy = null;
        CrossSide sell = null;
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
            final int tag = i < message.fieldCount() ? message.tagAt(i) : 54;
            if (tag == 54)
            {
                if (side == '1' && buy == null)
                {
                    buy = new CrossSide(side, clOrdId, accountId);
                    buyQuantity = quantity;
                }
                else if (side == '2' && sell == null)
                {
                    sell = new CrossSide(side, clOrdId, accountId);
                    sellQuantity = quantity;
                }
                sides += side == 0 ? 0 : 1;
                side = i < message.fieldCount() && message.valueLength(i) == 1 ?
                    (char)message.buffer()[message.valueOffset(i)] : '?';
                clOrdId = null;
                accountId = Long.MIN_VALUE;
                quantity = Long.MIN_VALUE;
            }
            else if (tag == 11)
            {
                clOrdId = message.stringAt(i);
            }
            else if (tag == 1)
            {
                accountId = message.longAt(i);
            }
            else if (tag == 38)
            {
                quantity = message.longAt(i);
            }
        }

        String problem = null;
        int reason = 99;
        if (sides != 2 || buy == null || sell == null)
        {
            problem = "NewOrderCross needs NoSides (552) = 2: one buy (54=1) and one sell (54=2)";
        }
        else if (buy.accountId() == Long.MIN_VALUE || sell.accountId() == Long.MIN_VALUE)
        {
            problem = "Account (1) on both sides must be a numeric registry account";
            reason = 15;
        }
        else if (buyQuantity <= 0 || buyQuantity != sellQuantity)
        {
            problem = "OrderQty (38) must be the same positive whole number of tonnes on both sides";
            reason = 13;
        }
        else if (!instrumentIds.containsKey(symbol))
        {
            problem = "unknown symbol " + symbol;
            reason = 1;
        }
        else if (message.getChar(549, '?') != '1')
        {
            problem = "CrossType (549) must be 1: a block trade executes completely or not at all";
        }
        else if (message.getChar(40, '?') != '2' || price == Long.MIN_VALUE || price <= 0)
        {
            problem = "a block trade is a limit cross: OrdType (40) = 2 with a positive Price (44) of at most 2 decimals";
        }

        final CrossRecord record = new CrossRecord(crossId, fixCrossId, symbol, price, buyQuantity,
            buy == null ? new CrossSide('1', "NONE", 0) : buy, sell == null ? new CrossSide('2', "NONE", 0) : sell);
        if (problem != null)
        {
            if (buy == null && sell == null)
            {
                session.send(ApplicationMessage.builder("j")
                    .add(45, message.msgSeqNum())
                    .add(372, "s")
                    .add(380, 0)
                    .add(58, problem)
                    .build());
                return;
            }
            if (buy != null)
            {
                session.send(rejected(record, buy, reason, problem));
            }
            if (sell != null)
            {
                session.send(rejected(record, sell, reason, problem));
            }
            return;
        }

        pending.put(crossId, record);
        synchronized (this)
        {
            final int length = writer.blockTrade(command, 0, System.currentTimeMillis() * 1_000_000, 1, crossId, crossId,
                instrumentIds.get(symbol), price, buyQuantity, buy.accountId(), brokerId, sell.accountId(), brokerId);
            try
            {
                engine.publish(command, 0, length);
            }
            catch (final RuntimeException ex)
            {
                pending.remove(crossId);
                throw ex;
            }
        }
    }

    void onExecuted(final BlockTradeExecutedDecoder event)
    {
        final CrossRecord record = pending.remove(event.crossId());
        final FixSession session = record == null ? null : sessionOf.apply(record.crossId());
        if (session == null)
        {
            if (record != null)
            {
                LOG.warn("no session to report block trade {} to", record.crossId());
            }
            return;
        }
        session.send(filled(record, record.buy(), event.price(), event.quantity(), event.buyerFee()));
        session.send(filled(record, record.sell(), event.price(), event.quantity(), event.sellerFee()));
    }

    /**
     * @return true if the rejection was of a cross this entered.
     */
    boolean onRejected(final CommandRejectedDecoder event)
    {
        final CrossRecord record = pending.remove(event.orderId());
        if (record == null)
        {
            return false;
        }
        final FixSession session = sessionOf.apply(record.crossId());
        if (session != null)
        {
            final RejectReason reason = event.reason();
            session.send(rejected(record, record.buy(), ordRejReason(reason), reason.name()));
            session.send(rejected(record, record.sell(), ordRejReason(reason), reason.name()));
        }
        return true;
    }

    private static ApplicationMessage filled(
        final CrossRecord record, final CrossSide side, final long price, final long quantity, final long fee)
    {
        return report(record, side, "F")
            .add(150, 'F')
            .add(39, '2')
            .addScaled(31, price, 2)
            .add(32, quantity)
            .add(151, 0)
            .add(14, quantity)
            .addScaled(6, price, 2)
            .addScaled(12, fee, 2)
            .add(13, '3')
            .build();
    }

    private static ApplicationMessage rejected(final CrossRecord record, final CrossSide side, final int reason, final String text)
    {
        return report(record, side, "R")
            .add(150, '8')
            .add(39, '8')
            .add(103, reason)
            .add(58, text)
            .add(151, 0)
            .add(14, 0)
            .add(6, 0)
            .build();
    }

    private static ApplicationMessage.Builder report(final CrossRecord record, final CrossSide side, final String kind)
    {
        final ApplicationMessage.Builder message = ApplicationMessage.builder("8")
            .add(37, record.crossId() + "-" + side.side())
            .add(11, side.clOrdId() == null ? "NONE" : side.clOrdId())
            .add(17, "X" + record.crossId() + "-" + side.side() + kind)
            .add(548, record.fixCrossId() == null ? "NONE" : record.fixCrossId())
            .add(549, '1');
        if (side.accountId() != Long.MIN_VALUE)
        {
            message.add(1, Long.toString(side.accountId()));
        }
        message.add(55, record.symbol() == null ? "NONE" : record.symbol())
            .add(54, side.side())
            .add(38, Math.max(record.quantity(), 0))
            .add(40, '2');
        if (record.price() > 0)
        {
            message.addScaled(44, record.price(), 2);
        }
        return message;
    }

    private static int ordRejReason(final RejectReason reason)
    {
        return switch (reason)
        {
            case UNKNOWN_INSTRUMENT -> 1;
            case WRONG_PHASE -> 2;
            case INSUFFICIENT_UNITS, INSUFFICIENT_CASH, HOLDING_LIMIT_EXCEEDED -> 3;
            case BELOW_BLOCK_THRESHOLD, QUANTITY_NOT_ON_LOT, QUANTITY_OUT_OF_RANGE -> 13;
            case UNKNOWN_ACCOUNT, ACCOUNT_NOT_PERMITTED -> 15;
            default -> 99;
        };
    }
}
