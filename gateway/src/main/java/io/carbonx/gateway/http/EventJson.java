package io.carbonx.gateway.http;

import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.MessageHeaderDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.SelfTradePreventedDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import org.agrona.DirectBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the engine's SBE events into JSON-ready maps: {@code type} first, then the event's fields, money and prices as
 * decimal text. Not thread-safe: one instance per thread.
 */
public final class EventJson
{
    /**
     * The command's source that the HTTP API sends under; the FIX gateway uses 1 and genesis 0.
     */
    public static final int HTTP_SOURCE_ID = 2;

    private static final int NO_SOURCE = Integer.MIN_VALUE;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderAmendedDecoder amended = new OrderAmendedDecoder();
    private final OrderExpiredDecoder expired = new OrderExpiredDecoder();
    private final SelfTradePreventedDecoder selfTrade = new SelfTradePreventedDecoder();
    private final TradingPhaseChangedDecoder phaseChanged = new TradingPhaseChangedDecoder();
    private final DayClosedDecoder dayClosed = new DayClosedDecoder();
    private final InstrumentListedDecoder listed = new InstrumentListedDecoder();
    private final RegistryChangedDecoder registryChanged = new RegistryChangedDecoder();

    /**
     * @return the sourceId an event carries, or {@link Integer#MIN_VALUE} for events that carry none (trades, day
     * closes, phase changes, expiries), which belong to whatever command caused them.
     */
    public int sourceId(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        return switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID -> accepted.wrap(buffer, body, blockLength, version).sourceId();
            case CommandRejectedDecoder.TEMPLATE_ID -> rejected.wrap(buffer, body, blockLength, version).sourceId();
            case OrderCancelledDecoder.TEMPLATE_ID -> cancelled.wrap(buffer, body, blockLength, version).sourceId();
            case OrderAmendedDecoder.TEMPLATE_ID -> amended.wrap(buffer, body, blockLength, version).sourceId();
            case InstrumentListedDecoder.TEMPLATE_ID -> listed.wrap(buffer, body, blockLength, version).sourceId();
            case RegistryChangedDecoder.TEMPLATE_ID -> registryChanged.wrap(buffer, body, blockLength, version).sourceId();
            default -> NO_SOURCE;
        };
    }

    /**
     * @return the correlationId of an event that {@link #sourceId} found a source for; call right after it.
     */
    public long correlationId()
    {
        return switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID -> accepted.correlationId();
            case CommandRejectedDecoder.TEMPLATE_ID -> rejected.correlationId();
            case OrderCancelledDecoder.TEMPLATE_ID -> cancelled.correlationId();
            case OrderAmendedDecoder.TEMPLATE_ID -> amended.correlationId();
            case InstrumentListedDecoder.TEMPLATE_ID -> listed.correlationId();
            case RegistryChangedDecoder.TEMPLATE_ID -> registryChanged.correlationId();
            default -> 0;
        };
    }

    /**
     * @return the event as a map, in the order of its schema's fields, routing fields left out.
     */
    public Map<String, Object> toMap(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final Map<String, Object> map = new LinkedHashMap<>();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                final OrderAcceptedDecoder e = accepted.wrap(buffer, body, blockLength, version);
                map.put("type", "OrderAccepted");
                map.put("orderId", e.orderId());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("side", e.side().name());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
            }
            case CommandRejectedDecoder.TEMPLATE_ID ->
            {
                final CommandRejectedDecoder e = rejected.wrap(buffer, body, blockLength, version);
                map.put("type", "CommandRejected");
                map.put("commandKind", e.commandKind().name());
                map.put("orderId", e.orderId());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("reason", e.reason().name());
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                final TradeDecoder e = trade.wrap(buffer, body, blockLength, version);
                map.put("type", "Trade");
                map.put("tradeId", e.tradeId());
                map.put("instrumentId", e.instrumentId());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
                map.put("aggressorSide", e.aggressorSide().name());
                map.put("takerOrderId", e.takerOrderId());
                map.put("takerAccountId", e.takerAccountId());
                map.put("makerOrderId", e.makerOrderId());
                map.put("makerAccountId", e.makerAccountId());
                map.put("buyerFee", Money.format(e.buyerFee()));
                map.put("sellerFee", Money.format(e.sellerFee()));
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                final OrderCancelledDecoder e = cancelled.wrap(buffer, body, blockLength, version);
                map.put("type", "OrderCancelled");
                map.put("orderId", e.orderId());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("cancelledQuantity", e.cancelledQuantity());
                map.put("reason", e.reason().name());
            }
            case OrderAmendedDecoder.TEMPLATE_ID ->
            {
                final OrderAmendedDecoder e = amended.wrap(buffer, body, blockLength, version);
                map.put("type", "OrderAmended");
                map.put("orderId", e.orderId());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
                map.put("leavesQuantity", e.leavesQuantity());
            }
            case OrderExpiredDecoder.TEMPLATE_ID ->
            {
                final OrderExpiredDecoder e = expired.wrap(buffer, body, blockLength, version);
                map.put("type", "OrderExpired");
                map.put("orderId", e.orderId());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("expiredQuantity", e.expiredQuantity());
            }
            case SelfTradePreventedDecoder.TEMPLATE_ID ->
            {
                final SelfTradePreventedDecoder e = selfTrade.wrap(buffer, body, blockLength, version);
                map.put("type", "SelfTradePrevented");
                map.put("instrumentId", e.instrumentId());
                map.put("accountId", e.accountId());
                map.put("incomingOrderId", e.incomingOrderId());
                map.put("restingOrderId", e.restingOrderId());
                map.put("policy", e.policy().name());
            }
            case TradingPhaseChangedDecoder.TEMPLATE_ID ->
            {
                final TradingPhaseChangedDecoder e = phaseChanged.wrap(buffer, body, blockLength, version);
                map.put("type", "TradingPhaseChanged");
                map.put("instrumentId", e.instrumentId());
                map.put("phase", e.phase().name());
            }
            case DayClosedDecoder.TEMPLATE_ID ->
            {
                final DayClosedDecoder e = dayClosed.wrap(buffer, body, blockLength, version);
                map.put("type", "DayClosed");
                map.put("tradingDate", e.tradingDate());
                map.put("instrumentId", e.instrumentId());
                map.put("closingPrice", Money.format(e.closingPrice()));
                map.put("volume", e.volume());
                map.put("turnover", Money.format(e.turnover()));
            }
            case InstrumentListedDecoder.TEMPLATE_ID ->
            {
                final InstrumentListedDecoder e = listed.wrap(buffer, body, blockLength, version);
                map.put("type", "InstrumentListed");
                map.put("instrumentId", e.instrumentId());
                map.put("symbol", e.symbol().trim());
                map.put("kind", e.kind().name());
                map.put("referencePrice", Money.format(e.referencePrice()));
            }
            case RegistryChangedDecoder.TEMPLATE_ID ->
            {
                final RegistryChangedDecoder e = registryChanged.wrap(buffer, body, blockLength, version);
                map.put("type", "RegistryChanged");
                map.put("operation", RegistryOperation.name(e.commandTemplateId()));
                map.put("accountId", e.accountId());
                map.put("counterpartyAccountId", e.counterpartyAccountId());
                map.put("instrumentId", e.instrumentId());
                map.put("quantity", e.quantity());
                map.put("amount", Money.format(e.amount()));
                map.put("serialStart", e.serialStart());
                map.put("serialEnd", e.serialEnd());
            }
            default ->
            {
                map.put("type", "Unknown");
                map.put("templateId", header.templateId());
            }
        }
        return map;
    }
}
