package io.carbonx.server.config;

import io.carbonx.clearing.compliance.ReferencePriceWindow;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.calendar.TradingCalendar.Session;
import io.carbonx.engine.core.ExchangeSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scheme.calendar}, {@code scheme.referencePriceWindow} and {@code server.scheduler}: the embedded default's
 * China calendar, the defaults of a file without them, and bad values named by their key path.
 */
class CalendarConfigTest
{
    private static final String CALENDAR_START = "  referencePriceWindow:";
    private static final String CALENDAR_END = "\ninstruments:";

    @Test
    void theEmbeddedDefaultTradesWeekdaysInShanghaiWithTwoSessionsAndTheSchedulerOff() throws IOException
    {
        final ExchangeConfig config = parse(defaultText());
        final ExchangeSettings settings = new EngineSetup(config).settings();
        final TradingCalendar calendar = settings.calendar();

        assertEquals(ZoneId.of("Asia/Shanghai"), calendar.zone());
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), calendar.tradingDays());
        assertEquals(List.of(new Session(LocalTime.of(9, 30), LocalTime.of(11, 30)),
            new Session(LocalTime.of(13, 0), LocalTime.of(15, 0))), calendar.sessions());
        assertFalse(calendar.isTradingDay(LocalDate.of(2026, 10, 1)), "National Day");
        assertTrue(calendar.isTradingDay(LocalDate.of(2026, 10, 8)));
        assertEquals(ReferencePriceWindow.Kind.CALENDAR_MONTH_BEFORE, settings.referenceWindow());
        assertFalse(config.server().schedulerOn());
    }

    @Test
    void aFileWithoutACalendarTradesEveryDayInUtc() throws IOException
    {
        final ExchangeSettings settings = settings(withCalendar(""));

        assertEquals(TradingCalendar.EVERY_DAY_UTC, settings.calendar());
        assertEquals(ReferencePriceWindow.DEFAULT, settings.referencePriceWindow());
    }

    @Test
    void theWindowIsASettingInTheCalendarsZone() throws IOException
    {
        final ExchangeSettings settings = settings(withCalendar(
            "  referencePriceWindow: MONTH_BEFORE_DEADLINE\n  calendar:\n    zone: Europe/Berlin\n"));

        assertEquals(new ReferencePriceWindow(ZoneId.of("Europe/Berlin"),
            ReferencePriceWindow.Kind.MONTH_BEFORE_DEADLINE), settings.referencePriceWindow());
        assertEquals(7, settings.calendar().tradingDays().size(), "no tradingDays: every weekday");
        assertEquals(List.of(), settings.calendar().sessions());
    }

    @Test
    void badValuesAreNamedByTheirKeyPath() throws IOException
    {
        assertProblem("scheme.calendar.zone: not a time zone (e.g. Asia/Shanghai, Europe/Berlin): 'Mars/Olympus'",
            "  calendar:\n    zone: Mars/Olympus\n");
        assertProblem("scheme.calendar.tradingDays[1]: must be one of [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, " +
            "FRIDAY, SATURDAY, SUNDAY], was 'FUNDAY'", "  calendar:\n    tradingDays: [MONDAY, FUNDAY]\n");
        assertProblem("scheme.calendar.tradingDays: must name at least one weekday",
            "  calendar:\n    tradingDays: []\n");
        assertProblem("scheme.calendar.holidays[0]: expected a date yyyy-mm-dd, was '2026-02-30'",
            "  calendar:\n    holidays: [\"2026-02-30\"]\n");
        assertProblem("scheme.calendar.sessions[0]: expected \"HH:MM-HH:MM\" with the open before the close, " +
            "was '15:00-13:00'", "  calendar:\n    sessions: [\"15:00-13:00\"]\n");
        assertProblem("scheme.calendar.sessions: sessions must be in order and must not overlap: 09:30-11:30 then " +
            "11:00-15:00", "  calendar:\n    sessions: [\"09:30-11:30\", \"11:00-15:00\"]\n");
        assertProblem("scheme.referencePriceWindow: must be one of [CALENDAR_MONTH_BEFORE, MONTH_BEFORE_DEADLINE], " +
            "was 'LAST_WEEK'", "  referencePriceWindow: LAST_WEEK\n");
    }

    private static void assertProblem(final String expected, final String section)
    {
        final ConfigException error = assertThrows(ConfigException.class, () -> settings(withCalendar(section)));
        assertEquals(expected, error.getMessage());
    }

    private static ExchangeSettings settings(final String yaml) throws IOException
    {
        return new EngineSetup(parse(yaml)).settings();
    }

    /**
     * The embedded default with its calendar and window replaced by {@code section}.
     */
    private static String withCalendar(final String section) throws IOException
    {
        final String text = defaultText();
        final int start = text.indexOf(CALENDAR_START);
        final int end = text.indexOf(CALENDAR_END);
        assertTrue(start > 0 && end > start, "the embedded default's calendar section moved");
        return text.substring(0, start) + section + text.substring(end);
    }

    private static String defaultText() throws IOException
    {
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExchangeConfig parse(final String yaml) throws IOException
    {
        return ConfigLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
