package io.carbonx.engine.core;

import io.carbonx.clearing.compliance.ReferencePriceWindow;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.calendar.TradingCalendar.Session;
import io.carbonx.protocol.sbe.CommandRejectedDecoder;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.RejectReason;
import io.carbonx.registry.HoldingLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The end of a trading day against the scheme's calendar (Shanghai, Monday to Friday, 1 October 2026 a holiday): once
 * per trading day, in order, never ahead of the command's date in the scheme's zone.
 */
class EndOfTradingDayTest
{
    private static final TradingCalendar CHINA = new TradingCalendar(ZoneId.of("Asia/Shanghai"),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>(List.of(LocalDate.of(2026, 10, 1))),
        List.of(new Session(LocalTime.of(9, 30), LocalTime.of(11, 30)),
            new Session(LocalTime.of(13, 0), LocalTime.of(15, 0))));

    private final TestExchange exchange = exchange();

    @Test
    void aTradingDayClosesOnceAndInOrder()
    {
        at("2026-12-07T07:00:00Z"); // Monday 15:00 in Shanghai
        assertEquals(1, endOfDay(exchange, 20261204).all(DayClosedDecoder.TEMPLATE_ID, DayClosedDecoder::new).size(),
            "last Friday");
        assertEquals(20261204, exchange.machine().lastClosedTradingDate());

        assertEquals(RejectReason.TRADING_DATE_NOT_AFTER_LAST, rejection(endOfDay(exchange, 20261204)), "repeated");
        assertEquals(RejectReason.TRADING_DATE_NOT_AFTER_LAST, rejection(endOfDay(exchange, 20261203)), "backdated");
        assertEquals(1, endOfDay(exchange, 20261207).all(DayClosedDecoder.TEMPLATE_ID, DayClosedDecoder::new).size(),
            "today");
        assertEquals(20261207, exchange.machine().lastClosedTradingDate());
    }

    @Test
    void aDayAfterTheCommandsDateInTheSchemesZoneIsRefused()
    {
        at("2026-12-07T15:59:59Z"); // 23:59:59 on Monday in Shanghai
        assertEquals(RejectReason.TRADING_DATE_IN_FUTURE, rejection(endOfDay(exchange, 20261208)));
        at("2026-12-07T16:00:00Z"); // midnight: Tuesday in Shanghai, still Monday in UTC
        assertEquals(List.of(), endOfDay(exchange, 20261208).rejected());
    }

    @Test
    void weekendsHolidaysAndNonDatesAreRefused()
    {
        at("2026-12-07T07:00:00Z");
        assertEquals(RejectReason.NOT_A_TRADING_DAY, rejection(endOfDay(exchange, 20261206)), "Sunday");
        assertEquals(RejectReason.NOT_A_TRADING_DAY, rejection(endOfDay(exchange, 20261001)), "a holiday");
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(endOfDay(exchange, 20261131)));
        assertEquals(RejectReason.INVALID_FIELD_VALUE, rejection(endOfDay(exchange, 0)));
        assertEquals(0, exchange.machine().lastClosedTradingDate(), "nothing closed");
    }

    @Test
    void theLastClosedDateIsInTheSnapshotAndTheStateHash() throws IOException
    {
        at("2026-12-07T07:00:00Z");
        endOfDay(exchange, 20261204);
        final TestExchange otherDay = exchange();
        otherDay.at(exchange.time());
        endOfDay(otherDay, 20261207);
        assertNotEquals(otherDay.machine().stateHash(), exchange.machine().stateHash(),
            "the same commands at the same time but for the date closed");

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        exchange.machine().writeSnapshot(new DataOutputStream(bytes));
        final ExchangeStateMachine restored = new ExchangeStateMachine(settings());
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(20261204, restored.lastClosedTradingDate());
        assertEquals(exchange.machine().stateHash(), restored.stateHash());
    }

    /**
     * The end of a day at the exchange's time as it is ({@link TestExchange#endOfDay} moves an earlier clock).
     */
    private static CapturedEvents endOfDay(final TestExchange exchange, final int tradingDate)
    {
        return exchange.apply(exchange.writer().envelope(exchange.time(), 0, 0)
            .endOfTradingDay(exchange.buffer(), 0, tradingDate));
    }

    private void at(final String instant)
    {
        final Instant time = Instant.parse(instant);
        exchange.at(time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }

    private static RejectReason rejection(final CapturedEvents events)
    {
        final List<CommandRejectedDecoder> rejected = events.rejected();
        assertEquals(1, events.size(), "a refused end of day has exactly one event, and closes nothing");
        return rejected.get(0).reason();
    }

    private static TestExchange exchange()
    {
        final TestExchange exchange = new TestExchange(settings());
        exchange.list(EngineParts.cea());
        return exchange;
    }

    private static ExchangeSettings settings()
    {
        return TestSettings.settings(HoldingLimits.unlimited())
            .withCalendar(CHINA, ReferencePriceWindow.Kind.CALENDAR_MONTH_BEFORE);
    }
}
