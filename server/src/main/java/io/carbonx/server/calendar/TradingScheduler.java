package io.carbonx.server.calendar;

import io.carbonx.engine.calendar.TradingCalendar;
import io.carbonx.protocol.sbe.TradingPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes a trading calendar's day as ordinary commands at its times: the phases of every instrument and the end
 * of each trading day (see {@link TradingSchedule}). The core reads no clock; this does, outside it, and the engine
 * checks what it sends like any other command.
 * <p>
 * On start it catches up: for a journal that has closed a day before, the trading days whose last session has closed
 * since the last closed date are closed in order (after setting every instrument CLOSED), then every instrument is set
 * to the phase of the moment (CLOSED, CONTINUOUS or HALTED). A new exchange (nothing closed yet) has no missed days.
 * Then it sleeps until the next action, waking at least every {@link #MAX_WAIT} to read the clock again (a clock set
 * forward is noticed within it; every action the clock has passed is published, in order).
 * <p>
 * Its one thread, {@code carbonx-scheduler}, reads the clock and publishes; {@link #wake} and {@link #close} may be
 * called from any thread. {@code woken} is shared under the lock; {@code done} is written by the thread only
 * (volatile for {@link #observed}).
 */
public final class TradingScheduler implements AutoCloseable
{
    /** The longest the thread sleeps without reading the clock. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TradingScheduler.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Where the scheduled commands go.
     */
    public interface Commands
    {
        /**
         * Set every instrument's phase.
         */
        void phase(TradingPhase phase, long timestamp);

        /**
         * End a trading day.
         */
        void endOfDay(LocalDate tradingDate, long timestamp);
    }

    private final TradingSchedule schedule;
    private final Clock clock;
    private final int lastClosedDate;
    private final Commands commands;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean woken;
    private volatile Instant done;

    /**
     * @param lastClosedDate the engine's last closed trading date (yyyymmdd), 0 when none: read once recovery has
     *                       replayed the journal, before the engine takes commands.
     */
    public TradingScheduler(
        final TradingSchedule schedule, final Clock clock, final int lastClosedDate, final Commands commands)
    {
        this.schedule = schedule;
        this.clock = clock;
        this.lastClosedDate = lastClosedDate;
        this.commands = commands;
        this.thread = new Thread(this::run, "carbonx-scheduler");
        thread.setDaemon(true);
    }

    public void start()
    {
        thread.start();
    }

    /**
     * Read the clock again now, rather than at the next action or {@link #MAX_WAIT}: for a clock that was moved.
     */
    public void wake()
    {
        lock.lock();
        try
        {
            woken = true;
            wakeUp.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return true once the scheduler has read the clock at or after {@code instant} and published what was due.
     */
    boolean observed(final Instant instant)
    {
        final Instant seen = done;
        return seen != null && !seen.isBefore(instant);
    }

    /**
     * Stop the thread and wait for it.
     */
    @Override
    public void close()
    {
        running = false;
        wake();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        try
        {
            catchUp();
            while (running)
            {
                publishDue();
                awaitNext();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void catchUp()
    {
        final Instant now = clock.instant();
        final long timestamp = nanos(now);
        if (lastClosedDate != 0)
        {
            final List<LocalDate> missed = schedule.missedEnds(TradingCalendar.dateOf(lastClosedDate), now);
            if (!missed.isEmpty())
            {
                LOG.info("scheduler: closing {} missed trading day(s), {} to {}", missed.size(), missed.get(0),
                    missed.get(missed.size() - 1));
                publish(() -> commands.phase(TradingPhase.CLOSED, timestamp));
                for (final LocalDate date : missed)
                {
                    publish(() -> commands.endOfDay(date, timestamp));
                }
            }
        }
        final TradingPhase phase = schedule.phaseAt(now);
        LOG.info("scheduler: every instrument {} at {}; next action at {}", phase, now, schedule.next(now));
        publish(() -> commands.phase(phase, timestamp));
        done = now;
    }

    private void publishDue()
    {
        final Instant now = clock.instant();
        if (!now.isAfter(done))
        {
            return;
        }
        final long timestamp = nanos(now);
        for (final TradingSchedule.Action action : schedule.between(done, now))
        {
            if (action.isEndOfDay())
            {
                publish(() -> commands.endOfDay(action.tradingDate(), timestamp));
            }
            else
            {
                publish(() -> commands.phase(action.phase(), timestamp));
            }
        }
        done = now;
    }

    private void awaitNext() throws InterruptedException
    {
        final long delay = Math.min(Duration.between(clock.instant(), schedule.next(done)).toNanos(),
            MAX_WAIT.toNanos());
        lock.lock();
        try
        {
            long remaining = delay;
            while (running && !woken && remaining > 0)
            {
                remaining = wakeUp.awaitNanos(remaining);
            }
            woken = false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * A command the engine does not take (it has stopped) is logged and skipped: the scheduler goes on with the next.
     */
    private static void publish(final Runnable command)
    {
        try
        {
            command.run();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("scheduler: a command was not published: {}", ex.toString());
        }
    }

    private static long nanos(final Instant instant)
    {
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }
}
