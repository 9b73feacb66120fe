package io.carbonx.server.calendar;

import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.engine.calendar.TradingCalendar.Session;
import io.carbonx.protocol.sbe.TradingPhase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trading calendar's day looks like as commands: at each session's open every instrument goes CONTINUOUS; at a
 * session's close HALTED (the lunch break: orders rest and may be cancelled, none are accepted or matched) or, after
 * the last session, CLOSED followed by the end of the trading day. No PRE_OPEN: the sessions open straight into
 * continuous trading, as the market has no opening auction. Days that do not trade have nothing. Immutable.
 */
public final class TradingSchedule
{
    private static final int MAX_DAYS_AHEAD = 400;

    private final TradingCalendar calendar;

    public TradingSchedule(final TradingCalendar calendar)
    {
        if (calendar.sessions().isEmpty())
        {
            throw new IllegalArgumentException("a calendar without sessions has nothing to schedule");
        }
        this.calendar = calendar;
    }

    /**
     * One command at one instant: a phase for every instrument, or (with {@code phase} null) the end of
     * {@code tradingDate}.
     */
    public record Action(Instant at, TradingPhase phase, LocalDate tradingDate)
    {
        public boolean isEndOfDay()
        {
            return phase == null;
        }
    }

    public TradingCalendar calendar()
    {
        return calendar;
    }

    /**
     * @return the date's actions in time order; none when it does not trade.
     */
    public List<Action> day(final LocalDate date)
    {
        final List<Action> actions = new ArrayList<>();
        if (!calendar.isTradingDay(date))
        {
            return actions;
        }
        final List<Session> sessions = calendar.sessions();
        for (int i = 0; i < sessions.size(); i++)
        {
            final Session session = sessions.get(i);
            actions.add(new Action(calendar.at(date, session.open()), TradingPhase.CONTINUOUS, date));
            final Instant close = calendar.at(date, session.close());
            if (i < sessions.size() - 1)
            {
                actions.add(new Action(close, TradingPhase.HALTED, date));
            }
            else
            {
                actions.add(new Action(close, TradingPhase.CLOSED, date));
                actions.add(new Action(close, null, date));
            }
        }
        return actions;
    }

    /**
     * @return the actions after {@code after} up to and including {@code upTo}, in time order.
     */
    public List<Action> between(final Instant after, final Instant upTo)
    {
        final List<Action> due = new ArrayList<>();
        final LocalDate last = upTo.atZone(calendar.zone()).toLocalDate();
        for (LocalDate date = after.atZone(calendar.zone()).toLocalDate(); !date.isAfter(last); date = date.plusDays(1))
        {
            for (final Action action : day(date))
            {
                if (action.at().isAfter(after) && !action.at().isAfter(upTo))
                {
                    due.add(action);
                }
            }
        }
        return due;
    }

    /**
     * @return the instant of the first action after {@code after}.
     */
    public Instant next(final Instant after)
    {
        LocalDate date = after.atZone(calendar.zone()).toLocalDate();
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, date = date.plusDays(1))
        {
            for (final Action action : day(date))
            {
                if (action.at().isAfter(after))
                {
                    return action.at();
                }
            }
        }
        throw new IllegalStateException("no trading day within " + MAX_DAYS_AHEAD + " days of " + after);
    }

    /**
     * @return the phase the market is in at an instant: CONTINUOUS in a session, HALTED between two sessions of a
     *         trading day, CLOSED otherwise.
     */
    public TradingPhase phaseAt(final Instant instant)
    {
        final LocalDate date = instant.atZone(calendar.zone()).toLocalDate();
        TradingPhase phase = TradingPhase.CLOSED;
        for (final Action action : day(date))
        {
            if (!action.at().isAfter(instant) && !action.isEndOfDay())
            {
                phase = action.phase();
            }
        }
        return phase;
    }

    /**
     * @return the trading days after {@code lastClosed} whose last session has closed by {@code now}, in order: the
     *         ends of day a scheduler that was not running has missed.
     */
    public List<LocalDate> missedEnds(final LocalDate lastClosed, final Instant now)
    {
        final List<LocalDate> missed = new ArrayList<>();
        final Session last = calendar.sessions().get(calendar.sessions().size() - 1);
        for (LocalDate date = calendar.nextTradingDay(lastClosed); !calendar.at(date, last.close()).isAfter(now);
            date = calendar.nextTradingDay(date))
        {
            missed.add(date);
        }
        return missed;
    }
}
