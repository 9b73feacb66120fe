package io.carbonx.engine.core;

import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.SourceIds;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.protocol.sbe.OrderAcceptedDecoder;
import io.carbonx.protocol.sbe.OrderType;
import io.carbonx.protocol.sbe.Side;
import io.carbonx.protocol.sbe.TimeInForce;
import io.carbonx.protocol.sbe.SerialBlocksDecoder;
import io.carbonx.protocol.sbe.TradeDecoder;
import io.carbonx.registry.HoldingLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.carbonx.engine.core.ExchangeStateMachineTest.BUYER;
import static io.carbonx.engine.core.ExchangeStateMachineTest.CEA;
import static io.carbonx.engine.core.ExchangeStateMachineTest.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event a command causes carries that command's envelope: its journal sequence, the engine's clock, its source
 * its correlation id and the acting user; trades and day closes too, which carried no source before schema version 3.
 */
class EventEnvelopeTest
{
    private final TestExchange exchange =
        ExchangeStateMachineTest.start(TestSettings.settings(HoldingLimits.unlimited()));
    private final List<String> envelopes = new ArrayList<>();
    private final EngineEventAdapter adapter = new EngineEventAdapter(new EngineEventHandler()
    {
        @Override
        public void onEnvelope(final EventEnvelopeDecoder envelope, final int templateId)
        {
            envelopes.add(templateId + ": " + envelope.commandSequence() + " " + envelope.timestamp() + " " +
                envelope.sourceId() + " " + envelope.correlationId() + " " + envelope.userId());
        }
    });

    @Test
    void theAcceptanceAndTheTradesOfAnOrderCarryItsEnvelope()
    {
        exchange.sell(1, SELLER, CEA, 100, 100_00);
        final long time = exchange.time() + 5;
        exchange.writer().envelope(time, SourceIds.HTTP, 42, 3);
        exchange.apply(exchange.writer().newOrder(exchange.buffer(), 0, 2, BUYER, 0, CEA, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, 100_00, 100, 0)).replay(adapter);

        final String envelope = ": " + exchange.machine().lastAppliedSequence() + " " + time + " " + SourceIds.HTTP +
            " 42 3";
        assertEquals(
            List.of(OrderAcceptedDecoder.TEMPLATE_ID + envelope, TradeDecoder.TEMPLATE_ID + envelope,
                SerialBlocksDecoder.TEMPLATE_ID + envelope), envelopes, "the trade's serial blocks follow it");
    }

    @Test
    void theDayClosesOfAnEndOfDayCarryItsEnvelope()
    {
        final long time = exchange.time() + 7;
        exchange.writer().envelope(time, SourceIds.EXCHANGE, 9);
        exchange.apply(exchange.writer().endOfTradingDay(exchange.buffer(), 0, 19700101)).replay(adapter);

        final String envelope = ": " + exchange.machine().lastAppliedSequence() + " " + time + " " +
            SourceIds.EXCHANGE + " 9 0";
        assertTrue(envelopes.contains(DayClosedDecoder.TEMPLATE_ID + envelope), envelopes.toString());
        for (final String event : envelopes)
        {
            assertTrue(event.endsWith(envelope), event);
        }
    }
}
