package io.carbonx.engine.core;

import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AddInstrumentDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.InstrumentListedDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.protocol.sbe.TradingPhaseChangedDecoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.carbonx.engine.core.EngineParts.CCER;
import static io.carbonx.engine.core.EngineParts.CEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link TradingDayCommands} on its own: listing, trading phases and the close of the day.
 */
class TradingDayCommandsTest
{
    private static final long TIME = 1_000_000;

    private final EngineParts parts = new EngineParts();

    @Test
    void anInstrumentIsListedOnceWithinTheIdRangeAndStartsContinuous()
    {
        final InstrumentListedDecoder listed = add(EngineParts.cea())
            .all(InstrumentListedDecoder.TEMPLATE_ID, InstrumentListedDecoder::new).get(0);
        assertEquals(CEA, listed.instrumentId());
        assertEquals(TradingPhase.CONTINUOUS, listed.phase());
        assertNotNull(parts.market.book(CEA));
        assertEquals(0, parts.market.statistics(CEA).volume());

        assertEquals(RejectReason.DUPLICATE_ID, rejection(add(EngineParts.cea())));
        final int beyond = parts.settings.maxInstrumentId() + 1;
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(add(spec(beyond, SelfTradePolicy.CANCEL_INCOMING))));
        assertEquals(1, parts.market.listedCount());
    }

    @Test
    void anInstrumentWithoutASelfTradePolicyIsRefused()
    {
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(add(spec(3, SelfTradePolicy.NULL_VAL))));
        assertNull(parts.market.book(3));
    }

    @Test
    void phaseZeroSetsEveryListedInstrumentInIdOrder()
    {
        parts.tradingDay.list(EngineParts.ccer());
        parts.tradingDay.list(EngineParts.cea());

        final List<TradingPhaseChangedDecoder> changed = setPhase(0, TradingPhase.HALTED)
            .all(TradingPhaseChangedDecoder.TEMPLATE_ID, TradingPhaseChangedDecoder::new);

        assertEquals(2, changed.size());
        assertEquals(CEA, changed.get(0).instrumentId());
        assertEquals(CCER, changed.get(1).instrumentId());
        assertEquals(TradingPhase.HALTED, parts.market.instrument(CEA).phase());
        assertEquals(TradingPhase.HALTED, parts.market.instrument(CCER).phase());
    }

    @Test
    void aPhaseForAnUnlistedInstrumentOrNoPhaseIsRefused()
    {
        parts.tradingDay.list(EngineParts.cea());

        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, rejection(setPhase(CCER, TradingPhase.HALTED)));
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(setPhase(CEA, TradingPhase.NULL_VAL)));
        assertEquals(TradingPhase.CONTINUOUS, parts.market.instrument(CEA).phase());
    }

    @Test
    void theDayClosesAtTheVolumeWeightedPriceWhichBecomesTheNextReference()
    {
        parts.tradingDay.list(EngineParts.cea());
        parts.tradingDay.list(EngineParts.ccer());
        parts.market.statistics(CEA).onTrade(100_00, 10);
        parts.market.statistics(CEA).onTrade(103_00, 30);

        final int from = parts.begin(TIME);
        parts.tradingDay.endOfTradingDay(19700101, TIME);
        final List<DayClosedDecoder> closed = parts.events.since(from)
            .all(DayClosedDecoder.TEMPLATE_ID, DayClosedDecoder::new);

        assertEquals(2, closed.size());
        assertEquals(CEA, closed.get(0).instrumentId());
        assertEquals(19700101, closed.get(0).tradingDate());
        assertEquals(102_25, closed.get(0).closingPrice(), "(10 x 100.00 + 30 x 103.00) / 40");
        assertEquals(40, closed.get(0).volume());
        assertEquals(10 * 100_00 + 30 * 103_00, closed.get(0).turnover());
        assertEquals(50_00, closed.get(1).closingPrice(), "no trades: the previous close");
        assertEquals(102_25, parts.market.instrument(CEA).referencePrice());
        assertEquals(0, parts.market.statistics(CEA).volume(), "a new day starts with no trades");
        assertEquals(0, parts.market.statistics(CEA).open());
    }

    private static InstrumentSpec spec(final int id, final SelfTradePolicy policy)
    {
        return new InstrumentSpec(
            id, "X-" + id, InstrumentKind.ALLOWANCE, 2025, 1, 1, 1, 99_999, 1_000, 100_00, policy);
    }

    private CapturedEvents add(final InstrumentSpec spec)
    {
        parts.writer(TIME).addInstrument(parts.buffer(), 0, spec);
        final int from = parts.begin(TIME);
        parts.tradingDay.addInstrument(parts.decode(new AddInstrumentDecoder()));
        return parts.events.since(from);
    }

    private CapturedEvents setPhase(final int instrumentId, final TradingPhase phase)
    {
        final int from = parts.begin(TIME);
        parts.tradingDay.setTradingPhase(instrumentId, phase);
        return parts.events.since(from);
    }

    private static RejectReason rejection(final CapturedEvents events)
    {
        assertEquals(1, events.size(), "a rejected command has exactly one event");
        return events.rejected().get(0).reason();
    }
}
