package io.carbonx.gateway.http;

import io.carbonx.protocol.Money;
import io.carbonx.protocol.RegistryOperation;

import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedDecoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedDecoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionOpenedDecoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.BooleanType;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
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
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;
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
    private final ComplianceYearOpenedDecoder yearOpened = new ComplianceYearOpenedDecoder();
    private final AllowancesAllocatedDecoder allocated = new AllowancesAllocatedDecoder();
    private final EmissionsRecordedDecoder emissionsRecorded = new EmissionsRecordedDecoder();
    private final UnitsSurrenderedDecoder surrendered = new UnitsSurrenderedDecoder();
    private final ComplianceAssessedDecoder assessed = new ComplianceAssessedDecoder();
    private final ComplianceYearClosedDecoder yearClosed = new ComplianceYearClosedDecoder();
    private final AuctionOpenedDecoder auctionOpened = new AuctionOpenedDecoder();
    private final AuctionBidAcceptedDecoder bidAccepted = new AuctionBidAcceptedDecoder();
    private final AuctionBidAmendedDecoder bidAmended = new AuctionBidAmendedDecoder();
    private final AuctionBidWithdrawnDecoder bidWithdrawn = new AuctionBidWithdrawnDecoder();
    private final AuctionAllocationDecoder auctionAllocation = new AuctionAllocationDecoder();
    private final AuctionResultDecoder auctionResult = new AuctionResultDecoder();
    private final AuctionCancelledDecoder auctionCancelled = new AuctionCancelledDecoder();
    private final BlockTradeExecutedDecoder blockTrade = new BlockTradeExecutedDecoder();

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
            case ComplianceYearOpenedDecoder.TEMPLATE_ID -> yearOpened.wrap(buffer, body, blockLength, version).sourceId();
            case AllowancesAllocatedDecoder.TEMPLATE_ID -> allocated.wrap(buffer, body, blockLength, version).sourceId();
            case EmissionsRecordedDecoder.TEMPLATE_ID -> emissionsRecorded.wrap(buffer, body, blockLength, version).sourceId();
            case UnitsSurrenderedDecoder.TEMPLATE_ID -> surrendered.wrap(buffer, body, blockLength, version).sourceId();
            case ComplianceAssessedDecoder.TEMPLATE_ID -> assessed.wrap(buffer, body, blockLength, version).sourceId();
            case ComplianceYearClosedDecoder.TEMPLATE_ID -> yearClosed.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionOpenedDecoder.TEMPLATE_ID -> auctionOpened.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionBidAcceptedDecoder.TEMPLATE_ID -> bidAccepted.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionBidAmendedDecoder.TEMPLATE_ID -> bidAmended.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionBidWithdrawnDecoder.TEMPLATE_ID -> bidWithdrawn.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionAllocationDecoder.TEMPLATE_ID -> auctionAllocation.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionResultDecoder.TEMPLATE_ID -> auctionResult.wrap(buffer, body, blockLength, version).sourceId();
            case AuctionCancelledDecoder.TEMPLATE_ID -> auctionCancelled.wrap(buffer, body, blockLength, version).sourceId();
            case BlockTradeExecutedDecoder.TEMPLATE_ID -> blockTrade.wrap(buffer, body, blockLength, version).sourceId();
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
            case ComplianceYearOpenedDecoder.TEMPLATE_ID -> yearOpened.correlationId();
            case AllowancesAllocatedDecoder.TEMPLATE_ID -> allocated.correlationId();
            case EmissionsRecordedDecoder.TEMPLATE_ID -> emissionsRecorded.correlationId();
            case UnitsSurrenderedDecoder.TEMPLATE_ID -> surrendered.correlationId();
            case ComplianceAssessedDecoder.TEMPLATE_ID -> assessed.correlationId();
            case ComplianceYearClosedDecoder.TEMPLATE_ID -> yearClosed.correlationId();
            case AuctionOpenedDecoder.TEMPLATE_ID -> auctionOpened.correlationId();
            case AuctionBidAcceptedDecoder.TEMPLATE_ID -> bidAccepted.correlationId();
            case AuctionBidAmendedDecoder.TEMPLATE_ID -> bidAmended.correlationId();
            case AuctionBidWithdrawnDecoder.TEMPLATE_ID -> bidWithdrawn.correlationId();
            case AuctionAllocationDecoder.TEMPLATE_ID -> auctionAllocation.correlationId();
            case AuctionResultDecoder.TEMPLATE_ID -> auctionResult.correlationId();
            case AuctionCancelledDecoder.TEMPLATE_ID -> auctionCancelled.correlationId();
            case BlockTradeExecutedDecoder.TEMPLATE_ID -> blockTrade.correlationId();
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
            case ComplianceYearOpenedDecoder.TEMPLATE_ID ->
            {
                final ComplianceYearOpenedDecoder e = yearOpened.wrap(buffer, body, blockLength, version);
                map.put("type", "ComplianceYearOpened");
                map.put("year", e.year());
                map.put("deadline", timestamp(e.deadline()));
            }
            case AllowancesAllocatedDecoder.TEMPLATE_ID ->
            {
                final AllowancesAllocatedDecoder e = allocated.wrap(buffer, body, blockLength, version);
                map.put("type", "AllowancesAllocated");
                map.put("year", e.year());
                map.put("accountId", e.accountId());
                map.put("instrumentId", e.instrumentId());
                map.put("requestedQuantity", e.requestedQuantity());
                map.put("deductedQuantity", e.deductedQuantity());
                map.put("quantity", e.quantity());
                map.put("serialStart", e.serialStart());
                map.put("serialEnd", e.serialEnd());
                map.put("deductionOutstanding", e.deductionOutstanding());
            }
            case EmissionsRecordedDecoder.TEMPLATE_ID ->
            {
                final EmissionsRecordedDecoder e = emissionsRecorded.wrap(buffer, body, blockLength, version);
                map.put("type", "EmissionsRecorded");
                map.put("year", e.year());
                map.put("accountId", e.accountId());
                map.put("emissions", e.emissions());
                map.put("carriedForward", e.carriedForward());
                map.put("obligation", e.obligation());
                map.put("offsetCap", e.offsetCap());
            }
            case UnitsSurrenderedDecoder.TEMPLATE_ID ->
            {
                final UnitsSurrenderedDecoder e = surrendered.wrap(buffer, body, blockLength, version);
                map.put("type", "UnitsSurrendered");
                map.put("year", e.year());
                map.put("accountId", e.accountId());
                map.put("brokerId", e.brokerId());
                map.put("instrumentId", e.instrumentId());
                map.put("kind", e.kind().name());
                map.put("quantity", e.quantity());
                map.put("late", e.late() == BooleanType.TRUE);
                map.put("serialStart", e.serialStart());
                map.put("serialEnd", e.serialEnd());
                map.put("allowancesSurrendered", e.allowancesSurrendered());
                map.put("offsetsSurrendered", e.offsetsSurrendered());
                map.put("remainingObligation", e.remainingObligation());
            }
            case ComplianceAssessedDecoder.TEMPLATE_ID ->
            {
                final ComplianceAssessedDecoder e = assessed.wrap(buffer, body, blockLength, version);
                map.put("type", "ComplianceAssessed");
                map.put("year", e.year());
                map.put("accountId", e.accountId());
                map.put("emissions", e.emissions());
                map.put("carriedForward", e.carriedForward());
                map.put("obligation", e.obligation());
                map.put("allowancesSurrendered", e.allowancesSurrendered());
                map.put("offsetsSurrendered", e.offsetsSurrendered());
                map.put("surrenderedLate", e.surrenderedLate());
                map.put("shortfall", e.shortfall());
                map.put("status", e.status().name());
                map.put("penalty", Money.format(e.penalty()));
                map.put("referencePrice", Money.format(e.referencePrice()));
                map.put("nextYearDeduction", e.nextYearDeduction());
                map.put("nextYearCarryForward", e.nextYearCarryForward());
            }
            case ComplianceYearClosedDecoder.TEMPLATE_ID ->
            {
                final ComplianceYearClosedDecoder e = yearClosed.wrap(buffer, body, blockLength, version);
                map.put("type", "ComplianceYearClosed");
                map.put("year", e.year());
                map.put("enterprises", e.enterprises());
                map.put("totalShortfall", e.totalShortfall());
                map.put("totalPenalty", Money.format(e.totalPenalty()));
                map.put("referencePrice", Money.format(e.referencePrice()));
            }
            case AuctionOpenedDecoder.TEMPLATE_ID ->
            {
                final AuctionOpenedDecoder e = auctionOpened.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionOpened");
                map.put("auctionId", e.auctionId());
                map.put("instrumentId", e.instrumentId());
                map.put("auctionAccountId", e.auctionAccountId());
                map.put("volume", e.volume());
                map.put("reservePrice", Money.format(e.reservePrice()));
                map.put("maxShareBps", e.maxShareBps());
                map.put("maxBidderQuantity", e.maxBidderQuantity());
                map.put("bidWindowStart", timestamp(e.bidWindowStart()));
                map.put("bidWindowEnd", timestamp(e.bidWindowEnd()));
            }
            case AuctionBidAcceptedDecoder.TEMPLATE_ID ->
            {
                final AuctionBidAcceptedDecoder e = bidAccepted.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionBidAccepted");
                map.put("auctionId", e.auctionId());
                map.put("bidId", e.bidId());
                map.put("accountId", e.accountId());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
                map.put("reservedAmount", Money.format(e.reservedAmount()));
                map.put("bidderQuantity", e.bidderQuantity());
            }
            case AuctionBidAmendedDecoder.TEMPLATE_ID ->
            {
                final AuctionBidAmendedDecoder e = bidAmended.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionBidAmended");
                map.put("auctionId", e.auctionId());
                map.put("bidId", e.bidId());
                map.put("accountId", e.accountId());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
                map.put("reservedAmount", Money.format(e.reservedAmount()));
                map.put("bidderQuantity", e.bidderQuantity());
                map.put("priorityKept", e.priorityKept() == BooleanType.TRUE);
            }
            case AuctionBidWithdrawnDecoder.TEMPLATE_ID ->
            {
                final AuctionBidWithdrawnDecoder e = bidWithdrawn.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionBidWithdrawn");
                map.put("auctionId", e.auctionId());
                map.put("bidId", e.bidId());
                map.put("accountId", e.accountId());
                map.put("quantity", e.quantity());
                map.put("releasedAmount", Money.format(e.releasedAmount()));
            }
            case AuctionAllocationDecoder.TEMPLATE_ID ->
            {
                final AuctionAllocationDecoder e = auctionAllocation.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionAllocation");
                map.put("auctionId", e.auctionId());
                map.put("instrumentId", e.instrumentId());
                map.put("bidId", e.bidId());
                map.put("accountId", e.accountId());
                map.put("bidPrice", Money.format(e.bidPrice()));
                map.put("bidQuantity", e.bidQuantity());
                map.put("quantity", e.quantity());
                map.put("clearingPrice", Money.format(e.clearingPrice()));
                map.put("amount", Money.format(e.amount()));
                map.put("releasedAmount", Money.format(e.releasedAmount()));
                map.put("serialStart", e.serialStart());
                map.put("serialEnd", e.serialEnd());
            }
            case AuctionResultDecoder.TEMPLATE_ID ->
            {
                final AuctionResultDecoder e = auctionResult.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionResult");
                map.put("auctionId", e.auctionId());
                map.put("instrumentId", e.instrumentId());
                map.put("auctionAccountId", e.auctionAccountId());
                map.put("clearingPrice", Money.format(e.clearingPrice()));
                map.put("reservePrice", Money.format(e.reservePrice()));
                map.put("volumeOffered", e.volumeOffered());
                map.put("volumeSold", e.volumeSold());
                map.put("proceeds", Money.format(e.proceeds()));
                map.put("bidCount", e.bidCount());
                map.put("bidders", e.bidders());
                map.put("winners", e.winners());
                map.put("winningBids", e.winningBids());
                map.put("totalBidQuantity", e.totalBidQuantity());
                map.put("coverRatioBps", e.coverRatioBps());
                map.put("quantityAtClearingPrice", e.quantityAtClearingPrice());
            }
            case AuctionCancelledDecoder.TEMPLATE_ID ->
            {
                final AuctionCancelledDecoder e = auctionCancelled.wrap(buffer, body, blockLength, version);
                map.put("type", "AuctionCancelled");
                map.put("auctionId", e.auctionId());
                map.put("instrumentId", e.instrumentId());
                map.put("reason", e.reason().name());
                map.put("volumeOffered", e.volumeOffered());
                map.put("reservePrice", Money.format(e.reservePrice()));
                map.put("clearingPrice", Money.format(e.clearingPrice()));
                map.put("bidCount", e.bidCount());
                map.put("bidders", e.bidders());
                map.put("totalBidQuantity", e.totalBidQuantity());
            }
            case BlockTradeExecutedDecoder.TEMPLATE_ID ->
            {
                final BlockTradeExecutedDecoder e = blockTrade.wrap(buffer, body, blockLength, version);
                map.put("type", "BlockTradeExecuted");
                map.put("tradeId", e.tradeId());
                map.put("crossId", e.crossId());
                map.put("instrumentId", e.instrumentId());
                map.put("price", Money.format(e.price()));
                map.put("quantity", e.quantity());
                map.put("buyerAccountId", e.buyerAccountId());
                map.put("sellerAccountId", e.sellerAccountId());
                map.put("buyerFee", Money.format(e.buyerFee()));
                map.put("sellerFee", Money.format(e.sellerFee()));
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

    /**
     * @return epoch nanoseconds as an ISO instant, e.g. 2026-06-30T23:59:59Z.
     */
    private static String timestamp(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
            .toString();
    }
}
