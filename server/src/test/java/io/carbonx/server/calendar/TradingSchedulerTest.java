package io.carbonx.server.calendar;

import io.carbonx.protocol.sbe.TradingPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scheduler on its own thread under a clock the test sets: each action arrives once, in order, when the clock
 * passes its time; a start after downtime closes the missed days in order, then sets the phase of the moment.
 */
class TradingSchedulerTest
{
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"));
    private final Recorded recorded = new Recorded();
    private TradingScheduler scheduler;

    @AfterEach
    void stop()
    {
        if (scheduler != null)
        {
            scheduler.close();
        }
    }

    @Test
    void aTradingDayArrivesAsCommandsAtTheCalendarsTimes()
    {
        start(20261204); // Friday closed; Monday 09:00 in Shanghai
        awaitCommands("CLOSED@2026-12-07T01:00:00Z");

        at("2026-12-07T01:30:00Z");
        awaitCommands("CLOSED@2026-12-07T01:00:00Z", "CONTINUOUS@2026-12-07T01:30:00Z");
        at("2026-12-07T04:00:00Z"); // woken late, in the lunch break: the halt, once
        at("2026-12-07T04:10:00Z");
        at("2026-12-07T05:00:00Z");
        at("2026-12-07T07:00:01Z");
        awaitCommands("CLOSED@2026-12-07T01:00:00Z", "CONTINUOUS@2026-12-07T01:30:00Z",
            "HALTED@2026-12-07T04:00:00Z", "CONTINUOUS@2026-12-07T05:00:00Z", "CLOSED@2026-12-07T07:00:01Z",
            "END 2026-12-07@2026-12-07T07:00:01Z");
    }

    @Test
    void aClockThatJumpsPublishesEveryPassedActionInOrder()
    {
        start(20261204);
        awaitCommands("CLOSED@2026-12-07T01:00:00Z");
        at("2026-12-08T02:00:00Z"); // Tuesday 10:00 in Shanghai
        awaitCommands("CLOSED@2026-12-07T01:00:00Z",
            "CONTINUOUS@2026-12-08T02:00:00Z", "HALTED@2026-12-08T02:00:00Z", "CONTINUOUS@2026-12-08T02:00:00Z",
            "CLOSED@2026-12-08T02:00:00Z", "END 2026-12-07@2026-12-08T02:00:00Z",
            "CONTINUOUS@2026-12-08T02:00:00Z");
    }

    @Test
    void aStartAfterDowntimeClosesTheMissedDaysInOrderThenSetsThePhaseOfTheMoment()
    {
        clock.set("2026-12-07T02:00:00Z"); // Monday 10:00 in Shanghai; the last day closed was Wednesday
        start(20261202);
        awaitCommands("CLOSED@2026-12-07T02:00:00Z", "END 2026-12-03@2026-12-07T02:00:00Z",
            "END 2026-12-04@2026-12-07T02:00:00Z", "CONTINUOUS@2026-12-07T02:00:00Z");
    }

    @Test
    void aNewExchangeHasNoMissedDays()
    {
        clock.set("2026-12-07T04:00:00Z");
        start(0);
        awaitCommands("HALTED@2026-12-07T04:00:00Z");
    }

    @Test
    void itsThreadIsNamedAndEndsOnClose() throws Exception
    {
        start(20261204);
        awaitCommands("CLOSED@2026-12-07T01:00:00Z");
        final Thread thread = recorded.thread();
        assertEquals("carbonx-scheduler", thread.getName());
        scheduler.close();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(false, thread.isAlive());
        scheduler = null;
    }

    private void start(final int lastClosedDate)
    {
        scheduler = new TradingScheduler(new TradingSchedule(TradingScheduleTest.CHINA), clock, lastClosedDate,
            recorded);
        scheduler.start();
    }

    /**
     * Set the clock and wake the scheduler, then wait until it has read the new time (it publishes nothing when
     * nothing is due, so the test waits for its own wake to be consumed by checking the recording afterwards).
     */
    private void at(final String instant)
    {
        clock.set(instant);
        scheduler.wake();
        // let each step be seen on its own, as a real clock would be: the recording shows what was published by now
        await().atMost(10, TimeUnit.SECONDS).until(() -> scheduler.observed(clock.instant()));
    }

    private void awaitCommands(final String... expected)
    {
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(List.of(expected), recorded.list()));
    }

    /**
     * What the scheduler published, as text; written by the scheduler's thread, read by the test's.
     */
    private static final class Recorded implements TradingScheduler.Commands
    {
        private final List<String> commands = new ArrayList<>();
        private volatile Thread thread;

        @Override
        public synchronized void phase(final TradingPhase phase, final long timestamp)
        {
            thread = Thread.currentThread();
            commands.add(phase + "@" + instant(timestamp));
        }

        @Override
        public synchronized void endOfDay(final LocalDate tradingDate, final long timestamp)
        {
            thread = Thread.currentThread();
            commands.add("END " + tradingDate + "@" + instant(timestamp));
        }

        synchronized List<String> list()
        {
            return List.copyOf(commands);
        }

        Thread thread()
        {
            return thread;
        }

        private static Instant instant(final long nanos)
        {
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
    }
}
