package io.carbonx.protocol;

import io.carbonx.protocol.sbe.AllowancesAllocatedDecoder;
import io.carbonx.protocol.sbe.AllowancesAllocatedEncoder;
import io.carbonx.protocol.sbe.AuctionAllocationDecoder;
import io.carbonx.protocol.sbe.AuctionAllocationEncoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedDecoder;
import io.carbonx.protocol.sbe.AuctionBidAcceptedEncoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedDecoder;
import io.carbonx.protocol.sbe.AuctionBidAmendedEncoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnDecoder;
import io.carbonx.protocol.sbe.AuctionBidWithdrawnEncoder;
import io.carbonx.protocol.sbe.AuctionCancelledDecoder;
import io.carbonx.protocol.sbe.AuctionCancelledEncoder;
import io.carbonx.protocol.sbe.AuctionOpenedDecoder;
import io.carbonx.protocol.sbe.AuctionOpenedEncoder;
import io.carbonx.protocol.sbe.AuctionResultDecoder;
import io.carbonx.protocol.sbe.AuctionResultEncoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedDecoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedDecoder;
import io.carbonx.protocol.sbe.ProjectUnitsIssuedEncoder;
import io.carbonx.protocol.sbe.BlockTradeExecutedEncoder;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.CommandRejectedEncoder;
import io.carbonx.protocol.sbe.ComplianceAssessedDecoder;
import io.carbonx.protocol.sbe.ComplianceAssessedEncoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearClosedEncoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedDecoder;
import io.carbonx.protocol.sbe.ComplianceYearOpenedEncoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.DayClosedEncoder;
import io.carbonx.protocol.sbe.EmissionsRecordedDecoder;
import io.carbonx.protocol.sbe.EmissionsRecordedEncoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeEncoder;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.InstrumentListedEncoder;
import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedEncoder;
import io.carbonx.protocol.sbe.OrderAmendedDecoder;
import io.carbonx.protocol.sbe.OrderAmendedEncoder;
import io.carbonx.protocol.sbe.OrderCancelledDecoder;
import io.carbonx.protocol.sbe.OrderCancelledEncoder;
import io.carbonx.protocol.sbe.OrderExpiredDecoder;
import io.carbonx.protocol.sbe.OrderExpiredEncoder;
import io.carbonx.protocol.sbe.RegistryChangedDecoder;
import io.carbonx.protocol.sbe.RegistryChangedEncoder;
import io.carbonx.protocol.sbe.SelfTradePreventedDecoder;
import io.carbonx.protocol.sbe.SelfTradePreventedEncoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.protocol.sbe.TradeEncoder;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import io.carbonx.protocol.sbe.TradingPhaseChangedEncoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedDecoder;
import io.carbonx.protocol.sbe.UnitsSurrenderedEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every event reaches its own handler method, with its envelope and a decoder wrapped on the same event; events the
 * build does not know reach {@code onUnknown}, and a handler that implements nothing ignores everything.
 */
class EngineEventAdapterTest
{
    private static final int OFFSET = 24;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final List<String> calls = new ArrayList<>();
    private final EngineEventAdapter adapter = new EngineEventAdapter(new Recorder());

    @Test
    void routesEveryEventToItsOwnMethodWithItsEnvelope()
    {
        stamp(new OrderAcceptedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 1);
        assertRouted("OrderAccepted", OrderAcceptedDecoder.TEMPLATE_ID, 1);
        stamp(new CommandRejectedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 2);
        assertRouted("CommandRejected", CommandRejectedDecoder.TEMPLATE_ID, 2);
        stamp(new TradeEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 3);
        assertRouted("Trade", TradeDecoder.TEMPLATE_ID, 3);
        stamp(new OrderCancelledEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 4);
        assertRouted("OrderCancelled", OrderCancelledDecoder.TEMPLATE_ID, 4);
        stamp(new OrderAmendedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 5);
        assertRouted("OrderAmended", OrderAmendedDecoder.TEMPLATE_ID, 5);
        stamp(new OrderExpiredEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 6);
        assertRouted("OrderExpired", OrderExpiredDecoder.TEMPLATE_ID, 6);
        stamp(new SelfTradePreventedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 7);
        assertRouted("SelfTradePrevented", SelfTradePreventedDecoder.TEMPLATE_ID, 7);
        stamp(new TradingPhaseChangedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 8);
        assertRouted("TradingPhaseChanged", TradingPhaseChangedDecoder.TEMPLATE_ID, 8);
        stamp(new DayClosedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 9);
        assertRouted("DayClosed", DayClosedDecoder.TEMPLATE_ID, 9);
        stamp(new InstrumentListedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 10);
        assertRouted("InstrumentListed", InstrumentListedDecoder.TEMPLATE_ID, 10);
        stamp(new RegistryChangedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 11);
        assertRouted("RegistryChanged", RegistryChangedDecoder.TEMPLATE_ID, 11);
        stamp(new ComplianceYearOpenedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 12);
        assertRouted("ComplianceYearOpened", ComplianceYearOpenedDecoder.TEMPLATE_ID, 12);
        stamp(new AllowancesAllocatedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 13);
        assertRouted("AllowancesAllocated", AllowancesAllocatedDecoder.TEMPLATE_ID, 13);
        stamp(new EmissionsRecordedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 14);
        assertRouted("EmissionsRecorded", EmissionsRecordedDecoder.TEMPLATE_ID, 14);
        stamp(new UnitsSurrenderedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 15);
        assertRouted("UnitsSurrendered", UnitsSurrenderedDecoder.TEMPLATE_ID, 15);
        stamp(new ComplianceAssessedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 16);
        assertRouted("ComplianceAssessed", ComplianceAssessedDecoder.TEMPLATE_ID, 16);
        stamp(new ComplianceYearClosedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 17);
        assertRouted("ComplianceYearClosed", ComplianceYearClosedDecoder.TEMPLATE_ID, 17);
        stamp(new AuctionOpenedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 18);
        assertRouted("AuctionOpened", AuctionOpenedDecoder.TEMPLATE_ID, 18);
        stamp(new AuctionBidAcceptedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 19);
        assertRouted("AuctionBidAccepted", AuctionBidAcceptedDecoder.TEMPLATE_ID, 19);
        stamp(new AuctionBidAmendedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 20);
        assertRouted("AuctionBidAmended", AuctionBidAmendedDecoder.TEMPLATE_ID, 20);
        stamp(new AuctionBidWithdrawnEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 21);
        assertRouted("AuctionBidWithdrawn", AuctionBidWithdrawnDecoder.TEMPLATE_ID, 21);
        stamp(new AuctionAllocationEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 22);
        assertRouted("AuctionAllocation", AuctionAllocationDecoder.TEMPLATE_ID, 22);
        stamp(new AuctionResultEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 23);
        assertRouted("AuctionResult", AuctionResultDecoder.TEMPLATE_ID, 23);
        stamp(new AuctionCancelledEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 24);
        assertRouted("AuctionCancelled", AuctionCancelledDecoder.TEMPLATE_ID, 24);
        stamp(new BlockTradeExecutedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 25);
        assertRouted("BlockTradeExecuted", BlockTradeExecutedDecoder.TEMPLATE_ID, 25);
        stamp(new ProjectUnitsIssuedEncoder().wrapAndApplyHeader(buffer, OFFSET, header).envelope(), 26);
        assertRouted("ProjectUnitsIssued", ProjectUnitsIssuedDecoder.TEMPLATE_ID, 26);
    }

    @Test
    void unknownTemplatesGoToOnUnknownAfterTheEnvelopeAndForeignSchemasToOnUnknownOnly()
    {
        header.wrap(buffer, OFFSET).blockLength(0).templateId(999).schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        assertEquals(999, adapter.onEvent(buffer, OFFSET));
        header.wrap(buffer, OFFSET).blockLength(0).templateId(TradeDecoder.TEMPLATE_ID).schemaId(42).version(1);
        assertEquals(TradeDecoder.TEMPLATE_ID, adapter.onEvent(buffer, OFFSET));
        assertEquals(
            List.of("envelope 999 0", "unknown " + MessageHeaderEncoder.SCHEMA_ID + " 999",
                "unknown 42 " + TradeDecoder.TEMPLATE_ID),
            calls);
    }

    @Test
    void aHandlerThatImplementsNothingIgnoresEveryEvent()
    {
        final EngineEventAdapter ignoring = new EngineEventAdapter(new EngineEventHandler()
        {
        });
        new OrderAcceptedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(OrderAcceptedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new CommandRejectedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(CommandRejectedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new TradeEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(TradeDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new OrderCancelledEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(OrderCancelledDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new OrderAmendedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(OrderAmendedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new OrderExpiredEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(OrderExpiredDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new SelfTradePreventedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(SelfTradePreventedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new TradingPhaseChangedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(TradingPhaseChangedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new DayClosedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(DayClosedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new InstrumentListedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(InstrumentListedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new RegistryChangedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(RegistryChangedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new ComplianceYearOpenedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(ComplianceYearOpenedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AllowancesAllocatedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AllowancesAllocatedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new EmissionsRecordedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(EmissionsRecordedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new UnitsSurrenderedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(UnitsSurrenderedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new ComplianceAssessedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(ComplianceAssessedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new ComplianceYearClosedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(ComplianceYearClosedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionOpenedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionOpenedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionBidAcceptedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionBidAcceptedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionBidAmendedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionBidAmendedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionBidWithdrawnEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionBidWithdrawnDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionAllocationEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionAllocationDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionResultEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionResultDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new AuctionCancelledEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(AuctionCancelledDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        new BlockTradeExecutedEncoder().wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(BlockTradeExecutedDecoder.TEMPLATE_ID, ignoring.onEvent(buffer, OFFSET));
        header.wrap(buffer, OFFSET).templateId(999);
        assertEquals(999, ignoring.onEvent(buffer, OFFSET));
    }

    private static void stamp(final EventEnvelopeEncoder envelope, final int n)
    {
        envelope.commandSequence(1_000 + n).timestamp(2_000 + n).sourceId(n).correlationId(3_000 + n);
    }

    private void assertRouted(final String name, final int templateId, final int n)
    {
        calls.clear();
        assertEquals(templateId, adapter.onEvent(buffer, OFFSET));
        assertEquals(List.of("envelope " + templateId + " " + (1_000 + n),
            name + " " + (1_000 + n) + " " + (2_000 + n) + " " + n + " " + (3_000 + n)), calls);
    }

    private final class Recorder implements EngineEventHandler
    {
        @Override
        public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
        {
            calls.add("envelope " + templateId + " " + envelope.commandSequence());
        }

        private void record(final String name, final EventEnvelopeDecoder envelope, final EventEnvelopeDecoder own)
        {
            // the event's own decoder must be wrapped on the same event as the envelope handed over
            assertEquals(envelope.commandSequence(), own.commandSequence());
            calls.add(name + " " + envelope.commandSequence() + " " + envelope.timestamp() + " " + envelope.sourceId() +
                " " + envelope.correlationId());
        }

        @Override
        public void onOrderAccepted(final EventEnvelopeDecoder envelope, final OrderAcceptedDecoder orderAccepted)
        {
            record("OrderAccepted", envelope, orderAccepted.envelope());
        }

        @Override
        public void onCommandRejected(final EventEnvelopeDecoder envelope, final CommandRejectedDecoder commandRejected)
        {
            record("CommandRejected", envelope, commandRejected.envelope());
        }

        @Override
        public void onTrade(final EventEnvelopeDecoder envelope, final TradeDecoder trade)
        {
            record("Trade", envelope, trade.envelope());
        }

        @Override
        public void onOrderCancelled(final EventEnvelopeDecoder envelope, final OrderCancelledDecoder orderCancelled)
        {
            record("OrderCancelled", envelope, orderCancelled.envelope());
        }

        @Override
        public void onOrderAmended(final EventEnvelopeDecoder envelope, final OrderAmendedDecoder orderAmended)
        {
            record("OrderAmended", envelope, orderAmended.envelope());
        }

        @Override
        public void onOrderExpired(final EventEnvelopeDecoder envelope, final OrderExpiredDecoder orderExpired)
        {
            record("OrderExpired", envelope, orderExpired.envelope());
        }

        @Override
        public void onSelfTradePrevented(
            final EventEnvelopeDecoder envelope, final SelfTradePreventedDecoder selfTradePrevented)
        {
            record("SelfTradePrevented", envelope, selfTradePrevented.envelope());
        }

        @Override
        public void onTradingPhaseChanged(
            final EventEnvelopeDecoder envelope, final TradingPhaseChangedDecoder tradingPhaseChanged)
        {
            record("TradingPhaseChanged", envelope, tradingPhaseChanged.envelope());
        }

        @Override
        public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
        {
            record("DayClosed", envelope, dayClosed.envelope());
        }

        @Override
        public void onInstrumentListed(
            final EventEnvelopeDecoder envelope, final InstrumentListedDecoder instrumentListed)
        {
            record("InstrumentListed", envelope, instrumentListed.envelope());
        }

        @Override
        public void onRegistryChanged(final EventEnvelopeDecoder envelope, final RegistryChangedDecoder registryChanged)
        {
            record("RegistryChanged", envelope, registryChanged.envelope());
        }

        @Override
        public void onComplianceYearOpened(
            final EventEnvelopeDecoder envelope, final ComplianceYearOpenedDecoder complianceYearOpened)
        {
            record("ComplianceYearOpened", envelope, complianceYearOpened.envelope());
        }

        @Override
        public void onAllowancesAllocated(
            final EventEnvelopeDecoder envelope, final AllowancesAllocatedDecoder allowancesAllocated)
        {
            record("AllowancesAllocated", envelope, allowancesAllocated.envelope());
        }

        @Override
        public void onEmissionsRecorded(
            final EventEnvelopeDecoder envelope, final EmissionsRecordedDecoder emissionsRecorded)
        {
            record("EmissionsRecorded", envelope, emissionsRecorded.envelope());
        }

        @Override
        public void onUnitsSurrendered(
            final EventEnvelopeDecoder envelope, final UnitsSurrenderedDecoder unitsSurrendered)
        {
            record("UnitsSurrendered", envelope, unitsSurrendered.envelope());
        }

        @Override
        public void onComplianceAssessed(
            final EventEnvelopeDecoder envelope, final ComplianceAssessedDecoder complianceAssessed)
        {
            record("ComplianceAssessed", envelope, complianceAssessed.envelope());
        }

        @Override
        public void onComplianceYearClosed(
            final EventEnvelopeDecoder envelope, final ComplianceYearClosedDecoder complianceYearClosed)
        {
            record("ComplianceYearClosed", envelope, complianceYearClosed.envelope());
        }

        @Override
        public void onAuctionOpened(final EventEnvelopeDecoder envelope, final AuctionOpenedDecoder auctionOpened)
        {
            record("AuctionOpened", envelope, auctionOpened.envelope());
        }

        @Override
        public void onAuctionBidAccepted(
            final EventEnvelopeDecoder envelope, final AuctionBidAcceptedDecoder auctionBidAccepted)
        {
            record("AuctionBidAccepted", envelope, auctionBidAccepted.envelope());
        }

        @Override
        public void onAuctionBidAmended(
            final EventEnvelopeDecoder envelope, final AuctionBidAmendedDecoder auctionBidAmended)
        {
            record("AuctionBidAmended", envelope, auctionBidAmended.envelope());
        }

        @Override
        public void onAuctionBidWithdrawn(
            final EventEnvelopeDecoder envelope, final AuctionBidWithdrawnDecoder auctionBidWithdrawn)
        {
            record("AuctionBidWithdrawn", envelope, auctionBidWithdrawn.envelope());
        }

        @Override
        public void onAuctionAllocation(
            final EventEnvelopeDecoder envelope, final AuctionAllocationDecoder auctionAllocation)
        {
            record("AuctionAllocation", envelope, auctionAllocation.envelope());
        }

        @Override
        public void onAuctionResult(final EventEnvelopeDecoder envelope, final AuctionResultDecoder auctionResult)
        {
            record("AuctionResult", envelope, auctionResult.envelope());
        }

        @Override
        public void onAuctionCancelled(
            final EventEnvelopeDecoder envelope, final AuctionCancelledDecoder auctionCancelled)
        {
            record("AuctionCancelled", envelope, auctionCancelled.envelope());
        }

        @Override
        public void onBlockTradeExecuted(
            final EventEnvelopeDecoder envelope, final BlockTradeExecutedDecoder blockTradeExecuted)
        {
            record("BlockTradeExecuted", envelope, blockTradeExecuted.envelope());
        }

        @Override
        public void onProjectUnitsIssued(
            final EventEnvelopeDecoder envelope, final ProjectUnitsIssuedDecoder projectUnitsIssued)
        {
            record("ProjectUnitsIssued", envelope, projectUnitsIssued.envelope());
        }

        @Override
        public void onUnknown(final int schemaId, final int templateId, final DirectBuffer buffer, final int offset)
        {
            calls.add("unknown " + schemaId + " " + templateId);
        }
    }
}
