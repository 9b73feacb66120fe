package io.carbonx.reports;

import io.carbonx.engine.core.CapturingEventSink;
import io.carbonx.engine.core.ExchangeSettings;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.journal.JournalSchema;
import io.carbonx.protocol.EngineEventAdapter;
import io.carbonx.protocol.EngineEventHandler;
import io.carbonx.protocol.sbe.DayClosedDecoder;
import io.carbonx.protocol.sbe.EventEnvelopeDecoder;
import io.carbonx.registry.Account;
import io.carbonx.registry.Holding;
import io.carbonx.registry.RegistryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays a command journal through a fresh {@link ExchangeStateMachine} with the exchange's settings (deterministic,
 * so it emits the very events the exchange did) and feeds the events to report folds.
 * <p>
 * <b>Dating rule.</b> The engine learns a trading date only from {@code EndOfTradingDay(tradingDate)}: the events up
 * to and including a command that emits {@code DayClosed} for date D belong to D; events after the last close belong
 * to the open day (date 0, "open"). Balances are read from the replaying registry at each such close, so a day's
 * opening balances are the previous close's closing balances.
 */
public final class JournalReports
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalReports.class);

    private JournalReports()
    {
    }

    /**
     * @return the days seen, in order: each closed date, then 0 for the open day.
     */
    public static List<Integer> replay(final Path journalDirectory, final ExchangeSettings settings,
        final List<ReportFold> folds)
    {
        final EngineEventAdapter[] adapters = new EngineEventAdapter[folds.size()];
        for (int i = 0; i < adapters.length; i++)
        {
            adapters[i] = new EngineEventAdapter(folds.get(i));
        }
        final DayCloses dayCloses = new DayCloses();
        final EngineEventAdapter dayCloseAdapter = new EngineEventAdapter(dayCloses);
        final List<Integer> days = new ArrayList<>();
        final Balances[] opening = { Balances.empty() };
        final ExchangeStateMachine machine = replayCommands(journalDirectory, settings, (sequence, replayed, events) ->
        {
            dayCloses.closedDate = 0;
            for (int i = 0; i < events.count(); i++)
            {
                final int eventOffset = events.offset(i);
                for (final EngineEventAdapter adapter : adapters)
                {
                    adapter.onEvent(events.buffer(), eventOffset);
                }
                dayCloseAdapter.onEvent(events.buffer(), eventOffset);
            }
            if (dayCloses.closedDate != 0)
            {
                opening[0] = endDay(dayCloses.closedDate, opening[0], capture(replayed.registry()), folds, days);
            }
        });
        endDay(0, opening[0], capture(machine.registry()), folds, days);
        return days;
    }

    /**
     * Replay the whole journal through a fresh state machine and hand every event, in order, to one handler: for
     * consumers that need the event stream from the start but not the report days (surveillance catching up).
     *
     * @return the sequence of the last command replayed (the first is 0), -1 for an empty journal.
     */
    public static long replayEvents(final Path journalDirectory, final ExchangeSettings settings,
        final EngineEventHandler handler)
    {
        final EngineEventAdapter adapter = new EngineEventAdapter(handler);
        final long[] last = { -1 };
        replayCommands(journalDirectory, settings, (sequence, replayed, events) ->
        {
            for (int i = 0; i < events.count(); i++)
            {
                adapter.onEvent(events.buffer(), events.offset(i));
            }
            last[0] = sequence;
        });
        return last[0];
    }

    /**
     * What a replay does after each command: read its events (and the machine, which has applied it).
     */
    @FunctionalInterface
    private interface CommandReplayed
    {
        void onCommand(long sequence, ExchangeStateMachine machine, CapturingEventSink events);
    }

    /**
     * Apply every command of the journal to a fresh state machine sized for it, handing each command's events on.
     *
     * @return the machine, at the journal's end.
     */
    private static ExchangeStateMachine replayCommands(
        final Path journalDirectory, final ExchangeSettings settings, final CommandReplayed onCommand)
    {
        final ExchangeStateMachine machine;
        try (JournalReader reader = new JournalReader(journalDirectory))
        {
            JournalSchema.requireCurrentVersion(reader, journalDirectory);
            machine = new ExchangeStateMachine(sizedFor(settings, reader.lastSequence() + 1));
        }
        final CapturingEventSink events = new CapturingEventSink();
        try (JournalReader reader = new JournalReader(journalDirectory))
        {
            reader.read(-1, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            {
                events.clear();
                try
                {
                    machine.apply(sequence, buffer, offset, length, events);
                }
                catch (final RuntimeException ex)
                {
                    LOG.error("state machine threw replaying command {}", sequence, ex);
                }
                onCommand.onCommand(sequence, machine, events);
            });
        }
        return machine;
    }

    /**
     * The settings with books no larger than the journal could have filled: a book holds at most one order per
     * command, so a journal of n commands never fills a book of n, and the replay rejects exactly what the engine
     * did while allocating for what it holds rather than for the configured capacity. The registry's serial range pool
     * is likewise made no larger than the journal's command count: it only sizes memory (more ranges are allocated
     * when needed), so a report on a short journal does not set aside the pool a long-running engine wants.
     */
    public static ExchangeSettings sizedFor(final ExchangeSettings settings, final long commands)
    {
        final int capacity = (int)Math.max(1, Math.min(settings.orderCapacityPerBook(), commands + 1));
        final long serialRanges = Math.min(settings.serialRangeCapacity(), Math.max(0, commands));
        return capacity == settings.orderCapacityPerBook() && serialRanges == settings.serialRangeCapacity() ?
            settings :
            settings.withCapacities(capacity, serialRanges);
    }

    private static Balances endDay(
        final int date, final Balances opening, final Balances closing, final List<ReportFold> folds,
        final List<Integer> days)
    {
        for (final ReportFold fold : folds)
        {
            fold.onDayEnd(date, opening, closing);
        }
        days.add(date);
        return closing;
    }

    /**
     * @return every account's balances in the registry now, as the reports see them at a day's end.
     */
    public static Balances capture(final RegistryView registry)
    {
        final SortedMap<Long, Balances.AccountBalance> accounts = new TreeMap<>();
        for (final Account account : registry.accounts())
        {
            final SortedMap<Integer, Long> units = new TreeMap<>();
            for (int i = 0; i < account.holdingCount(); i++)
            {
                final Holding holding = account.holdingAt(i);
                units.put(holding.instrumentId(), holding.total());
            }
            accounts.put(account.id(),
                new Balances.AccountBalance(account.id(), account.type().name(), account.cashTotal(), units));
        }
        final SortedMap<Integer, Long> outstanding = new TreeMap<>();
        for (int id = 1; id <= registry.maxInstrumentId(); id++)
        {
            final long units = registry.outstanding(id);
            if (units != 0)
            {
                outstanding.put(id, units);
            }
        }
        return new Balances(accounts, outstanding);
    }

    /**
     * The date of the day a command's events closed, if they closed one.
     */
    private static final class DayCloses implements EngineEventHandler
    {
        private int closedDate;

        @Override
        public void onDayClosed(final EventEnvelopeDecoder envelope, final DayClosedDecoder dayClosed)
        {
            closedDate = dayClosed.tradingDate();
        }
    }
}
