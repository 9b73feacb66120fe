package io.carbonx.engine.pipeline;

import io.carbonx.engine.core.StateMachine;
import io.carbonx.engine.event.EventSink;
import io.carbonx.engine.journal.ChronicleJournal;
import io.carbonx.engine.journal.Journal;
import io.carbonx.engine.journal.JournalDurability;
import io.carbonx.engine.journal.JournalPretoucher;
import io.carbonx.engine.journal.JournalReader;
import io.carbonx.engine.journal.NullJournal;
import io.carbonx.engine.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInput;
import java.io.DataOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.carbonx.engine.pipeline.EnginePipelineTest.capturingStandardError;
import static io.carbonx.engine.pipeline.EnginePipelineTest.publishScript;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's thread arrangement: one business-logic thread journals each batch and then applies it, so neither the
 * state nor any event is ever ahead of the journal, and the engine runs no journaling thread of its own.
 */
@Timeout(60)
class EnginePipelineThreadsTest
{
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<EnginePipeline> engines = new ArrayList<>();

    @AfterEach
    void closeEngines()
    {
        engines.forEach(EnginePipeline::close);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theEngineRunsOneThreadForJournalAndStateMachineAndOnePerListener(final boolean journalOn)
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final Journal journal = journalOn ?
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE) : new NullJournal();
        final CapturingListener first = new CapturingListener();
        final CapturingListener second = new CapturingListener();
        final EnginePipeline engine =
            new EnginePipeline(settings, new OrderMapStateMachine(), journal, List.of(first, second));
        engines.add(engine);
        assertEquals(Set.of(), engineThreads());

        engine.start();
        publishScript(engine, CommandScript.generate(3, 100, 1));
        await().atMost(AWAIT).until(() -> second.count() == 100);
        final Set<String> expected = new TreeSet<>(Set.of("carbonx-business-logic", "carbonx-capture-0",
            "carbonx-capture-1"));
        if (journalOn && JournalPretoucher.supported())
        {
            expected.add("carbonx-journal-pretouch"); // faults in the journal's pages ahead of the business logic
        }
        assertEquals(expected, engineThreads());

        engine.close();
        assertEquals(Set.of(), engineThreads(), "close stops every thread it started");
        assertEquals(100, first.count());
    }

    @Test
    void closeFinishesTheSnapshotBeingWrittenAndStopsItsWriter() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = new EnginePipeline(settings, new OrderMapStateMachine(), List.of(listener));
        engines.add(engine);
        engine.start();

        publishScript(engine, CommandScript.generate(9, 30, 1));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EnginePipeline.MAX_COMMAND_LENGTH]);
        engine.publish(buffer, 0, new TestCommands().takeSnapshot(buffer, 9, 1));
        engine.close();

        assertEquals(Set.of(), engineThreads(), "close stops the snapshot writer too");
        final List<Path> snapshots = new SnapshotStore(settings.snapshotDirectory(), 3).snapshots();
        assertEquals(1, snapshots.size(), "the snapshot taken just before close is on disk");
        assertEquals(30, SnapshotStore.validate(snapshots.get(0)).sequence());
    }

    @Test
    void neitherTheStateNorAnyEventGetsAheadOfAJournalThatHasNotTakenACommand() throws Exception
    {
        final int blockedSequence = 40;
        final BlockingJournal journal = new BlockingJournal(new NullJournal(), blockedSequence);
        final RecordingStateMachine stateMachine = new RecordingStateMachine(new OrderMapStateMachine());
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine =
            new EnginePipeline(settings(JournalDurability.PAGE_CACHE), stateMachine, journal, List.of(listener));
        engines.add(engine);
        engine.start();

        final List<byte[]> script = CommandScript.generate(5, 100, 1);
        publishScript(engine, script.subList(0, blockedSequence));
        listener.awaitCount(blockedSequence, AWAIT);
        publishScript(engine, script.subList(blockedSequence, script.size()));
        assertTrue(journal.entered.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "the journal was asked for 40");

        // The journal is stuck in the append of command 40: nothing from 40 on is applied or answered meanwhile.
        assertEquals(blockedSequence, stateMachine.applied().size());
        assertEquals(blockedSequence, listener.count());
        assertTrue(listener.events().stream().allMatch(event -> event.commandSequence() < blockedSequence));

        journal.release.countDown();
        listener.awaitCount(script.size(), AWAIT);
        final List<CapturingListener.Event> events = listener.events();
        for (int i = 0; i < events.size(); i++)
        {
            assertEquals(i, events.get(i).commandSequence());
        }
    }

    @Test
    void aJournalFaultLeavesTheStateMachineLevelWithTheJournal() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        final ScriptedJournal journal = new ScriptedJournal(
            new ChronicleJournal(settings.journalDirectory(), JournalDurability.PAGE_CACHE), true).failAppendAt(50);
        final RecordingStateMachine stateMachine = new RecordingStateMachine(new OrderMapStateMachine());
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = new EnginePipeline(settings, stateMachine, journal, List.of(listener));
        engines.add(engine);
        capturingStandardError(() ->
        {
            engine.start();
            for (final byte[] command : CommandScript.generate(17, 200, 1))
            {
                try
                {
                    engine.publish(new UnsafeBuffer(command), 0, command.length);
                }
                catch (final EngineUnavailableException ex)
                {
                    break;
                }
            }
            await().atMost(AWAIT).until(engine::state, state -> state == EngineState.FAILED);
            engine.close();
        });

        final List<RecordingStateMachine.Applied> applied = stateMachine.applied();
        assertTrue(applied.size() <= 50, "none of the batch whose append failed is applied: " + applied.size());
        for (int i = 0; i < applied.size(); i++)
        {
            assertEquals(i, applied.get(i).sequence());
        }
        assertEquals(applied.size(), listener.count());
        try (JournalReader reader = new JournalReader(settings.journalDirectory()))
        {
            assertEquals(applied.size() - 1, reader.lastSequence(), "exactly the journaled commands are applied");
        }
    }

    @Test
    void noBatchIsLargerThanTheSettingAndEachEndsWithASync()
    {
        final EngineSettings settings = settings(JournalDurability.SYNC_PER_BATCH).toBuilder()
            .batchCommands(16)
            .build();
        final BatchCountingJournal journal = new BatchCountingJournal();
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine =
            new EnginePipeline(settings, new OrderMapStateMachine(), journal, List.of(listener));
        engines.add(engine);
        engine.start();
        publishScript(engine, CommandScript.generate(41, 2_000, 1));
        engine.close();

        assertEquals(2_000, listener.count());
        assertEquals(1_999, journal.lastSequence());
        assertTrue(journal.largestBatch >= 1 && journal.largestBatch <= 16, "largest batch " + journal.largestBatch);
        assertEquals(0, journal.appendsSinceSync, "every batch was synced before it was applied");
    }

    @Test
    void commandsWithMoreEventsThanTheEventRingHoldsAreDeliveredInOrderAndDrainedOnClose()
    {
        final int commands = 30;
        final int eventsPerCommand = 50;
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE).toBuilder()
            .eventRingSize(8)
            .build();
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = new EnginePipeline(
            settings, new FanOutStateMachine(eventsPerCommand), new NullJournal(), List.of(listener));
        engines.add(engine);
        engine.start();
        publishScript(engine, CommandScript.generate(43, commands, 1));
        engine.close();

        final List<CapturingListener.Event> events = listener.events();
        assertEquals(commands * eventsPerCommand, events.size());
        for (int i = 0; i < events.size(); i++)
        {
            final UnsafeBuffer event = new UnsafeBuffer(events.get(i).bytes());
            assertEquals(i / eventsPerCommand, events.get(i).commandSequence());
            assertEquals(i / eventsPerCommand, event.getLong(0));
            assertEquals(i % eventsPerCommand, event.getInt(8));
        }
    }

    @Test
    void withTheDefaultWaitStrategiesAnIdleEngineLeavesTheCoresAlone() throws Exception
    {
        final EngineSettings settings = settings(JournalDurability.PAGE_CACHE);
        assertEquals(WaitStrategyType.BACKOFF, settings.commandWaitStrategy());
        assertEquals(WaitStrategyType.BACKOFF, settings.eventWaitStrategy());
        final CapturingListener listener = new CapturingListener();
        final EnginePipeline engine = new EnginePipeline(settings, new OrderMapStateMachine(), List.of(listener));
        engines.add(engine);
        engine.start();
        publishScript(engine, CommandScript.generate(47, 10, 1));
        listener.awaitCount(10, AWAIT);

        // Sample what the idle threads are doing: a thread that waits by spinning or yielding is always RUNNABLE,
        // one that blocks is WAITING until signalled, however loaded the machine is.
        final List<Thread> engineThreads = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("carbonx-"))
            .toList();
        // business logic, listener, and the journal's pretoucher where it runs
        assertEquals(JournalPretoucher.supported() ? 3 : 2, engineThreads.size(), engineThreads.toString());
        final int samples = 200;
        int running = 0;
        for (int i = 0; i < samples; i++)
        {
            for (final Thread thread : engineThreads)
            {
                if (Thread.State.RUNNABLE == thread.getState())
                {
                    running++;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertTrue(running < samples / 2, "idle engine threads found running in " + running + " of " +
            samples * engineThreads.size() + " samples");
    }

    private static Set<String> engineThreads()
    {
        final Set<String> names = new TreeSet<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("carbonx-") && thread.isAlive())
            {
                names.add(thread.getName());
            }
        }
        return names;
    }

    private EngineSettings settings(final JournalDurability durability)
    {
        return EnginePipelineTest.settings(directory, durability);
    }

    /**
     * Holds the append of one sequence until released.
     */
    private static final class BlockingJournal implements Journal
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Journal delegate;
        private final long blockedSequence;

        BlockingJournal(final Journal delegate, final long blockedSequence)
        {
            this.delegate = delegate;
            this.blockedSequence = blockedSequence;
        }

        @Override
        public long lastSequence()
        {
            return delegate.lastSequence();
        }

        @Override
        public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (sequence == blockedSequence)
            {
                entered.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
            }
            delegate.append(sequence, buffer, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            delegate.endOfBatch();
        }

        @Override
        public void close()
        {
            delegate.close();
        }
    }

    /**
     * Counts appends between syncs. Written by the business-logic thread, read after the engine is closed.
     */
    private static final class BatchCountingJournal implements Journal
    {
        private long lastSequence = -1;
        private int appendsSinceSync;
        private int largestBatch;

        @Override
        public long lastSequence()
        {
            return lastSequence;
        }

        @Override
        public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            lastSequence = sequence;
            appendsSinceSync++;
        }

        @Override
        public void endOfBatch()
        {
            largestBatch = Math.max(largestBatch, appendsSinceSync);
            appendsSinceSync = 0;
        }

        @Override
        public void close()
        {
        }
    }

    /**
     * Answers every command with a fixed number of events holding the command's sequence and the event's index.
     */
    private static final class FanOutStateMachine implements StateMachine
    {
        private final int eventsPerCommand;
        private long lastAppliedSequence = -1;

        FanOutStateMachine(final int eventsPerCommand)
        {
            this.eventsPerCommand = eventsPerCommand;
        }

        @Override
        public void apply(
            final long sequence, final DirectBuffer buffer, final int offset, final int length, final EventSink events)
        {
            for (int i = 0; i < eventsPerCommand; i++)
            {
                final MutableDirectBuffer event = events.claim();
                event.putLong(0, sequence);
                event.putInt(8, i);
                events.publish(12);
            }
            lastAppliedSequence = sequence;
        }

        @Override
        public long stateHash()
        {
            return lastAppliedSequence;
        }

        @Override
        public long lastAppliedSequence()
        {
            return lastAppliedSequence;
        }

        @Override
        public void writeSnapshot(final DataOutput out)
        {
        }

        @Override
        public void readSnapshot(final DataInput in)
        {
        }
    }
}
