package io.carbonx.engine.core;

import io.carbonx.clearing.compliance.ComplianceDesk;
import io.carbonx.engine.book.OrderBook;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.instrument.Instrument;
import io.carbonx.engine.instrument.InstrumentSpec;
import io.carbonx.protocol.sbe.AddInstrumentDecoder;
import io.carbonx.protocol.sbe.CommandKind;
import io.carbonx.protocol.sbe.InstrumentKind;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.protocol.sbe.SelfTradePolicy;
import io.carbonx.protocol.sbe.TradingPhase;
import io.carbonx.registry.Registry;

import java.time.LocalDate;

/**
 * The trading day and the instrument list: listing an instrument, setting trading phases, and closing the day. Not on
 * the order path; listing allocates a book. Business-logic thread only.
 * <p>
 * The end of a trading day comes once per trading day, in order, never ahead of time: its date must be a date
 * ({@code INVALID_FIELD_VALUE}), after the last closed one ({@code TRADING_DATE_NOT_AFTER_LAST}), not after the
 * machine's clock's date in the scheme's time zone ({@code TRADING_DATE_IN_FUTURE}), and a trading day of the
 * scheme's {@link TradingCalendar} ({@code NOT_A_TRADING_DAY}). The last closed date is state, in the snapshot.
 */
final class TradingDayCommands
{
    private final int maxInstrumentId;
    private final TradingCalendar calendar;
    private final Registry registry;
    private final ComplianceDesk compliance;
    private final Market market;
    private final OrderCommands orders;
    private final EventPublisher publisher;
    private int lastClosedDate;

    TradingDayCommands(
        final int maxInstrumentId,
        final TradingCalendar calendar,
        final Registry registry,
        final ComplianceDesk compliance,
        final Market market,
        final OrderCommands orders,
        final EventPublisher publisher)
    {
        this.maxInstrumentId = maxInstrumentId;
        this.calendar = calendar;
        this.registry = registry;
        this.compliance = compliance;
        this.market = market;
        this.orders = orders;
        this.publisher = publisher;
    }

    /**
     * Set one instrument's phase, or every listed instrument's when the id is 0.
     */
    void setTradingPhase(final int instrumentId, final TradingPhase phase)
    {
        if (phase == TradingPhase.NULL_VAL || (instrumentId != 0 && market.book(instrumentId) == null))
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId,
                phase == TradingPhase.NULL_VAL ? RejectReason.INVALID_FIELD_VALUE : RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        for (int id = 1; id < market.idLimit(); id++)
        {
            final OrderBook book = market.book(id);
            if (book != null && (instrumentId == 0 || instrumentId == id))
            {
                book.instrument().phase(phase);
                publisher.phaseChanged(id, phase);
            }
        }
    }

    /**
     * Close the day, instrument by instrument in id order: report the day's figures and closing price, expire DAY
     * orders, and make the close the next day's band reference; then unlock the units bought today.
     */
    void endOfTradingDay(final int tradingDate, final long now)
    {
        final RejectReason reason = checkTradingDate(tradingDate, now);
        if (reason != null)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, 0, reason);
            return;
        }
        lastClosedDate = tradingDate;
        for (int id = 1; id < market.idLimit(); id++)
        {
            final OrderBook book = market.book(id);
            if (book != null)
            {
                final Instrument instrument = book.instrument();
                final DailyStatistics day = market.statistics(id);
                final long close = day.closingPrice(instrument.referencePrice(), instrument.spec().tickSize());
                publisher.dayClosed(tradingDate, id, close, day.volume(), day.turnover());
                compliance.onDayClosed(tradingDate, id, day.volume(), day.turnover());
                book.expireDayOrders();
                instrument.referencePrice(close);
                day.reset();
            }
        }
        registry.unlockAll();
    }

    /**
     * @return why a date may not be closed now, or null when it may; see the class comment.
     */
    RejectReason checkTradingDate(final int tradingDate, final long now)
    {
        final LocalDate date = TradingCalendar.dateOf(tradingDate);
        if (date == null)
        {
            return RejectReason.INVALID_FIELD_VALUE;
        }
        if (tradingDate <= lastClosedDate)
        {
            return RejectReason.TRADING_DATE_NOT_AFTER_LAST;
        }
        if (date.isAfter(calendar.date(now)))
        {
            return RejectReason.TRADING_DATE_IN_FUTURE;
        }
        return calendar.isTradingDay(date) ? null : RejectReason.NOT_A_TRADING_DAY;
    }

    /**
     * @return the last trading date closed, yyyymmdd, or 0 before the first.
     */
    int lastClosedDate()
    {
        return lastClosedDate;
    }

    /**
     * Restore the last closed trading date from a snapshot.
     */
    void lastClosedDate(final int tradingDate)
    {
        lastClosedDate = tradingDate;
    }

    void addInstrument(final AddInstrumentDecoder command)
    {
        final int instrumentId = command.instrumentId();
        if (instrumentId < 1 || instrumentId > maxInstrumentId)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.INVALID_FIELD_VALUE);
            return;
        }
        if (market.book(instrumentId) != null)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.DUPLICATE_ID);
            return;
        }
        final InstrumentSpec spec;
        try
        {
            spec = decodeSpec(command);
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            publisher.rejected(CommandKind.ADMIN, 0, 0, instrumentId, RejectReason.INVALID_FIELD_VALUE);
            return;
        }
        list(spec);
        publisher.instrumentListed(spec, TradingPhase.CONTINUOUS);
    }

    /**
     * List an instrument whose book reports to the order rules; also how a snapshot brings its instruments back.
     */
    OrderBook list(final InstrumentSpec spec)
    {
        return market.list(spec, orders.bookListener(spec.id()));
    }

    private static InstrumentSpec decodeSpec(final AddInstrumentDecoder command)
    {
        final InstrumentKind kind = command.kind();
        final SelfTradePolicy policy = command.selfTradePolicy();
        if (kind == InstrumentKind.NULL_VAL || policy == SelfTradePolicy.NULL_VAL)
        {
            throw new IllegalArgumentException("kind and self-trade policy are required");
        }
        return new InstrumentSpec(
            command.instrumentId(),
            command.symbol().trim(),
            kind,
            command.vintage(),
            command.tickSize(),
            command.lotSize(),
            command.minQuantity(),
            command.maxQuantity(),
            command.priceBandBps(),
            command.referencePrice(),
            policy);
    }
}
