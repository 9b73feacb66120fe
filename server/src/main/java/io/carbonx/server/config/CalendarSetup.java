package io.carbonx.server.config;

import io.carbonx.clearing.compliance.ReferencePriceWindow;
import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.calendar.TradingCalendar.Session;
import io.carbonx.server.config.ExchangeConfig.CalendarConfig;
import io.carbonx.server.config.ExchangeConfig.SchemeConfig;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code scheme.calendar} into the engine's {@link TradingCalendar} and {@code scheme.referencePriceWindow} into
 * its window kind; every bad value is reported with its key path. Without a calendar, every day trades, in UTC.
 */
final class CalendarSetup
{
    private static final String PATH = "scheme.calendar.";
    private static final Pattern SESSION = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

    private CalendarSetup()
    {
    }

    static TradingCalendar calendar(final SchemeConfig scheme)
    {
        final CalendarConfig config = scheme.calendar();
        if (config == null)
        {
            return TradingCalendar.EVERY_DAY_UTC;
        }
        final ZoneId zone = zone(config.zone());
        final Set<DayOfWeek> days = tradingDays(config.tradingDays());
        final TreeSet<LocalDate> holidays = new TreeSet<>();
        final List<String> holidayTexts = config.holidays() == null ? List.of() : config.holidays();
        for (int i = 0; i < holidayTexts.size(); i++)
        {
            try
            {
                holidays.add(LocalDate.parse(String.valueOf(holidayTexts.get(i)).trim()));
            }
            catch (final DateTimeParseException ex)
            {
                throw new ConfigException(PATH + "holidays[" + i + "]", "expected a date yyyy-mm-dd, was '" +
                    holidayTexts.get(i) + "'");
            }
        }
        final List<Session> sessions = new ArrayList<>();
        final List<String> sessionTexts = config.sessions() == null ? List.of() : config.sessions();
        for (int i = 0; i < sessionTexts.size(); i++)
        {
            sessions.add(session(PATH + "sessions[" + i + "]", sessionTexts.get(i)));
        }
        try
        {
            return new TradingCalendar(zone, days, holidays, sessions);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(PATH + "sessions", ex.getMessage());
        }
    }

    static ReferencePriceWindow.Kind referencePriceWindow(final SchemeConfig scheme)
    {
        return scheme.referencePriceWindow() == null ? ReferencePriceWindow.Kind.CALENDAR_MONTH_BEFORE :
            EngineSetup.enumValue("scheme.referencePriceWindow", ReferencePriceWindow.Kind.class,
                scheme.referencePriceWindow());
    }

    private static ZoneId zone(final String text)
    {
        if (text == null)
        {
            return ZoneOffset.UTC;
        }
        try
        {
            return ZoneId.of(text.trim());
        }
        catch (final DateTimeException ex)
        {
            throw new ConfigException(PATH + "zone", "not a time zone (e.g. Asia/Shanghai, Europe/Berlin): '" +
                text + "'");
        }
    }

    private static Set<DayOfWeek> tradingDays(final List<String> names)
    {
        if (names == null)
        {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (names.isEmpty())
        {
            throw new ConfigException(PATH + "tradingDays", "must name at least one weekday");
        }
        final EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++)
        {
            final DayOfWeek day = EngineSetup.enumValue(PATH + "tradingDays[" + i + "]", DayOfWeek.class, names.get(i));
            if (!days.add(day))
            {
                throw new ConfigException(PATH + "tradingDays[" + i + "]", day + " is named twice");
            }
        }
        return days;
    }

    private static Session session(final String path, final String text)
    {
        final Matcher matcher = SESSION.matcher(text == null ? "" : text.trim());
        try
        {
            if (matcher.matches())
            {
                return new Session(LocalTime.parse(matcher.group(1)), LocalTime.parse(matcher.group(2)));
            }
        }
        catch (final DateTimeParseException | IllegalArgumentException ex)
        {
            throw new ConfigException(path, "expected \"HH:MM-HH:MM\" with the open before the close, was '" + text +
                "'");
        }
        throw new ConfigException(path, "expected \"HH:MM-HH:MM\" with the open before the close, was '" + text + "'");
    }
}
