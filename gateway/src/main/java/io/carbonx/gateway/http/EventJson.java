package io.carbonx.gateway.http;

import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.Fields;
import io.carbonx.protocol.Money;
import io.carbonx.protocol.sbe.ActionProposedDecoder;
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
import io.carbonx.protocol.sbe.EmissionsCorrectedDecoder;
import io.carbonx.protocol.sbe.PenaltyMultipleSetDecoder;
import io.carbonx.protocol.sbe.FineDueDecoder;
import io.carbonx.protocol.sbe.FineSettledDecoder;
import io.carbonx.protocol.sbe.AssessmentReopenedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.ProposalApprovedDecoder;
import io.carbonx.protocol.sbe.ProposalRejectedDecoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.SelfTradePreventedDecoder;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.reports.UnitAttributesJson;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns the engine's SBE events into JSON-ready maps: {@code type} first, then the event's fields, money and prices as
 * decimal text; an {@code instrumentId} is followed by the instrument's symbol as {@code instrument}. Not
 * thread-safe: one instance per thread (the read replica's, on its own thread).
 */
public final class EventJson
{
    private final EngineEventAdapter adapter = new EngineEventAdapter(new Renderer());
    private final IntFunction<String> symbols;
    private final ZoneId zone;
    private Map<String, Object> map;

    /**
     * Events without symbols (ids only), date-only deadlines (midnight) in UTC.
     */
    public EventJson()
    {
        this(id -> null, ZoneOffset.UTC);
    }

    /**
     * @param symbols an instrument's symbol by id, null for an id it does not know.
     * @param zone    the scheme's time zone: a deadline at its midnight is shown as the date it ends.
     */
    public EventJson(final IntFunction<String> symbols, final ZoneId zone)
    {
        this.symbols = symbols;
        this.zone = zone;
    }

    /**
     * @return the event as a map, in the order of its schema's fields, routing fields left out.
     */
    public Map<String, Object> toMap(final DirectBuffer buffer, final int offset)
    {
        final Map<String, Object> result = new LinkedHashMap<>();
        map = result;
        adapter.onEvent(buffer, offset);
        map = null;
        return withSymbol(result);
    }

    /**
     * @return the map with the symbol of its {@code instrumentId} (when known) right after it.
     */
    private Map<String, Object> withSymbol(final Map<String, Object> rendered)
    {
        final Object id = rendered.get("instrumentId");
        final String symbol = id instanceof Integer instrumentId && instrumentId != 0 ?
            symbols.apply(instrumentId) : null;
        if (symbol == null || rendered.containsKey("instrument"))
        {
            return rendered;
        }
        final Map<String, Object> result = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> field : rendered.entrySet())
        {
            result.put(field.getKey(), field.getValue());
            if ("instrumentId".equals(field.getKey()))
            {
                result.put("instrument", symbol);
            }
        }
        return result;
    }

    /**
     * @return epoch nanoseconds as an ISO instant, e.g. 2026-06-30T23:59:59Z.
     */
    private static String timestamp(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L))
            .toString();
    }

    /**
     * Puts each event's fields into {@link #map}.
     */
    private final class Renderer implements EngineEventHandler
    {
        @Override
        public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder e)
        {
            map.put("type", "OrderAccepted");
            map.put("orderId", e.orderId());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("side", e.side().name());
            map.put("price", Money.format(e.price()));
            map.put("quantity", e.quantity());
        }

        @Override
        public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder e)
        {
            map.put("type", "CommandRejected");
            map.put("commandKind", e.commandKind().name());
            map.put("orderId", e.orderId());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("reason", e.reason().name());
        }

        @Override
        public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder e)
        {
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

        @Override
        public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder e)
        {
            map.put("type", "OrderCancelled");
            map.put("orderId", e.orderId());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("cancelledQuantity", e.cancelledQuantity());
            map.put("reason", e.reason().name());
        }

        @Override
        public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder e)
        {
            map.put("type", "OrderAmended");
            map.put("orderId", e.orderId());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("price", Money.format(e.price()));
            map.put("quantity", e.quantity());
            map.put("leavesQuantity", e.leavesQuantity());
        }

        @Override
        public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder e)
        {
            map.put("type", "OrderExpired");
            map.put("orderId", e.orderId());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("expiredQuantity", e.expiredQuantity());
        }

        @Override
        public void onSelfTradePrevented(final EventEnvelopeDecoder envelope, final SelfTradePreventedDecoder e)
        {
            map.put("type", "SelfTradePrevented");
            map.put("instrumentId", e.instrumentId());
            map.put("accountId", e.accountId());
            map.put("incomingOrderId", e.incomingOrderId());
            map.put("restingOrderId", e.restingOrderId());
            map.put("policy", e.policy().name());
        }

        @Override
        public void onTradingPhaseChanged(final EventEnvelopeDecoder envelope, final TradingPhaseChangedDecoder e)
        {
            map.put("type", "TradingPhaseChanged");
            map.put("instrumentId", e.instrumentId());
            map.put("phase", e.phase().name());
        }

        @Override
        public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder e)
        {
            map.put("type", "DayClosed");
            map.put("tradingDate", e.tradingDate());
            map.put("instrumentId", e.instrumentId());
            map.put("closingPrice", Money.format(e.closingPrice()));
            map.put("volume", e.volume());
            map.put("turnover", Money.format(e.turnover()));
        }

        @Override
        public void onInstrumentListed(final EventEnvelopeDecoder envelope, final InstrumentListedDecoder e)
        {
            map.put("type", "InstrumentListed");
            map.put("instrumentId", e.instrumentId());
            map.put("symbol", e.symbol().trim());
            map.put("kind", e.kind().name());
            map.put("referencePrice", Money.format(e.referencePrice()));
        }

        @Override
        public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder e)
        {
            map.put("type", "RegistryChanged");
            map.put("operation", e.operation().name());
            map.put("accountId", e.accountId());
            map.put("counterpartyAccountId", e.counterpartyAccountId());
            map.put("instrumentId", e.instrumentId());
            map.put("quantity", e.quantity());
            map.put("amount", Money.format(e.amount()));
        }

        @Override
        public void onSerialBlocks(final EventEnvelopeDecoder envelope, final SerialBlocksDecoder e)
        {
            map.put("type", "SerialBlocks");
            map.put("operation", e.operation().name());
            map.put("instrumentId", e.instrumentId());
            map.put("fromAccountId", e.fromAccountId());
            map.put("toAccountId", e.toAccountId());
            map.put("referenceId", e.referenceId());
            map.put("quantity", e.quantity());
            map.put("part", e.part());
            map.put("parts", e.parts());
            final List<Map<String, Object>> blocks = new ArrayList<>();
            for (final SerialBlocksDecoder.BlocksDecoder block : e.blocks())
            {
                final Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("first", block.first());
                entry.put("last", block.last());
                blocks.add(entry);
            }
            map.put("blocks", blocks);
        }

        @Override
        public void onProjectUnitsIssued(final EventEnvelopeDecoder envelope, final ProjectUnitsIssuedDecoder e)
        {
            map.put("type", "ProjectUnitsIssued");
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("quantity", e.quantity());
            map.put("firstSerial", e.firstSerial());
            map.put("lastSerial", e.lastSerial());
            map.put("attributes", UnitAttributesJson.toJson(
                e.projectType(), e.projectId(), e.vintage(), e.registeredDate(), e.labels()));
        }

        @Override
        public void onComplianceYearOpened(final EventEnvelopeDecoder envelope, final ComplianceYearOpenedDecoder e)
        {
            map.put("type", "ComplianceYearOpened");
            map.put("year", e.year());
            map.put("deadline", Fields.deadline(e.deadline(), zone));
        }

        @Override
        public void onAllowancesAllocated(final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder e)
        {
            map.put("type", "AllowancesAllocated");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("instrumentId", e.instrumentId());
            map.put("requestedQuantity", e.requestedQuantity());
            map.put("deductedQuantity", e.deductedQuantity());
            map.put("quantity", e.quantity());
            map.put("deductionOutstanding", e.deductionOutstanding());
        }

        @Override
        public void onEmissionsRecorded(final EventEnvelopeDecoder envelope, final EmissionsRecordedDecoder e)
        {
            map.put("type", "EmissionsRecorded");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("emissions", e.emissions());
            map.put("carriedForward", e.carriedForward());
            map.put("obligation", e.obligation());
            map.put("offsetCap", e.offsetCap());
        }

        @Override
        public void onUnitsSurrendered(final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder e)
        {
            map.put("type", "UnitsSurrendered");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("brokerId", e.brokerId());
            map.put("instrumentId", e.instrumentId());
            map.put("kind", e.kind().name());
            map.put("quantity", e.quantity());
            map.put("late", e.late() == BooleanType.TRUE);
            map.put("allowancesSurrendered", e.allowancesSurrendered());
            map.put("offsetsSurrendered", e.offsetsSurrendered());
            map.put("remainingObligation", e.remainingObligation());
        }

        @Override
        public void onComplianceAssessed(final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder e)
        {
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

        @Override
        public void onComplianceYearClosed(final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder e)
        {
            map.put("type", "ComplianceYearClosed");
            map.put("year", e.year());
            map.put("enterprises", e.enterprises());
            map.put("totalShortfall", e.totalShortfall());
            map.put("totalPenalty", Money.format(e.totalPenalty()));
            map.put("referencePrice", Money.format(e.referencePrice()));
        }

        @Override
        public void onEmissionsCorrected(final EventEnvelopeDecoder envelope, final EmissionsCorrectedDecoder e)
        {
            map.put("type", "EmissionsCorrected");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("previousEmissions", e.previousEmissions());
            map.put("emissions", e.emissions());
            map.put("obligation", e.obligation());
            map.put("offsetCap", e.offsetCap());
            map.put("correction", e.correction());
            map.put("reason", e.reason());
        }

        @Override
        public void onPenaltyMultipleSet(final EventEnvelopeDecoder envelope, final PenaltyMultipleSetDecoder e)
        {
            map.put("type", "PenaltyMultipleSet");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("multiple", e.multiple());
            map.put("reason", e.reason());
        }

        @Override
        public void onFineDue(final EventEnvelopeDecoder envelope, final FineDueDecoder e)
        {
            map.put("type", "FineDue");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("amount", Money.format(e.amount()));
            map.put("dueDate", timestamp(e.dueDate()));
        }

        @Override
        public void onFineSettled(final EventEnvelopeDecoder envelope, final FineSettledDecoder e)
        {
            map.put("type", "FineSettled");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("amount", Money.format(e.amount()));
            map.put("status", e.status().name());
            map.put("dueDate", timestamp(e.dueDate()));
            map.put("reference", e.reference());
        }

        @Override
        public void onAssessmentReopened(final EventEnvelopeDecoder envelope, final AssessmentReopenedDecoder e)
        {
            map.put("type", "AssessmentReopened");
            map.put("year", e.year());
            map.put("accountId", e.accountId());
            map.put("previousStatus", e.previousStatus().name());
            map.put("previousPenalty", Money.format(e.previousPenalty()));
            map.put("reason", e.reason());
        }

        @Override
        public void onAuctionOpened(final EventEnvelopeDecoder envelope, final AuctionOpenedDecoder e)
        {
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

        @Override
        public void onAuctionBidAccepted(final EventEnvelopeDecoder envelope, final AuctionBidAcceptedDecoder e)
        {
            map.put("type", "AuctionBidAccepted");
            map.put("auctionId", e.auctionId());
            map.put("bidId", e.bidId());
            map.put("accountId", e.accountId());
            map.put("price", Money.format(e.price()));
            map.put("quantity", e.quantity());
            map.put("reservedAmount", Money.format(e.reservedAmount()));
            map.put("bidderQuantity", e.bidderQuantity());
        }

        @Override
        public void onAuctionBidAmended(final EventEnvelopeDecoder envelope, final AuctionBidAmendedDecoder e)
        {
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

        @Override
        public void onAuctionBidWithdrawn(final EventEnvelopeDecoder envelope, final AuctionBidWithdrawnDecoder e)
        {
            map.put("type", "AuctionBidWithdrawn");
            map.put("auctionId", e.auctionId());
            map.put("bidId", e.bidId());
            map.put("accountId", e.accountId());
            map.put("quantity", e.quantity());
            map.put("releasedAmount", Money.format(e.releasedAmount()));
        }

        @Override
        public void onAuctionAllocation(final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder e)
        {
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
        }

        @Override
        public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder e)
        {
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

        @Override
        public void onAuctionCancelled(final EventEnvelopeDecoder envelope, final AuctionCancelledDecoder e)
        {
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

        @Override
        public void onBlockTradeExecuted(final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder e)
        {
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
        }

        @Override
        public void onActionProposed(final EventEnvelopeDecoder envelope, final ActionProposedDecoder e)
        {
            map.put("type", "ActionProposed");
            map.put("proposalId", e.proposalId());
            map.put("commandTemplateId", e.commandTemplateId());
            map.put("expiresAt", timestamp(e.expiresAt()));
        }

        @Override
        public void onProposalApproved(final EventEnvelopeDecoder envelope, final ProposalApprovedDecoder e)
        {
            map.put("type", "ProposalApproved");
            map.put("proposalId", e.proposalId());
            map.put("commandTemplateId", e.commandTemplateId());
            map.put("proposerSourceId", e.proposerSourceId());
            map.put("proposerUserId", e.proposerUserId());
        }

        @Override
        public void onProposalRejected(final EventEnvelopeDecoder envelope, final ProposalRejectedDecoder e)
        {
            map.put("type", "ProposalRejected");
            map.put("proposalId", e.proposalId());
            map.put("commandTemplateId", e.commandTemplateId());
            map.put("proposerSourceId", e.proposerSourceId());
            map.put("proposerUserId", e.proposerUserId());
        }

        @Override
        public void onUnknown(final int schemaId, final int templateId, final DirectBuffer buffer, final int offset)
        {
            map.put("type", "Unknown");
            map.put("templateId", templateId);
        }
    }
}
